/**
 * The renderer shows prices; the main process decides them. A sale is charged
 * only when every cart line matches an active product's current name and
 * price, so neither a stale screen (the owner just repriced) nor a tampered
 * renderer can charge an amount the catalogue does not say.
 */
import { KasirError } from '../../../../shared/contract/result';
import type { CartItem, Product } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';

/** Throws CONFLICT naming the first lines that differ from the catalogue; returns the items otherwise. */
export function checkCartAgainstCatalog(items: readonly CartItem[], products: readonly Product[]): CartItem[] {
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const problems: string[] = [];
  for (const item of items) {
    const p = bySku.get(item.sku);
    if (!p) problems.push(`${item.name} is no longer sold`);
    else if (p.price !== item.price) problems.push(`${p.name} now costs ${formatRupiah(p.price)}`);
    else if (p.name !== item.name) problems.push(`${item.sku} is now called ${p.name}`);
  }
  if (problems.length > 0) {
    throw new KasirError('CONFLICT', `The catalogue changed: ${problems.slice(0, 3).join('; ')}. The cart was updated; check it and charge again.`, {
      params: { reason: 'catalog_changed', count: problems.length },
    });
  }
  return [...items];
}
