/**
 * Zod schemas for pricing's inputs, for the contract (`sales.*`) and the
 * settings loader to reuse. They refuse what priceSale refuses, with the
 * same limits (./limits.ts), and their inferred types are pricing's own types
 * (checked at compile time below).
 */
import { z } from 'zod';
import { MAX_RUPIAH } from '../money';
import { CASH_ROUNDING_STEPS } from './cash';
import { PricingError } from './errors';
import { PRICING_LIMITS } from './limits';
import { priceSale } from './price-sale';
import { PB1_MAX_BASIS_POINTS } from './tax';
import { FULL_BASIS_POINTS, PRICE_MODES, TAX_CLASSES, type Discount, type PricingLine, type PricingSettings } from './types';

const rupiah = z.number().int().min(0).max(MAX_RUPIAH);
const text = z.string().trim().min(1).max(PRICING_LIMITS.textMax);
const basisPoints = (max: number) => z.number().int().min(0).max(max);

/** A discount: a percentage (basis points, 0..100%) or a rupiah amount, with a reason. */
export const discountSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('percent'),
    basisPoints: basisPoints(FULL_BASIS_POINTS),
    reason: z.string().trim().min(1).max(PRICING_LIMITS.reasonMax),
  }),
  z.strictObject({
    kind: z.literal('amount'),
    amount: rupiah,
    reason: z.string().trim().min(1).max(PRICING_LIMITS.reasonMax),
  }),
]);

/** One line: whole units 1..9999, a whole-rupiah shelf price, and a discount no larger than the line. */
export const pricingLineSchema = z
  .strictObject({
    id: text,
    sku: text,
    name: text,
    unitPrice: rupiah,
    quantity: z.number().int().min(1).max(PRICING_LIMITS.quantityMax),
    taxClass: z.enum(TAX_CLASSES),
    discount: discountSchema.nullable(),
  })
  .superRefine((line, ctx) => {
    const gross = line.unitPrice * line.quantity;
    if (gross > MAX_RUPIAH) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'the line is more than the till accepts' });
    if (line.discount?.kind === 'amount' && line.discount.amount > gross) {
      ctx.addIssue({ code: 'custom', path: ['discount', 'amount'], message: `the discount is more than the line (Rp ${gross})` });
    }
  });

/** Neutral settings for checking a sale's discounts: discounts come before service and tax, so these decide nothing. */
const NO_TAX: PricingSettings = { priceMode: 'exclusive', tax: { kind: 'none' }, serviceCharge: null };

/**
 * A sale's lines and sale-level discounts: unique line ids, a subtotal the
 * till accepts, and each Rp sale discount no larger than what is left of the
 * sale when it applies. (Whether service and tax push the total past the
 * maximum depends on the shop's settings; priceSale refuses that.)
 */
export const saleInputSchema = z
  .strictObject({
    lines: z.array(pricingLineSchema).max(PRICING_LIMITS.linesMax),
    saleDiscounts: z.array(discountSchema).max(PRICING_LIMITS.saleDiscountsMax),
  })
  .superRefine((sale, ctx) => {
    try {
      priceSale(sale.lines, sale.saleDiscounts, NO_TAX);
    } catch (err) {
      if (!(err instanceof PricingError)) throw err;
      ctx.addIssue({ code: 'custom', path: [...err.path], message: err.message });
    }
  });

/** The shop's pricing settings. */
export const pricingSettingsSchema = z.strictObject({
  priceMode: z.enum(PRICE_MODES),
  tax: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('pb1'), rateBasisPoints: basisPoints(PB1_MAX_BASIS_POINTS) }),
    z.strictObject({ kind: z.literal('ppn') }),
  ]),
  serviceCharge: z.strictObject({ rateBasisPoints: basisPoints(PRICING_LIMITS.serviceMaxBasisPoints), taxed: z.boolean() }).nullable(),
});

/** The shop's cash rounding step: none, Rp 100, Rp 500 or Rp 1.000. */
export const cashRoundingStepSchema = z.union(CASH_ROUNDING_STEPS.map((step) => z.literal(step)));

/** The owner's approval threshold (`discountApprovalAbovePercent`, issue 8). */
export const approvalThresholdSchema = z.number().int().min(0).max(100);

// Compile-time: the schemas describe exactly pricing's own types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _typesAgree: [
  Same<z.infer<typeof discountSchema>, Discount>,
  Same<z.infer<typeof pricingLineSchema>, PricingLine>,
  Same<z.infer<typeof pricingSettingsSchema>, PricingSettings>,
] = [true, true, true];
void _typesAgree;
