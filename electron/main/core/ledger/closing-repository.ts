/**
 * The `day_closings` table (Z-reports) and the extra reads a closing needs
 * beyond SalesQueries: payments still open, and the day's payments. Rows are
 * insert-only; the schema's triggers refuse UPDATE and DELETE. The day's
 * export reads are day-export-repository.ts.
 */
import { LedgerWriter } from './domain-events';
import type { Database } from './open-ledger';
import type { PaymentRow } from './rows';
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
