/**
 * When an owner's discount approval still stands. Once the owner approved a
 * sale's discounts, the cashier keeps ringing up: another tap must not ask for
 * the owner's PIN again, but nothing the owner did not see may ride on the
 * approval either. The approval covers a later version of the sale when the
 * discounts and the lines that carry one are exactly what was approved (same
 * line, SKU, quantity and discount; same sale discounts in order) and the
 * subtotal did not shrink. Then every discount applies to at least what it
 * applied to before (line discounts to unchanged lines; sale discounts to
 * what is left after them, which only grows with the subtotal), so no ratio
 * the owner saw can have grown — stacking included. Anything else asks again.
 */
import type { DiscountApproval, Quote } from '../../../../shared/domain/pricing';
import type { SaleDraft } from './sale-draft';

/** What the owner approved, kept in the draft. */
export interface StandingApproval {
  /** The discounted lines and sale discounts, as approved. */
  discounts: string;
  /** The subtotal when approved. */
  subtotal: number;
}

/** The part of a draft an approval is about. */
function discountsOf(draft: Pick<SaleDraft, 'lines' | 'saleDiscounts'>): string {
  const lines = draft.lines
    .filter((l) => l.discount !== null)
    .map((l) => [l.id, l.sku, l.quantity, l.discount]);
  return JSON.stringify({ lines, sale: draft.saleDiscounts });
}

/** True when `standing` (if any) already covers this priced draft. */
export function approvalStands(
  standing: StandingApproval | null | undefined,
  draft: Pick<SaleDraft, 'lines' | 'saleDiscounts'>,
  quote: Pick<Quote, 'subtotal'>,
): boolean {
  return standing != null && standing.discounts === discountsOf(draft) && quote.subtotal >= standing.subtotal;
}

/**
 * What to keep after a change: a fresh approval when the owner just approved
 * one that was needed, the standing one while it still covers the sale, and
 * nothing once no discount needs the owner.
 */
export function approvalAfter(a: {
  need: DiscountApproval;
  ownerApproved: boolean;
  standing: StandingApproval | null | undefined;
  draft: Pick<SaleDraft, 'lines' | 'saleDiscounts'>;
  quote: Pick<Quote, 'subtotal'>;
}): StandingApproval | null {
  if (!a.need.needed) return null;
  if (a.ownerApproved) return { discounts: discountsOf(a.draft), subtotal: a.quote.subtotal };
  return approvalStands(a.standing, a.draft, a.quote) ? (a.standing ?? null) : null;
}
