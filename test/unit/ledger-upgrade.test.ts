/**
 * Upgrade tests: a ledger written by earlier schema versions (v1, v2, v3 and
 * v8, the last before sales), each by that
 * version's own code (test/fixtures/ledgers, made by
 * test/upgrade/make-ledger-fixtures.sh), is opened with today's openLedger.
 * Every record its manifest lists must still be there with the same values,
 * and today's repositories must then record a sale, a status change and an
 * update source v1 never knew, for every current payment method.
 *
 * The last block shows why v4 exists: a method added to the constants
 * ('ovo' here) is stored by an upgraded ledger, while a ledger at v3 — what
 * every till on the previous release has — refuses it with its CHECK list.
 */
import { isSettled, slimmedRaw } from '../fixtures/slimmed-raw';
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, isoUtc } from '../../electron/main/core/clock';
import {
  ClosingRepository,
  EventRepository,
  LEDGER_VOCABULARY,
  LedgerValueError,
  MIGRATIONS,
  PaymentRepository,
  ProductRepository,
  RefundRepository,
  SalesQueries,
  migrate,
  openLedger,
  schemaVersion,
  type Database,
  type LedgerVocabulary,
  type NewPaymentRow,
} from '../../electron/main/core/ledger';
import { silentLogger } from '../../electron/main/core/logger';
import { RandomIds } from '../../electron/main/core/payments/ids';
import { buildIntent } from '../../electron/main/core/payments/intent';
import { PaymentStateStore } from '../../electron/main/core/payments/payment-state';
import { DEFAULT_API_FOR, PAYMENT_METHODS, type PaymentMethod } from '../../shared/domain/payment';
import { keptOnUpgrade, rowsOf, type Row } from '../fixtures/ledger-rows';

interface Manifest {
  schemaVersion: number;
  commit: string;
  tables: Record<string, Row[]>;
}

const FIXTURES = new URL('../fixtures/ledgers/', import.meta.url);
const VERSIONS = [1, 2, 3, 8] as const;
/** The v8 fixture is the whole app of fc8ae08 (staff, audit, outbox, re-checks, notification claims) as its router drove it. */
const APP_WRITTEN = 8;
const manifestOf = (v: number): Manifest => JSON.parse(readFileSync(new URL(`v${v}.json`, FIXTURES), 'utf8')) as Manifest;

/** What v1 shipped (its CHECK lists): every fixture holds each of these at least once. */
const V1_METHODS = ['qris', 'gopay', 'shopeepay', 'dana', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'va_cimb', 'mandiri_bill', 'indomaret', 'alfamart', 'cash'];
const V1_STATUSES = ['creating', 'pending', 'settlement', 'capture', 'refund', 'partial_refund', 'expire', 'cancel', 'deny', 'failure', 'failed_to_create'];
const V1_SOURCES = ['charge', 'webhook', 'poll', 'recovery', 'manual'];
const V1_REFUND_STATUSES = ['requested', 'succeeded', 'failed', 'unknown'];

const dirs: string[] = [];
const dbs: (Database | BetterSqlite3.Database)[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A private copy of a fixture (the committed file is never opened for writing). */
function copyOf(version: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-upgrade-'));
  dirs.push(dir);
  const file = join(dir, 'kasir.sqlite');
  copyFileSync(new URL(`v${version}.sqlite`, FIXTURES), file);
  return file;
}
const opened = (file: string): Database => {
  const db = openLedger(file);
  dbs.push(db);
  return db;
};
const raw = (file: string): BetterSqlite3.Database => {
  const db = new BetterSqlite3(file);
  dbs.push(db);
  return db;
};
const schemaOf = (db: BetterSqlite3.Database): Row[] =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Row[];
const pick = (row: Row, keys: readonly string[]): Row => Object.fromEntries(keys.map((k) => [k, row[k]]));

/** A new sale of `amount` as today's engine writes it: order + intent in one transaction. */
function writeSale(db: Database, payments: PaymentRepository, intent: NewPaymentRow): void {
  db.transaction(() => {
    payments.insertOrder({ id: intent.order_id, total: intent.amount, created_at: intent.created_at }, [
      { sku: 'KOPI', name: 'Kopi', price: intent.amount, quantity: 1 },
    ]);
    payments.insertPayment(intent);
  })();
}

describe.each(VERSIONS)('a ledger written by schema v%i', (version) => {
  const manifest = manifestOf(version);

  it("is that version's file, and its schema is exactly what today's frozen steps 1…N make", () => {
    expect(manifest.schemaVersion).toBe(version);
    const old = raw(copyOf(version));
    expect(old.pragma('user_version', { simple: true })).toBe(version);
    const fresh = new BetterSqlite3(':memory:');
    dbs.push(fresh);
    migrate(fresh, MIGRATIONS.slice(0, version));
    expect(schemaOf(old)).toEqual(schemaOf(fresh));
  });

  it('holds every method, status, source and refund status that version knew', () => {
    const t = manifest.tables;
    const values = (table: string, column: string) => [...new Set(t[table]!.map((r) => r[column]))].sort();
    if (version === APP_WRITTEN) {
      // What the app of that commit writes in a day: who did it, and every table since v4 in use.
      expect(values('payments', 'status')).toEqual(['cancel', 'partial_refund', 'pending', 'settlement']);
      expect(values('payments', 'method')).toEqual(['cash', 'gopay', 'indomaret', 'qris', 'va_bca', 'va_bni']);
      expect(values('staff', 'role')).toEqual(['cashier', 'owner']);
      for (const table of ['audit_log', 'outbox', 'payment_rechecks', 'notification_deliveries', 'owner_settings', 'refunds']) {
        expect(t[table]!.length, table).toBeGreaterThan(0);
      }
      expect(t.payments!.every((p) => p.actor !== 'till' && p.gateway_env === 'emulator')).toBe(true);
      expect(t.payment_events!.some((e) => e.claim_key !== null)).toBe(true);
      expect(t.day_closings!.map((r) => r.forced)).toEqual([1]);
      expect(t.products!.some((r) => r.active === 0)).toBe(true);
      return;
    }
    expect(values('payments', 'method')).toEqual([...V1_METHODS].sort());
    expect(values('payments', 'status')).toEqual([...V1_STATUSES].sort());
    expect(values('payment_events', 'source')).toEqual([...V1_SOURCES].sort());
    expect(values('refunds', 'status')).toEqual([...V1_REFUND_STATUSES].sort());
    if (version >= 2) {
      expect(t.day_closings!.map((r) => r.forced)).toEqual([0, 1]); // a clean close and a forced one
    }
    if (version >= 3) {
      expect(t.products!.some((r) => r.active === 0)).toBe(true);
      expect(t.products!.some((r) => r.updated_at !== r.created_at)).toBe(true);
    }
  });

  it("opens with today's openLedger and keeps every record with the same values", () => {
    const db = opened(copyOf(version));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const [table, expected] of Object.entries(keptOnUpgrade(manifest.tables))) {
      const now = rowsOf(db, table);
      expect(now, table).toHaveLength(expected.length);
      // Raw payloads come back slimmed (no image bytes; settled once the payment cannot change): every other value as written.
      expected.forEach((row, i) => {
        const want = table === 'payment_events' ? { ...row, raw: slimmedRaw(row.raw as string | null, isSettled(now[i]!.raw)) } : row;
        expect(pick(now[i]!, Object.keys(row)), `${table} row ${i + 1}`).toEqual(want);
      });
      // Columns v4 added: who wrote it ('till' before staff accounts) and, for payments, an unknown environment.
      if (version < 4 && table !== 'order_items') for (const r of now) expect(r.actor, `${table}.actor`).toBe('till');
      if (version < 4 && table === 'payments') for (const r of now) expect(r.gateway_env).toBeNull();
    }
    // What v9 added starts empty or neutral: no sale rows for earlier orders, products taxed as standard, no barcodes,
    // closings without sale counts (the reports count such orders once each: reports/README.md).
    expect(rowsOf(db, 'sales')).toEqual([]);
    expect(rowsOf(db, 'sale_tenders')).toEqual([]);
    expect(rowsOf(db, 'drawer_movements')).toEqual([]);
    for (const p of rowsOf(db, 'products')) expect(pick(p, ['tax_class', 'barcode'])).toEqual({ tax_class: 'standard', barcode: null });
    for (const c of rowsOf(db, 'day_closings')) expect(pick(c, ['sale_count', 'tender_count'])).toEqual({ sale_count: null, tender_count: null });
  });

  it("reads every record back through today's repositories", () => {
    const db = opened(copyOf(version));
    const payments = new PaymentRepository(db);
    const events = new EventRepository(db);
    const refunds = new RefundRepository(db);
    for (const p of manifest.tables.payments!) {
      expect(payments.byId(p.id as string)).toMatchObject(p);
      expect(events.forPayment(p.id as string)).toHaveLength(
        manifest.tables.payment_events!.filter((e) => e.payment_id === p.id).length,
      );
      expect(refunds.forPayment(p.id as string)).toHaveLength(manifest.tables.refunds!.filter((r) => r.payment_id === p.id).length);
    }
    expect(payments.recent(1000)).toHaveLength(manifest.tables.payments!.length);
    const all = new SalesQueries(db).totals('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    expect(all.paidCount).toBe(manifest.tables.payments!.filter((p) => p.paid_at !== null).length);
    if (version >= 2) {
      const closings = new ClosingRepository(db);
      expect(closings.recent(10)).toHaveLength(manifest.tables.day_closings!.length);
      expect(closings.ofWindow('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).toHaveLength(manifest.tables.payments!.length);
      // The rebuilt schema kept the Z-report immutable.
      expect(() => db.prepare('UPDATE day_closings SET counted_cash = 1').run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM day_closings').run()).toThrow(/immutable/);
    }
    if (version >= 3) {
      expect(new ProductRepository(db).all()).toHaveLength(manifest.tables.products!.length);
      expect(() => db.prepare('DELETE FROM products').run()).toThrow(/never deleted/);
    }
  });

  it('records, for every current method, a sale, a status change and an update source v1 never knew', () => {
    const db = opened(copyOf(version));
    const clock = new ManualClock(Date.UTC(2027, 0, 4, 3, 0, 0));
    const payments = new PaymentRepository(db);
    const events = new EventRepository(db);
    const state = new PaymentStateStore({ db, clock, logger: silentLogger, payments, events });
    const ids = new RandomIds();
    for (const method of PAYMENT_METHODS) {
      const intent = buildIntent({
        ids, orderId: ids.orderId(), method, amount: 50_000, routing: DEFAULT_API_FOR, now: clock.now(),
        zone: 'Asia/Jakarta', gatewayEnv: 'sandbox',
      });
      writeSale(db, payments, intent);
      clock.advance(1_000);
      const opened = method === 'cash' ? null : state.apply(intent.id, { status: 'pending', amount: 50_000 }, 'charge', null);
      if (opened) expect(opened.applied).toBe(true);
      clock.advance(1_000);
      const paid = state.apply(intent.id, { status: 'settlement', amount: 50_000 }, 'reconcile', { reconciled: true });
      expect(paid.applied, method).toBe(true);
      expect(payments.byId(intent.id)).toMatchObject({
        method, status: 'settlement', last_source: 'reconcile', gateway_env: 'sandbox', actor: 'till', paid_at: isoUtc(clock.now()),
      });
      expect(events.forPayment(intent.id).at(-1)).toMatchObject({ source: 'reconcile', to_status: 'settlement', applied: 1 });
    }
  });

  it('takes what v4 relaxed: a zero total, discount and free lines, longer Core API order ids, a staff actor', () => {
    const db = opened(copyOf(version));
    const payments = new PaymentRepository(db);
    const at = '2027-01-04T03:00:00.000Z';
    payments.insertOrder({ id: 'ORD-ZERO', total: 0, created_at: at, actor: 'staff-07' }, [
      { sku: 'KOPI', name: 'Kopi', price: 18_000, quantity: 1 },
      { sku: 'DISC', name: 'Diskon 100%', price: -18_000, quantity: 1 },
      { sku: 'AIR', name: 'Air putih', price: 0, quantity: 1 },
    ]);
    expect(payments.order('ORD-ZERO')).toMatchObject({ total: 0, actor: 'staff-07' });
    const multiTill = 'KSR-OUTLET042-T03-20270104-0123456789ABCDEFGH'; // 45 characters
    payments.insertOrder({ id: 'ORD-LONG', total: 10_000, created_at: at }, [{ sku: 'A', name: 'A', price: 10_000, quantity: 1 }]);
    payments.insertPayment({
      id: 'PAY-LONG', order_id: 'ORD-LONG', gateway_order_id: multiTill, method: 'indomaret', api: 'core_api',
      external_id: '6f1f7c1e-3c1b-4d7e-9a51-1f2e3d4c5b6a', reference_no: null, status: 'creating', amount: 10_000,
      refunded_amount: 0, action: null, va_number: null, expires_at: null, paid_at: null, last_source: 'charge',
      created_at: at, updated_at: at, gateway_env: 'production', actor: 'staff-07',
    });
    expect(payments.byGatewayId(multiTill)).toMatchObject({ gateway_env: 'production', actor: 'staff-07' });
  });
});

describe('a method added to the constants needs no migration any more', () => {
  /** Today's vocabulary plus a method the next release might add. */
  const WITH_OVO: LedgerVocabulary = { ...LEDGER_VOCABULARY, methods: [...LEDGER_VOCABULARY.methods, 'ovo'] };
  const AT = '2027-01-04T03:00:00.000Z';
  const ovo = (gatewayOrderId: string): NewPaymentRow => ({
    id: `PAY-${gatewayOrderId}`, order_id: 'ORD-OVO', gateway_order_id: gatewayOrderId, method: 'ovo' as PaymentMethod,
    api: 'core_api', external_id: `ext-${gatewayOrderId}`, reference_no: null, status: 'creating', amount: 30_000,
    refunded_amount: 0, action: null, va_number: null, expires_at: null, paid_at: null, last_source: 'reconcile',
    created_at: AT, updated_at: AT, gateway_env: 'sandbox',
  });

  it.each(VERSIONS)('an upgraded v%i ledger stores an ovo payment once the code knows ovo', (version) => {
    const db = opened(copyOf(version));
    const later = new PaymentRepository(db, WITH_OVO);
    later.insertOrder({ id: 'ORD-OVO', total: 30_000, created_at: AT }, [{ sku: 'A', name: 'A', price: 30_000, quantity: 1 }]);
    later.insertPayment(ovo('KSR-OVO-1'));
    expect(later.byGatewayId('KSR-OVO-1')).toMatchObject({ method: 'ovo', last_source: 'reconcile' });
    // Today's code does not know ovo: it refuses to write it, and names the value when it reads one.
    const today = new PaymentRepository(db);
    expect(() => today.insertPayment(ovo('KSR-OVO-2'))).toThrow(LedgerValueError);
    expect(() => today.byGatewayId('KSR-OVO-1')).toThrow(/payments\.method holds "ovo".*newer Kasir/);
    expect(() => today.idByGatewayId('KSR-OVO-1')).toThrow(/payments\.method holds "ovo".*newer Kasir/);
  });

  it('a ledger at v3 (what the previous release leaves on every till) refuses it with its CHECK list', () => {
    const v3 = raw(copyOf(3)); // not migrated: exactly the file the v3 code wrote
    v3.prepare("INSERT INTO orders (id, total, created_at) VALUES ('ORD-OVO', 30000, ?)").run(AT);
    const insert = (method: string, source: string) =>
      v3.prepare(
        `INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, status, amount, last_source, created_at, updated_at)
         VALUES ('PAY-OVO', 'ORD-OVO', 'KSR-OVO-1', ?, 'core_api', 'ext-1', 'creating', 30000, ?, ?, ?)`,
      ).run(method, source, AT, AT);
    expect(() => insert('ovo', 'charge')).toThrow(/CHECK constraint failed/);
    expect(() => insert('qris', 'reconcile')).toThrow(/CHECK constraint failed/);
    // The same rows go into the upgraded file: the schema no longer decides which methods exist.
    v3.close();
    const file = copyOf(3);
    const upgraded = opened(file);
    upgraded.prepare("INSERT INTO orders (id, total, created_at) VALUES ('ORD-OVO', 30000, ?)").run(AT);
    upgraded
      .prepare(
        `INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, status, amount, last_source, created_at, updated_at)
         VALUES ('PAY-OVO', 'ORD-OVO', 'KSR-OVO-1', 'ovo', 'core_api', 'ext-1', 'creating', 30000, 'reconcile', ?, ?)`,
      )
      .run(AT, AT);
    expect(upgraded.prepare("SELECT method FROM payments WHERE id = 'PAY-OVO'").pluck().get()).toBe('ovo');
  });
});
