/**
 * The `day_closings` table (Z-reports) and the extra reads a closing needs
 * beyond SalesQueries: refunds per method, payments still open, and the day's
 * payments for export. Rows are insert-only; the schema's triggers refuse
 * UPDATE and DELETE.
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
}

/** A closing as written; the actor defaults to 'till'. */
export type NewDayClosingRow = Omit<DayClosingRow, 'id' | 'actor'> & { actor?: string };

/** Prepared statements for closings and their inputs. */
export class ClosingRepository {
  private readonly ins;
  private readonly selByDay;
  private readonly selRecent;
  private readonly selRefundsByMethod;
  private readonly selOpen;
  private readonly selOfDay;
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
         forced, breakdown, created_at, actor)
       VALUES (@day, @zone, @period_start, @period_end, @paid_count, @paid_total, @refunded_total, @net_total,
         @cash_takings, @cash_refunds, @cash_expected, @counted_cash, @cash_difference, @open_count, @open_total,
         @failed_count, @forced, @breakdown, @created_at, @actor)`,
    );
    this.selByDay = db.prepare<[string], DayClosingRow>('SELECT * FROM day_closings WHERE day = ?');
    this.selRecent = db.prepare<[number], DayClosingRow>('SELECT * FROM day_closings ORDER BY day DESC LIMIT ?');
    this.selRefundsByMethod = db.prepare<[string, string], { method: PaymentMethod; refunded: number }>(
      `SELECT p.method AS method, SUM(e.refunded_delta) AS refunded
       FROM payment_events e JOIN payments p ON p.id = e.payment_id
       WHERE e.refunded_delta > 0 AND e.created_at >= ? AND e.created_at < ?
       GROUP BY p.method`,
    );
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
    this.selClosedSince = db.prepare<[string], string>('SELECT day FROM day_closings WHERE day >= ?').pluck();
    // Two EXISTS probes, each on its own index (payments_created, payments_paid), rather than an OR that scans.
    this.selHasPayments = db.prepare<[string, string, string, string], number>(
      `SELECT EXISTS (SELECT 1 FROM payments WHERE created_at >= ? AND created_at < ?)
           OR EXISTS (SELECT 1 FROM payments WHERE paid_at >= ? AND paid_at < ?)`,
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
          forced: row.forced === 1,
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

  /** Whether any payment (any status) was created or paid in [fromIso, toIso). */
  hasPaymentsIn(fromIso: string, toIso: string): boolean {
    return this.selHasPayments.get(fromIso, toIso, fromIso, toIso) === 1;
  }

  /** Most recent shop day first. */
  recent(limit: number): DayClosingRow[] {
    return this.selRecent.all(limit);
  }

  /** Refund amounts applied in [fromIso, toIso), per payment method. */
  refundsByMethod(fromIso: string, toIso: string): Map<PaymentMethod, number> {
    return new Map(this.selRefundsByMethod.all(fromIso, toIso).map((r) => [this.guard.method(r.method), r.refunded]));
  }

  /** Payments still creating/pending that were created before `beforeIso`. */
  openBefore(beforeIso: string): PaymentRow[] {
    return this.selOpen.all(beforeIso).map((r) => this.guard.payment(r, 'read'));
  }

  /** Payments created or paid in [fromIso, toIso), oldest first. */
  ofWindow(fromIso: string, toIso: string): PaymentRow[] {
    return this.selOfDay.all(fromIso, toIso, fromIso, toIso).map((r) => this.guard.payment(r, 'read'));
  }
}
