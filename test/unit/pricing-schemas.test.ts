import { describe, expect, it } from 'vitest';
import {
  approvalThresholdSchema,
  basisPointsFromPercent,
  cashRoundingStepSchema,
  discountSchema,
  pricingLineSchema,
  pricingSettingsSchema,
  saleInputSchema,
} from '../../shared/domain/pricing';

const okLine = { id: 'l1', sku: 'KOPI', name: 'Kopi', unitPrice: 18_000, quantity: 2, taxClass: 'standard', discount: null };
const issuePaths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.'));

describe('pricing schemas', () => {
  it('accept a well-formed sale and settings', () => {
    const sale = { lines: [okLine], saleDiscounts: [{ kind: 'amount', amount: 36_000, reason: 'Gratis' }] };
    expect(saleInputSchema.parse(sale)).toEqual(sale);
    expect(pricingSettingsSchema.parse({ priceMode: 'inclusive', tax: { kind: 'pb1', rateBasisPoints: 1_000 }, serviceCharge: { rateBasisPoints: 500, taxed: true } })).toBeTruthy();
    expect(pricingSettingsSchema.parse({ priceMode: 'exclusive', tax: { kind: 'ppn' }, serviceCharge: null })).toBeTruthy();
  });

  it.each([
    ['quantity 0', { quantity: 0 }, 'quantity'],
    ['quantity 10.000', { quantity: 10_000 }, 'quantity'],
    ['a fractional quantity', { quantity: 1.5 }, 'quantity'],
    ['a fractional price', { unitPrice: 1.5 }, 'unitPrice'],
    ['an unknown tax class', { taxClass: 'food' }, 'taxClass'],
    ['a Rp discount above the line', { discount: { kind: 'amount', amount: 36_001, reason: 'x' } }, 'discount.amount'],
    ['a percentage above 100', { discount: { kind: 'percent', basisPoints: 10_001, reason: 'x' } }, 'discount.basisPoints'],
    ['a discount without a reason', { discount: { kind: 'percent', basisPoints: 100, reason: ' ' } }, 'discount.reason'],
    ['an unknown field', { colour: 'red' }, ''],
  ])('refuse a line with %s', (_label, patch, path) => {
    expect(issuePaths(pricingLineSchema.safeParse({ ...okLine, ...patch }))).toContain(path);
  });

  it('refuse a Rp sale discount above what is left after line discounts, and duplicate line ids', () => {
    const discounted = { ...okLine, discount: { kind: 'percent', basisPoints: 5_000, reason: 'Promo' } };
    const over = saleInputSchema.safeParse({ lines: [discounted], saleDiscounts: [{ kind: 'amount', amount: 18_001, reason: 'x' }] });
    expect(issuePaths(over)).toEqual(['saleDiscounts.0.amount']);
    const dup = saleInputSchema.safeParse({ lines: [okLine, okLine], saleDiscounts: [] });
    expect(issuePaths(dup)).toEqual(['lines.1.id']);
  });

  it('refuse more than 500 lines and more than 5 sale discounts', () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ ...okLine, id: `l${i}` }));
    expect(saleInputSchema.safeParse({ lines: many, saleDiscounts: [] }).success).toBe(false);
    const d = { kind: 'percent', basisPoints: 0, reason: 'x' };
    expect(saleInputSchema.safeParse({ lines: [okLine], saleDiscounts: [d, d, d, d, d, d] }).success).toBe(false);
  });

  it('refuse PB1 above 10%, a service charge above 20%, a cash step the shop cannot choose, a threshold that is not whole', () => {
    expect(pricingSettingsSchema.safeParse({ priceMode: 'exclusive', tax: { kind: 'pb1', rateBasisPoints: 1_100 }, serviceCharge: null }).success).toBe(false);
    expect(pricingSettingsSchema.safeParse({ priceMode: 'exclusive', tax: { kind: 'none' }, serviceCharge: { rateBasisPoints: 2_500, taxed: false } }).success).toBe(false);
    expect(pricingSettingsSchema.safeParse({ priceMode: 'nett', tax: { kind: 'none' }, serviceCharge: null }).success).toBe(false);
    expect(cashRoundingStepSchema.safeParse(500).success).toBe(true);
    expect(cashRoundingStepSchema.safeParse(200).success).toBe(false);
    expect(approvalThresholdSchema.safeParse(10.5).success).toBe(false);
    expect(discountSchema.safeParse({ kind: 'amount', amount: -1, reason: 'x' }).success).toBe(false);
  });

  it('basisPointsFromPercent takes at most two decimals', () => {
    expect(basisPointsFromPercent(12.5)).toBe(1_250);
    expect(basisPointsFromPercent(0.01)).toBe(1);
    expect(basisPointsFromPercent(10)).toBe(1_000);
    expect(basisPointsFromPercent(12.345)).toBeNull();
    expect(basisPointsFromPercent(101)).toBeNull();
    expect(basisPointsFromPercent(Number.NaN)).toBeNull();
  });
});
