/**
 * What the day reports' speed at 30,000 payments a day rests on (issue 12):
 * a shop day of the Today screen and the Z-report is a primary-key range of
 * the kept report slots (v15); any other window, and the CSV, read index
 * ranges — covering where the report reads no row (v11) — and the CSV's
 * payments come in index order, with no temporary b-tree sort and no OR
 * over two indexes. The numbers themselves are test/bench/reports.bench.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/main/core/ledger';
import { ClosingRepository } from '../../electron/main/core/ledger/closing-repository';
import { DayExportRepository } from '../../electron/main/core/ledger/day-export-repository';
import { PAID_BY_METHOD_AND_SLOT_SQL } from '../../electron/main/core/ledger/sales-queries';
import { ReportSlots } from '../../electron/main/core/ledger/report-slots';
import { ReportRows } from '../fixtures/report-rows';

const FROM = '2026-11-25T17:00:00.000Z';
const TO = '2026-11-26T17:00:00.000Z';

describe('day report query plans (v11 covering indexes)', () => {
  let rows: ReportRows;
  beforeEach(() => (rows = new ReportRows()));
  afterEach(() => rows.close());
  const plan = (sql: string, params: unknown[]) =>
    rows.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((p) => (p as { detail: string }).detail);

  it('the step that adds them is in MIGRATIONS (found by its SQL, not its number)', () => {
    const step = MIGRATIONS.find((m) => m.sql.includes('CREATE INDEX payments_paid_cover'));
    expect(step?.kind).toBe('plain');
    for (const ix of ['payments_paid_cover', 'payments_created_status', 'sales_closed_paid', 'sale_tenders_created', 'sales_opened']) {
      expect(rows.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(ix), ix).toBe(1);
    }
  });

  it('totals, per method and open/failed counts read only covering index ranges', () => {
    for (const sql of [
      'SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM payments INDEXED BY payments_paid_cover WHERE paid_at >= ? AND paid_at < ?',
      'SELECT method, COUNT(*) AS count, SUM(amount) AS total FROM payments INDEXED BY payments_paid_cover WHERE paid_at >= ? AND paid_at < ? GROUP BY method',
      "SELECT COALESCE(SUM(status IN ('creating', 'pending')), 0) FROM payments INDEXED BY payments_created_status WHERE created_at >= ? AND created_at < ?",
    ]) {
      const p = plan(sql, [FROM, TO]);
      expect(p.some((d) => /SEARCH payments USING COVERING INDEX/.test(d)), p.join('\n')).toBe(true);
      expect(p.some((d) => /^SCAN/.test(d)), p.join('\n')).toBe(false);
    }
  });

  it("the Today screen's totals, per-method rows and hourly chart are one covering scan and one sort", () => {
    const p = plan(PAID_BY_METHOD_AND_SLOT_SQL, [FROM, TO]);
    expect(p.some((d) => /SEARCH payments USING COVERING INDEX payments_paid_cover/.test(d)), p.join('\n')).toBe(true);
    expect(p.filter((d) => /TEMP B-TREE/.test(d)), p.join('\n')).toHaveLength(1);
  });

  it('a shop day reads the kept slots by primary-key range, and the orders without a sale from a covering range (v15)', () => {
    const statements = (new ReportSlots(rows.db) as unknown as Record<'paid' | 'slotCounts' | 'bareOrders' | 'cash', { source: string }>);
    for (const [name, table] of [['paid', 'report_method_slots'], ['slotCounts', 'report_slots'], ['cash', 'report_method_slots']] as const) {
      const p = plan(statements[name].source, [1, 2]);
      expect(p, name).toEqual([expect.stringMatching(new RegExp(`^SEARCH ${table} USING PRIMARY KEY \\(slot>\\? AND slot<\\?\\)`))]);
    }
    const bare = plan(statements.bareOrders.source, [FROM, TO]);
    expect(bare.some((d) => /SEARCH report_bare_paid USING COVERING INDEX report_bare_paid_at \(paid_at>\? AND paid_at<\?\)/.test(d)), bare.join('\n')).toBe(true);
  });

  it('the CSV reads the day\'s sales as an index range (no lookup per payment)', () => {
    const sales = plan('SELECT id, till_id, receipt_no FROM sales INDEXED BY sales_opened WHERE opened_at >= ? AND opened_at < ?', [FROM, TO]);
    expect(sales.some((d) => /SEARCH sales USING COVERING INDEX sales_opened/.test(d)), sales.join('\n')).toBe(true);
  });

  it('the CSV walks payments_created in (created_at, rowid) order, each tender from the window\'s part of sale_tenders_created: no temp b-tree, no OR', () => {
    // The statement as the repository prepared it (not a copy that could drift).
    const joined = (new DayExportRepository(rows.db) as unknown as { selJoinedStartedIn: { source: string } }).selJoinedStartedIn.source;
    const startedIn = plan(joined, [{ from: FROM, to: TO, methods: ',qris,', statuses: ',settlement,', sources: ',charge,' }]);
    expect(startedIn[0], startedIn.join('\n')).toMatch(/^SEARCH p USING INDEX payments_created \(created_at>\? AND created_at<\?\)/);
    expect(startedIn.some((d) => /SEARCH t USING COVERING INDEX sale_tenders_created \(created_at=\? AND payment_id=\?\)/.test(d)), startedIn.join('\n')).toBe(true);
    expect(startedIn.some((d) => /TEMP B-TREE/.test(d)), startedIn.join('\n')).toBe(false);
    expect(startedIn.some((d) => /MULTI-INDEX OR/.test(d)), startedIn.join('\n')).toBe(false);
  });

  it('the export keeps (created_at, rowid) order across both ranges, a payment paid in the day but started the day before first', () => {
    rows.sale({ id: 'S-OLD', total: 5_000, closedAt: '2026-11-25T18:00:00.000Z', receiptNo: 1, tenders: [{ method: 'qris', amount: 5_000, paidAt: '2026-11-25T18:00:00.000Z' }] });
    rows.db.prepare("UPDATE payments SET created_at = '2026-11-25T16:59:00.000Z' WHERE order_id = 'S-OLD'").run();
    rows.sale({ id: 'S-A', total: 7_000, closedAt: '2026-11-26T02:00:00.000Z', receiptNo: 2, tenders: [{ method: 'cash', amount: 7_000, paidAt: '2026-11-26T02:00:00.000Z' }] });
    rows.sale({ id: 'S-B', total: 9_000, closedAt: '2026-11-26T01:00:00.000Z', receiptNo: 3, tenders: [{ method: 'qris', amount: 9_000, paidAt: '2026-11-26T01:00:00.000Z' }] });
    const all = rows.db
      .prepare('SELECT order_id FROM payments WHERE (created_at >= ? AND created_at < ?) OR (paid_at >= ? AND paid_at < ?) ORDER BY created_at, rowid')
      .pluck()
      .all(FROM, TO, FROM, TO);
    expect(all).toEqual(['S-OLD', 'S-B', 'S-A']);
    // The two-range export gives exactly the rows and order of the OR query it replaced.
    const repo = new ClosingRepository(rows.db);
    expect([...new DayExportRepository(rows.db).exportRows(FROM, TO)].map((r) => ('joined' in r ? r.orderId : r.order_id))).toEqual(all);
    expect(repo.ofWindow(FROM, TO).map((r) => r.order_id)).toEqual(all);
  });
});
