/**
 * What the cashier built, as main records it (`sales.draft`): the lines with
 * the catalogue's name, shelf price and tax class copied in when they were
 * set, the sale-level discounts, and where the sale came from. The draft is
 * priced with `shared/domain/pricing` — the one place a sale's money is
 * computed; nothing here does arithmetic on money.
 */
import { z } from 'zod';
import { saleLine, type SaleLine } from '../../../../shared/contract/sale-schemas';
import { discountSchema } from '../../../../shared/domain/pricing/schemas';
import type { Product } from '../../../../shared/contract/schemas';
import { PricingError, priceSale, type Discount, type PricingSettings, type Quote } from '../../../../shared/domain/pricing';
import { catalogSaleLines, type SaleLineRequest } from '../catalog/cart-pricing';
import type { StandingApproval } from './discount-approval';
import { saleErrors } from './sale-errors';

/**
 * `till`: opened with `sales.open` (the till's current sale). `shortcut`: made
 * by `payments.create` for one tender; it is never the till's current sale.
 */
export const SALE_ORIGINS = ['till', 'shortcut'] as const;
export type SaleOrigin = (typeof SALE_ORIGINS)[number];

/** The draft as stored. */
export interface SaleDraft {
  lines: SaleLine[];
  saleDiscounts: Discount[];
  origin: SaleOrigin;
  /** The owner's approval of the discounts, while it stands (./discount-approval.ts). */
  approval?: StandingApproval | null;
}

const draftSchema = z.strictObject({
  lines: z.array(saleLine),
  saleDiscounts: z.array(discountSchema),
  origin: z.enum(SALE_ORIGINS),
  approval: z.strictObject({ discounts: z.string(), subtotal: z.number().int().min(0) }).nullable().optional(),
});

/** A new sale's draft: nothing on it yet. */
export const emptyDraft = (origin: SaleOrigin): SaleDraft => ({ lines: [], saleDiscounts: [], origin });

/** Reads a stored draft (a row this Kasir cannot read is a bug or a newer Kasir: it throws). */
export function parseDraft(text: string): SaleDraft {
  return draftSchema.parse(JSON.parse(text));
}

/**
 * Reads the draft of any sale, open or closed. A closed sale whose day is
 * closed may hold the compacted draft `{"fromQuote":1,"origin":…}`
 * (ledger/sale-compaction.ts: written only when every line had no discount,
 * there were no sale discounts and each line equalled its quote line), so
 * its lines are the quote's lines without the priced fields.
 */
export function parseStoredDraft(text: string, quote: () => Pick<Quote, 'lines'>): SaleDraft {
  const json = JSON.parse(text) as { fromQuote?: unknown; origin?: unknown };
  if (json === null || typeof json !== 'object' || json.fromQuote !== 1) return draftSchema.parse(json);
  const lines = quote().lines.map(({ id, sku, name, unitPrice, quantity, taxClass }) => ({ id, sku, name, unitPrice, quantity, taxClass, discount: null }));
  return { lines, saleDiscounts: [], origin: z.enum(SALE_ORIGINS).parse(json.origin) };
}

/** The catalogue a sale is built against (CatalogService satisfies it). */
export interface SaleCatalog {
  /** The active products (what the till sells). */
  list(): Product[];
}

/** One line as the cashier sent it (after the contract's schema). */
export type LineRequest = SaleLineRequest;

/**
 * The cashier's lines with the catalogue's name, shelf price and tax class
 * (catalog/cart-pricing.ts): the renderer never sets a price. A SKU no longer
 * sold is CONFLICT `catalog_changed`.
 */
export function linesFromCatalog(requests: readonly LineRequest[], catalog: SaleCatalog): SaleLine[] {
  return catalogSaleLines(requests, catalog.list());
}

/** Prices a draft; a sale pricing refuses (a discount above what it applies to, a total too large) is INVALID_INPUT on its field. */
export function priceDraft(draft: Pick<SaleDraft, 'lines' | 'saleDiscounts'>, settings: PricingSettings): Quote {
  try {
    return priceSale(draft.lines, draft.saleDiscounts, settings);
  } catch (e) {
    if (e instanceof PricingError) throw saleErrors.unpriceable(e.message, e.path.map(String).join('.'));
    throw e;
  }
}
