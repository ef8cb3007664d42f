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

/** A payment of the day's export with its sale and tender. */
export type PaymentExportRow = PaymentRow & TenderExportColumns;

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

/** Prepared statements for closings and their inputs. */
export class ClosingRepository {
  private readonly ins;
  private readonly selByDay;
  private readonly selRecent;
  private readonly selOpen;
  private readonly selOfDay;
  private readonly selExportOfDay;
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
    // A day's payments: started in it, or paid in it (so the export adds up to the Z-report).
    this.selOfDay = db.prepare<[string, string, string, string], PaymentRow>(
      `SELECT * FROM payments
       WHERE (created_at >= ? AND created_at < ?) OR (paid_at >= ? AND paid_at < ?)
       ORDER BY created_at, rowid`,
    );
    // The same payments, each with its sale (receipt) and tender row when it has them.
    this.selExportOfDay = db.prepare<[string, string, string, string], PaymentExportRow>(
      `SELECT p.*, s.id AS sale_id, s.till_id AS till_id, s.receipt_no AS receipt_no, t.seq AS tender_seq, t.received AS received, t.change_given AS change_given,
         t.rounding AS rounding
       FROM payments p LEFT JOIN sale_tenders t ON t.payment_id = p.id LEFT JOIN sales s ON s.id = p.order_id
       WHERE (p.created_at >= ? AND p.created_at < ?) OR (p.paid_at >= ? AND p.paid_at < ?)
       ORDER BY p.created_at, p.rowid`,
    );
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
    return this.selOfDay.all(fromIso, toIso, fromIso, toIso).map((r) => this.guard.payment(r, 'read'));
  }

  /** As `ofWindow`, each payment with its sale and tender (for the CSV). */
  exportOfWindow(fromIso: string, toIso: string): PaymentExportRow[] {
    return this.selExportOfDay.all(fromIso, toIso, fromIso, toIso).map((r) => this.guard.payment(r, 'read'));
  }

  /** Drawer movements made in [fromIso, toIso), oldest first, with the tender each paid back. */
  drawerOfWindow(fromIso: string, toIso: string): DrawerExportRow[] {
    return this.selDrawerOfDay.all(fromIso, toIso).map((r) => (r.method === null ? r : { ...r, method: this.guard.method(r.method, 'drawer_movements') }));
  }
}
