import { describe, expect, it } from 'vitest';
import {
  PricingError,
  priceSale,
  type Discount,
  type PricingLine,
  type PricingSettings,
  type TaxClass,
} from '../../shared/domain/pricing';

function line(id: string, unitPrice: number, quantity = 1, taxClass: TaxClass = 'standard', discount: Discount | null = null): PricingLine {
  return { id, sku: id.toUpperCase(), name: `Item ${id}`, unitPrice, quantity, taxClass, discount };
}
const pct = (basisPoints: number, reason = 'Promo'): Discount => ({ kind: 'percent', basisPoints, reason });
const rp = (amount: number, reason = 'Member'): Discount => ({ kind: 'amount', amount, reason });
const settings = (s: Partial<PricingSettings> = {}): PricingSettings => ({
  priceMode: 'exclusive',
  tax: { kind: 'none' },
  serviceCharge: null,
  ...s,
});
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
const PPN = { kind: 'ppn' } as const;
const PB1_10 = { kind: 'pb1', rateBasisPoints: 1_000 } as const;

describe('PPN (12% on 11/12 for ordinary goods, on the full price for luxury goods)', () => {
  it('exclusive ordinary goods: Rp 100.000 → DPP 91.667, PPN 11.000, total 111.000', () => {
    const q = priceSale([line('a', 100_000)], [], settings({ tax: PPN }));
    expect(q.taxes).toEqual([
      { taxClass: 'standard', kind: 'ppn', rateBasisPoints: 1_200, base: 100_000, dpp: 91_667, tax: 11_000, included: 0, added: 11_000 },
    ]);
    expect(q.total).toBe(111_000);
    expect(q.taxBase).toBe(91_667);
  });

  it('exclusive luxury goods: Rp 100.000 → PPN 12.000 on the full price', () => {
    const q = priceSale([line('a', 100_000, 1, 'luxury')], [], settings({ tax: PPN }));
    expect(q.taxes[0]).toMatchObject({ taxClass: 'luxury', dpp: 100_000, tax: 12_000 });
    expect(q.total).toBe(112_000);
  });

  it('inclusive ordinary goods: a shelf price of Rp 111.000 holds PPN 11.000 and stays Rp 111.000', () => {
    const q = priceSale([line('a', 111_000)], [], settings({ priceMode: 'inclusive', tax: PPN }));
    expect(q.taxes[0]).toMatchObject({ base: 100_000, dpp: 91_667, tax: 11_000, included: 11_000, added: 0 });
    expect(q.total).toBe(111_000);
  });

  it('inclusive luxury goods: Rp 112.000 holds PPN 12.000', () => {
    const q = priceSale([line('a', 112_000, 1, 'luxury')], [], settings({ priceMode: 'inclusive', tax: PPN }));
    expect(q.taxes[0]).toMatchObject({ base: 100_000, dpp: 100_000, tax: 12_000, included: 12_000 });
    expect(q.total).toBe(112_000);
  });

  it('taxes each class once on its summed base; exempt lines pay nothing and are not listed', () => {
    const lines = [line('a', 25_000, 2), line('b', 200_000, 1, 'luxury'), line('c', 10_000, 1, 'exempt')];
    const q = priceSale(lines, [], settings({ tax: PPN }));
    // ordinary: DPP round(50.000 × 11/12) = 45.833, PPN round(5.499,96) = 5.500; luxury 24.000.
    expect(q.taxes.map((t) => [t.taxClass, t.dpp, t.tax])).toEqual([
      ['standard', 45_833, 5_500],
      ['luxury', 200_000, 24_000],
    ]);
    expect(q.taxBase).toBe(245_833);
    expect(q.total).toBe(260_000 + 29_500);
  });

  it('rounds tax once per class per sale, not per line', () => {
    // Three lines of Rp 5: per line 11% would be 0,55 → 1 each (3); on the sum, 11% of 15 is 1,65 → 2.
    const q = priceSale([line('a', 5), line('b', 5), line('c', 5)], [], settings({ tax: PPN }));
    expect(q.taxes[0]).toMatchObject({ dpp: 14, tax: 2 });
  });
});

describe('PB1 and service charge', () => {
  const lines = [line('kopi', 18_000, 2, 'standard', pct(1_000)), line('roti', 25_000), line('air', 7_000)];

  it('exclusive ("++"): line discount, Rp sale discount by largest remainder, 5% service taxed, 10% PB1 (README example)', () => {
    const q = priceSale(lines, [rp(5_000)], settings({ tax: PB1_10, serviceCharge: { rateBasisPoints: 500, taxed: true } }));
    expect(q.subtotal).toBe(68_000);
    expect(q.lines.map((l) => [l.lineDiscount, l.saleDiscountShare, l.net])).toEqual([
      [3_600, 2_516, 29_884],
      [0, 1_941, 23_059],
      [0, 543, 6_457],
    ]);
    expect(q.discounts[1]).toMatchObject({ scope: 'sale', amount: 5_000, appliedTo: 64_400, shares: [2_516, 1_941, 543] });
    expect(q.afterDiscounts).toBe(59_400);
    expect(q.service).toEqual({ rateBasisPoints: 500, taxed: true, base: 59_400, amount: 2_970 });
    expect(q.taxes[0]).toMatchObject({ kind: 'pb1', base: 62_370, dpp: 62_370, tax: 6_237 });
    expect(q.total).toBe(68_607);
  });

  it('an untaxed service charge stays out of the tax base', () => {
    const q = priceSale(lines, [rp(5_000)], settings({ tax: PB1_10, serviceCharge: { rateBasisPoints: 500, taxed: false } }));
    expect(q.taxes[0]).toMatchObject({ base: 59_400, tax: 5_940 });
    expect(q.total).toBe(59_400 + 2_970 + 5_940);
  });

  it('inclusive: service on the pre-tax amount, only its own tax added; agrees with the same sale priced exclusive', () => {
    const sc = { rateBasisPoints: 500, taxed: true };
    const inclusive = priceSale([line('a', 33_000), line('b', 22_000)], [], settings({ priceMode: 'inclusive', tax: PB1_10, serviceCharge: sc }));
    expect(inclusive.taxes[0]).toMatchObject({ base: 52_500, included: 5_000, added: 250, tax: 5_250 });
    expect(inclusive.serviceAmount).toBe(2_500);
    expect(inclusive.total).toBe(55_000 + 2_500 + 250);
    const exclusive = priceSale([line('a', 30_000), line('b', 20_000)], [], settings({ tax: PB1_10, serviceCharge: sc }));
    expect(exclusive.total).toBe(inclusive.total);
    expect(exclusive.taxTotal).toBe(inclusive.taxTotal);
  });

  it('PB1 ignores the luxury class but honours exempt lines', () => {
    const q = priceSale([line('a', 10_000, 1, 'luxury'), line('b', 10_000, 1, 'exempt')], [], settings({ tax: PB1_10 }));
    expect(q.taxes).toEqual([expect.objectContaining({ taxClass: 'luxury', kind: 'pb1', tax: 1_000 })]);
    expect(q.total).toBe(21_000);
  });

  it('no tax: nothing listed, total is the discounted amount plus service', () => {
    const q = priceSale([line('a', 10_000)], [], settings({ serviceCharge: { rateBasisPoints: 1_000, taxed: true } }));
    expect(q.taxes).toEqual([]);
    expect(q.total).toBe(11_000);
  });
});

describe('rounding: half up to the whole rupiah, at every step', () => {
  it.each([
    [15, 1_000, 2],
    [14, 1_000, 1],
    [5, 1_000, 1],
    [4, 1_000, 0],
    [3, 5_000, 2],
  ])('%i at %i bp off → %i', (price, bp, off) => {
    expect(priceSale([line('a', price, 1, 'standard', pct(bp))], [], settings()).lineDiscountTotal).toBe(off);
  });

  it('tax and service round half up too', () => {
    const q = priceSale([line('a', 5)], [], settings({ tax: PB1_10, serviceCharge: { rateBasisPoints: 1_000, taxed: false } }));
    expect(q.serviceAmount).toBe(1); // 0,5
    expect(q.taxTotal).toBe(1); // 0,5
  });

  it('a percentage sale discount is rounded once on the sale, then split exactly', () => {
    const q = priceSale([line('a', 5), line('b', 5), line('c', 5)], [pct(1_000)], settings());
    expect(q.saleDiscountTotal).toBe(2); // 10% of 15 = 1,5 → 2, not 3 × round(0,5)
    expect(q.lines.map((l) => l.saleDiscountShare)).toEqual([1, 1, 0]); // ties go to the earlier line
  });

  it('several sale discounts apply in order, each to what is left', () => {
    const q = priceSale([line('a', 100_000)], [pct(1_000, 'Member'), rp(10_000, 'Voucher')], settings());
    expect(q.discounts.map((d) => [d.reason, d.appliedTo, d.amount])).toEqual([
      ['Member', 100_000, 10_000],
      ['Voucher', 90_000, 10_000],
    ]);
    expect(q.total).toBe(80_000);
  });
});

describe('a 100% discount', () => {
  it('a sale may total Rp 0, with service and tax 0', () => {
    const q = priceSale([line('a', 18_000, 2), line('b', 7_000, 1, 'luxury')], [pct(10_000, 'Owner treat')], settings({
      tax: PPN,
      serviceCharge: { rateBasisPoints: 1_000, taxed: true },
    }));
    expect(q).toMatchObject({ subtotal: 43_000, discountTotal: 43_000, afterDiscounts: 0, serviceAmount: 0, taxTotal: 0, total: 0 });
  });

  it('a line discounted 100% costs nothing and takes no share of a sale discount', () => {
    const q = priceSale([line('a', 10_000, 1, 'standard', rp(10_000, 'Rusak')), line('b', 5_000)], [rp(1_000)], settings());
    expect(q.lines.map((l) => [l.saleDiscountShare, l.net])).toEqual([
      [0, 0],
      [1_000, 4_000],
    ]);
  });

  it('an empty sale prices to Rp 0', () => {
    expect(priceSale([], [], settings({ tax: PPN })).total).toBe(0);
  });
});

describe('refusals (PricingError with the offending path)', () => {
  it.each([
    ['a Rp line discount above the line', [line('a', 1_000, 2, 'standard', rp(2_001))], [], ['lines', 0, 'discount', 'amount']],
    ['a Rp sale discount above what is left', [line('a', 1_000, 1, 'standard', pct(5_000))], [rp(501)], ['saleDiscounts', 0, 'amount']],
    ['quantity 0', [line('a', 1_000, 0)], [], ['lines', 0, 'quantity']],
    ['quantity 10.000', [line('a', 1, 10_000)], [], ['lines', 0, 'quantity']],
    ['a fractional quantity', [line('a', 1_000, 1.5)], [], ['lines', 0, 'quantity']],
    ['a fractional price', [line('a', 999.5)], [], ['lines', 0, 'unitPrice']],
    ['a percentage above 100', [line('a', 1_000, 1, 'standard', pct(10_001))], [], ['lines', 0, 'discount', 'basisPoints']],
    ['a discount without a reason', [line('a', 1_000, 1, 'standard', pct(100, '  '))], [], ['lines', 0, 'discount', 'reason']],
    ['the same line id twice', [line('a', 1_000), line('a', 2_000)], [], ['lines', 1, 'id']],
  ] as const)('%s', (_label, lines, saleDiscounts, path) => {
    const error = thrownBy(() => priceSale(lines, saleDiscounts, settings()));
    expect(error).toBeInstanceOf(PricingError);
    expect((error as PricingError).path).toEqual(path);
  });

  it('a PB1 rate above 10% and a service charge above 20%', () => {
    expect(() => priceSale([], [], settings({ tax: { kind: 'pb1', rateBasisPoints: 1_001 } }))).toThrow(/PB1/);
    expect(() => priceSale([], [], settings({ serviceCharge: { rateBasisPoints: 2_001, taxed: false } }))).toThrow(/service/);
  });

  it('a total above the till maximum', () => {
    expect(() => priceSale([line('a', 999_999_999_999)], [], settings({ tax: PPN }))).toThrow(/maximum/);
  });
});
