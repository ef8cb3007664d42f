/**
 * The category tabs over the product grid, pure (unit-tested in plain Node):
 * the catalogue's categories in the merchant's order (first appearance in
 * `catalog.list`, which is already sorted), and the products of one tab.
 */
import type { Product } from '../../../../shared/contract/schemas';

/** The tab that shows every product. */
export const ALL_CATEGORIES = '*';

/** Distinct non-empty categories, in catalogue order. */
export function categoriesOf(products: readonly Pick<Product, 'category'>[]): string[] {
  const seen = new Set<string>();
  for (const p of products) {
    const c = p.category.trim();
    if (c !== '') seen.add(c);
  }
  return [...seen];
}

/**
 * The tab actually shown: the chosen one while it still has products
 * (a catalogue edit may remove the last of a category), else "all".
 */
export function effectiveCategory(categories: readonly string[], chosen: string): string {
  return chosen !== ALL_CATEGORIES && categories.includes(chosen) ? chosen : ALL_CATEGORIES;
}

/** The products on one tab. */
export function productsInCategory<P extends Pick<Product, 'category'>>(products: readonly P[], category: string): P[] {
  if (category === ALL_CATEGORIES) return [...products];
  return products.filter((p) => p.category.trim() === category);
}
