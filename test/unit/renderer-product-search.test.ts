import { describe, expect, it } from 'vitest';
import { enterAction, filterProducts, initialHighlight, moveHighlight } from '../../renderer/src/features/till/product-search';
import { DEFAULT_CATALOG } from '../../electron/main/core/catalog/default-catalog';
import type { Product } from '../../shared/contract/schemas';

const PRODUCTS: Product[] = [...DEFAULT_CATALOG, { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', taxClass: 'standard', barcode: null }];
const skus = (ps: readonly Product[]) => ps.map((p) => p.sku);

describe('till product search', () => {
  it('shows everything for an empty or blank query', () => {
    expect(filterProducts(PRODUCTS, '')).toEqual(PRODUCTS);
    expect(filterProducts(PRODUCTS, '   ')).toEqual(PRODUCTS);
  });

  it('matches name or SKU, case-insensitively, keeping catalogue order', () => {
    expect(skus(filterProducts(PRODUCTS, 'es '))).toEqual(['KOPI-SUSU', 'TEH-MANIS', 'ES-JERUK']);
    expect(skus(filterProducts(PRODUCTS, 'jeruk'))).toEqual(['ES-JERUK']);
    expect(skus(filterProducts(PRODUCTS, 'nasi-g'))).toEqual(['NASI-GORENG']);
    expect(skus(filterProducts(PRODUCTS, 'KOPI'))).toEqual(['KOPI-SUSU', 'KOPI-HITAM']);
    expect(filterProducts(PRODUCTS, 'rendang')).toEqual([]);
  });

  it('matches a barcode typed from its start', () => {
    const air = PRODUCTS.find((p) => p.sku === 'AIR-MINERAL');
    expect(air?.barcode).toBeTruthy();
    expect(skus(filterProducts(PRODUCTS, air?.barcode ?? ''))).toEqual(['AIR-MINERAL']);
    expect(skus(filterProducts(PRODUCTS, (air?.barcode ?? '').slice(1)))).not.toContain('AIR-MINERAL');
  });

  it('highlights an exact SKU or barcode, else the only result, never one of several partial matches', () => {
    const withPrefix: Product[] = [{ sku: 'KOPI', name: 'Kopi Tubruk', price: 6_000, category: 'Minuman', taxClass: 'standard', barcode: null }, ...PRODUCTS];
    const shownHitam = filterProducts(withPrefix, 'kopi-hitam');
    expect(shownHitam[initialHighlight(shownHitam, 'kopi-hitam') ?? -1]?.sku).toBe('KOPI-HITAM');
    const shownKopi = filterProducts(withPrefix, 'kopi');
    expect(shownKopi.length).toBeGreaterThan(1);
    expect(shownKopi[initialHighlight(shownKopi, 'kopi') ?? -1]?.sku).toBe('KOPI'); // exact SKU among several
    const shownEs = filterProducts(PRODUCTS, 'es');
    expect(initialHighlight(shownEs, 'es')).toBeNull(); // several partial matches: nothing picked
    expect(initialHighlight(filterProducts(PRODUCTS, 'roti'), 'roti')).toBe(0); // the only one
    expect(initialHighlight(PRODUCTS, '')).toBeNull();
  });

  it('arrows move the highlight, wrapping; from none, down starts at the first and up at the last', () => {
    expect(moveHighlight(null, 1, 3)).toBe(0);
    expect(moveHighlight(null, -1, 3)).toBe(2);
    expect(moveHighlight(0, 1, 3)).toBe(1);
    expect(moveHighlight(2, 1, 3)).toBe(0);
    expect(moveHighlight(0, -1, 3)).toBe(2);
    expect(moveHighlight(5, 1, 3)).toBe(0); // the list shrank under it
    expect(moveHighlight(null, 1, 0)).toBeNull();
  });

  it('Enter adds only the highlighted result; with several and none highlighted it highlights the first and adds nothing', () => {
    const shown = filterProducts(PRODUCTS, 'es');
    expect(enterAction(shown, 'es', null)).toEqual({ kind: 'highlight', index: 0 });
    expect(enterAction(shown, 'es', 1)).toEqual({ kind: 'add', product: shown[1] });
    expect(enterAction([], 'rendang', null)).toEqual({ kind: 'none' });
    expect(enterAction(PRODUCTS, '  ', 0)).toEqual({ kind: 'none' }); // an empty box adds nothing
  });
});
