/**
 * The shop's sale settings (settings.json "sales"): which till this is (its
 * receipt numbers), how prices are taxed, the service charge, cash rounding
 * and the seller's NPWP. Parsed with pricing's own schemas, so a rate the
 * pricing core would refuse stops the start with the field named.
 */
import { z } from 'zod';
import { cashRoundingStepSchema, pricingSettingsSchema } from '../../../../shared/domain/pricing';
import type { CashRoundingStep, PricingSettings } from '../../../../shared/domain/pricing';

/**
 * A till's id: 1–16 letters, digits, "_" or "-", printed in front of its
 * receipt numbers ("K1-000042"). Two tills of one shop need different ids.
 */
export const tillIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,16}$/, 'a till id is 1–16 letters, digits, "_" or "-" (e.g. K1)');

/** NPWP: 15 digits (the old format) or 16 (NIK-based, since 2024); dots and dashes as printed are allowed. */
export const npwpSchema = z
  .string()
  .transform((s) => s.replace(/[.\-\s]/g, ''))
  .refine((s) => /^\d{15,16}$/.test(s), 'an NPWP has 15 or 16 digits (e.g. 01.234.567.8-901.000)');

export const salesSettingsSchema = z
  .strictObject({
    tillId: tillIdSchema.default('K1'),
    priceMode: pricingSettingsSchema.shape.priceMode.default('inclusive'),
    tax: pricingSettingsSchema.shape.tax.default({ kind: 'none' }),
    serviceCharge: pricingSettingsSchema.shape.serviceCharge.default(null),
    /** Cash tenders only, rounded down (shared/domain/pricing/README.md). */
    cashRounding: cashRoundingStepSchema.default(0),
    /** The seller's NPWP, printed where PPN applies; required for PPN (a PKP seller has one). */
    npwp: npwpSchema.nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.tax.kind === 'ppn' && s.npwp === null) {
      ctx.addIssue({ code: 'custom', path: ['npwp'], message: 'PPN is charged by PKP sellers, whose receipts carry their NPWP: set sales.npwp' });
    }
  });

/** The parsed "sales" block. */
export interface SalesSettings {
  tillId: string;
  pricing: PricingSettings;
  cashRounding: CashRoundingStep;
  npwp: string | null;
}

/** The defaults: till K1, inclusive prices, no tax, no service, no cash rounding. */
export const DEFAULT_SALES = { tillId: 'K1', priceMode: 'inclusive', tax: { kind: 'none' }, serviceCharge: null, cashRounding: 0, npwp: null } as const;

/** The settings file's block → what the sale service needs. */
export function salesSettingsOf(block: z.output<typeof salesSettingsSchema>): SalesSettings {
  return {
    tillId: block.tillId,
    pricing: { priceMode: block.priceMode, tax: block.tax, serviceCharge: block.serviceCharge },
    cashRounding: block.cashRounding,
    npwp: block.npwp,
  };
}
