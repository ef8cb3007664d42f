/**
 * Which discounts need the owner (issue 8: the owner's
 * `discountApprovalAbovePercent`, a whole percentage 0..100). A discount needs
 * approval when it takes off MORE than the threshold of what it applies to;
 * exactly the threshold is allowed, so 0 means every discount needs the owner
 * and 100 means none does. Comparisons are exact integer arithmetic.
 */
import type { Discount, Quote } from './types';

/** True when `discount`, applied to `subtotal` (what it is taken off), is above the threshold. */
export function needsOwnerApproval(discount: Discount, subtotal: number, thresholdPercent: number): boolean {
  checkThreshold(thresholdPercent);
  if (discount.kind === 'percent') return discount.basisPoints > thresholdPercent * 100;
  if (!Number.isSafeInteger(subtotal) || subtotal < 0) throw new RangeError(`not a rupiah amount: ${subtotal}`);
  // amount / subtotal > t / 100, without a division.
  return discount.amount * 100 > thresholdPercent * subtotal;
}

/** What in a priced sale needs the owner. */
export interface DiscountApproval {
  needed: boolean;
  /** Indexes into quote.discounts of each discount above the threshold on its own. */
  discounts: number[];
  /**
   * The discounts together take off more than the threshold of the subtotal
   * (e.g. 10% on a line and another 10% on the sale at a 15% threshold), so
   * stacking small discounts cannot slip past the owner.
   */
  stacked: boolean;
}

/**
 * Checks every discount of a quote on its own (a percentage by its entered
 * rate, an amount against what it applied to) and all of them together
 * against the subtotal. The combined check allows each discount half a rupiah
 * of rounding, so discounts that are each at the threshold never add up to a
 * refusal by rounding alone.
 */
export function discountApprovalFor(quote: Quote, thresholdPercent: number): DiscountApproval {
  checkThreshold(thresholdPercent);
  const discounts = quote.discounts.flatMap((d, i) => {
    const entered: Discount = d.kind === 'percent'
      ? { kind: 'percent', basisPoints: d.basisPoints ?? 0, reason: d.reason }
      : { kind: 'amount', amount: d.amount, reason: d.reason };
    return needsOwnerApproval(entered, d.appliedTo, thresholdPercent) ? [i] : [];
  });
  // discountTotal − n/2 > t% × subtotal, doubled to stay in integers.
  const stacked = 200 * quote.discountTotal - 100 * quote.discounts.length > 2 * thresholdPercent * quote.subtotal;
  return { needed: discounts.length > 0 || stacked, discounts, stacked };
}

function checkThreshold(t: number): void {
  if (!Number.isSafeInteger(t) || t < 0 || t > 100) throw new RangeError(`threshold must be a whole percentage 0..100: ${t}`);
}
