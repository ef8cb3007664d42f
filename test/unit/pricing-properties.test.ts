import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TAX_CLASSES,
  allocateLargestRemainder,
  itemDetailsFor,
  mulDivHalfUp,
  percentOf,
  priceSale,
  saleInputSchema,
  type Discount,
  type PricingLine,
  type PricingSettings,
  type Quote,
} from '../../shared/domain/pricing';

// Generators: every generated sale is valid (Rp discounts are clamped to what they apply to).
const NO_TAX: PricingSettings = { priceMode: 'exclusive', tax: { kind: 'none' }, serviceCharge: null };

const basisPoints = fc.oneof(fc.constantFrom(0, 500, 1_000, 1_100, 5_000, 10_000), fc.integer({ min: 0, max: 10_000 }));

/** A discount whose Rp amount is a fraction (`raw` basis points) of what it will apply to. */
const rawDiscount = fc.oneof(
  basisPoints.map((bp) => ({ kind: 'percent' as const, bp })),
  fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ kind: 'amount' as const, bp })),
);
type RawDiscount = { kind: 'percent' | 'amount'; bp: number };

function toDiscount(raw: RawDiscount, appliesTo: number, reason: string): Discount {
  return raw.kind === 'percent'
    ? { kind: 'percent', basisPoints: raw.bp, reason }
    : { kind: 'amount', amount: Math.floor((appliesTo * raw.bp) / 10_000), reason };
}

const rawLine = fc.record({
  unitPrice: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 5_000_000 }), fc.constantFrom(1, 5, 999, 1_500)),
  quantity: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9_999 })),
  taxClass: fc.constantFrom(...TAX_CLASSES),
  discount: fc.option(rawDiscount, { nil: null }),
});

/** 0..8 lines and 0..3 sale discounts, all within bounds. */
const sale = fc
  .record({ raws: fc.array(rawLine, { maxLength: 8 }), rawSale: fc.array(rawDiscount, { maxLength: 3 }) })
  .map(({ raws, rawSale }) => {
    const lines: PricingLine[] = raws.map((r, i) => ({
      id: `l${i}`,
      sku: `SKU${i}`,
      name: `Item ${i}`,
      unitPrice: r.unitPrice,
      quantity: r.quantity,
      taxClass: r.taxClass,
      discount: r.discount ? toDiscount(r.discount, r.unitPrice * r.quantity, 'line promo') : null,
    }));
    const saleDiscounts: Discount[] = [];
    for (const raw of rawSale) {
      const left = priceSale(lines, saleDiscounts, NO_TAX).afterDiscounts;
      saleDiscounts.push(toDiscount(raw, left, 'sale promo'));
    }
    return { lines, saleDiscounts };
  });

const settings: fc.Arbitrary<PricingSettings> = fc.record({
  priceMode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
  tax: fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.integer({ min: 0, max: 1_000 }).map((rateBasisPoints) => ({ kind: 'pb1' as const, rateBasisPoints })),
    fc.constant({ kind: 'ppn' as const }),
  ),
  serviceCharge: fc.option(fc.record({ rateBasisPoints: fc.integer({ min: 0, max: 2_000 }), taxed: fc.boolean() }), { nil: null }),
});

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const amounts = (q: Quote) => [
  q.subtotal, q.lineDiscountTotal, q.saleDiscountTotal, q.discountTotal, q.afterDiscounts, q.serviceAmount,
  q.taxBase, q.taxTotal, q.taxIncluded, q.taxAdded, q.total,
  ...q.lines.flatMap((l) => [l.gross, l.lineDiscount, l.saleDiscountShare, l.net]),
  ...q.taxes.flatMap((t) => [t.base, t.dpp, t.tax, t.included, t.added]),
  ...q.discounts.flatMap((d) => [d.amount, d.appliedTo, ...d.shares]),
];

describe('pricing properties', () => {
  it('every amount is a non-negative whole rupiah and the components add up', () => {
    fc.assert(
      fc.property(sale, settings, ({ lines, saleDiscounts }, s) => {
        const q = priceSale(lines, saleDiscounts, s);
        for (const a of amounts(q)) expect(Number.isSafeInteger(a) && a >= 0).toBe(true);
        expect(q.subtotal - q.discountTotal).toBe(q.afterDiscounts);
        expect(sum(q.lines.map((l) => l.net))).toBe(q.afterDiscounts);
        expect(q.total).toBe(q.afterDiscounts + q.serviceAmount + q.taxAdded);
        expect(q.taxTotal).toBe(q.taxIncluded + q.taxAdded);
        if (s.priceMode === 'exclusive') expect(q.taxIncluded).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('inclusive prices without a service charge reproduce the shelf price, less discounts', () => {
    fc.assert(
      fc.property(sale, settings, ({ lines, saleDiscounts }, s) => {
        const q = priceSale(lines, saleDiscounts, { ...s, priceMode: 'inclusive', serviceCharge: null });
        expect(q.total).toBe(sum(lines.map((l) => l.unitPrice * l.quantity)) - q.discountTotal);
        expect(q.taxAdded).toBe(0);
        const undiscounted = lines.map((l) => ({ ...l, discount: null }));
        expect(priceSale(undiscounted, [], { ...s, priceMode: 'inclusive', serviceCharge: null }).total).toBe(q.subtotal);
      }),
      { numRuns: 300 },
    );
  });

  it("a sale discount's line shares sum exactly to it, and no line is discounted below zero", () => {
    fc.assert(
      fc.property(sale, ({ lines, saleDiscounts }) => {
        const q = priceSale(lines, saleDiscounts, { priceMode: 'exclusive', tax: { kind: 'none' }, serviceCharge: null });
        for (const d of q.discounts.filter((x) => x.scope === 'sale')) {
          expect(sum(d.shares)).toBe(d.amount);
          expect(d.shares).toHaveLength(lines.length);
        }
        expect(sum(q.lines.map((l) => l.saleDiscountShare))).toBe(q.saleDiscountTotal);
        for (const l of q.lines) expect(l.net).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('tax is never negative; exclusive tax is exactly round(rate × DPP); inclusive within Rp 1 (Rp 2 with a taxed service)', () => {
    fc.assert(
      fc.property(sale, settings, ({ lines, saleDiscounts }, s) => {
        const q = priceSale(lines, saleDiscounts, s);
        for (const t of q.taxes) {
          expect(t.tax).toBeGreaterThanOrEqual(0);
          const nominal = percentOf(t.dpp, t.rateBasisPoints);
          const slack = s.priceMode === 'exclusive' ? 0 : s.serviceCharge?.taxed ? 2 : 1;
          expect(Math.abs(t.tax - nominal)).toBeLessThanOrEqual(slack);
          if (t.kind === 'ppn' && t.taxClass === 'standard') expect(t.dpp).toBe(mulDivHalfUp(t.base, 11, 12));
          else expect(t.dpp).toBe(t.base);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a 100% sale discount always totals Rp 0', () => {
    fc.assert(
      fc.property(sale, settings, ({ lines, saleDiscounts }, s) => {
        const q = priceSale(lines, [...saleDiscounts.slice(0, 2), { kind: 'percent', basisPoints: 10_000, reason: 'gratis' }], s);
        expect(q.total).toBe(0);
        expect(q.taxTotal).toBe(0);
        expect(q.serviceAmount).toBe(0);
      }),
    );
  });

  it('item_details of a full tender sum exactly to the total; a partial tender to its amount', () => {
    fc.assert(
      fc.property(sale, settings, fc.integer({ min: 1, max: 10_000 }), ({ lines, saleDiscounts }, s, cut) => {
        const q = priceSale(lines, saleDiscounts, s);
        fc.pre(q.total > 0);
        const total = (items: { price: number; quantity: number }[]) => sum(items.map((i) => i.price * i.quantity));
        const full = itemDetailsFor(q, q.total);
        expect(total(full)).toBe(q.total);
        for (const i of full) expect(Number.isSafeInteger(i.price) && i.quantity >= 1 && i.name.length <= 50 && i.id.length <= 50).toBe(true);
        const part = Math.max(1, Math.floor((q.total * cut) / 10_001));
        if (part < q.total) expect(total(itemDetailsFor(q, part, { saleRef: 'S-1', index: 1, count: 2 }))).toBe(part);
      }),
      { numRuns: 300 },
    );
  });

  it('the schema accepts every sale priceSale accepts', () => {
    fc.assert(
      fc.property(sale, (input) => {
        expect(saleInputSchema.safeParse(input).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('largest-remainder allocation', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 20 });

  it('parts sum exactly, stay within a rupiah of the exact share, and never exceed their weight', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: 10_000 }), (ws, fraction) => {
        const total = Math.floor((sum(ws) * fraction) / 10_000);
        const parts = allocateLargestRemainder(total, ws);
        expect(sum(parts)).toBe(total);
        const w = sum(ws);
        parts.forEach((p, i) => {
          expect(p).toBeLessThanOrEqual(ws[i]!);
          if (w > 0) expect(Math.abs(p - (total * ws[i]!) / w)).toBeLessThan(1);
        });
      }),
    );
  });

  it('refuses to allocate something over nothing', () => {
    expect(allocateLargestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocateLargestRemainder(1, [0, 0])).toThrow(RangeError);
  });

  it('stays exact at the till maximum (no float overflow)', () => {
    expect(mulDivHalfUp(999_999_999_999, 9_999, 10_000)).toBe(999_899_999_999);
    expect(allocateLargestRemainder(999_999_999_999, [1, 1, 1])).toEqual([333_333_333_333, 333_333_333_333, 333_333_333_333]);
  });
});
