import { afterEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { LedgerTooNewError, MIGRATIONS, migrate, openLedger, schemaVersion, type Database } from '../../electron/main/core/ledger';
import { tempLedger } from '../fixtures/fake-gateway';

const AT = '2026-11-26T03:00:00.000Z';

describe('openLedger', () => {
  const dirs: string[] = [];
  const dbs: Database[] = [];
  const open = (): { db: Database; file: string } => {
    const t = tempLedger();
    dirs.push(t.dir);
    const db = openLedger(t.file);
    dbs.push(db);
    return { db, file: t.file };
  };
  afterEach(() => {
    for (const d of dbs.splice(0)) if (d.open) d.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const seed = (db: Database, over: Record<string, unknown> = {}): void => {
    db.prepare('INSERT INTO orders (id, total, created_at) VALUES (?, ?, ?)').run('O1', 10000, AT);
    db.prepare(
      `INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, status, amount, last_source, created_at, updated_at)
       VALUES (@id, @order_id, @gateway_order_id, @method, @api, @external_id, @status, @amount, @last_source, @at, @at)`,
    ).run({
      id: 'P1', order_id: 'O1', gateway_order_id: 'KSR-20261126-ABC', method: 'qris', api: 'snap_bi',
      external_id: 'KSR-20261126-ABC', status: 'creating', amount: 10000, last_source: 'charge', at: AT, ...over,
    });
  };

  it('sets WAL, FULL sync, foreign keys, busy timeout and migrates to the latest version', () => {
    const { db } = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'audit_log', 'day_closings', 'drawer_movements', 'maintenance_pending', 'maintenance_runs', 'notification_deliveries', 'order_items',
      'orders', 'outbox', 'owner_settings', 'payment_events', 'payment_rechecks', 'payments', 'products', 'receipt_counters', 'refunds',
      'report_bare_paid', 'report_method_slots', 'report_slots', 'sale_tenders', 'sales', 'staff',
      'staff_pins', 'tender_followups',
    ]);
  });

  it('reopens an existing file without re-running migrations and keeps data', () => {
    const { db, file } = open();
    seed(db);
    db.close();
    const again = openLedger(file);
    dbs.push(again);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    expect(again.prepare('SELECT COUNT(*) FROM payments').pluck().get()).toBe(1);
  });

  it('refuses a ledger written by a newer Kasir, saying so, and leaves the file as it was', () => {
    const { db, file } = open();
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const before = readFileSync(file);
    let error: unknown;
    try {
      openLedger(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerTooNewError);
    expect(error).toMatchObject({ code: 'LEDGER_TOO_NEW', fileVersion: MIGRATIONS.length + 1, appVersion: MIGRATIONS.length });
    expect((error as Error).message).toMatch(/written by a newer Kasir/);
    expect((error as Error).message).toContain(file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('runs added migration steps in order', () => {
    const { db } = open();
    migrate(db, [...MIGRATIONS, { kind: 'plain', sql: 'CREATE TABLE extra (x INTEGER) STRICT' }]);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
  });

  it('rejects fractional rupiah, malformed vocabulary values and invalid gateway order ids', () => {
    const { db } = open();
    expect(() => db.prepare('INSERT INTO orders (id, total, created_at) VALUES (?, ?, ?)').run('O9', 100.5, AT)).toThrow(/INTEGER/);
    expect(() => seed(db, { amount: 1000.25 })).toThrow();
    db.prepare('DELETE FROM orders').run();
    // Which statuses and methods exist is checked in code (ledger-vocabulary.test.ts); SQL keeps the shape.
    expect(() => seed(db, { status: 'Paid!' })).toThrow(/CHECK/);
    db.prepare('DELETE FROM orders').run();
    expect(() => seed(db, { gateway_order_id: 'has space' })).toThrow(/CHECK/);
    db.prepare('DELETE FROM orders').run();
    expect(() => seed(db, { gateway_order_id: 'x'.repeat(51) })).toThrow(/CHECK/);
    db.prepare('DELETE FROM orders').run();
    expect(() => seed(db, { method: 'bit coin' })).toThrow(/CHECK/);
    db.prepare('DELETE FROM orders').run();
    expect(() => seed(db, { method: '' })).toThrow(/CHECK/);
    db.prepare('DELETE FROM orders').run();
    seed(db, { gateway_order_id: 'A-b_c.d~9' });
    expect(() => db.prepare('UPDATE payments SET refunded_amount = 10001').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE payments SET refunded_amount = -1').run()).toThrow(/CHECK/);
  });

  it('enforces foreign keys and event invariants', () => {
    const { db } = open();
    expect(() =>
      db.prepare(
        `INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, status, amount, last_source, created_at, updated_at)
         VALUES ('P', 'missing', 'G', 'qris', 'snap_bi', 'E', 'creating', 1, 'charge', ?, ?)`,
      ).run(AT, AT),
    ).toThrow(/FOREIGN KEY/);
    seed(db);
    const ev = db.prepare(
      `INSERT INTO payment_events (payment_id, source, from_status, to_status, applied, note, refunded_delta, raw, created_at)
       VALUES ('P1', ?, 'creating', 'pending', ?, 'x', ?, ?, ?)`,
    );
    expect(() => ev.run('charge', 0, 500, null, AT)).toThrow(/CHECK/); // unapplied events never move money
    expect(() => ev.run('Bogus', 1, 0, null, AT)).toThrow(/CHECK/);
    expect(() => ev.run('charge', 1, 0, 'not json', AT)).toThrow(/CHECK/);
    ev.run('charge', 1, 0, '{"a":1}', AT);
  });

  it('makes a commit visible to another connection at once (durable before returning)', () => {
    const { db, file } = open();
    seed(db);
    const other = new BetterSqlite3(file, { readonly: true });
    try {
      expect(other.prepare('SELECT status FROM payments WHERE id = ?').pluck().get('P1')).toBe('creating');
    } finally {
      other.close();
    }
  });
});
