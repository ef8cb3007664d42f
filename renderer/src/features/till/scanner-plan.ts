/**
 * What a scan does on each screen of the till, pure (unit-tested in plain
 * Node). Defined, so a scan never does something the cashier did not see:
 * - building the basket: the product is added (one line, or one more);
 * - a payment on screen (the cash panel, a part payment, an electronic
 *   tender waiting or just failed, a charge on its way): refused, nothing
 *   added — "Selesaikan pembayaran dulu" — so the amount the customer is
 *   paying never changes under them;
 * - the basket locked (a split sale with a part already paid): refused;
 * - the last sale paid or voided: the scan starts the next sale with the
 *   product (the next customer's first item; no "Transaksi baru" needed);
 * - a code that is no product's barcode or SKU: unknown (after the refusals:
 *   while a payment is on screen that is what the cashier must deal with).
 */
import type { Product } from '../../../../shared/contract/schemas';
import type { TillMode } from './till-mode';

export type ScanPlan =
  | { kind: 'add'; product: Product }
  | { kind: 'next_sale'; product: Product }
  | { kind: 'unknown' }
  | { kind: 'refused'; reason: 'payment' | 'locked' };

/** The till as a scan finds it. */
export interface ScanContext {
  mode: TillMode['kind'];
  /** Lines may change (an open sale with nothing tendered, or no sale yet). */
  editable: boolean;
  /** A tender, void or new-sale call is in flight. */
  busy: boolean;
}

/** The plan for a scan that matched `product` (null: no product has that code). */
export function planScan(product: Product | null, till: ScanContext): ScanPlan {
  const paymentOnScreen = till.mode === 'cash' || till.mode === 'part' || till.mode === 'tender' || till.mode === 'failed' || till.busy;
  if (paymentOnScreen) return { kind: 'refused', reason: 'payment' };
  if (till.mode === 'paid' || till.mode === 'voided') return product ? { kind: 'next_sale', product } : { kind: 'unknown' };
  if (!product) return { kind: 'unknown' };
  if (!till.editable) return { kind: 'refused', reason: 'locked' };
  return { kind: 'add', product };
}
