/**
 * A v14 ledger written by 3a412aa's own app (test/fixtures/ledgers/v14.*: the
 * v13 flow — staff, audit, catalogue, QRIS sales paid at the emulator, a split
 * cash + QRIS sale, a cash sale with change, a refund, a cancel, a pending
 * payment, a tender abandoned for cash, a forced day close) opens with today's
 * code: v15 adds the report slots (report_method_slots, report_slots,
 * report_bare_paid), filled from every record on file, and changes no record;
 * the day reports then read the slots and say what the records say.
 */
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/main/core/ledger';
import { SalesQueries } from '../../electron/main/core/ledger/sales-queries';
import { dayWindow, zonedDay } from '../../shared/domain/zoned-time';
import { upgradeFixture } from '../fixtures/upgrade-fixture';

const { manifest, copy, keep, expectShippedSchema, openKeepingRecords } = upgradeFixture(14);

describe('a ledger written by schema v14 (3a412aa)', () => {
  it("is that commit's file: schema v14, exactly the frozen steps 1–14", () => {
    expectShippedSchema();
    for (const t of ['sales', 'sale_tenders', 'payments', 'day_closings', 'payment_events']) {
      expect(manifest.tables[t]!.length, t).toBeGreaterThan(0);
    }
  });

  it("opens with today's code and keeps every record exactly as written", () => {
    openKeepingRecords();
  });

  it('starts the report slots from every record: each day of the file reads the same from the slots as from the records', () => {
    const db = keep(openLedger(copy()));
    const paid = manifest.tables.payments!.filter((p) => p.paid_at !== null);
    expect(paid.length).toBeGreaterThan(0);
    expect((db.prepare('SELECT SUM(count) FROM report_method_slots').pluck().get() as number)).toBe(paid.length);
    const slots = new SalesQueries(db);
    const records = new SalesQueries(db, undefined, { from: 'records' });
    let cashReceived = 0;
    const days = new Set(manifest.tables.payments!.map((p) => zonedDay(Date.parse(String(p.created_at)), 'Asia/Jakarta').day));
    for (const day of days) {
      const d = dayWindow(day, 'Asia/Jakarta');
      const [from, to] = [new Date(d.startUtc).toISOString(), new Date(d.endUtc).toISOString()];
      const read = (q: SalesQueries) => ({ totals: q.totalsAndSlots(from, to), cash: q.cashFlow(from, to) });
      const kept = read(slots);
      expect(kept.totals.totals.saleCount, day).toBeGreaterThan(0);
      expect(kept, day).toEqual(read(records));
      cashReceived += kept.cash.received;
    }
    // The cash sales' received amounts (with change) came from their tenders.
    expect(cashReceived).toBeGreaterThan(0);
  });

  it('keeps the slots through what the till writes next: a new payment paid, then reversed', () => {
    const db = keep(openLedger(copy()));
    const [p] = manifest.tables.payments!.filter((r) => r.paid_at !== null && r.method !== 'cash');
    const slot = (at: string) => Math.floor(Date.parse(at) / 900_000);
    const before = db.prepare('SELECT count, total FROM report_method_slots WHERE slot = ? AND method = ?').get(slot(String(p!.paid_at)), p!.method);
    db.prepare("UPDATE payments SET status = 'deny', paid_at = NULL WHERE id = ?").run(p!.id);
    const after = db.prepare('SELECT count, total FROM report_method_slots WHERE slot = ? AND method = ?').get(slot(String(p!.paid_at)), p!.method) as { count: number; total: number };
    const b = before as { count: number; total: number };
    expect(after).toEqual({ count: b.count - 1, total: b.total - Number(p!.amount) });
  });
});
