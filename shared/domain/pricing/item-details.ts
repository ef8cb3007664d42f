/**
 * What Midtrans sees of a sale (`item_details`), built from a quote so it
 * sums exactly to the tender's `gross_amount` (Midtrans refuses the charge
 * otherwise). A tender paying the whole sale lists the lines at their shelf
 * price, one negative line per discount, the service charge and the tax that
 * is not already inside the prices; a partial tender is one line
 * "Pembayaran sebagian <sale> (i/n)", because which goods a share of a split
 * payment "bought" is not a fact anybody has.
 */
import { PRICING_LIMITS } from './limits';
import type { Quote } from './types';

/** One `item_details` entry (price × quantity summed over entries = gross_amount). */
export interface MidtransItem {
  id: string;
  price: number;
  quantity: number;
  name: string;
}

/** Which part of a split sale a tender is: the sale's reference and "i of n". */
export interface TenderPart {
  saleRef: string;
  index: number;
  count: number;
}

const MAX = PRICING_LIMITS.textMax;

/**
 * `item_details` for an electronic tender of `tenderAmount` against `quote`.
 * The whole total: the full breakdown. Less: `part` is required and the one
 * line carries it. Throws on an amount of 0 (a Rp 0 sale takes no electronic
 * tender) or more than the total.
 */
export function itemDetailsFor(quote: Quote, tenderAmount: number, part?: TenderPart): MidtransItem[] {
  if (!Number.isSafeInteger(tenderAmount) || tenderAmount < 1 || tenderAmount > quote.total) {
    throw new RangeError(`an electronic tender must be Rp 1..${quote.total}, not ${tenderAmount}`);
  }
  if (tenderAmount < quote.total) {
    if (!part || part.count < 2 || part.index < 1 || part.index > part.count) {
      throw new RangeError('a partial tender needs its place in the sale (i of n, n ≥ 2)');
    }
    return [{ id: clip(`PART-${part.index}`), price: tenderAmount, quantity: 1, name: partialName(part) }];
  }
  return fullBreakdown(quote);
}

/** The whole sale, line by line; Σ price × quantity = quote.total by construction of the quote. */
function fullBreakdown(quote: Quote): MidtransItem[] {
  const items: MidtransItem[] = quote.lines.map((l) => ({ id: clip(l.sku), price: l.unitPrice, quantity: l.quantity, name: clip(l.name) }));
  const nameOf = new Map(quote.lines.map((l) => [l.id, l.name]));
  let saleDiscounts = 0;
  for (const d of quote.discounts) {
    if (d.scope === 'sale') saleDiscounts += 1;
    if (d.amount === 0) continue;
    const name = d.scope === 'line' ? `Diskon ${nameOf.get(d.lineId ?? '') ?? ''} (${d.reason})` : `Diskon ${d.reason}`;
    const id = d.scope === 'line' ? `DISC-${d.lineId ?? ''}` : `DISC-SALE-${saleDiscounts}`;
    items.push({ id: clip(id), price: -d.amount, quantity: 1, name: clip(name) });
  }
  if (quote.serviceAmount > 0) items.push({ id: 'SERVICE', price: quote.serviceAmount, quantity: 1, name: 'Service charge' });
  if (quote.taxAdded > 0) items.push({ id: 'TAX', price: quote.taxAdded, quantity: 1, name: taxName(quote) });
  return items;
}

function taxName(quote: Quote): string {
  return quote.taxKind === 'ppn' ? 'PPN' : 'Pajak PB1';
}

function partialName(part: TenderPart): string {
  const head = 'Pembayaran sebagian ';
  const tail = ` (${part.index}/${part.count})`;
  // Shorten the sale reference, never the "(i/n)": it is what tells the parts apart.
  return head + part.saleRef.slice(0, Math.max(0, MAX - head.length - tail.length)) + tail;
}

function clip(text: string): string {
  return text.slice(0, MAX);
}
