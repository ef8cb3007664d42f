/**
 * The renderer shows prices; the main process decides them. A sale is charged
 * only when every cart line matches an active product's current name and
 * price, so neither a stale screen (the owner just repriced) nor a tampered
 * renderer can charge an amount the catalogue does not say. A sale's lines
 * (`sales.setLines`) carry only SKU and quantity: name, shelf price and tax
 * class are copied in from the catalogue here.
 */
import { KasirError } from '../../../../shared/contract/result';
import type { CartItem, Product } from '../../../../shared/contract/schemas';
import type { SaleLine } from '../../../../shared/contract/sale-schemas';
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
  throwIfChanged(problems, 'The cart was updated; check it and charge again.');
  return [...items];
}

/** A sale line as the cashier sends it: which product and how many (SaleLineInput after parsing). */
export type SaleLineRequest = Pick<SaleLine, 'id' | 'sku' | 'quantity' | 'discount'>;

/**
 * The lines of a sale with each product's current name, shelf price and tax
 * class from the catalogue (`products`: the active ones).
 * @throws KasirError CONFLICT (reason `catalog_changed`) naming the SKUs no longer sold.
 */
export function catalogSaleLines(lines: readonly SaleLineRequest[], products: readonly Product[]): SaleLine[] {
  const bySku = new Map(products.map((p) => [p.sku, p]));
  throwIfChanged(
    lines.filter((l) => !bySku.has(l.sku)).map((l) => `${l.sku} is no longer sold`),
    'Take it off the sale and try again.',
  );
  return lines.map((l) => {
    const p = bySku.get(l.sku)!;
    return { id: l.id, sku: p.sku, name: p.name, unitPrice: p.price, quantity: l.quantity, taxClass: p.taxClass, discount: l.discount };
  });
}

function throwIfChanged(problems: readonly string[], advice: string): void {
  if (problems.length === 0) return;
  throw new KasirError('CONFLICT', `The catalogue changed: ${problems.slice(0, 3).join('; ')}. ${advice}`, {
    params: { reason: 'catalog_changed', count: problems.length },
  });
}
