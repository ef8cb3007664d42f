/**
 * The till's search box logic, pure (no DOM, no i18next) so it is unit-tested
 * in plain Node: filter by name or SKU, and what Enter adds.
 */
import type { Product } from '../../../../shared/contract/schemas';

const norm = (s: string): string => s.trim().toLocaleLowerCase('id');

/**
 * Products whose name or SKU contains `query` (case-insensitive, trimmed);
 * all of them for an empty query. Pure, so the till and tests agree.
 */
export function filterProducts(products: readonly Product[], query: string): Product[] {
  const q = norm(query);
  if (!q) return [...products];
  return products.filter((p) => norm(p.name).includes(q) || norm(p.sku).includes(q));
}

/**
 * What Enter adds: a product whose SKU is exactly the query (a barcode
 * scanner types the whole code), otherwise the first match; null if none.
 */
export function pickForEnter(products: readonly Product[], query: string): Product | null {
  const q = norm(query);
  if (!q) return null;
  return products.find((p) => norm(p.sku) === q) ?? filterProducts(products, q)[0] ?? null;
}
