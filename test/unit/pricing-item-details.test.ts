import { describe, expect, it } from 'vitest';
import { itemDetailsFor, priceSale, type PricingLine, type PricingSettings } from '../../shared/domain/pricing';

const lines: PricingLine[] = [
  { id: 'l1', sku: 'KOPI', name: 'Kopi Susu', unitPrice: 18_000, quantity: 2, taxClass: 'standard', discount: { kind: 'percent', basisPoints: 1_000, reason: 'Promo' } },
  { id: 'l2', sku: 'ROTI', name: 'Roti Bakar', unitPrice: 25_000, quantity: 1, taxClass: 'standard', discount: null },
  { id: 'l3', sku: 'AIR', name: 'Air Mineral', unitPrice: 7_000, quantity: 1, taxClass: 'standard', discount: null },
];
const pb1: PricingSettings = { priceMode: 'exclusive', tax: { kind: 'pb1', rateBasisPoints: 1_000 }, serviceCharge: { rateBasisPoints: 500, taxed: true } };
const sumOf = (items: { price: number; quantity: number }[]) => items.reduce((s, i) => s + i.price * i.quantity, 0);

describe('item_details for Midtrans', () => {
  it('a whole-sale tender (exclusive): lines, negative discounts, service and tax, summing to gross_amount', () => {
    const q = priceSale(lines, [{ kind: 'amount', amount: 5_000, reason: 'Member' }], pb1);
    const items = itemDetailsFor(q, q.total);
    expect(items).toEqual([
      { id: 'KOPI', price: 18_000, quantity: 2, name: 'Kopi Susu' },
      { id: 'ROTI', price: 25_000, quantity: 1, name: 'Roti Bakar' },
      { id: 'AIR', price: 7_000, quantity: 1, name: 'Air Mineral' },
      { id: 'DISC-l1', price: -3_600, quantity: 1, name: 'Diskon Kopi Susu (Promo)' },
      { id: 'DISC-SALE-1', price: -5_000, quantity: 1, name: 'Diskon Member' },
      { id: 'SERVICE', price: 2_970, quantity: 1, name: 'Service charge' },
      { id: 'TAX', price: 6_237, quantity: 1, name: 'Pajak PB1' },
    ]);
    expect(sumOf(items)).toBe(68_607);
  });

  it('inclusive: no tax line (it is inside the prices) unless a taxed service adds some', () => {
    const incl: PricingSettings = { priceMode: 'inclusive', tax: { kind: 'ppn' }, serviceCharge: null };
    const q = priceSale(lines, [], incl);
    const items = itemDetailsFor(q, q.total);
    expect(items.map((i) => i.id)).toEqual(['KOPI', 'ROTI', 'AIR', 'DISC-l1']);
    expect(sumOf(items)).toBe(64_400);
    const withService = priceSale(lines, [], { ...incl, serviceCharge: { rateBasisPoints: 1_000, taxed: true } });
    const tax = itemDetailsFor(withService, withService.total).find((i) => i.id === 'TAX');
    expect(tax).toEqual({ id: 'TAX', price: withService.taxAdded, quantity: 1, name: 'PPN' });
    expect(sumOf(itemDetailsFor(withService, withService.total))).toBe(withService.total);
  });

  it('a partial tender is one line naming the sale and its part; the (i/n) survives a long sale reference', () => {
    const q = priceSale(lines, [], pb1);
    expect(itemDetailsFor(q, 20_000, { saleRef: 'T1-000123', index: 1, count: 2 })).toEqual([
      { id: 'PART-1', price: 20_000, quantity: 1, name: 'Pembayaran sebagian T1-000123 (1/2)' },
    ]);
    const [long] = itemDetailsFor(q, 20_000, { saleRef: 'OUTLET-JAKARTA-SELATAN-TILL-03-000000123', index: 2, count: 3 });
    expect(long!.name).toHaveLength(50);
    expect(long!.name.endsWith(' (2/3)')).toBe(true);
  });

  it('refuses a Rp 0 tender, more than the total, and a partial tender without its place', () => {
    const q = priceSale(lines, [], pb1);
    expect(() => itemDetailsFor(q, 0)).toThrow(RangeError);
    expect(() => itemDetailsFor(q, q.total + 1)).toThrow(RangeError);
    expect(() => itemDetailsFor(q, 1_000)).toThrow(/partial/);
    const free = priceSale(lines, [{ kind: 'percent', basisPoints: 10_000, reason: 'Gratis' }], pb1);
    expect(() => itemDetailsFor(free, free.total)).toThrow(RangeError);
  });

  it('skips a zero discount and clips ids and names to 50 characters', () => {
    const long = 'Nasi Goreng Spesial Telur Dadar Ayam Suwir Kerupuk Udang';
    const q = priceSale(
      [{ id: 'x', sku: 'NGS', name: long.slice(0, 50), unitPrice: 30_000, quantity: 1, taxClass: 'standard', discount: { kind: 'amount', amount: 0, reason: 'none' } }],
      [{ kind: 'amount', amount: 1_000, reason: 'Voucher ulang tahun pelanggan setia warung kopi senja' }],
      { priceMode: 'exclusive', tax: { kind: 'none' }, serviceCharge: null },
    );
    const items = itemDetailsFor(q, q.total);
    expect(items.map((i) => i.id)).toEqual(['NGS', 'DISC-SALE-1']);
    for (const i of items) expect(i.name.length).toBeLessThanOrEqual(50);
    expect(sumOf(items)).toBe(29_000);
  });
});
