import { describe, expect, it, vi } from 'vitest';
import { catalogSaleLines, checkCartAgainstCatalog } from '../../electron/main/core/catalog/cart-pricing';
import { createTillHandlers, type HandlerDeps } from '../../electron/main/core/app/handlers';
import type { CallContext } from '../../electron/main/core/app/call-context';
import { KasirError } from '../../shared/contract/result';
import type { Product } from '../../shared/contract/schemas';

const products: Product[] = [
  { sku: 'KOPI', name: 'Kopi', price: 12_000, category: 'Minuman', taxClass: 'standard', barcode: null },
  { sku: 'TEH', name: 'Teh', price: 8_000, category: 'Minuman', taxClass: 'standard', barcode: null },
  { sku: 'JAM', name: 'Jam Tangan', price: 1_500_000, category: 'Aksesori', taxClass: 'luxury', barcode: null },
];

describe('cart pricing against the catalogue', () => {
  it('passes a cart that matches', () => {
    const items = [{ sku: 'KOPI', name: 'Kopi', price: 12_000, quantity: 2 }];
    expect(checkCartAgainstCatalog(items, products)).toEqual(items);
  });

  it.each([
    ['a price the catalogue does not say', { sku: 'KOPI', name: 'Kopi', price: 1, quantity: 1 }, /Kopi now costs Rp 12\.000/],
    ['a product no longer sold', { sku: 'GONE', name: 'Roti', price: 5_000, quantity: 1 }, /Roti is no longer sold/],
    ['a renamed product', { sku: 'TEH', name: 'Es Teh', price: 8_000, quantity: 1 }, /TEH is now called Teh/],
  ])('refuses %s with CONFLICT', (_label, item, message) => {
    expect(() => checkCartAgainstCatalog([item], products)).toThrow(message);
  });

  it('sale lines take name, shelf price and tax class from the catalogue, keeping id, quantity and discount', () => {
    const discount = { kind: 'percent' as const, basisPoints: 1_000, reason: 'Promo' };
    expect(catalogSaleLines([{ id: 'a', sku: 'JAM', quantity: 1, discount: null }, { id: 'b', sku: 'KOPI', quantity: 2, discount }], products)).toEqual([
      { id: 'a', sku: 'JAM', name: 'Jam Tangan', unitPrice: 1_500_000, quantity: 1, taxClass: 'luxury', discount: null },
      { id: 'b', sku: 'KOPI', name: 'Kopi', unitPrice: 12_000, quantity: 2, taxClass: 'standard', discount },
    ]);
  });

  it('refuses sale lines of a product no longer sold with CONFLICT', () => {
    const lines = [{ id: 'a', sku: 'GONE', quantity: 1, discount: null }, { id: 'b', sku: 'KOPI', quantity: 1, discount: null }];
    expect(() => catalogSaleLines(lines, products)).toThrow(/The catalogue changed: GONE is no longer sold\./);
    expect(() => catalogSaleLines(lines, products)).toThrow(expect.objectContaining({ code: 'CONFLICT', params: { reason: 'catalog_changed', count: 1 } }));
  });

  it('the payments.create handler never reaches the engine with a tampered price', async () => {
    const create = vi.fn();
    const deps = {
      catalog: { list: () => products, all: vi.fn(), save: vi.fn(), remove: vi.fn() },
      payments: { create },
    } as unknown as HandlerDeps;
    const ctx: CallContext = { callerId: 'till-1', staff: null, auth: null, note: () => {} };
    const handler = createTillHandlers(deps)['payments.create'];
    const res = Promise.resolve().then(() => handler({ items: [{ sku: 'KOPI', name: 'Kopi', price: 1, quantity: 1 }], method: 'qris' }, ctx));
    await expect(res).rejects.toBeInstanceOf(KasirError);
    await expect(res).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(create).not.toHaveBeenCalled();
  });
});
