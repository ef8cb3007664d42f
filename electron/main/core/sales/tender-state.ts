/**
 * Where a sale stands, from its tenders' payment statuses (pure). A tender
 * counts as **paid** once its payment was paid (settlement/capture, and still
 * after a later refund: a refund is money going back, not an unpaid part),
 * **open** while its payment is creating or pending, and **no** when it
 * failed, expired, was cancelled or denied (it covers nothing; the sale may
 * take another tender for that part). A tender the cashier **abandoned**
 * covers nothing whatever its payment does — unless it was paid anyway and
 * the owner decided to `keep` it against the sale.
 */
import type { PaymentMethod, PaymentStatus } from '../../../../shared/domain/payment';

/** Whether a tender covers its part: paid, still open, or not at all. */
export type TenderCounts = 'paid' | 'open' | 'no';

/** How a tender with this payment status counts. */
export function tenderCounts(status: PaymentStatus): TenderCounts {
  switch (status) {
    case 'settlement':
    case 'capture':
    case 'partial_refund':
    case 'refund':
      return 'paid';
    case 'creating':
    case 'pending':
      return 'open';
    default:
      return 'no';
  }
}

/** How a tender counts, abandoned tenders included (see the file's comment). */
export function countsOf(t: Pick<TenderFacts, 'status' | 'abandoned' | 'lateDecision'>): TenderCounts {
  const counts = tenderCounts(t.status);
  if (!t.abandoned) return counts;
  return counts === 'paid' && t.lateDecision === 'keep' ? 'paid' : 'no';
}

/** What the totals need of one tender. */
export interface TenderFacts {
  paymentId: string;
  method: PaymentMethod;
  status: PaymentStatus;
  /** The cashier stopped waiting for it (`sale_tenders.abandoned_at`). */
  abandoned?: boolean;
  /** The owner's decision on it once paid anyway (`sale_tenders.late_decision`). */
  lateDecision?: string | null;
  applied: number;
  rounding: number;
  change: number | null;
}

/** A sale's position against its total. */
export interface SaleTotals {
  /** Σ applied of paid tenders. */
  paid: number;
  /** Σ applied of open tenders. */
  pending: number;
  /** total − paid − pending, never below 0: what no tender covers yet. */
  remaining: number;
  /** Σ cash rounding of the tenders that count (≤ 0). */
  rounding: number;
  /** Σ change handed out by the tenders that count. */
  change: number;
  /** The tender still open, if any (at most one at a time). */
  open: TenderFacts | null;
}

/** Totals of a sale of `total` with these tenders. */
export function saleTotals(total: number, tenders: readonly TenderFacts[]): SaleTotals {
  let paid = 0;
  let pending = 0;
  let rounding = 0;
  let change = 0;
  let open: TenderFacts | null = null;
  for (const t of tenders) {
    const counts = countsOf(t);
    if (counts === 'no') continue;
    if (counts === 'paid') paid += t.applied;
    else {
      pending += t.applied;
      open ??= t;
    }
    rounding += t.rounding;
    change += t.change ?? 0;
  }
  return { paid, pending, remaining: Math.max(0, total - paid - pending), rounding, change, open };
}

/**
 * True when an open sale is paid: something to pay, no tender still open,
 * and the paid tenders cover the total. A sale of Rp 0 is never paid by this
 * rule (an empty sale must stay open): the cashier completes it explicitly.
 */
export function isSettled(total: number, tenders: readonly TenderFacts[]): boolean {
  const t = saleTotals(total, tenders);
  return total > 0 && t.open === null && t.paid >= total;
}

/** Lines and discounts may change only while no tender is open or paid. */
export function isEditable(tenders: readonly Pick<TenderFacts, 'status' | 'abandoned' | 'lateDecision'>[]): boolean {
  return tenders.every((t) => countsOf(t) === 'no');
}
