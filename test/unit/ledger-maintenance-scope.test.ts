/**
 * The after-close maintenance takes in only what is new (v13,
 * ledger/maintenance-pass.ts): none of its statements reads a whole table of
 * history (their query plans are index ranges and key lookups), a day closed
 * after a run is taken in by the next one, a payment the rule cannot settle
 * yet waits in `maintenance_pending` and is settled once its re-check plan
 * is over, a pass repeated before its run was recorded changes nothing, and
 * the VACUUM runs only once VACUUM_SHARE of the file is free — and a VACUUM
 * that failed (a full disk) is tried again by the next run.
 */
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { openLedger, type Database } from '../../electron/main/core/ledger';
import { LedgerMaintenance, VACUUM_SHARE } from '../../electron/main/core/ledger/ledger-maintenance';
import { createSettlingTable, MAINTENANCE_PASS_SQL, maintenancePass } from '../../electron/main/core/ledger/maintenance-pass';
import { silentLogger } from '../../electron/main/core/logger';

const dirs: string[] = [];
const dbs: (Database | BetterSqlite3.Database)[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The v12 fixture (354857a's app: sales, a forced day close) upgraded to today's schema. */
function ledger(): { db: Database; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-maint-scope-'));
  dirs.push(dir);
  const file = join(dir, 'kasir.sqlite');
  copyFileSync(new URL('../fixtures/ledgers/v12.sqlite', import.meta.url), file);
  const db = openLedger(file);
  dbs.push(db);
  return { db, file };
}

const maintenance = (db: Database) => new LedgerMaintenance({ db, clock: new ManualClock(Date.UTC(2026, 11, 3)), logger: silentLogger });

/** Sets the fixture's day closing aside (as if not closed yet) and returns a function that closes it again, under a new id. */
function unclose(db: Database): () => void {
  const row = db.prepare('SELECT * FROM day_closings').get() as Record<string, unknown>;
  db.exec('DROP TRIGGER day_closings_no_delete');
  db.prepare('DELETE FROM day_closings').run();
  return () => {
    const { id: _id, ...rest } = row;
    const cols = Object.keys(rest);
    db.prepare(`INSERT INTO day_closings (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(rest);
  };
}

describe('ledger maintenance, year five', () => {
  it('reads no table of history whole: every statement of the pass is index ranges and key lookups', () => {
    const { db } = ledger();
    createSettlingTable(db);
    for (const [name, sql] of Object.entries(MAINTENANCE_PASS_SQL)) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ last: 0, through: 1 }) as { detail: string }[]).map((r) => r.detail);
      // A SCAN of anything but a JSON table-valued function (one row's JSON) or maintenance_pending (what still
      // waits, by alias `m` or name) would read history whole; aliases hide table names, so every other SCAN fails.
      const scans = plan.filter((d) => /^SCAN /.test(d) && !/VIRTUAL TABLE|CONSTANT ROW/.test(d) && !/^SCAN (m|maintenance_pending)\b/.test(d));
      expect(scans, `${name}: ${plan.join(' | ')}`).toEqual([]);
    }
    // And the table it does scan is the small one: pickSettling starts from maintenance_pending.
    const pick = (db.prepare(`EXPLAIN QUERY PLAN ${MAINTENANCE_PASS_SQL.pickSettling}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(pick[0]).toMatch(/^SCAN m\b/);
  });

  it('takes in a day closed after the last run with the next run, and only then', () => {
    const { db } = ledger();
    const closeAgain = unclose(db);
    const m = maintenance(db);
    expect(m.runNow()).toMatchObject({ closingsThrough: 0, settled: 0, carried: 0, events: 0, drafts: 0 });
    closeAgain();
    const next = m.runNow();
    expect(next.settled).toBeGreaterThan(0);
    expect(next.drafts).toBeGreaterThan(0);
    expect(next.closingsThrough).toBe(db.prepare('SELECT MAX(id) FROM day_closings').pluck().get());
  });

  it('keeps a paid payment waiting until its re-check plan is over, then settles exactly it', () => {
    const { db } = ledger();
    const m = maintenance(db);
    const first = m.runNow();
    const waiting = db
      .prepare(`SELECT m.payment_id FROM maintenance_pending m JOIN payment_rechecks r ON r.payment_id = m.payment_id
                JOIN payments p ON p.id = m.payment_id WHERE r.next_at IS NOT NULL AND p.status = 'settlement' LIMIT 1`)
      .pluck()
      .get() as string;
    expect(waiting).toBeTruthy();
    const rawOf = () => db.prepare('SELECT kasir_text(raw) FROM payment_events WHERE payment_id = ? AND raw IS NOT NULL').pluck().all(waiting) as string[];
    expect(rawOf().some((r) => !r.startsWith('{"settled":1'))).toBe(true);
    // The plan ends (what the re-check scheduler writes once the windows have passed).
    db.prepare('UPDATE payment_rechecks SET next_at = NULL WHERE payment_id = ?').run(waiting);
    const second = m.runNow();
    expect(second).toMatchObject({ settled: 1, carried: first.carried - 1, drafts: 0 });
    expect(rawOf().every((r) => r.startsWith('{"settled":1'))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM maintenance_pending WHERE payment_id = ?').pluck().get(waiting)).toBe(0);
  });

  it('a pass done again before its run was recorded (a crash) changes nothing more', () => {
    const { db } = ledger();
    const pass = maintenancePass(db);
    const first = pass();
    expect(first.events + first.drafts).toBeGreaterThan(0);
    const again = pass(); // no maintenance_runs row: the same closings are taken in again
    // The day is taken in again and its settled payments re-picked, but there is nothing left to shrink.
    expect(again).toMatchObject({ closingsThrough: first.closingsThrough, settled: first.settled, carried: first.carried, events: 0, qrCleared: 0, drafts: 0, items: 0, freedBytes: 0 });
  });

  it(`VACUUMs only once ${VACUUM_SHARE * 100}% of the file is free, counting what earlier runs freed`, () => {
    const { db, file } = ledger();
    const m = maintenance(db);
    const small = m.runNow();
    expect(small.freedBytes).toBeGreaterThan(0);
    expect(small.vacuumed).toBe(false); // a few kB of JSON in a 340 kB file
    // Later runs free more (here: a fat answer settled on a cancelled payment of the closed day, ~40 kB of the file).
    const cancelled = db.prepare("SELECT id FROM payments WHERE status = 'cancel'").pluck().get() as string;
    const fat = JSON.stringify({ transaction_status: 'cancel', note: 'x'.repeat(40_000) });
    db.prepare(
      "INSERT INTO payment_events (payment_id, source, from_status, to_status, applied, note, raw, created_at) VALUES (?, 'poll', 'cancel', 'cancel', 0, 'ignored', ?, '2026-12-02T06:10:00.000Z')",
    ).run(cancelled, fat);
    db.prepare("INSERT INTO maintenance_pending (payment_id) VALUES (?)").run(cancelled);
    const big = m.runNow();
    expect(big.freedBytes).toBeGreaterThan(VACUUM_SHARE * small.bytesAfter!);
    expect(big.vacuumed).toBe(true);
    expect(big.bytesAfter!).toBeLessThan(big.bytesBefore!);
    const runs = db.prepare('SELECT vacuumed, bytes_after FROM maintenance_runs ORDER BY id').all();
    expect(runs).toEqual([{ vacuumed: 0, bytes_after: small.bytesAfter }, { vacuumed: 1, bytes_after: big.bytesAfter }]);
    expect(new BetterSqlite3(file, { readonly: true }).pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a VACUUM that failed is tried again by the next run: what the run freed stays counted', () => {
    const { db } = ledger();
    let fail = true;
    const vacuums: boolean[] = [];
    const m = new LedgerMaintenance({
      db, clock: new ManualClock(Date.UTC(2026, 11, 3)), logger: silentLogger,
      vacuum: () => {
        vacuums.push(fail);
        if (fail) throw new Error('database or disk is full');
        db.exec('VACUUM');
      },
    });
    const cancelled = db.prepare("SELECT id FROM payments WHERE status = 'cancel'").pluck().get() as string;
    db.prepare(
      "INSERT INTO payment_events (payment_id, source, from_status, to_status, applied, note, raw, created_at) VALUES (?, 'poll', 'cancel', 'cancel', 0, 'ignored', ?, '2026-12-02T06:10:00.000Z')",
    ).run(cancelled, JSON.stringify({ transaction_status: 'cancel', note: 'x'.repeat(60_000) }));
    expect(() => m.runNow()).toThrow('disk is full');
    expect(db.prepare('SELECT freed_bytes > 50000 AS big, vacuumed FROM maintenance_runs').all()).toEqual([{ big: 1, vacuumed: 0 }]);
    fail = false;
    const next = m.runNow(); // nothing new to free: the first run's bytes make it VACUUM
    expect(next.freedBytes).toBe(0);
    expect(next.vacuumed).toBe(true);
    expect(vacuums).toEqual([true, false]);
    expect(db.prepare('SELECT vacuumed FROM maintenance_runs ORDER BY id').pluck().all()).toEqual([0, 1]);
  });
});
