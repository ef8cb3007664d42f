/**
 * Aggregates for the owner's reports over a UTC window [fromIso, toIso).
 * A window of whole 15-minute slots (a shop's day always is) is answered from
 * the slots the ledger keeps (v15, report-slots.ts): a day's ~100 rows
 * whatever its size. Any other window, and what the slots do not keep
 * (refunds, the drawer), is read from the records: ISO-8601 UTC strings of
 * equal format sort lexicographically, so range comparisons on TEXT are
 * exact, and every such query reads one covering index range (v11:
 * `payments_paid_cover`, `payments_created_status`, `sales_closed_paid`),
 * never a payment's row; the few joins are limited to the rows that need them
 * (cash tenders, tenders of sales not closed in the window). What each number
 * means (a sale, a tender, the drawer) is defined in `../reports/README.md`.
 */
import type { Database } from './open-ledger';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { ReportSlots, SLOT_SECONDS, slotSpan } from './report-slots';
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

/** The reports' slot length (report-slots.ts), re-exported for the callers of these queries. */
export { SLOT_SECONDS };

/**
 * Paid sales per slot in [?, ?): exported so a test can check its query plan uses payments_paid_cover.
 * Grouped on the text of paid_at (its UTC hour, then the quarter of it: the
 * stored times are all `YYYY-MM-DDTHH:MM:SS.sssZ`), and the slot's number worked
 * out once per group, not per row.
 */
export const PAID_SLOTS_SQL = `SELECT CAST(strftime('%s', substr(paid_at, 1, 13) || ':00:00Z') AS INTEGER) / ${SLOT_SECONDS}
      + CAST(substr(paid_at, 15, 2) AS INTEGER) / 15 AS slot, COUNT(*) AS count, SUM(amount) AS total
  FROM payments INDEXED BY payments_paid_cover WHERE paid_at >= ? AND paid_at < ?
  GROUP BY substr(paid_at, 1, 13), CAST(substr(paid_at, 15, 2) AS INTEGER) / 15 ORDER BY slot`;

/**
 * Paid tenders per method and 15-minute slot in [?, ?): the Today screen's
 * totals, per-method rows and hourly chart from one scan and one sort
 * (rather than one per question). Slots as in PAID_SLOTS_SQL.
 */
export const PAID_BY_METHOD_AND_SLOT_SQL = `SELECT method, CAST(strftime('%s', substr(paid_at, 1, 13) || ':00:00Z') AS INTEGER) / ${SLOT_SECONDS}
      + CAST(substr(paid_at, 15, 2) AS INTEGER) / 15 AS slot, COUNT(*) AS count, SUM(amount) AS total
  FROM payments INDEXED BY payments_paid_cover WHERE paid_at >= ? AND paid_at < ?
  GROUP BY method, substr(paid_at, 1, 13), CAST(substr(paid_at, 15, 2) AS INTEGER) / 15`;

/**
 * Sales of a window: sales closed as paid in it (sales_closed_paid, covering),
 * plus orders with no `sales` row (written before v9 or by an older path:
 * a bare charge) counted once per order with a payment paid in it
 * (payments_paid_cover, then the sales key). Measured at 30,000 a day, the
 * probe per paid tender costs less than first setting aside the orders of
 * the day's closed sales (NOT IN builds and probes a temporary index).
 */
export const SALE_COUNT_SQL = `SELECT
    (SELECT COUNT(*) FROM sales INDEXED BY sales_closed_paid WHERE closed_at >= @from AND closed_at < @to AND status = 'paid')
  + (SELECT COUNT(DISTINCT p.order_id) FROM payments p INDEXED BY payments_paid_cover
     WHERE p.paid_at >= @from AND p.paid_at < @to AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = p.order_id)) AS n`;

/**
 * Cash received, change and rounding of the cash tenders paid in a window:
 * the cash payments are picked from payments_paid_cover's range (method is in
 * the index), and only they are joined to their tender (sale_tenders' key).
 * Rounding is a cash tender's (the till rounds cash only; an electronic
 * tender is written with rounding 0), so the other tenders need no join.
 */
export const CASH_FLOW_SQL = `SELECT
    COALESCE(SUM(COALESCE(t.received, p.amount)), 0) AS received,
    COALESCE(SUM(COALESCE(t.change_given, 0)), 0) AS change,
    COALESCE(SUM(t.rounding), 0) AS rounding
  FROM payments p INDEXED BY payments_paid_cover LEFT JOIN sale_tenders t ON t.payment_id = p.id
  WHERE p.paid_at >= @from AND p.paid_at < @to AND p.method = 'cash'`;

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

/** A window of whole slots and the kept slots that answer it. */
interface KeptSpan {
  kept: ReportSlots;
  from: number;
  to: number;
}

/** Prepared sales queries. */
export class SalesQueries {
  private readonly saleCount;
  private readonly byMethod;
  private readonly refunded;
  private readonly refundedByMethod;
  private readonly openAndFailed;
  private readonly slots;
  private readonly byMethodAndSlot;
  private readonly cash;
  private readonly drawer;
  private readonly guard: VocabularyGuard;
  private readonly kept: ReportSlots | null;

  /**
   * `from: 'records'` never reads the kept slots: every number from the
   * payments, sales and tenders themselves (what the slots must always add up
   * to; the check in ledger-report-slots.test.ts and the v15 upgrade test).
   */
  constructor(db: Database, vocabulary: LedgerVocabulary = LEDGER_VOCABULARY, { from = 'slots' }: { from?: 'slots' | 'records' } = {}) {
    this.guard = new VocabularyGuard(vocabulary);
    this.kept = from === 'slots' ? new ReportSlots(db) : null;
    this.saleCount = db.prepare<[Span], number>(SALE_COUNT_SQL).pluck();
    this.byMethod = db.prepare<[string, string], { method: PaymentMethod; count: number; total: number }>(
      `SELECT method, COUNT(*) AS count, SUM(amount) AS total FROM payments INDEXED BY payments_paid_cover
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
       FROM payments INDEXED BY payments_created_status WHERE created_at >= ? AND created_at < ?`,
    );
    // Range on paid_at uses the payments_paid_cover index (a comparison implies NOT NULL,
    // so the partial index qualifies); at most ~100 groups per day come back.
    this.slots = db.prepare<[string, string], PaidSlot>(PAID_SLOTS_SQL);
    this.byMethodAndSlot = db.prepare<[string, string], [PaymentMethod, number, number, number]>(PAID_BY_METHOD_AND_SLOT_SQL).raw();
    this.cash = db.prepare<[Span], CashFlow>(CASH_FLOW_SQL);
    this.drawer = db.prepare<[Span], { method: PaymentMethod; refunded: number }>(DRAWER_REFUNDS_SQL);
  }

  /** The window in slots when the kept slots can answer it (whole slots, slots kept). */
  private slotsOf(fromIso: string, toIso: string): KeptSpan | null {
    if (this.kept === null) return null;
    const span = slotSpan(fromIso, toIso);
    return span === null ? null : { kept: this.kept, ...span };
  }

  /** Paid sales (gross) in [fromIso, toIso) grouped by 15-minute UTC slot, for zone-aware hourly charts. */
  paidSlots(fromIso: string, toIso: string): PaidSlot[] {
    const span = this.slotsOf(fromIso, toIso);
    if (span === null) return this.slots.all(fromIso, toIso);
    return [...foldPaid(span.kept.paidByMethodAndSlot(span.from, span.to)).slots.values()].sort((a, b) => a.slot - b.slot);
  }

  /**
   * Paid = reached settlement/capture in the window (gross, even if refunded
   * later); sales = closed as paid in the window; refunds = refund amounts
   * applied at the gateway or paid from the drawer in the window;
   * pending/failed = attempts created in the window that are open / ended unpaid.
   */
  totals(fromIso: string, toIso: string): SalesTotals {
    const span = this.slotsOf(fromIso, toIso);
    // Whole slots (a shop's day): the kept slots. Otherwise one scan of payments_paid_cover gives the
    // per-method rows and, summed, the paid count and total.
    if (span !== null) return this.totalsAndSlotsOf(span, fromIso, toIso).totals;
    return this.totalsWith(this.byMethod.all(fromIso, toIso), null, fromIso, toIso);
  }

  /** `totals` and `paidSlots` of one window from one scan of the paid tenders (the Today screen). */
  totalsAndSlots(fromIso: string, toIso: string): { totals: SalesTotals; slots: PaidSlot[] } {
    return this.totalsAndSlotsOf(this.slotsOf(fromIso, toIso), fromIso, toIso);
  }

  private totalsAndSlotsOf(span: KeptSpan | null, fromIso: string, toIso: string): { totals: SalesTotals; slots: PaidSlot[] } {
    const { methods, slots } = foldPaid(span ? span.kept.paidByMethodAndSlot(span.from, span.to) : this.byMethodAndSlot.all(fromIso, toIso));
    // The order of the per-method query: total descending, then method.
    const byMethod = [...methods.values()].sort((a, b) => b.total - a.total || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
    return { totals: this.totalsWith(byMethod, span, fromIso, toIso), slots: [...slots.values()].sort((a, b) => a.slot - b.slot) };
  }

  private totalsWith(
    rows: readonly { method: PaymentMethod; count: number; total: number }[],
    span: KeptSpan | null,
    fromIso: string,
    toIso: string,
  ): SalesTotals {
    const w = { from: fromIso, to: toIso };
    const byMethod = rows.map((r) => ({ ...r, method: this.guard.method(r.method) }));
    const paid = byMethod.reduce((a, m) => ({ n: a.n + m.count, total: a.total + m.total }), { n: 0, total: 0 });
    const refunded = this.refunded.get(fromIso, toIso) ?? { total: 0 };
    const fromDrawer = this.drawer.all(w).reduce((s, r) => s + r.refunded, 0);
    const kept = span ? span.kept.counts(span.from, span.to, fromIso, toIso) : null;
    const of = kept ?? this.openAndFailed.get(fromIso, toIso) ?? { pending: 0, failed: 0 };
    return {
      paidCount: paid.n,
      saleCount: kept ? kept.sales : (this.saleCount.get(w) ?? 0),
      tenderCount: paid.n,
      paidTotal: paid.total,
      refundedTotal: refunded.total + fromDrawer,
      pendingCount: of.pending,
      failedCount: of.failed,
      byMethod,
    };
  }

  /** Cash received, change given and rounding of the tenders paid in [fromIso, toIso). */
  cashFlow(fromIso: string, toIso: string): CashFlow {
    const span = this.slotsOf(fromIso, toIso);
    if (span !== null) return span.kept.cashFlow(span.from, span.to);
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

/** Per-method and per-slot sums of paid tenders given per (method, slot). */
function foldPaid(rows: Iterable<readonly [PaymentMethod, number, number, number]>): {
  methods: Map<PaymentMethod, { method: PaymentMethod; count: number; total: number }>;
  slots: Map<number, PaidSlot>;
} {
  const methods = new Map<PaymentMethod, { method: PaymentMethod; count: number; total: number }>();
  const slots = new Map<number, PaidSlot>();
  for (const [method, slot, count, total] of rows) {
    const m = methods.get(method) ?? methods.set(method, { method, count: 0, total: 0 }).get(method)!;
    m.count += count;
    m.total += total;
    const s = slots.get(slot) ?? slots.set(slot, { slot, count: 0, total: 0 }).get(slot)!;
    s.count += count;
    s.total += total;
  }
  return { methods, slots };
}
