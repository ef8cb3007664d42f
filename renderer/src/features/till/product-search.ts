/**
 * The till's search box logic, pure (no DOM, no i18next) so it is unit-tested
 * in plain Node: filter by name, SKU or barcode; which result is highlighted;
 * what Enter does. Enter adds only the highlighted result, never a guess:
 * with several results and none highlighted it highlights the first (the
 * cashier sees it) and adds nothing; arrows move the highlight.
 */
import type { Product } from '../../../../shared/contract/schemas';

const norm = (s: string): string => s.trim().toLocaleLowerCase('id');

/**
 * Products whose name or SKU contains `query`, or whose barcode starts with
 * it (case-insensitive, trimmed); all of them for an empty query. Pure, so
 * the till and tests agree.
 */
export function filterProducts(products: readonly Product[], query: string): Product[] {
  const q = norm(query);
  if (!q) return [...products];
  return products.filter((p) => norm(p.name).includes(q) || norm(p.sku).includes(q) || (p.barcode !== null && norm(p.barcode).startsWith(q)));
}

/**
 * The result highlighted as the query changes (index into `shown`, or null):
 * the product whose barcode or SKU is exactly the query (typed in full), else
 * the only result when there is just one, else none — several partial
 * matches are never picked for the cashier.
 */
export function initialHighlight(shown: readonly Product[], query: string): number | null {
  const q = norm(query);
  if (!q) return null;
  const exact = shown.findIndex((p) => (p.barcode !== null && norm(p.barcode) === q) || norm(p.sku) === q);
  if (exact >= 0) return exact;
  return shown.length === 1 ? 0 : null;
}

/** The highlight after an arrow key (`delta` +1 down, −1 up), wrapping round; none highlighted starts at the first (down) or last (up). */
export function moveHighlight(current: number | null, delta: 1 | -1, count: number): number | null {
  if (count === 0) return null;
  if (current === null || current >= count) return delta === 1 ? 0 : count - 1;
  return (current + delta + count) % count;
}

/** What Enter in the search box does. */
export type SearchEnter =
  | { kind: 'add'; product: Product }
  /** Several results and none chosen: highlight this one, add nothing. */
  | { kind: 'highlight'; index: number }
  | { kind: 'none' };

/** Enter adds the highlighted result only; with results but none highlighted it highlights the first. */
export function enterAction(shown: readonly Product[], query: string, highlighted: number | null): SearchEnter {
  if (!norm(query)) return { kind: 'none' };
  const product = highlighted !== null ? shown[highlighted] : undefined;
  if (product) return { kind: 'add', product };
  return shown.length > 0 ? { kind: 'highlight', index: 0 } : { kind: 'none' };
}
