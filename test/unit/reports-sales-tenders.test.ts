import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { EventRepository, SalesQueries } from '../../electron/main/core/ledger';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { TodayReportService } from '../../electron/main/core/reports/today-report';
import { dayClosing, dayReport } from '../../shared/contract/schemas';
import { ReportRows } from '../fixtures/report-rows';

/** 17:00 WIB on 26 Nov 2026; that shop day is [25 Nov 17:00Z, 26 Nov 17:00Z). */
const NOW = Date.UTC(2026, 10, 26, 10);
const at = (hhmm: string, day = '2026-11-26') => `${day}T${hhmm}:00.000Z`;

describe('reports count sales and tenders apart, and the drawer (real SQLite ledger)', () => {
  let rows: ReportRows;
  let today: TodayReportService;
  let closing: DayClosingService;
  beforeEach(() => {
    rows = new ReportRows();
    const clock = new ManualClock(NOW);
    today = new TodayReportService({ sales: new SalesQueries(rows.db), clock });
    closing = new DayClosingService({ db: rows.db, clock });
  });
  afterEach(() => rows.close());

  it('a split cash + QRIS sale is 1 sale and 2 tenders, on Today and in the Z-report', () => {
    rows.sale({
      id: 'S1', total: 75_000, closedAt: at('03:05'), receiptNo: 1,
      tenders: [
        { method: 'cash', amount: 25_000, received: 25_000, change: 0, paidAt: at('03:00') },
        { method: 'qris', amount: 50_000, paidAt: at('03:05') },
      ],
    });
    const r = today.report();
    expect(r).toMatchObject({ saleCount: 1, tenderCount: 2, paidCount: 2, paidTotal: 75_000 });
    expect(r.byMethod).toEqual([{ method: 'qris', count: 1, total: 50_000 }, { method: 'cash', count: 1, total: 25_000 }]);
    expect(() => dayReport.parse(r)).not.toThrow();

    const z = closing.closeDay();
    expect(z).toMatchObject({ saleCount: 1, tenderCount: 2, paidCount: 2, cashTakings: 25_000, cashExpected: 25_000 });
    expect(rows.db.prepare('SELECT sale_count, tender_count FROM day_closings').get()).toEqual({ sale_count: 1, tender_count: 2 });
    expect(closing.closings(1)).toEqual([z]);
    expect(() => dayClosing.parse(z)).not.toThrow();
  });

  it('a Rp 0 sale (100 % discount) is 1 sale and 0 tenders', () => {
    rows.sale({ id: 'S0', total: 0, closedAt: at('04:00'), receiptNo: 1 });
    expect(today.report()).toMatchObject({ saleCount: 1, tenderCount: 0, paidCount: 0, paidTotal: 0, byMethod: [] });
    expect(closing.closeDay()).toMatchObject({ saleCount: 1, tenderCount: 0, cashReceived: 0, cashExpected: 0 });
  });

  it('counts a sale in the day it closed as paid; open and voided sales count no sale', () => {
    // Closed just after local midnight: the next shop day's sale, though its first tender was paid today.
    rows.sale({
      id: 'LATE', total: 30_000, closedAt: at('17:00'), receiptNo: 1,
      tenders: [{ method: 'cash', amount: 10_000, paidAt: at('16:59'), received: 10_000, change: 0 }, { method: 'qris', amount: 20_000, paidAt: at('17:00') }],
    });
    rows.sale({ id: 'OPEN', status: 'open', total: 8_000, closedAt: null, tenders: [{ method: 'gopay', amount: 8_000, paidAt: null }] });
    rows.sale({ id: 'VOID', status: 'voided', total: 9_000, closedAt: at('05:00') });
    expect(today.report()).toMatchObject({ saleCount: 0, tenderCount: 1, paidTotal: 10_000 });
  });

  it('counts an order written before v9 once per order with a paid payment, whatever its attempts', () => {
    rows.legacyOrder('OLD1', [
      { method: 'qris', amount: 12_000, paidAt: null, status: 'expire' },
      { method: 'cash', amount: 12_000, paidAt: at('02:00') },
    ]);
    rows.legacyOrder('OLD2', [{ method: 'gopay', amount: 5_000, paidAt: at('02:30') }]);
    rows.sale({ id: 'NEW', total: 3_000, closedAt: at('03:00'), receiptNo: 1, tenders: [{ method: 'cash', amount: 3_000, received: 5_000, change: 2_000, paidAt: at('03:00') }] });
    const r = today.report();
    expect(r).toMatchObject({ saleCount: 3, tenderCount: 3, failedCount: 1 });
    // A cash payment from before v9 kept no amount received: it was exact.
    expect(r.drawer).toMatchObject({ cashReceived: 17_000, changeGiven: 2_000, cashTakings: 15_000, cashExpected: 15_000 });
  });

  it('cash with change: expected = received − change', () => {
    rows.sale({ id: 'S1', total: 37_000, closedAt: at('03:00'), receiptNo: 1, tenders: [{ method: 'cash', amount: 37_000, received: 50_000, change: 13_000, paidAt: at('03:00') }] });
    rows.sale({ id: 'S2', total: 18_500, closedAt: at('04:00'), receiptNo: 2, tenders: [{ method: 'cash', amount: 18_500, received: 20_000, change: 1_500, paidAt: at('04:00') }] });
    const drawer = { cashReceived: 70_000, changeGiven: 14_500, roundingTotal: 0, cashTakings: 55_500, cashRefunds: 0, cashExpected: 55_500 };
    expect(today.report().drawer).toEqual(drawer);
    const z = closing.closeDay({ countedCash: 55_000 });
    expect(z).toMatchObject({ ...drawer, countedCash: 55_000, cashDifference: -500 });
    expect(z.cashExpected).toBe(z.cashReceived! - z.changeGiven!);
  });

  it('cash rounding: each tender’s rounding adds up, and the drawer expects what was asked', () => {
    // Rp 10.050 due, rounded down to Rp 10.000 (step 100); Rp 24.420 → Rp 24.000 (step 500) after a QRIS part.
    rows.sale({ id: 'S1', total: 10_050, closedAt: at('03:00'), receiptNo: 1, tenders: [{ method: 'cash', amount: 10_000, rounding: -50, received: 10_000, change: 0, paidAt: at('03:00') }] });
    rows.sale({
      id: 'S2', total: 34_420, closedAt: at('04:00'), receiptNo: 2,
      tenders: [{ method: 'qris', amount: 10_000, paidAt: at('03:59') }, { method: 'cash', amount: 24_000, rounding: -420, received: 30_000, change: 6_000, paidAt: at('04:00') }],
    });
    expect(today.report().drawer).toEqual({ cashReceived: 40_000, changeGiven: 6_000, roundingTotal: -470, cashTakings: 34_000, cashRefunds: 0, cashExpected: 34_000 });
    expect(closing.closeDay()).toMatchObject({ roundingTotal: -470, cashTakings: 34_000, saleCount: 2, tenderCount: 3 });
    expect(rows.db.prepare('SELECT rounding_total, cash_received, change_given FROM day_closings').get()).toEqual({ rounding_total: -470, cash_received: 40_000, change_given: 6_000 });
  });

  it('a drawer refund lowers the expected cash and counts as refunded, for its tender’s method', () => {
    const [cash] = rows.sale({ id: 'S1', total: 20_000, closedAt: at('03:00'), receiptNo: 1, tenders: [{ method: 'cash', amount: 20_000, received: 20_000, change: 0, paidAt: at('03:00') }] });
    const [va] = rows.sale({ id: 'S2', total: 40_000, closedAt: at('03:30'), receiptNo: 2, tenders: [{ method: 'va_bni', amount: 40_000, paidAt: at('03:30') }] });
    rows.drawer({ kind: 'refund', amount: 5_000, saleId: 'S1', paymentId: cash, at: at('04:00') });
    rows.drawer({ kind: 'refund', amount: 40_000, saleId: 'S2', paymentId: va, at: at('04:10') }); // a VA sale paid back in cash
    rows.drawer({ kind: 'no_sale', amount: 0, at: at('04:20'), reason: 'tukar uang' }); // opens the drawer, moves nothing
    rows.drawer({ kind: 'refund', amount: 1_000, saleId: 'S1', paymentId: cash, at: at('17:00') }); // the next shop day

    const r = today.report();
    expect(r.drawer).toMatchObject({ cashTakings: 20_000, cashRefunds: 45_000, cashExpected: -25_000 });
    expect(r).toMatchObject({ saleCount: 2, tenderCount: 2, refundedTotal: 45_000 });
    // Payment statuses are untouched: a drawer refund is no gateway refund.
    expect(rows.payments.byId(cash!)).toMatchObject({ status: 'settlement', refunded_amount: 0 });

    const z = closing.closeDay({ countedCash: 0 });
    expect(z).toMatchObject({ cashRefunds: 45_000, cashExpected: -25_000, refundedTotal: 45_000, netTotal: 15_000, cashDifference: 25_000 });
    expect(z.byMethod).toEqual([
      { method: 'va_bni', count: 1, total: 40_000, refunded: 40_000 },
      { method: 'cash', count: 1, total: 20_000, refunded: 5_000 },
    ]);
  });

  it('a void hands the cash back (void_return): the tender stays counted, the sale does not, the drawer nets to zero', () => {
    const [cash] = rows.sale({ id: 'V', status: 'voided', total: 30_000, closedAt: at('05:00'), tenders: [{ method: 'cash', amount: 10_000, received: 10_000, change: 0, paidAt: at('04:55') }] });
    rows.drawer({ kind: 'void_return', amount: 10_000, saleId: 'V', paymentId: cash, at: at('05:00'), reason: 'pelanggan batal' });
    expect(today.report()).toMatchObject({ saleCount: 0, tenderCount: 1, paidTotal: 10_000, refundedTotal: 10_000 });
    expect(closing.closeDay()).toMatchObject({ cashTakings: 10_000, cashRefunds: 10_000, cashExpected: 0, netTotal: 0 });
  });

  it('adds cash refunds recorded at the gateway to the drawer refunds, each counted once', () => {
    const [cash] = rows.sale({ id: 'S1', total: 20_000, closedAt: at('03:00'), receiptNo: 1, tenders: [{ method: 'cash', amount: 20_000, received: 20_000, change: 0, paidAt: at('03:00') }] });
    new EventRepository(rows.db).insert({
      paymentId: cash!, source: 'manual', from: 'settlement', to: 'partial_refund', applied: true, note: 'applied', refundedDelta: 3_000, raw: null, at: at('04:00'),
    });
    rows.drawer({ kind: 'refund', amount: 2_000, saleId: 'S1', paymentId: cash, at: at('04:30') });
    expect(closing.closeDay()).toMatchObject({ cashRefunds: 5_000, cashExpected: 15_000, refundedTotal: 5_000 });
  });

  it('offers an earlier day for closing when it had only a Rp 0 sale, or only cash paid back from the drawer', () => {
    rows.sale({ id: 'FREE', total: 0, closedAt: at('03:00', '2026-11-25'), receiptNo: 1 });
    rows.drawer({ kind: 'refund', amount: 1_000, at: at('03:00', '2026-11-24') });
    expect(closing.unclosedDays()).toEqual(['2026-11-25', '2026-11-24']);
    expect(closing.closeDay({ day: '2026-11-25' })).toMatchObject({ saleCount: 1, tenderCount: 0 });
    expect(closing.closeDay({ day: '2026-11-24' })).toMatchObject({ saleCount: 0, cashRefunds: 1_000, cashExpected: -1_000 });
    expect(closing.unclosedDays()).toEqual([]);
  });

  it('reads a closing written before v9 back with nulls for what it did not count', () => {
    rows.db
      .prepare(
        `INSERT INTO day_closings (day, zone, period_start, period_end, paid_count, paid_total, refunded_total, net_total,
           cash_takings, cash_refunds, cash_expected, counted_cash, cash_difference, open_count, open_total, failed_count,
           forced, breakdown, created_at)
         VALUES ('2026-11-20', 'Asia/Jakarta', '2026-11-19T17:00:00.000Z', '2026-11-20T17:00:00.000Z', 3, 30000, 0, 30000,
           10000, 0, 10000, NULL, NULL, 0, 0, 0, 0, '{"byMethod":[],"openPayments":[]}', '2026-11-20T14:00:00.000Z')`,
      )
      .run();
    const [old] = closing.closings(5);
    expect(old).toMatchObject({ day: '2026-11-20', paidCount: 3, saleCount: null, tenderCount: null, cashReceived: null, changeGiven: null, roundingTotal: null });
    expect(() => dayClosing.parse(old)).not.toThrow();
    // What an older main (or stored data) sends without the fields still parses.
    const { saleCount: _s, tenderCount: _t, cashReceived: _r, changeGiven: _c, roundingTotal: _g, ...before } = old!;
    expect(() => dayClosing.parse(before)).not.toThrow();
  });
});
