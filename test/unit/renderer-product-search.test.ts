import { describe, expect, it } from 'vitest';
import { filterProducts, pickForEnter } from '../../renderer/src/features/till/product-search';
import { DEFAULT_CATALOG } from '../../electron/main/core/catalog/default-catalog';

const PRODUCTS = [...DEFAULT_CATALOG, { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', taxClass: 'standard' as const }];

describe('till product search', () => {
  it('shows everything for an empty or blank query', () => {
    expect(filterProducts(PRODUCTS, '')).toEqual(PRODUCTS);
    expect(filterProducts(PRODUCTS, '   ')).toEqual(PRODUCTS);
  });

  it('matches name or SKU, case-insensitively, keeping catalogue order', () => {
    expect(filterProducts(PRODUCTS, 'es ').map((p) => p.sku)).toEqual(['KOPI-SUSU', 'TEH-MANIS', 'ES-JERUK']);
    expect(filterProducts(PRODUCTS, 'jeruk').map((p) => p.sku)).toEqual(['ES-JERUK']);
    expect(filterProducts(PRODUCTS, 'nasi-g').map((p) => p.sku)).toEqual(['NASI-GORENG']);
    expect(filterProducts(PRODUCTS, 'KOPI').map((p) => p.sku)).toEqual(['KOPI-SUSU', 'KOPI-HITAM']);
    expect(filterProducts(PRODUCTS, 'rendang')).toEqual([]);
  });

  it('Enter picks an exact SKU first (a scanner types the whole code), else the first match, else nothing', () => {
    const withPrefix = [{ sku: 'KOPI', name: 'Kopi Tubruk', price: 6_000, category: 'Minuman', taxClass: 'standard' as const }, ...PRODUCTS];
    expect(pickForEnter(withPrefix, 'kopi-hitam')?.sku).toBe('KOPI-HITAM');
    expect(pickForEnter(PRODUCTS, 'kopi')?.sku).toBe('KOPI-SUSU');
    expect(pickForEnter(PRODUCTS, 'rendang')).toBeNull();
    expect(pickForEnter(PRODUCTS, '  ')).toBeNull();
  });
});
