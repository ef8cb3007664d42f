import { describe, expect, it } from 'vitest';
import { discountApprovalFor, needsOwnerApproval, priceSale, type Discount, type PricingLine } from '../../shared/domain/pricing';

const pct = (basisPoints: number): Discount => ({ kind: 'percent', basisPoints, reason: 'r' });
const rp = (amount: number): Discount => ({ kind: 'amount', amount, reason: 'r' });
const line = (id: string, unitPrice: number, discount: Discount | null = null): PricingLine => ({
  id, sku: id, name: id, unitPrice, quantity: 1, taxClass: 'standard', discount,
});
const NO_TAX = { priceMode: 'exclusive', tax: { kind: 'none' }, serviceCharge: null } as const;

describe('discounts above the owner threshold', () => {
  it.each([
    [pct(1_000), 50_000, 10, false], // exactly the threshold is allowed
    [pct(1_001), 50_000, 10, true],
    [rp(5_000), 50_000, 10, false],
    [rp(5_001), 50_000, 10, true],
    [rp(1), 50_000, 0, true], // 0: every discount needs the owner
    [pct(0), 50_000, 0, false],
    [rp(50_000), 50_000, 100, false], // 100: none does
    [rp(0), 0, 0, false],
  ] as const)('%j of %i at %i%% → %s', (discount, subtotal, threshold, expected) => {
    expect(needsOwnerApproval(discount, subtotal, threshold)).toBe(expected);
  });

  it('refuses a threshold that is not a whole percentage 0..100', () => {
    expect(() => needsOwnerApproval(pct(1), 1, 10.5)).toThrow(RangeError);
    expect(() => needsOwnerApproval(pct(1), 1, 101)).toThrow(RangeError);
  });

  it('names each discount above the threshold in a quote', () => {
    const q = priceSale([line('a', 10_000, pct(2_000)), line('b', 10_000, rp(500))], [rp(1_000)], NO_TAX);
    expect(discountApprovalFor(q, 10)).toEqual({ needed: true, discounts: [0], stacked: true });
    expect(discountApprovalFor(q, 20)).toEqual({ needed: false, discounts: [], stacked: false });
  });

  it('catches stacking: 10% on the line and 10% on the sale is 19% of the subtotal', () => {
    const q = priceSale([line('a', 10_000, pct(1_000))], [pct(1_000)], NO_TAX);
    expect(discountApprovalFor(q, 15)).toEqual({ needed: true, discounts: [], stacked: true });
    expect(discountApprovalFor(q, 19).needed).toBe(false);
  });

  it('rounding alone never makes discounts at the threshold "stacked"', () => {
    // 10% of Rp 5 rounds up to Rp 1 on each of three lines: Rp 3 of Rp 15 is 20%, but each is at 10%.
    const q = priceSale([line('a', 5, pct(1_000)), line('b', 5, pct(1_000)), line('c', 5, pct(1_000))], [], NO_TAX);
    expect(q.discountTotal).toBe(3);
    expect(discountApprovalFor(q, 10)).toEqual({ needed: false, discounts: [], stacked: false });
  });
});
