/**
 * Which product a scanned code is: exactly its barcode, else exactly its SKU
 * (SKUs are stored upper-case, so a lower-case scan of one still matches).
 * Never a partial or fuzzy match: a code that is not exactly one product's
 * is unknown, and the till says so instead of guessing. Pure.
 */
import type { Product } from '../../../../shared/contract/schemas';

/** The product `code` names, or null (unknown). A barcode wins over another product's SKU. */
export function matchScan(products: readonly Product[], code: string): Product | null {
  const scanned = code.trim();
  if (!scanned) return null;
  const byBarcode = products.find((p) => p.barcode === scanned);
  if (byBarcode) return byBarcode;
  const sku = scanned.toUpperCase();
  return products.find((p) => p.sku.toUpperCase() === sku) ?? null;
}
