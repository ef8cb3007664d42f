/**
 * Closing the shop's day (the Z-report). Computes the day's totals in the
 * shop's zone, refuses while payments are still open (unless forced), and
 * writes one immutable `day_closings` row — all inside one IMMEDIATE
 * transaction, so two concurrent closes cannot both pass the checks.
 */
import { KasirError } from '../../../../shared/contract/result';
import {
  closingBreakdown,
  type ClosingBreakdown,
  type DayClosing,
  type DayCsv,
  UNCLOSED_LOOKBACK_DAYS,
} from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { isoUtc, type Clock } from '../clock';
import { ClosingRepository, type DayClosingRow } from '../ledger/closing-repository';
import { DayExportRepository } from '../ledger/day-export-repository';
import type { Database } from '../ledger/open-ledger';
import { SalesQueries } from '../ledger/sales-queries';
import { TILL_ACTOR_ID } from '../ledger/vocabulary';
import { dayWindow, DEFAULT_SHOP_ZONE, localIsoTime, zonedDay, type ZonedDay } from '../../../../shared/domain/zoned-time';
import { renderCsv } from './day-csv';
import { readDrawer } from './day-drawer';

/** Constructor dependencies. */
export interface DayClosingDeps {
  db: Database;
  clock: Clock;
  /** IANA zone of the shop's day (default Asia/Jakarta). */
  zone?: string;
  /** A staff member's current name, for `closedByName` and the CSV's staff_name; absent: none shown. */
  actorName?: (actorId: string) => string | null;
  /**
   * Re-reads the day's payments that could still differ at the gateway
   * (the payment engine's `recheckDay`, bounded in time); absent: none.
   */
  recheck?: (window: { from: string; to: string }) => Promise<unknown>;
  /** Told after a day's closing has committed (the ledger maintenance schedules itself from it); must not throw. */
  onClosed?: (closing: DayClosing) => void;
}

/** What the owner may say when closing. */
export interface CloseDayInput {
  /**
   * The shop day to close, YYYY-MM-DD in the shop's zone; absent means the
   * current one. Lets a shop that closes after midnight close yesterday.
   */
  day?: string;
  /** The drawer as counted, in rupiah; records the difference to what is expected. */
  countedCash?: number;
  /** Close even with payments still open; they are recorded as open in the closing. */
  force?: boolean;
}


const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Z-reports, their history and the day's CSV export. */
export class DayClosingService {
  private readonly zone: string;
  private readonly repo: ClosingRepository;
  private readonly exports: DayExportRepository;
  private readonly sales: SalesQueries;
  private readonly closeTx;

  constructor(private readonly deps: DayClosingDeps) {
    this.zone = deps.zone ?? DEFAULT_SHOP_ZONE;
    zonedDay(deps.clock.now(), this.zone); // fail fast on an unknown zone
    this.repo = new ClosingRepository(deps.db);
    this.exports = new DayExportRepository(deps.db);
    this.sales = new SalesQueries(deps.db);
    this.closeTx = deps.db.transaction((input: CloseDayInput, now: number, day: ZonedDay, actor: string | undefined) =>
      this.closeInTx(input, now, day, actor),
    );
  }

  /**
   * Closes `input.day` (default: the current shop day). INVALID_INPUT for a
   * future or non-existent day; CONFLICT if it is closed already;
   * OPEN_PAYMENTS while payments are open. `actor`: who closes (a staff id; the till's when absent).
   */
  closeDay(input: CloseDayInput = {}, actor?: string): DayClosing {
    const now = this.deps.clock.now();
    const day = this.targetDay(input.day, now);
    let closing: DayClosing;
    try {
      closing = this.closeTx.immediate(input, now, day, actor);
    } catch (e) {
      // The UNIQUE(day) constraint is the last word if another connection won the race.
      if (isUniqueViolation(e)) throw this.alreadyClosed(day.day);
      throw e;
    }
    this.deps.onClosed?.(closing);
    return closing;
  }

  /**
   * Closes a day after asking Midtrans about its payments that could still
   * differ (open ones, settlements a bank may still reverse, refundable ones:
   * `recheck`), so the Z-report counts what the gateway says now. The checks
   * run before the closing transaction (a network call never holds the
   * ledger's write lock) and are bounded in time by the engine; the close
   * itself is `closeDay`, unchanged: whatever changes after this is the next
   * day's refund or a re-check's correction, as with any closed day.
   * Refuses an already closed or future day before any call is made.
   */
  async closeDayAfterRecheck(input: CloseDayInput = {}, actor?: string): Promise<DayClosing> {
    const day = this.targetDay(input.day, this.deps.clock.now());
    if (this.repo.byDay(day.day)) throw this.alreadyClosed(day.day);
    await this.deps.recheck?.({ from: isoUtc(day.startUtc), to: isoUtc(day.endUtc) }).catch(() => undefined);
    return this.closeDay(input, actor);
  }

  /**
   * Shop days of the last week (today included), newest first, that have a
   * payment started or paid in them (any status), a sale closed or a drawer
   * movement in them, and no closing yet: what the owner may still need to
   * close. A few index probes per day, no scan.
   */
  unclosedDays(): string[] {
    let day = zonedDay(this.deps.clock.now(), this.zone);
    const days: ZonedDay[] = [];
    for (let i = 0; i < UNCLOSED_LOOKBACK_DAYS; i++) {
      days.push(day);
      // One ms before local midnight is the previous local day, whatever DST did.
      day = zonedDay(day.startUtc - 1, this.zone);
    }
    const closed = new Set(this.repo.closedSince(days[days.length - 1]!.day));
    return days
      .filter((candidate) => !closed.has(candidate.day) && this.repo.hasPaymentsIn(isoUtc(candidate.startUtc), isoUtc(candidate.endUtc)))
      .map((candidate) => candidate.day);
  }

  /** Past closings, most recent shop day first. */
  closings(limit: number): DayClosing[] {
    return this.repo.recent(limit).map((r) => this.view(r));
  }

  /** The payments started or paid on `day` (shop zone), then its drawer movements, as CSV. */
  exportCsv(day: string): DayCsv {
    const w = dayWindow(day, this.zone);
    const [from, to] = [isoUtc(w.startUtc), isoUtc(w.endUtc)];
    const drawer = this.exports.drawerOfWindow(from, to);
    const { csv, payments } = renderCsv(this.exports.exportRows(from, to), this.zone, this.deps.actorName ?? (() => null), drawer);
    return { day, filename: `kasir-payments-${day}.csv`, rows: payments + drawer.length, csv };
  }

  /** The window of the day to close; a future day has no takings to count yet. */
  private targetDay(requested: string | undefined, now: number): ZonedDay {
    const today = zonedDay(now, this.zone);
    if (requested === undefined || requested === today.day) return today;
    let day: ZonedDay;
    try {
      day = dayWindow(requested, this.zone);
    } catch {
      throw new KasirError('INVALID_INPUT', `${requested} is not a day in ${this.zone}.`, { params: { issue: 'day_invalid', day: requested }, field: 'day' });
    }
    // YYYY-MM-DD compares correctly as text.
    if (day.day > today.day) {
      throw new KasirError('INVALID_INPUT', `${day.day} has not started yet (today is ${today.day}). Only today or an earlier day can be closed.`, {
        params: { issue: 'day_in_future', day: day.day, today: today.day },
        field: 'day',
      });
    }
    return day;
  }

  private closeInTx(input: CloseDayInput, now: number, day: ZonedDay, actor: string | undefined): DayClosing {
    if (this.repo.byDay(day.day)) throw this.alreadyClosed(day.day);

    const from = isoUtc(day.startUtc);
    const to = isoUtc(day.endUtc);
    const open = this.repo.openBefore(to);
    if (open.length > 0 && !input.force) {
      const total = open.reduce((s, p) => s + p.amount, 0);
      const what = open.length === 1 ? '1 payment is' : `${open.length} payments are`;
      throw new KasirError(
        'OPEN_PAYMENTS',
        `${what} still waiting (${formatRupiah(total)}). Finish or cancel ${open.length === 1 ? 'it' : 'them'} before closing the day, or close anyway to record ${open.length === 1 ? 'it' : 'them'} as open.`,
        { params: { count: open.length, total } },
      );
    }

    const totals = this.sales.totals(from, to);
    const { drawer, refundedByMethod: refunds } = readDrawer(this.sales, totals, from, to);
    const byMethod: ClosingBreakdown['byMethod'] = totals.byMethod.map((m) => ({ ...m, refunded: refunds.get(m.method) ?? 0 }));
    // A refund today of a sale from an earlier day still leaves today's drawer.
    for (const [method, refunded] of refunds) {
      if (!byMethod.some((m) => m.method === method)) byMethod.push({ method, count: 0, total: 0, refunded });
    }
    const { cashTakings, cashRefunds, cashExpected } = drawer;
    const countedCash = input.countedCash ?? null;
    const breakdown: ClosingBreakdown = {
      byMethod,
      openPayments: open.map((p) => ({
        id: p.id, orderId: p.gateway_order_id, method: p.method, status: p.status, amount: p.amount, createdAt: p.created_at,
      })),
    };
    const row: Omit<DayClosingRow, 'id' | 'actor'> = {
      day: day.day,
      zone: this.zone,
      period_start: from,
      period_end: to,
      paid_count: totals.paidCount,
      paid_total: totals.paidTotal,
      refunded_total: totals.refundedTotal,
      net_total: totals.paidTotal - totals.refundedTotal,
      cash_takings: cashTakings,
      cash_refunds: cashRefunds,
      cash_expected: cashExpected,
      counted_cash: countedCash,
      cash_difference: countedCash === null ? null : countedCash - cashExpected,
      open_count: open.length,
      open_total: open.reduce((s, p) => s + p.amount, 0),
      failed_count: totals.failedCount,
      forced: input.force && open.length > 0 ? 1 : 0,
      breakdown: JSON.stringify(breakdown),
      created_at: isoUtc(now),
      sale_count: totals.saleCount,
      tender_count: totals.tenderCount,
      cash_received: drawer.cashReceived,
      change_given: drawer.changeGiven,
      rounding_total: drawer.roundingTotal,
    };
    const id = this.repo.insert({ ...row, actor });
    return this.view({ id, ...row, actor: actor ?? TILL_ACTOR_ID });
  }

  /** Row → contract view, with who closed it when names are known. */
  private view(r: DayClosingRow): DayClosing {
    const closing = toView(r);
    return this.deps.actorName ? { ...closing, closedByName: this.deps.actorName(r.actor) } : closing;
  }

  private alreadyClosed(day: string): KasirError {
    const closedAt = this.repo.byDay(day)?.created_at;
    const when = closedAt ? ` at ${localIsoTime(Date.parse(closedAt), this.zone).slice(11, 16)}` : '';
    return new KasirError('CONFLICT', `The day ${day} was already closed${when}. A closed day cannot be closed again.`, {
      params: { reason: 'already_closed', day, ...(closedAt ? { closedAt } : {}) },
    });
  }
}

/** Row → contract view. The breakdown is re-validated: the file is data, not trusted code. */
function toView(r: Omit<DayClosingRow, 'actor'>): DayClosing {
  const breakdown = closingBreakdown.parse(JSON.parse(r.breakdown));
  return {
    id: r.id,
    day: r.day,
    zone: r.zone,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    closedAt: r.created_at,
    paidCount: r.paid_count,
    paidTotal: r.paid_total,
    refundedTotal: r.refunded_total,
    netTotal: r.net_total,
    cashTakings: r.cash_takings,
    cashRefunds: r.cash_refunds,
    cashExpected: r.cash_expected,
    countedCash: r.counted_cash,
    cashDifference: r.cash_difference,
    openCount: r.open_count,
    openTotal: r.open_total,
    failedCount: r.failed_count,
    forced: r.forced === 1,
    byMethod: breakdown.byMethod,
    openPayments: breakdown.openPayments,
    saleCount: r.sale_count,
    tenderCount: r.tender_count,
    cashReceived: r.cash_received,
    changeGiven: r.change_given,
    roundingTotal: r.rounding_total,
  };
}
