/**
 * Pricing: pure, integer-rupiah money for a sale (no Node, no DOM, no
 * clock). Rules and a worked example: ./README.md.
 */
export * from './types';
export { PricingError } from './errors';
export { PRICING_LIMITS } from './limits';
export { allocateLargestRemainder, basisPointsFromPercent, mulDivHalfUp, percentOf } from './arithmetic';
export { PB1_MAX_BASIS_POINTS, PPN_BASIS_POINTS, PPN_STANDARD_DPP } from './tax';
export { priceSale } from './price-sale';
export { itemDetailsFor, type MidtransItem, type TenderPart } from './item-details';
export {
  CASH_ROUNDING_STEPS,
  QUICK_NOTE_VALUES,
  cashRounding,
  changeDue,
  quickNotes,
  tenderDue,
  type CashChange,
  type CashRoundingStep,
  type RoundedDue,
} from './cash';
export { discountApprovalFor, needsOwnerApproval, type DiscountApproval } from './approval';
export {
  approvalThresholdSchema,
  cashRoundingStepSchema,
  discountSchema,
  pricingLineSchema,
  pricingSettingsSchema,
  saleInputSchema,
} from './schemas';
