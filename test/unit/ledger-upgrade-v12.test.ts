/**
 * A v12 ledger written by 354857a's own app (test/fixtures/ledgers/v12.*: the
 * v9 app flow — staff, audit, catalogue, QRIS sales on SNAP-BI paid at the
 * emulator, a split cash + QRIS sale, a refund, a cancel, a pending payment,
 * a forced day close — as that commit stored it: slim raw, report indexes,
 * a prunable outbox) opens with today's code: v13 adds the maintenance's
 * bookkeeping and changes no record; the first maintenance run takes in the
 * closed day, the next takes in nothing new.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { openLedger } from '../../electron/main/core/ledger';
import { LedgerMaintenance } from '../../electron/main/core/ledger/ledger-maintenance';
import { silentLogger } from '../../electron/main/core/logger';
import { rowsOf } from '../fixtures/ledger-rows';
import { upgradeFixture } from '../fixtures/upgrade-fixture';

const { manifest, copy, keep, expectShippedSchema, openKeepingRecords } = upgradeFixture(12);

describe('a ledger written by schema v12 (354857a)', () => {
  it("is that commit's file: schema v12, exactly the frozen steps 1–12", () => {
    expectShippedSchema();
    // What the flow wrote: sales, tenders, notification claims, re-check plans, a closed day, the outbox.
    for (const t of ['sales', 'sale_tenders', 'payment_events', 'payment_rechecks', 'day_closings', 'outbox', 'audit_log']) {
      expect(manifest.tables[t]!.length, t).toBeGreaterThan(0);
    }
  });

  it("opens with today's code and keeps every record exactly as written", () => {
    const db = openKeepingRecords();
    expect(rowsOf(db, 'maintenance_runs')).toEqual([]);
    expect(rowsOf(db, 'maintenance_pending')).toEqual([]);
    // v16 prunes the outbox by time, published or not: `outbox_at` replaced v12's `outbox_published`.
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'outbox_published'").pluck().get()).toBeUndefined();
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'outbox_at'").pluck().get()).toContain('outbox(at)');
  });

  it('its first maintenance run takes in the closed day; the next takes in nothing new and changes nothing', () => {
    const db = keep(openLedger(copy()));
    const clock = new ManualClock(Date.UTC(2026, 11, 3));
    const m = new LedgerMaintenance({ db, clock, logger: silentLogger });
    const first = m.runNow();
    const closing = manifest.tables.day_closings![0]!;
    const ofDay = manifest.tables.payments!.filter((p) => String(p.created_at) >= String(closing.period_start) && String(p.created_at) < String(closing.period_end));
    expect(first.closingsThrough).toBe(closing.id);
    expect(first.settled + first.carried).toBe(ofDay.length);
    // The paid ones still have their re-check plans (QRIS: 7 days), the pending one is open: carried to a later run.
    const planned = new Set(manifest.tables.payment_rechecks!.filter((r) => r.next_at !== null).map((r) => r.payment_id));
    const carried = db.prepare('SELECT payment_id FROM maintenance_pending ORDER BY 1').pluck().all();
    expect(carried).toEqual(ofDay.filter((p) => planned.has(p.id) || ['pending', 'creating'].includes(String(p.status))).map((p) => p.id).sort());
    const after = Object.fromEntries(Object.keys(manifest.tables).map((t) => [t, rowsOf(db, t)]));

    clock.advance(86_400_000);
    const second = m.runNow();
    expect(second).toMatchObject({ closingsThrough: closing.id, settled: 0, carried: carried.length, events: 0, drafts: 0, items: 0, freedBytes: 0, vacuumed: false });
    for (const t of Object.keys(manifest.tables)) expect(rowsOf(db, t), t).toEqual(after[t]);
    expect(rowsOf(db, 'maintenance_runs').map((r) => r.closings_through)).toEqual([closing.id, closing.id]);
  });
});
