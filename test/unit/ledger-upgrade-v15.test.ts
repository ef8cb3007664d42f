/**
 * A v15 ledger written by d68f305's own app (test/fixtures/ledgers/v15.*: the
 * v13 flow — staff, audit, catalogue, QRIS sales paid at the emulator, a split
 * cash + QRIS sale, a cash sale with change, a refund, a cancel, a pending
 * payment, a tender abandoned for cash, a forced day close) opens with today's
 * code: v16 makes the outbox the open day's delivery buffer — the rows before
 * the end of the latest closing go, `outbox_at` replaces `outbox_published` —
 * and changes no other record. The maintenance then packs the closed day's
 * quotes and settled raw payloads (packed-text.ts), and every reader gives
 * back the text as written.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { EventRepository, openLedger, SaleRepository } from '../../electron/main/core/ledger';
import { LedgerMaintenance } from '../../electron/main/core/ledger/ledger-maintenance';
import { isPacked } from '../../electron/main/core/ledger/packed-text';
import { silentLogger } from '../../electron/main/core/logger';
import { rowsOf } from '../fixtures/ledger-rows';
import { upgradeFixture } from '../fixtures/upgrade-fixture';

const { manifest, copy, keep, expectShippedSchema, openKeepingRecords } = upgradeFixture(15);
const closing = manifest.tables.day_closings!.at(-1)!;
const closedAt = String(closing.period_end);
const INSERT_OUTBOX = "INSERT INTO outbox (type, aggregate_id, payload, at, actor) VALUES ('sale.opened', 'ORD-X', '{}', ?, 'till')";

describe('a ledger written by schema v15 (d68f305)', () => {
  it("is that commit's file: schema v15, exactly the frozen steps 1–15, with outbox rows of its closed day", () => {
    expectShippedSchema();
    for (const t of ['sales', 'sale_tenders', 'payments', 'day_closings', 'payment_events']) {
      expect(manifest.tables[t]!.length, t).toBeGreaterThan(0);
    }
    expect(manifest.tables.outbox!.filter((r) => String(r.at) < closedAt).length).toBeGreaterThan(0);
  });

  it("opens with today's code: the closed day's outbox rows are gone, every other record is as written", () => {
    const db = openKeepingRecords();
    expect(rowsOf(db, 'outbox')).toEqual(manifest.tables.outbox!.filter((r) => String(r.at) >= closedAt));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('outbox_at', 'outbox_published')").pluck().all()).toEqual(['outbox_at']);
  });

  it("keeps the open day's unpublished rows; the next closing's maintenance takes them", () => {
    const db = keep(openLedger(copy()));
    const after = new Date(Date.parse(closedAt) + 60_000).toISOString();
    const id = Number(db.prepare(INSERT_OUTBOX).run(after).lastInsertRowid);
    expect(() => db.prepare('DELETE FROM outbox WHERE id = ?').run(id)).toThrow(/never deleted/);
    const m = new LedgerMaintenance({ db, clock: new ManualClock(Date.parse(closedAt)), logger: silentLogger });
    expect(m.runNow().outboxPruned).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM outbox WHERE id = ?').pluck().get(id)).toBe(1);
    db.prepare(
      `INSERT INTO day_closings (day, zone, period_start, period_end, paid_count, paid_total, refunded_total, net_total, cash_takings,
         cash_refunds, cash_expected, open_count, open_total, failed_count, forced, breakdown, created_at)
       VALUES ('2099-01-01', 'Asia/Jakarta', ?, '2099-01-01T17:00:00.000Z', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, '{}', ?)`,
    ).run(closedAt, after);
    expect(m.runNow().outboxPruned).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(0);
  });

  it("the first maintenance packs the closed day's quotes and settled raw; the readers give back the text as written", () => {
    const db = keep(openLedger(copy()));
    // The re-check windows over (what the scheduler writes once they pass): every final payment settles.
    db.exec('UPDATE payment_rechecks SET next_at = NULL');
    const report = new LedgerMaintenance({ db, clock: new ManualClock(Date.parse(closedAt)), logger: silentLogger }).runNow();
    expect(report.settled).toBeGreaterThan(0);
    expect(report.packed).toBeGreaterThan(0);
    const sales = new SaleRepository(db);
    const closed = manifest.tables.sales!.filter((s) => s.closed_at !== null && String(s.closed_at) < closedAt);
    expect(closed.length).toBeGreaterThan(0);
    for (const s of closed) {
      expect(isPacked(db.prepare('SELECT quote FROM sales WHERE id = ?').pluck().get(s.id) as string), String(s.id)).toBe(true);
      expect(sales.byId(String(s.id))!.quote).toBe(s.quote);
    }
    // A packed raw reads back as the settled projection of what was written (every event row stays).
    const events = new EventRepository(db);
    const packed = db.prepare(`SELECT DISTINCT payment_id FROM payment_events WHERE substr(raw, 1, 1) = '"'`).pluck().all() as string[];
    expect(packed.length).toBeGreaterThan(0);
    for (const id of packed) {
      const rows = events.forPayment(id);
      expect(rows.length).toBe(manifest.tables.payment_events!.filter((e) => e.payment_id === id).length);
      for (const e of rows) if (e.raw !== null) expect(JSON.parse(e.raw)).toMatchObject({ settled: 1 });
    }
  });
});
