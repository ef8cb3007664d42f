import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { CASH_FLOW_SQL, DRAWER_REFUNDS_SQL, SALE_COUNT_SQL } from '../../electron/main/core/ledger/sales-queries';
import { CSV_COLUMNS, receiptNumber } from '../../electron/main/core/reports/day-csv';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { ReportRows } from '../fixtures/report-rows';

const at = (hhmm: string, day = '2026-11-26') => `${day}T${hhmm}:00.000Z`;
const DAY = { from: '2026-11-25T17:00:00.000Z', to: '2026-11-26T17:00:00.000Z' };

describe('the day CSV with sales, tenders and the drawer (real SQLite ledger)', () => {
  let rows: ReportRows;
  let svc: DayClosingService;
  beforeEach(() => {
    rows = new ReportRows();
    svc = new DayClosingService({ db: rows.db, clock: new ManualClock(Date.UTC(2026, 10, 26, 10)), actorName: (id) => (id === 'st_1' ? 'Dewi' : null) });
  });
  afterEach(() => rows.close());

  /** Cells by column name. */
  const records = (csv: string) => {
    const [header, ...lines] = csv.split('\r\n').filter((l) => l !== '');
    expect(header).toBe(CSV_COLUMNS.join(','));
    return lines.map((l) => Object.fromEntries(l.split(',').map((cell, i) => [CSV_COLUMNS[i], cell])));
  };

  it('keeps the old columns first, then names each tender’s sale, receipt and seq, and lists drawer movements after the payments', () => {
    expect(CSV_COLUMNS.slice(0, 10)).toEqual(['time', 'order_id', 'method', 'status', 'amount', 'refunded', 'source', 'paid_time', 'staff_id', 'staff_name']);
    const [cash, qris] = rows.sale({
      id: 'S1', total: 60_050, closedAt: at('03:05'), receiptNo: 42,
      tenders: [
        { method: 'cash', amount: 10_000, rounding: -50, received: 20_000, change: 10_000, paidAt: at('03:00') },
        { method: 'qris', amount: 50_000, paidAt: at('03:05') },
      ],
    });
    rows.legacyOrder('OLD', [{ method: 'cash', amount: 7_000, paidAt: at('04:00') }]);
    rows.drawer({ kind: 'refund', amount: 4_000, saleId: 'S1', paymentId: cash, at: at('05:00'), reason: '=HYPERLINK("x")', actor: 'st_1' });
    rows.drawer({ kind: 'no_sale', amount: 0, at: at('05:30'), reason: 'tukar uang' });

    const out = svc.exportCsv('2026-11-26');
    expect(out.rows).toBe(5);
    const r = records(out.csv);
    expect(r.map((x) => [x.record, x.method, x.status, x.amount, x.refunded])).toEqual([
      ['payment', 'cash', 'settlement', '10000', '0'],
      ['payment', 'qris', 'settlement', '50000', '0'],
      ['payment', 'cash', 'settlement', '7000', '0'],
      // Money out of the drawer is no payment: amount 0, what went back under `refunded`.
      ['drawer', 'cash', 'refund', '0', '4000'],
      ['drawer', '', 'no_sale', '0', '0'],
    ]);
    expect(r.map((x) => [x.sale_id, x.receipt_no, x.tender_seq, x.cash_received, x.change, x.rounding])).toEqual([
      ['S1', 'K1-000042', '1', '20000', '10000', '-50'],
      ['S1', 'K1-000042', '2', '', '', ''],
      ['', '', '', '7000', '0', '0'], // before v9: no sale, an exact cash payment
      ['S1', 'K1-000042', '1', '', '', ''],
      ['', '', '', '', '', ''],
    ]);
    expect(r[3]).toMatchObject({ order_id: rows.payments.byId(cash!)!.gateway_order_id, source: 'drawer', time: '2026-11-26T12:00:00+07:00', staff_id: 'st_1', staff_name: 'Dewi' });
    expect(r[1]!.order_id).toBe(rows.payments.byId(qris!)!.gateway_order_id);
    // The one free-text cell a movement adds is formula-safe (csv-stringify quotes it: it holds quotes).
    expect(out.csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(r[4]!.reason).toBe('tukar uang');
    // Another day's export has none of these.
    expect(svc.exportCsv('2026-11-27').rows).toBe(0);
  });

  it('formats a receipt number as till-number padded to six digits, empty before one is drawn', () => {
    expect(receiptNumber('K1', 7)).toBe('K1-000007');
    expect(receiptNumber('BAR_2', 1_234_567)).toBe('BAR_2-1234567');
    expect(receiptNumber('K1', null)).toBe('');
    expect(receiptNumber(null, null)).toBe('');
  });
});

describe('day queries stay on indexes', () => {
  let rows: ReportRows;
  beforeEach(() => (rows = new ReportRows()));
  afterEach(() => rows.close());
  const plan = (sql: string) =>
    rows.db.prepare<[typeof DAY], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(DAY).map((p) => p.detail);

  it('sales by sales_closed_paid, orders before v9 by payments_paid_cover and the sales key (covering, v11)', () => {
    const p = plan(SALE_COUNT_SQL);
    expect(p.some((d) => /SEARCH sales USING COVERING INDEX sales_closed_paid/.test(d)), p.join('\n')).toBe(true);
    expect(p.some((d) => /SEARCH p USING COVERING INDEX payments_paid_cover/.test(d)), p.join('\n')).toBe(true);
    expect(p.some((d) => /SEARCH s USING (COVERING )?INDEX sqlite_autoindex_sales_1/.test(d)), p.join('\n')).toBe(true);
    expect(p.some((d) => /^SCAN (sales|p|payments)\b/.test(d)), p.join('\n')).toBe(false);
  });

  it('cash flow by payments_paid_cover, only cash tenders joined by sale_tenders\' key (v11); drawer refunds by drawer_movements_at', () => {
    const cash = plan(CASH_FLOW_SQL);
    expect(cash.some((d) => /SEARCH p USING COVERING INDEX payments_paid_cover/.test(d)), cash.join('\n')).toBe(true);
    expect(cash.some((d) => /SEARCH t USING PRIMARY KEY \(payment_id=\?\)/.test(d)), cash.join('\n')).toBe(true);
    expect(CASH_FLOW_SQL).toMatch(/p\.method = 'cash'/);
    const drawer = plan(DRAWER_REFUNDS_SQL);
    expect(drawer.some((d) => /SEARCH d USING INDEX drawer_movements_at/.test(d)), drawer.join('\n')).toBe(true);
    expect(drawer.some((d) => /^SCAN d\b/.test(d)), drawer.join('\n')).toBe(false);
  });
});
