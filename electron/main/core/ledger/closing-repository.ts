/**
 * The `day_closings` table (Z-reports) and the extra reads a closing needs
 * beyond SalesQueries: payments still open, and the day's payments (with
 * their sale and tender) and drawer movements for export. Rows are
 * insert-only; the schema's triggers refuse UPDATE and DELETE.
 */
import { LedgerWriter } from './domain-events';
import type { Database } from './open-ledger';
import type { PaymentRow } from './rows';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { LEDGER_VOCABULARY, TILL_ACTOR_ID, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

/** A `day_closings` row, exactly the columns. */
export interface DayClosingRow {
  id: number;
  day: string;
  zone: string;
  period_start: string;
  period_end: string;
  paid_count: number;
  paid_total: number;
  refunded_total: number;
  net_total: number;
  cash_takings: number;
  cash_refunds: number;
  cash_expected: number;
  counted_cash: number | null;
  cash_difference: number | null;
  open_count: number;
  open_total: number;
  failed_count: number;
  forced: 0 | 1;
  /** JSON of a ClosingBreakdown. */
  breakdown: string;
  created_at: string;
  /** Who closed the day (staff id or 'till'). */
  actor: string;
  /** Since v9; null on a closing written before (it did not count them). */
  sale_count: number | null;
  tender_count: number | null;
  cash_received: number | null;
  change_given: number | null;
  rounding_total: number | null;
}

/** What the day's export adds to a payment: its sale and tender (null when it has none: written before v9). */
export interface TenderExportColumns {
  sale_id: string | null;
  till_id: string | null;
  receipt_no: number | null;
  tender_seq: number | null;
  received: number | null;
  change_given: number | null;
  rounding: number | null;
}

/** The payment columns the day's export prints. */
export type PaymentExportColumns = Pick<
  PaymentRow,
  'id' | 'order_id' | 'gateway_order_id' | 'method' | 'status' | 'amount' | 'refunded_amount' | 'last_source' | 'paid_at' | 'created_at' | 'actor'
>;

/** A payment of the day's export with its sale and tender. */
export type PaymentExportRow = PaymentExportColumns & TenderExportColumns;

/** The export's payment columns as read (`raw`), in `exportColumns` order. */
type ExportTuple = [
  id: string, orderId: string, gatewayOrderId: string, method: PaymentRow['method'], status: PaymentRow['status'], amount: number,
  refunded: number, source: PaymentRow['last_source'], paidAt: string | null, createdAt: string, actor: string,
];

/** A `drawer_movements` row of the day's export, with the tender it paid back (if any). */
export interface DrawerExportRow {
  id: number;
  kind: string;
  amount: number;
  reason: string;
  actor: string;
  created_at: string;
  sale_id: string | null;
  payment_id: string | null;
  /** The tender's gateway order id and method; null for a movement of no tender ("no sale"). */
  gateway_order_id: string | null;
  method: PaymentMethod | null;
  /** The sale's till and receipt number; null without a sale (or, for the number, before it was paid). */
  till_id: string | null;
  receipt_no: number | null;
  tender_seq: number | null;
}

/** A closing as written; the actor defaults to 'till'. */
export type NewDayClosingRow = Omit<DayClosingRow, 'id' | 'actor'> & { actor?: string };

/** Named parameters of a window query: [from, to). */
interface Span {
  from: string;
  to: string;
}

/** Prepared statements for closings and their inputs. */
export class ClosingRepository {
  private readonly ins;
  private readonly selByDay;
  private readonly selRecent;
  private readonly selOpen;
  private readonly selStartedIn;
  private readonly selPaidOutside;
  private readonly selExportStartedIn;
  private readonly selExportPaidOutside;
  private readonly selTendersStartedIn;
  private readonly selTender;
  private readonly selSalesOpenedIn;
  private readonly selSale;
  private readonly selDrawerOfDay;
  private readonly selClosedSince;
  private readonly selHasPayments;
  private readonly guard: VocabularyGuard;

  constructor(
    db: Database,
    vocabulary: LedgerVocabulary = LEDGER_VOCABULARY,
    private readonly writer: LedgerWriter = new LedgerWriter(db),
  ) {
    this.guard = new VocabularyGuard(vocabulary);
    this.ins = db.prepare<[Omit<DayClosingRow, 'id'>]>(
      `INSERT INTO day_closings (day, zone, period_start, period_end, paid_count, paid_total, refunded_total, net_total,
         cash_takings, cash_refunds, cash_expected, counted_cash, cash_difference, open_count, open_total, failed_count,
         forced, breakdown, created_at, actor, sale_count, tender_count, cash_received, change_given, rounding_total)
       VALUES (@day, @zone, @period_start, @period_end, @paid_count, @paid_total, @refunded_total, @net_total,
         @cash_takings, @cash_refunds, @cash_expected, @counted_cash, @cash_difference, @open_count, @open_total,
         @failed_count, @forced, @breakdown, @created_at, @actor, @sale_count, @tender_count, @cash_received,
         @change_given, @rounding_total)`,
    );
    this.selByDay = db.prepare<[string], DayClosingRow>('SELECT * FROM day_closings WHERE day = ?');
    this.selRecent = db.prepare<[number], DayClosingRow>('SELECT * FROM day_closings ORDER BY day DESC LIMIT ?');
    // Every open payment created before the day ends, not only today's: one
    // from yesterday can still settle into today's takings.
    this.selOpen = db.prepare<[string], PaymentRow>(
      `SELECT * FROM payments WHERE status IN ('creating', 'pending') AND created_at < ?
       ORDER BY created_at, rowid`,
    );
    // A day's payments: started in it, or paid in it (so the export adds up to the Z-report), oldest
    // first. Two index ranges rather than an OR (which scanned two indexes and sorted the union in a
    // temporary b-tree): the payments started in the window, in payments_created order (created_at,
    // then rowid: the ORDER BY needs no sort), and the few paid in it but started outside it, which
    // sort before (started earlier) or after (a clock set back) the first range.
    this.selStartedIn = db.prepare<[Span], PaymentRow>(
      `SELECT * FROM payments INDEXED BY payments_created WHERE created_at >= @from AND created_at < @to ORDER BY created_at, rowid`,
    );
    this.selPaidOutside = db.prepare<[Span], PaymentRow>(
      `SELECT * FROM payments INDEXED BY payments_paid_cover
       WHERE paid_at >= @from AND paid_at < @to AND (created_at < @from OR created_at >= @to) ORDER BY created_at, rowid`,
    );
    // The export reads the same two ranges with only the columns it prints, and joins each payment
    // to its tender and sale in memory from two more index ranges of the same window (v11:
    // sale_tenders_created — a tender is written with its payment's created_at — and sales_opened:
    // a sale opens before its first tender), never by a lookup per payment: the payments' and
    // sales' ids are random, so a lookup per row would cost a b-tree descent into year-sized
    // indexes (the cost would grow with the ledger). What the ranges miss (a sale opened before
    // the window, a payment paid in it but started outside, one written before v9) is looked up
    // by key, one by one: a handful on a normal day.
    const exportColumns = 'id, order_id, gateway_order_id, method, status, amount, refunded_amount, last_source, paid_at, created_at, actor';
    // Rows as arrays (`raw`): better-sqlite3 builds an object per row property by property, which at
    // 30,000 rows cost more than the query itself.
    this.selExportStartedIn = db.prepare<[Span], ExportTuple>(
      `SELECT ${exportColumns} FROM payments INDEXED BY payments_created WHERE created_at >= @from AND created_at < @to ORDER BY created_at, rowid`,
    ).raw();
    this.selExportPaidOutside = db.prepare<[Span], ExportTuple>(
      `SELECT ${exportColumns} FROM payments INDEXED BY payments_paid_cover
       WHERE paid_at >= @from AND paid_at < @to AND (created_at < @from OR created_at >= @to) ORDER BY created_at, rowid`,
    ).raw();
    this.selTendersStartedIn = db.prepare<[Span], [string, number, number | null, number | null, number]>(
      `SELECT payment_id, seq, received, change_given, rounding FROM sale_tenders INDEXED BY sale_tenders_created
       WHERE created_at >= @from AND created_at < @to`,
    ).raw();
    this.selTender = db.prepare<[string], [string, number, number | null, number | null, number]>(
      'SELECT payment_id, seq, received, change_given, rounding FROM sale_tenders WHERE payment_id = ?',
    ).raw();
    this.selSalesOpenedIn = db.prepare<[Span], [string, string, number | null]>(
      'SELECT id, till_id, receipt_no FROM sales INDEXED BY sales_opened WHERE opened_at >= @from AND opened_at < @to',
    ).raw();
    this.selSale = db.prepare<[string], [string, string, number | null]>('SELECT id, till_id, receipt_no FROM sales WHERE id = ?').raw();
    // Cash taken out of the drawer in the day (index drawer_movements_at), oldest first.
    this.selDrawerOfDay = db.prepare<[string, string], DrawerExportRow>(
      `SELECT d.id, d.kind, d.amount, d.reason, d.actor, d.created_at, d.sale_id, d.payment_id, s.till_id AS till_id,
         p.gateway_order_id AS gateway_order_id, p.method AS method, s.receipt_no AS receipt_no, t.seq AS tender_seq
       FROM drawer_movements d LEFT JOIN payments p ON p.id = d.payment_id
         LEFT JOIN sale_tenders t ON t.payment_id = d.payment_id LEFT JOIN sales s ON s.id = d.sale_id
       WHERE d.created_at >= ? AND d.created_at < ?
       ORDER BY d.created_at, d.id`,
    );
    this.selClosedSince = db.prepare<[string], string>('SELECT day FROM day_closings WHERE day >= ?').pluck();
    // EXISTS probes, each on its own index (payments_created, payments_paid, sales_closed,
    // drawer_movements_at), rather than an OR that scans. A Rp 0 sale has no payment, and cash
    // paid back from the drawer changes the day's drawer, so either makes a day worth closing.
    this.selHasPayments = db.prepare<[{ from: string; to: string }], number>(
      `SELECT EXISTS (SELECT 1 FROM payments WHERE created_at >= @from AND created_at < @to)
           OR EXISTS (SELECT 1 FROM payments WHERE paid_at >= @from AND paid_at < @to)
           OR EXISTS (SELECT 1 FROM sales WHERE closed_at >= @from AND closed_at < @to)
           OR EXISTS (SELECT 1 FROM drawer_movements WHERE created_at >= @from AND created_at < @to)`,
    ).pluck();
  }

  /** Inserts a closing (and its `day.closed` event); throws SQLITE_CONSTRAINT_UNIQUE if the day is already closed. */
  insert(row: NewDayClosingRow): number {
    const actor = row.actor ?? TILL_ACTOR_ID;
    return this.writer.write(
      () => Number(this.ins.run({ ...row, actor }).lastInsertRowid),
      (id) => ({
        type: 'day.closed',
        aggregateId: row.day,
        payload: {
          closingId: id, zone: row.zone, paidCount: row.paid_count, paidTotal: row.paid_total, refundedTotal: row.refunded_total,
          netTotal: row.net_total, cashExpected: row.cash_expected, countedCash: row.counted_cash, openCount: row.open_count,
          forced: row.forced === 1, saleCount: row.sale_count, tenderCount: row.tender_count,
        },
        at: row.created_at,
        actor,
      }),
    );
  }

  byDay(day: string): DayClosingRow | undefined {
    return this.selByDay.get(day);
  }

  /** The closed days on or after `day` (YYYY-MM-DD). */
  closedSince(day: string): string[] {
    return this.selClosedSince.all(day);
  }

  /**
   * Whether any payment (any status) was created or paid in [fromIso, toIso),
   * a sale closed in it (a Rp 0 sale has no payment) or cash left the drawer in it.
   */
  hasPaymentsIn(fromIso: string, toIso: string): boolean {
    return this.selHasPayments.get({ from: fromIso, to: toIso }) === 1;
  }

  /** Most recent shop day first. */
  recent(limit: number): DayClosingRow[] {
    return this.selRecent.all(limit);
  }

  /** Payments still creating/pending that were created before `beforeIso`. */
  openBefore(beforeIso: string): PaymentRow[] {
    return this.selOpen.all(beforeIso).map((r) => this.guard.payment(r, 'read'));
  }

  /** Payments created or paid in [fromIso, toIso), oldest first. */
  ofWindow(fromIso: string, toIso: string): PaymentRow[] {
    const w = { from: fromIso, to: toIso };
    return inDayOrder(this.selStartedIn.all(w), this.selPaidOutside.all(w), fromIso).map((r) => this.guard.payment(r, 'read'));
  }

  /** As `ofWindow`, each payment with its sale and tender (for the CSV): only the columns the CSV prints. */
  exportOfWindow(fromIso: string, toIso: string): PaymentExportRow[] {
    return [...this.exportRows(fromIso, toIso)];
  }

  /**
   * `exportOfWindow` one row at a time: the payments started in the window
   * are read as the caller consumes them, so a 30,000-row day never holds them
   * all (each row dies young; only the tender and sale maps live through it).
   */
  *exportRows(fromIso: string, toIso: string): Generator<PaymentExportRow> {
    const w = { from: fromIso, to: toIso };
    const tenders = new Map<string, [string, number, number | null, number | null, number]>();
    for (const t of this.selTendersStartedIn.all(w)) tenders.set(t[0], t);
    const sales = new Map<string, [string, string, number | null] | null>();
    for (const s of this.selSalesOpenedIn.all(w)) sales.set(s[0], s);
    const checked = new Set<string>();
    const withSale = ([id, orderId, gatewayOrderId, method, status, amount, refunded, source, paidAt, createdAt, actor]: ExportTuple): PaymentExportRow => {
      // The vocabulary check once per distinct (method, status, source), not per row.
      const kind = `${method} ${status} ${source}`;
      if (!checked.has(kind)) {
        this.guard.check('methods', 'payments', 'method', method, 'read');
        this.guard.check('statuses', 'payments', 'status', status, 'read');
        this.guard.check('sources', 'payments', 'last_source', source, 'read');
        checked.add(kind);
      }
      const t = tenders.get(id) ?? this.selTender.get(id);
      let s = sales.get(orderId);
      if (s === undefined) {
        s = this.selSale.get(orderId) ?? null;
        sales.set(orderId, s);
      }
      return {
        id, order_id: orderId, gateway_order_id: gatewayOrderId, method, status, amount, refunded_amount: refunded, last_source: source,
        paid_at: paidAt, created_at: createdAt, actor,
        sale_id: s ? s[0] : null, till_id: s ? s[1] : null, receipt_no: s ? s[2] : null,
        tender_seq: t ? t[1] : null, received: t ? t[2] : null, change_given: t ? t[3] : null, rounding: t ? t[4] : null,
      };
    };
    // Paid in the window but started outside it: a handful, before (started earlier) or after (a clock set back) the day's own.
    const outside = this.selExportPaidOutside.all(w);
    for (const p of outside) if (p[9] < fromIso) yield withSale(p);
    for (const p of this.selExportStartedIn.iterate(w)) yield withSale(p);
    for (const p of outside) if (p[9] >= fromIso) yield withSale(p);
  }

  /** Drawer movements made in [fromIso, toIso), oldest first, with the tender each paid back. */
  drawerOfWindow(fromIso: string, toIso: string): DrawerExportRow[] {
    return this.selDrawerOfDay.all(fromIso, toIso).map((r) => (r.method === null ? r : { ...r, method: this.guard.method(r.method, 'drawer_movements') }));
  }
}

/**
 * The payments started in a window, and those paid in it but started outside
 * it, as one list in (created_at, rowid) order: the outside ones started
 * before the window go first, any started after it (a clock set back) last.
 */
function inDayOrder<T extends { created_at: string }>(startedIn: T[], paidOutside: T[], fromIso: string): T[] {
  if (paidOutside.length === 0) return startedIn;
  const before = paidOutside.filter((r) => r.created_at < fromIso);
  const after = paidOutside.filter((r) => r.created_at >= fromIso);
  return [...before, ...startedIn, ...after];
}
