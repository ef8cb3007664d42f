import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { KasirError } from '../../shared/contract/result';
import type { ProductInput } from '../../shared/contract/schemas';
import { CatalogService } from '../../electron/main/core/catalog/catalog-service';
import { DEFAULT_CATALOG } from '../../electron/main/core/catalog/default-catalog';
import { ManualClock } from '../../electron/main/core/clock';
import { LedgerValueError, openLedger, ProductRepository, type Database } from '../../electron/main/core/ledger';
import { makeHarness, tempLedger, type Harness } from '../fixtures/fake-gateway';

const JERUK: ProductInput = { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', active: true };
const T0 = '2026-11-26T03:00:00.000Z';

/** The thrown error's code, or a failure when nothing (or something untyped) was thrown. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KasirError) return e.code;
    throw e;
  }
  throw new Error('expected a KasirError');
}

describe('CatalogService (real SQLite ledger)', () => {
  const dirs: string[] = [];
  const dbs: Database[] = [];
  let harness: Harness | undefined;
  afterEach(() => {
    harness?.close();
    harness = undefined;
    for (const d of dbs.splice(0)) if (d.open) d.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A seeded catalogue over a fresh ledger file; `reopen` simulates a restart. */
  function setup() {
    const loc = tempLedger();
    dirs.push(loc.dir);
    const clock = new ManualClock();
    const open = () => {
      const db = openLedger(loc.file);
      dbs.push(db);
      return { db, svc: new CatalogService({ db, clock }) };
    };
    const first = open();
    const seeded = first.svc.seedIfEmpty();
    return {
      ...first,
      clock,
      seeded,
      reopen: () => {
        first.db.close();
        return open();
      },
    };
  }

  const rows = (db: Database) => db.prepare('SELECT * FROM products ORDER BY sku').all();

  it('seeds the default catalogue into a fresh ledger, in order, all active', () => {
    const { svc, seeded } = setup();
    expect(seeded).toBe(true);
    expect(svc.list()).toEqual(DEFAULT_CATALOG);
    expect(svc.all().map((p) => [p.sortOrder, p.active, p.updatedAt])).toEqual(DEFAULT_CATALOG.map((_, i) => [i + 1, true, T0]));
  });

  it('seeds once: not again on the same ledger, nor after a restart', () => {
    const { svc, reopen } = setup();
    expect(svc.seedIfEmpty()).toBe(false);
    const again = reopen();
    expect(again.svc.seedIfEmpty()).toBe(false);
    expect(again.svc.all()).toHaveLength(DEFAULT_CATALOG.length);
  });

  it('never re-seeds after the merchant edits, even when every product was removed', () => {
    const { svc, reopen } = setup();
    svc.save({ sku: 'KOPI-SUSU', name: 'Es Kopi Susu Aren', price: 20_000, category: 'Kopi', active: true });
    for (const p of DEFAULT_CATALOG) svc.remove(p.sku);
    expect(svc.list()).toEqual([]);
    const again = reopen();
    expect(again.svc.seedIfEmpty()).toBe(false);
    expect(again.svc.list()).toEqual([]);
    expect(again.svc.all().find((p) => p.sku === 'KOPI-SUSU')).toMatchObject({ name: 'Es Kopi Susu Aren', price: 20_000, active: false });
  });

  it('creates a product at the end of the till, stamped with the injected clock', () => {
    const { svc, clock, db } = setup();
    clock.advance(60_000);
    const saved = svc.save(JERUK);
    expect(saved).toEqual({ ...JERUK, taxClass: 'standard', barcode: null, active: true, sortOrder: DEFAULT_CATALOG.length + 1, updatedAt: '2026-11-26T03:01:00.000Z' });
    expect(svc.list().at(-1)).toEqual({ sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', taxClass: 'standard', barcode: null });
    expect(db.prepare('SELECT created_at FROM products WHERE sku = ?').pluck().get('ES-JERUK')).toBe('2026-11-26T03:01:00.000Z');
  });

  it('normalises the SKU (trimmed, upper-case) and trims name and category', () => {
    const { svc } = setup();
    const saved = svc.save({ sku: ' es-jeruk ', name: ' Es Jeruk ', price: 9_000, category: ' Minuman ', active: true });
    expect(saved).toMatchObject({ sku: 'ES-JERUK', name: 'Es Jeruk', category: 'Minuman' });
    expect(svc.save({ ...JERUK, sku: 'Es-Jeruk', price: 9_500 }).sku).toBe('ES-JERUK');
    expect(svc.all().filter((p) => p.sku === 'ES-JERUK')).toHaveLength(1);
  });

  it('updates name, price and category in place: same sort order, created_at kept, updated_at moves', () => {
    const { svc, clock, db } = setup();
    svc.save(JERUK);
    clock.advance(3_600_000);
    const updated = svc.save({ ...JERUK, name: 'Es Jeruk Peras', price: 10_000, category: 'Jus' });
    expect(updated).toMatchObject({ name: 'Es Jeruk Peras', price: 10_000, category: 'Jus', sortOrder: DEFAULT_CATALOG.length + 1, updatedAt: '2026-11-26T04:00:00.000Z' });
    expect(db.prepare('SELECT created_at FROM products WHERE sku = ?').pluck().get('ES-JERUK')).toBe(T0);
  });

  it('refuses to overwrite an existing SKU when the editor says it is new (CONFLICT), writing nothing', () => {
    const { svc, db } = setup();
    const before = rows(db);
    expect(codeOf(() => svc.save({ ...JERUK, sku: 'KOPI-SUSU', isNew: true }))).toBe('CONFLICT');
    expect(rows(db)).toEqual(before);
    expect(svc.save({ ...JERUK, isNew: true }).sku).toBe('ES-JERUK');
  });

  it('removes softly: gone from the till, still in the editor, and active again after a save', () => {
    const { svc, db } = setup();
    svc.save(JERUK);
    const removed = svc.remove('es-jeruk');
    expect(removed).toMatchObject({ sku: 'ES-JERUK', active: false, price: 9_000 });
    expect(svc.list().map((p) => p.sku)).not.toContain('ES-JERUK');
    expect(svc.all().find((p) => p.sku === 'ES-JERUK')).toMatchObject({ active: false });
    expect(svc.remove('ES-JERUK')).toMatchObject({ active: false }); // twice is harmless
    expect(db.prepare('SELECT COUNT(*) FROM products WHERE sku = ?').pluck().get('ES-JERUK')).toBe(1);
    svc.save({ ...JERUK, active: true });
    expect(svc.list().map((p) => p.sku)).toContain('ES-JERUK');
  });

  it('answers NOT_FOUND for removing an unknown SKU', () => {
    const { svc } = setup();
    expect(codeOf(() => svc.remove('NOPE'))).toBe('NOT_FOUND');
  });

  it('a product row can never be deleted (the seed-once rule depends on it)', () => {
    const { db } = setup();
    expect(() => db.prepare('DELETE FROM products').run()).toThrow(/never deleted/);
  });

  it.each<[string, ProductInput]>([
    ['float price', { ...JERUK, price: 9_000.5 }],
    ['zero price', { ...JERUK, price: 0 }],
    ['negative price', { ...JERUK, price: -9_000 }],
    ['empty name', { ...JERUK, name: '' }],
    ['blank name', { ...JERUK, name: '   ' }],
    ['name over 50 chars', { ...JERUK, name: 'J'.repeat(51) }],
    ['empty category', { ...JERUK, category: '' }],
    ['sku over 50 chars', { ...JERUK, sku: 'J'.repeat(51) }],
    ['empty sku', { ...JERUK, sku: '' }],
    ['sku with a space', { ...JERUK, sku: 'ES JERUK' }],
  ])('rejects %s with INVALID_INPUT and writes nothing', (_label, input) => {
    const { svc, db } = setup();
    svc.save(JERUK);
    const before = rows(db);
    // A bad field is refused both as an update (ES-JERUK exists) and as a create (ES-MANGGA does not).
    const attempts = input.sku === JERUK.sku ? [input, { ...input, sku: 'ES-MANGGA' }] : [input];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        svc.save(attempt);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KasirError);
      expect((error as KasirError).code).toBe('INVALID_INPUT');
    }
    expect(rows(db)).toEqual(before);
  });

  it('names the field in a validation message', () => {
    const { svc } = setup();
    expect(() => svc.save({ ...JERUK, price: 9_000.5 })).toThrow(/price: price must be whole rupiah/);
    expect(() => svc.save({ ...JERUK, sku: 'J'.repeat(51) })).toThrow(/sku: SKU is at most 50 characters/);
  });

  it('keeps a tax class through save, list, the editor and a restart; a save without one keeps it', () => {
    const { svc, reopen } = setup();
    expect(svc.save({ ...JERUK, sku: 'JAM', name: 'Jam Tangan', taxClass: 'luxury' }).taxClass).toBe('luxury');
    expect(svc.save({ ...JERUK, sku: 'BERAS', name: 'Beras 5 kg', taxClass: 'exempt' }).taxClass).toBe('exempt');
    expect(svc.save({ ...JERUK, sku: 'TAS', name: 'Tas' }).taxClass).toBe('standard'); // new, none given
    // Saving without a class (an older caller, re-activating) never resets a luxury good to ordinary.
    svc.remove('JAM');
    expect(svc.save({ ...JERUK, sku: 'JAM', name: 'Jam Tangan', price: 1_500_000 })).toMatchObject({ taxClass: 'luxury', active: true, price: 1_500_000 });
    expect(svc.save({ ...JERUK, sku: 'BERAS', name: 'Beras 5 kg', taxClass: 'standard' }).taxClass).toBe('standard');
    const again = reopen();
    const classes = Object.fromEntries(again.svc.list().map((p) => [p.sku, p.taxClass]));
    expect(classes).toMatchObject({ JAM: 'luxury', BERAS: 'standard', TAS: 'standard', 'KOPI-SUSU': 'standard' });
    expect(again.svc.all().find((p) => p.sku === 'JAM')?.taxClass).toBe('luxury');
  });

  it('refuses an unknown tax class on write (INVALID_INPUT) and on read (a newer Kasir wrote it)', () => {
    const { svc, db } = setup();
    const before = rows(db);
    expect(codeOf(() => svc.save({ ...JERUK, taxClass: 'zero_rated' as never }))).toBe('INVALID_INPUT');
    expect(rows(db)).toEqual(before);
    expect(() => new ProductRepository(db).insert({ sku: 'X', name: 'X', price: 1, category: 'X', active: 1, tax_class: 'bogus' as never, sort_order: 99, created_at: T0, updated_at: T0 }))
      .toThrow(LedgerValueError);
    expect(rows(db)).toEqual(before);
    // The column's CHECK only knows the shape; the code knows which classes exist.
    db.prepare("UPDATE products SET tax_class = 'zero_rated' WHERE sku = 'KOPI-SUSU'").run();
    expect(() => svc.list()).toThrow(/products\.tax_class holds "zero_rated", which this Kasir does not know/);
  });

  it('seeds EAN-13 barcodes with a valid check digit on the packaged defaults', () => {
    const { svc } = setup();
    const coded = svc.list().filter((p) => p.barcode !== null);
    expect(coded.length).toBeGreaterThanOrEqual(3);
    for (const { barcode } of coded) {
      const digits = [...(barcode ?? '')].map(Number);
      expect(digits).toHaveLength(13);
      const sum = digits.slice(0, 12).reduce((a, d, i) => a + d * (i % 2 ? 3 : 1), 0);
      expect((10 - (sum % 10)) % 10).toBe(digits[12]);
    }
  });

  it('keeps a barcode through save, the editor and a restart; absent keeps it, null clears it', () => {
    const { svc, reopen } = setup();
    expect(svc.save({ ...JERUK, barcode: ' 8990000000017 ' }).barcode).toBe('8990000000017'); // trimmed, as typed
    expect(svc.save({ ...JERUK, price: 9_500 }).barcode).toBe('8990000000017'); // an older caller keeps it
    const again = reopen();
    expect(again.svc.list().find((p) => p.sku === 'ES-JERUK')?.barcode).toBe('8990000000017');
    expect(again.svc.save({ ...JERUK, barcode: null }).barcode).toBeNull();
    expect(again.svc.save({ ...JERUK, barcode: 'JRK-01' }).barcode).toBe('JRK-01'); // the shop's own code
  });

  it('refuses a barcode another product carries (CONFLICT naming it, active or not), writing nothing', () => {
    const { svc, db } = setup();
    const taken = DEFAULT_CATALOG.find((p) => p.barcode !== null);
    if (!taken?.barcode) throw new Error('the defaults carry barcodes');
    svc.remove(taken.sku); // inactive still holds it: re-activating must not make a scan ambiguous
    const before = rows(db);
    let error: unknown;
    try {
      svc.save({ ...JERUK, barcode: taken.barcode });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KasirError);
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'barcode', params: { reason: 'barcode_exists', barcode: taken.barcode, sku: taken.sku, name: taken.name } });
    expect(rows(db)).toEqual(before);
    // The product saving its own barcode again is not a conflict.
    expect(svc.save({ sku: taken.sku, name: taken.name, price: taken.price, category: taken.category, active: true, barcode: taken.barcode }).active).toBe(true);
  });

  it.each([['too short', '899'], ['a space', '8991 0010'], ['a slash', '899/1'], ['over 64', '8'.repeat(65)]])(
    'refuses a barcode with %s (INVALID_INPUT)',
    (_label, barcode) => {
      const { svc } = setup();
      expect(codeOf(() => svc.save({ ...JERUK, barcode }))).toBe('INVALID_INPUT');
    },
  );

  it('past orders keep their own item copies after a price change and removal', async () => {
    harness = makeHarness();
    const svc = new CatalogService({ db: harness.db, clock: harness.clock });
    svc.seedIfEmpty();
    svc.save(JERUK);
    const sale = await harness.service.create({ items: [{ sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, quantity: 2 }], method: 'cash' });
    svc.save({ ...JERUK, price: 10_000 });
    svc.remove('ES-JERUK');
    expect(harness.service.get(sale.id).items).toEqual([{ sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, quantity: 2 }]);
    expect(harness.service.get(sale.id).amount).toBe(18_000);
  });
});
