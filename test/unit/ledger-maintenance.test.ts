/**
 * The ledger maintenance (ledger/ledger-maintenance.ts) on an injected clock:
 * nothing at start-up; after a day is closed it waits, then settles the raw
 * payloads of payments that can no longer change and VACUUMs (the file
 * shrinks); it waits while the till is busy; a write from another connection
 * around it commits, and a payment that can still change keeps its full raw.
 */
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { openLedger, type Database } from '../../electron/main/core/ledger';
import { LedgerMaintenance } from '../../electron/main/core/ledger/ledger-maintenance';
import { isPacked, unpackText } from '../../electron/main/core/ledger/packed-text';
import { silentLogger } from '../../electron/main/core/logger';

const dirs: string[] = [];
const dbs: (Database | BetterSqlite3.Database)[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The v9 fixture upgraded, plus 400 fat answers (an old QR image each) on its cancelled GoPay payment (final, day closed). */
function bloatedLedger(): { db: Database; file: string; cancelled: string; pending: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-maint-'));
  dirs.push(dir);
  const file = join(dir, 'kasir.sqlite');
  copyFileSync(new URL('../fixtures/ledgers/v9.sqlite', import.meta.url), file);
  const db = openLedger(file);
  dbs.push(db);
  const id = (status: string) => db.prepare('SELECT id FROM payments WHERE status = ? LIMIT 1').pluck().get(status) as string;
  const cancelled = id('cancel');
  const pending = id('pending');
  const fat = JSON.stringify({ transaction_id: 'tx-1', transaction_status: 'cancel', gross_amount: '56000.00', note: 'x'.repeat(6000) });
  const insert = db.prepare(
    "INSERT INTO payment_events (payment_id, source, from_status, to_status, applied, note, raw, created_at) VALUES (?, 'poll', 'cancel', 'cancel', 0, 'ignored', ?, '2026-12-02T06:10:00.000Z')",
  );
  db.transaction(() => {
    for (let i = 0; i < 400; i++) insert.run(cancelled, fat);
    insert.run(pending, fat);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, file, cancelled, pending };
}

describe('ledger maintenance', () => {
  it('does nothing at start-up, however long the till runs', () => {
    const { db, file } = bloatedLedger();
    const clock = new ManualClock(Date.UTC(2026, 11, 3));
    const m = new LedgerMaintenance({ db, clock, logger: silentLogger });
    const size = statSync(file).size;
    clock.advance(24 * 3600_000);
    expect(m.pending).toBe(false);
    expect(m.lastReport()).toBeNull();
    expect(statSync(file).size).toBe(size);
    // The fat answers of the cancelled payment are still there, as written.
    expect(db.prepare("SELECT COUNT(*) FROM payment_events WHERE length(raw) > 6000").pluck().get()).toBe(401);
  });

  it('after a close, waits, then settles final payments and VACUUMs: the file shrinks, every event row stays', () => {
    const { db, file, cancelled, pending } = bloatedLedger();
    const clock = new ManualClock(Date.UTC(2026, 11, 3));
    const m = new LedgerMaintenance({ db, clock, logger: silentLogger, delayMs: 10_000 });
    const rows = db.prepare('SELECT COUNT(*) FROM payment_events').pluck().get();
    const before = statSync(file).size;
    m.dayClosed();
    m.dayClosed(); // a second close meanwhile: one run
    clock.advance(9_999);
    expect(m.lastReport()).toBeNull();
    clock.advance(1);
    const report = m.lastReport()!;
    expect(report.events).toBeGreaterThanOrEqual(400);
    expect(report.bytesBefore).toBe(before);
    expect(statSync(file).size).toBe(report.bytesAfter);
    expect(report.bytesAfter!).toBeLessThan(before / 4);
    expect(db.prepare('SELECT COUNT(*) FROM payment_events').pluck().get()).toBe(rows);
    const kept = db.prepare('SELECT raw FROM payment_events WHERE payment_id = ? ORDER BY id DESC LIMIT 1').pluck().get(cancelled) as string;
    // Settled, then packed (packed-text.ts): a JSON string on file, the exact settled text back.
    expect(isPacked(kept)).toBe(true);
    expect(JSON.parse(unpackText(kept))).toEqual({ settled: 1, transaction_id: 'tx-1', transaction_status: 'cancel', gross_amount: '56000.00' });
    // The pending payment can still change: its raw is as written.
    const open = db.prepare('SELECT raw FROM payment_events WHERE payment_id = ? ORDER BY id DESC LIMIT 1').pluck().get(pending) as string;
    expect(open).toContain('x'.repeat(6000));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('waits while the till is busy, then runs', () => {
    const { db } = bloatedLedger();
    const clock = new ManualClock(Date.UTC(2026, 11, 3));
    let busy = true;
    const m = new LedgerMaintenance({ db, clock, logger: silentLogger, busy: () => busy, delayMs: 10_000, retryMs: 30_000 });
    m.dayClosed();
    clock.advance(10_000 + 3 * 30_000);
    expect(m.lastReport()).toBeNull();
    expect(m.pending).toBe(true);
    busy = false;
    clock.advance(30_000);
    expect(m.lastReport()).not.toBeNull();
    m.close();
  });

  it("does not break a sale written from another connection around it (WAL, busy timeout)", () => {
    const { db, file, pending } = bloatedLedger();
    const other = new BetterSqlite3(file);
    dbs.push(other);
    other.pragma('busy_timeout = 5000');
    const reader = other.prepare('SELECT COUNT(*) FROM payment_events').pluck();
    const clock = new ManualClock(Date.UTC(2026, 11, 3));
    const m = new LedgerMaintenance({ db, clock, logger: silentLogger });
    // A read transaction open on the other connection while the VACUUM runs.
    other.exec('BEGIN');
    const seen = reader.get();
    m.runNow();
    expect(reader.get()).toBe(seen);
    other.exec('COMMIT');
    other
      .prepare("INSERT INTO payment_events (payment_id, source, from_status, to_status, applied, note, created_at) VALUES (?, 'poll', 'pending', NULL, 0, 'ignored', '2026-12-03T01:00:00.000Z')")
      .run(pending);
    expect(db.prepare('SELECT COUNT(*) FROM payment_events').pluck().get()).toBe((seen as number) + 1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('cancels its scheduled run when closed', () => {
    const { db } = bloatedLedger();
    const clock = new ManualClock(Date.UTC(2026, 11, 3));
    const m = new LedgerMaintenance({ db, clock, logger: silentLogger });
    m.dayClosed();
    m.close();
    clock.advance(60_000);
    expect(m.lastReport()).toBeNull();
  });
});
