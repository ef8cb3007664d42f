/**
 * What a charge tells Midtrans beyond its amount: the sale's items
 * (`item_details`, Core API) and the sale reference. Checked here before
 * anything is sent, because Midtrans refuses a charge whose items do not sum
 * to its gross amount — and a body Kasir builds wrong is Kasir's bug, which
 * must fail loudly and definitely (`not_sent`), never as a Midtrans refusal
 * that leaves the cashier guessing. Pure: no clock, no randomness, so a retry
 * or a replay after a restart sends the same bytes.
 */
import { GatewayError } from './errors';
import type { ChargeItem, ChargeRequest } from './types';

/** Midtrans' item id / name limit (the official clients truncate at 50). Pricing already clips to it. */
export const ITEM_TEXT_MAX = 50;
/** A sale reference: printable ASCII without spaces, like the ids Midtrans takes. */
const SALE_REF_RE = /^[\x21-\x7e]{1,50}$/;

/** One Core API `item_details` entry. */
export interface CoreItemDetail {
  id: string;
  price: number;
  quantity: number;
  name: string;
}

function refuse(message: string): GatewayError {
  return new GatewayError('rejected', { delivery: 'not_sent', message: `Kasir refused to send this charge (a bug; nothing was sent): ${message}` });
}

/**
 * `item_details` as given: ids and names at most 50 characters (clipped, as
 * they always were — a no-op for pricing's items, which are clipped already),
 * integer prices (negative for a discount line, 0 for a free one), whole
 * quantities ≥ 1, and Σ price × quantity = `amount` exactly. Throws a
 * `not_sent` GatewayError when the request breaks any of that. An empty list
 * sends no `item_details` at all (optional for every method Kasir charges).
 */
export function coreItemDetails(items: readonly ChargeItem[], amount: number): CoreItemDetail[] {
  let sum = 0;
  const out = items.map((item, i): CoreItemDetail => {
    if (!Number.isSafeInteger(item.price)) throw refuse(`item ${i} has a price that is not whole rupiah`);
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) throw refuse(`item ${i} has a quantity below 1 or not whole`);
    const name = item.name.slice(0, ITEM_TEXT_MAX);
    if (name.trim() === '') throw refuse(`item ${i} has no name (Midtrans requires one)`);
    sum += item.price * item.quantity;
    return { id: item.sku.slice(0, ITEM_TEXT_MAX), price: item.price, quantity: item.quantity, name };
  });
  if (out.length > 0 && sum !== amount) throw refuse(`item_details sum to ${sum}, not to gross_amount ${amount}`);
  return out;
}

/** The sale reference to send, checked; undefined when the request has none (a charge written before sales had one). */
export function saleRefOf(req: Pick<ChargeRequest, 'saleRef'>): string | undefined {
  if (req.saleRef === undefined) return undefined;
  if (!SALE_REF_RE.test(req.saleRef)) throw refuse('the sale reference must be 1–50 printable characters without spaces');
  return req.saleRef;
}
