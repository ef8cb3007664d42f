/**
 * A v9 ledger written by 930cb48's own app (test/fixtures/ledgers/v9.*: the
 * v8 app flow plus sales, QRIS on the default SNAP-BI routing whose charge
 * answers carry the QR image) opens with today's code, keeps every record,
 * and comes out slimmed: no image bytes anywhere, the raw of payments that
 * can no longer change settled to the fields that matter, every audit fact
 * (every event row, its ids, statuses, amounts and times) kept.
 */
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openLedger, schemaVersion, type Database } from '../../electron/main/core/ledger';
import { EventRepository } from '../../electron/main/core/ledger/event-repository';
import { PaymentRepository } from '../../electron/main/core/ledger/payment-repository';
import { isSettled, slimmedRaw } from '../fixtures/slimmed-raw';
import { parseDraft, parseStoredDraft } from '../../electron/main/core/sales/sale-draft';
import { itemDetailsFor, type Quote } from '../../shared/domain/pricing';
import { keptOnUpgrade, rowsOf, type Row } from '../fixtures/ledger-rows';

interface Manifest { schemaVersion: number; commit: string; tables: Record<string, Row[]> }
const FIXTURES = new URL('../fixtures/ledgers/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('v9.json', FIXTURES), 'utf8')) as Manifest;
const IMAGE = /iVBORw0KGgo|data:image|"qrImage"/;

const dirs: string[] = [];
const dbs: (Database | BetterSqlite3.Database)[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function upgraded(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-upgrade-v9-'));
  dirs.push(dir);
  const file = join(dir, 'kasir.sqlite');
  copyFileSync(new URL('v9.sqlite', FIXTURES), file);
  const db = openLedger(file);
  dbs.push(db);
  return db;
}
/** Every text value of every table, for the image search. */
const allText = (db: BetterSqlite3.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).flatMap((t) =>
    rowsOf(db, t).flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string')),
  );

describe('a ledger written by schema v9 (930cb48, sales on SNAP-BI QRIS)', () => {
  it("is that commit's file, with QR images in its charge answers", () => {
    expect(manifest.schemaVersion).toBe(9);
    const dir = mkdtempSync(join(tmpdir(), 'kasir-upgrade-v9-'));
    dirs.push(dir);
    copyFileSync(new URL('v9.sqlite', FIXTURES), join(dir, 'v9.sqlite')); // the committed file is never opened
    const old = new BetterSqlite3(join(dir, 'v9.sqlite'), { readonly: true });
    dbs.push(old);
    expect(old.pragma('user_version', { simple: true })).toBe(9);
    const fresh = new BetterSqlite3(':memory:');
    dbs.push(fresh);
    migrate(fresh, MIGRATIONS.slice(0, 9));
    const schema = (db: BetterSqlite3.Database) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
    expect(schema(old)).toEqual(schema(fresh));
    expect(manifest.tables.sales!.length).toBeGreaterThanOrEqual(4);
    expect(manifest.tables.payment_events!.filter((e) => IMAGE.test(String(e.raw))).length).toBeGreaterThanOrEqual(3);
  });

  it('opens with today\'s code and keeps every record: every value as written, raw payloads slimmed', () => {
    const db = upgraded();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const settledPayments = new Set(rowsOf(db, 'payment_events').filter((e) => isSettled(e.raw)).map((e) => e.payment_id));
    for (const [table, expected] of Object.entries(keptOnUpgrade(manifest.tables))) {
      const now = rowsOf(db, table);
      expect(now, table).toHaveLength(expected.length);
      expected.forEach((row, i) => {
        const got = now[i]!;
        // A settled payment's QR string goes too (it was only ever drawn while the payment was open).
        const qrGone = table === 'payments' && settledPayments.has(row.id) && String(row.action).includes('"kind":"qr"');
        // A closed sale's derivable draft / item_details (ledger/sale-compaction.ts): compacted only when they are
        // exactly what the quote rebuilds — parseStoredDraft gives back the draft as written.
        const fromQuote = (col: string) => got[col] !== row[col] && String(got[col]).startsWith('{"fromQuote":1');
        let want: Row =
          table === 'payment_events' ? { ...row, raw: slimmedRaw(row.raw as string | null, isSettled(got.raw)) } : qrGone ? { ...row, action: null } : row;
        if (table === 'sales' && fromQuote('draft')) {
          expect(parseStoredDraft(String(got.draft), () => JSON.parse(String(row.quote)) as Quote)).toEqual(parseDraft(String(row.draft)));
          want = { ...want, draft: got.draft };
        }
        if (table === 'sale_tenders' && fromQuote('items')) {
          const quote = JSON.parse(String(manifest.tables.sales!.find((x) => x.id === row.sale_id)!.quote)) as Quote;
          expect(JSON.parse(String(row.items))).toEqual(itemDetailsFor(quote, Number(row.applied)));
          expect(settledPayments.has(row.payment_id)).toBe(true);
          want = { ...want, items: got.items };
        }
        expect(Object.fromEntries(Object.keys(row).map((k) => [k, got[k]])), `${table} row ${i + 1}`).toEqual(want);
      });
    }
  });

  it('holds no image bytes anywhere, and is smaller', () => {
    const db = upgraded();
    expect(allText(db).filter((v) => IMAGE.test(v))).toEqual([]);
    const before = manifest.tables.payment_events!.reduce((n, e) => n + String(e.raw ?? '').length, 0);
    const after = rowsOf(db, 'payment_events').reduce((n, e) => n + String(e.raw ?? '').length, 0);
    expect(after).toBeLessThan(before * 0.6);
  });

  it('settles exactly the payments that can no longer change, keeping their audit facts', () => {
    const db = upgraded();
    const payments = new PaymentRepository(db);
    const events = new EventRepository(db);
    const rechecks = new Set(manifest.tables.payment_rechecks!.filter((r) => r.next_at !== null).map((r) => r.payment_id));
    const final = (p: Row) =>
      ['refund', 'expire', 'cancel', 'deny', 'failure'].includes(p.status as string) ||
      (['settlement', 'capture', 'partial_refund'].includes(p.status as string) && !rechecks.has(p.id));
    let settled = 0;
    for (const p of manifest.tables.payments!) {
      const rows = events.forPayment(p.id as string);
      expect(rows).toHaveLength(manifest.tables.payment_events!.filter((e) => e.payment_id === p.id).length);
      for (const e of rows) {
        if (e.raw === null) continue;
        expect(isSettled(e.raw), `${String(p.method)} ${String(p.status)} event ${e.id}`).toBe(final(p));
        if (!isSettled(e.raw)) continue;
        settled++;
        const kept = JSON.parse(e.raw) as Row;
        const original = JSON.parse(manifest.tables.payment_events!.find((o) => o.id === e.id)!.raw as string) as Row;
        // The fields that matter survive with the values Midtrans sent.
        for (const k of ['order_id', 'transaction_id', 'transaction_status', 'gross_amount', 'transaction_time', 'payment_type', 'status_code']) {
          if (original[k] !== undefined) expect(kept[k], k).toBe(original[k]);
        }
      }
      expect(payments.byId(p.id as string)).toMatchObject({ status: p.status, amount: p.amount, refunded_amount: p.refunded_amount });
    }
    expect(settled).toBeGreaterThan(0); // the cancelled GoPay charge
  });
});
