/**
 * Aggregates for the owner's reports over a UTC window [fromIso, toIso).
 * ISO-8601 UTC strings of equal format sort lexicographically, so range
 * comparisons on TEXT are exact. What each number means (a sale, a tender,
 * the drawer) is defined in `../reports/README.md`.
 */
import type { Database } from './open-ledger';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { LEDGER_VOCABULARY, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

export interface SalesTotals {
  /** Tenders paid in the window (kept under its old name: every report before v9 called a payment a sale). */
  paidCount: number;
  /** Sales closed as paid in the window (a split sale is one; a Rp 0 sale is one), plus pre-v9 orders paid in it. */
  saleCount: number;
  /** Tenders paid in the window: the same number as `paidCount`. */
  tenderCount: number;
  paidTotal: number;
  /** Gateway refunds applied in the window plus refunds paid from the drawer in it. */
  refundedTotal: number;
  pendingCount: number;
  failedCount: number;
  byMethod: { method: PaymentMethod; count: number; total: number }[];
}

/** Paid sales in one 15-minute UTC slot: `slot` × 900 s is the slot's start (Unix seconds). */
export interface PaidSlot {
  slot: number;
  count: number;
  total: number;
}

/** The cash tenders of a window, as the drawer saw them. */
export interface CashFlow {
  /** Σ cash handed over by customers (a cash payment recorded before v9: its amount). */
  received: number;
  /** Σ change handed back. */
  change: number;
  /** Σ cash rounding of the window's paid tenders (≤ 0: rounding is always down). */
  rounding: number;
}

/**
 * Every zone offset in use is a whole multiple of 15 minutes (WIB +7:00,
 * India +5:30, Nepal +5:45), so a 15-minute UTC slot never straddles a local
 * hour and slots can be mapped to the shop's hours exactly, DST included.
 */
export const SLOT_SECONDS = 900;

/** Paid sales per slot in [?, ?): exported so a test can check its query plan uses payments_paid. */
export const PAID_SLOTS_SQL = `SELECT CAST(strftime('%s', paid_at) AS INTEGER) / ${SLOT_SECONDS} AS slot, COUNT(*) AS count, SUM(amount) AS total
  FROM payments WHERE paid_at >= ? AND paid_at < ? GROUP BY slot ORDER BY slot`;

/**
 * Sales of a window: sales closed as paid in it (index sales_closed), plus
 * orders with no `sales` row (written before v9 or by an older path) counted
 * once per order with a payment paid in it (payments_paid, sales' primary key).
 */
export const SALE_COUNT_SQL = `SELECT
    (SELECT COUNT(*) FROM sales WHERE closed_at >= @from AND closed_at < @to AND status = 'paid')
  + (SELECT COUNT(DISTINCT p.order_id) FROM payments p
     WHERE p.paid_at >= @from AND p.paid_at < @to AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = p.order_id)) AS n`;

/** Cash received, change and rounding of the tenders paid in a window (payments_paid, sale_tenders' key). */
export const CASH_FLOW_SQL = `SELECT
    COALESCE(SUM(CASE WHEN p.method = 'cash' THEN COALESCE(t.received, p.amount) END), 0) AS received,
    COALESCE(SUM(CASE WHEN p.method = 'cash' THEN COALESCE(t.change_given, 0) END), 0) AS change,
    COALESCE(SUM(t.rounding), 0) AS rounding
  FROM payments p LEFT JOIN sale_tenders t ON t.payment_id = p.id
  WHERE p.paid_at >= @from AND p.paid_at < @to`;

/**
 * Cash paid back from the drawer in a window (refunds and void returns; a
 * "no sale" opening moves nothing), per method of the tender it pays back —
 * 'cash' when it names none. Index drawer_movements_at.
 */
export const DRAWER_REFUNDS_SQL = `SELECT COALESCE(p.method, 'cash') AS method, SUM(d.amount) AS refunded
  FROM drawer_movements d LEFT JOIN payments p ON p.id = d.payment_id
  WHERE d.created_at >= @from AND d.created_at < @to AND d.kind IN ('refund', 'void_return')
  GROUP BY 1`;

/** Named parameters of a window query: [from, to). */
interface Span {
  from: string;
  to: string;
}

/** Refunds of a window per method of the payment refunded: at the gateway, and paid from the drawer. */
export interface RefundsByMethod {
  atGateway: Map<PaymentMethod, number>;
  fromDrawer: Map<PaymentMethod, number>;
}

/** Prepared sales queries. */
export class SalesQueries {
  private readonly paid;
  private readonly saleCount;
  private readonly byMethod;
  private readonly refunded;
  private readonly refundedByMethod;
  private readonly openAndFailed;
  private readonly slots;
  private readonly cash;
  private readonly drawer;
  private readonly guard: VocabularyGuard;

  constructor(db: Database, vocabulary: LedgerVocabulary = LEDGER_VOCABULARY) {
    this.guard = new VocabularyGuard(vocabulary);
    this.paid = db.prepare<[string, string], { n: number; total: number }>(
      'SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM payments WHERE paid_at >= ? AND paid_at < ?',
    );
    this.saleCount = db.prepare<[Span], number>(SALE_COUNT_SQL).pluck();
    this.byMethod = db.prepare<[string, string], { method: PaymentMethod; count: number; total: number }>(
      `SELECT method, COUNT(*) AS count, SUM(amount) AS total FROM payments
       WHERE paid_at >= ? AND paid_at < ? GROUP BY method ORDER BY total DESC, method`,
    );
    this.refunded = db.prepare<[string, string], { total: number }>(
      `SELECT COALESCE(SUM(refunded_delta), 0) AS total FROM payment_events
       WHERE refunded_delta > 0 AND created_at >= ? AND created_at < ?`,
    );
    this.refundedByMethod = db.prepare<[string, string], { method: PaymentMethod; refunded: number }>(
      `SELECT p.method AS method, SUM(e.refunded_delta) AS refunded
       FROM payment_events e JOIN payments p ON p.id = e.payment_id
       WHERE e.refunded_delta > 0 AND e.created_at >= ? AND e.created_at < ?
       GROUP BY p.method`,
    );
    this.openAndFailed = db.prepare<[string, string], { pending: number; failed: number }>(
      `SELECT COALESCE(SUM(status IN ('creating', 'pending')), 0) AS pending,
              COALESCE(SUM(status IN ('expire', 'cancel', 'deny', 'failure', 'failed_to_create')), 0) AS failed
       FROM payments WHERE created_at >= ? AND created_at < ?`,
    );
    // Range on paid_at uses the payments_paid index (a comparison implies NOT NULL,
    // so the partial index qualifies); at most ~100 groups per day come back.
    this.slots = db.prepare<[string, string], PaidSlot>(PAID_SLOTS_SQL);
    this.cash = db.prepare<[Span], CashFlow>(CASH_FLOW_SQL);
    this.drawer = db.prepare<[Span], { method: PaymentMethod; refunded: number }>(DRAWER_REFUNDS_SQL);
  }

  /** Paid sales (gross) in [fromIso, toIso) grouped by 15-minute UTC slot, for zone-aware hourly charts. */
  paidSlots(fromIso: string, toIso: string): PaidSlot[] {
    return this.slots.all(fromIso, toIso);
  }

  /**
   * Paid = reached settlement/capture in the window (gross, even if refunded
   * later); sales = closed as paid in the window; refunds = refund amounts
   * applied at the gateway or paid from the drawer in the window;
   * pending/failed = attempts created in the window that are open / ended unpaid.
   */
  totals(fromIso: string, toIso: string): SalesTotals {
    const w = { from: fromIso, to: toIso };
    const paid = this.paid.get(fromIso, toIso) ?? { n: 0, total: 0 };
    const refunded = this.refunded.get(fromIso, toIso) ?? { total: 0 };
    const fromDrawer = this.drawer.all(w).reduce((s, r) => s + r.refunded, 0);
    const of = this.openAndFailed.get(fromIso, toIso) ?? { pending: 0, failed: 0 };
    return {
      paidCount: paid.n,
      saleCount: this.saleCount.get(w) ?? 0,
      tenderCount: paid.n,
      paidTotal: paid.total,
      refundedTotal: refunded.total + fromDrawer,
      pendingCount: of.pending,
      failedCount: of.failed,
      byMethod: this.byMethod.all(fromIso, toIso).map((r) => ({ ...r, method: this.guard.method(r.method) })),
    };
  }

  /** Cash received, change given and rounding of the tenders paid in [fromIso, toIso). */
  cashFlow(fromIso: string, toIso: string): CashFlow {
    return this.cash.get({ from: fromIso, to: toIso }) ?? { received: 0, change: 0, rounding: 0 };
  }

  /**
   * Refunds in [fromIso, toIso) per method of the payment refunded: applied
   * at the gateway (payment_events), and paid back from the drawer (refunds
   * and void returns; never a payment status, so never both).
   */
  refunds(fromIso: string, toIso: string): RefundsByMethod {
    const atGateway = this.refundedByMethod.all(fromIso, toIso);
    const fromDrawer = this.drawer.all({ from: fromIso, to: toIso });
    return {
      atGateway: new Map(atGateway.map((r) => [this.guard.method(r.method), r.refunded])),
      fromDrawer: new Map(fromDrawer.map((r) => [this.guard.method(r.method, 'drawer_movements'), r.refunded])),
    };
  }
}

