/**
 * The bench's generated ledgers (test/bench/ledger-generator.ts): a small year
 * built with every CHECK constraint on, its copied days (INSERT … SELECT of a
 * template day) as consistent as the written ones — each day's Z-report adds
 * up to that day's own rows — and the closed days already as the ledger
 * maintenance leaves them (running it changes nothing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Database } from '../../electron/main/core/ledger';
import { compactSettledRaw } from '../../electron/main/core/ledger/raw-compaction';
import { compactClosedSales } from '../../electron/main/core/ledger/sale-compaction';
import { SalesQueries } from '../../electron/main/core/ledger/sales-queries';
import { dayWindow } from '../../shared/domain/zoned-time';
import { generatedLedger, ledgerSchedule, type GeneratedLedger } from '../bench/ledger-generator';

const SPEC = { name: 'unit-year', days: 6, paymentsPerDay: 400, busiestDayPayments: 900 };

describe('generated ledger (template day copied in SQLite)', () => {
  let dir: string;
  let g: GeneratedLedger;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kasir-gen-'));
    process.env.LEDGER_GEN_CHECKS = '1';
    try {
      g = await generatedLedger({ ...SPEC, cacheDir: dir });
    } finally {
      delete process.env.LEDGER_GEN_CHECKS;
    }
    db = openLedger(g.file);
  }, 120_000);
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the planned payments per day, every key unique, foreign keys whole', () => {
    const schedule = ledgerSchedule(SPEC);
    const count = db.prepare<[string, string], number>('SELECT COUNT(*) FROM payments WHERE created_at >= ? AND created_at < ?').pluck();
    for (const d of schedule) {
      const w = dayWindow(d.day, g.zone);
      const n = count.get(new Date(w.startUtc).toISOString(), new Date(w.endUtc).toISOString())!;
      expect(Math.abs(n - d.payments), d.day).toBeLessThanOrEqual(Math.max(5, d.payments * 0.05));
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM payments').pluck().get()).toBe(g.payments);
    const gw = db.prepare('SELECT COUNT(*) - COUNT(DISTINCT gateway_order_id) FROM payments').pluck().get();
    expect(gw).toBe(0);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it("each closed day's Z-report is that day's own rows (copied days included)", () => {
    const sales = new SalesQueries(db);
    const closings = db.prepare<[], { day: string; period_start: string; period_end: string; paid_count: number; paid_total: number; sale_count: number }>(
      'SELECT day, period_start, period_end, paid_count, paid_total, sale_count FROM day_closings ORDER BY day',
    ).all();
    expect(closings).toHaveLength(SPEC.days - 1);
    for (const c of closings) {
      const t = sales.totals(c.period_start, c.period_end);
      expect({ paid: t.paidCount, total: t.paidTotal, sales: t.saleCount }, c.day).toEqual({ paid: c.paid_count, total: c.paid_total, sales: c.sale_count });
      expect(c.paid_count, c.day).toBeGreaterThan(0);
      // Receipts of the day's paid sales are distinct per till and dated in the day.
      const dup = db.prepare('SELECT COUNT(*) - COUNT(DISTINCT till_id || receipt_no) FROM sales WHERE closed_at >= ? AND closed_at < ?').pluck()
        .get(c.period_start, c.period_end);
      expect(dup).toBe(0);
    }
  });

  it('closed days are already as the ledger maintenance leaves them', () => {
    expect(compactSettledRaw(db)).toEqual({ events: 0, qrCleared: 0, packed: 0 });
    expect(compactClosedSales(db)).toEqual({ drafts: 0, items: 0, quotes: 0, outboxPruned: 0 });
    // …and there was something to compact: the closed days' sales are compacted, today's are not.
    const compacted = db.prepare<[], number>(`SELECT COUNT(*) FROM sales WHERE substr(draft, 1, 13) = '{"fromQuote":'`).pluck().get()!;
    expect(compacted).toBeGreaterThan(0);
    const packed = db.prepare<[], number>(`SELECT COUNT(*) FROM sales WHERE substr(quote, 1, 1) = '"'`).pluck().get()!;
    expect(packed).toBeGreaterThan(0);
    const today = dayWindow(g.busiestDay, g.zone);
    const fullToday = db.prepare<[string], number>(`SELECT COUNT(*) FROM sales WHERE opened_at >= ? AND substr(draft, 1, 13) <> '{"fromQuote":'`).pluck()
      .get(new Date(today.startUtc).toISOString())!;
    expect(fullToday).toBeGreaterThan(0);
  });
});
