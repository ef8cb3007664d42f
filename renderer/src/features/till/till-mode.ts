/**
 * Which screen the till shows for main's sale and the cashier's last step.
 * Pure (unit-tested in plain Node): main's `SaleView` decides what is true
 * (paid, a tender open, still editable); the renderer only adds which panel
 * the cashier opened (cash received, a part payment) and whether a failed
 * tender has been seen.
 */
import type { SaleView, TenderView } from '../../../../shared/contract/sale-schemas';

/** The panel the cashier opened under the basket (the sale store holds it). */
export type TenderStep = 'none' | 'cash' | 'part';

export type TillMode =
  /** Building the basket, or a split sale waiting for its next tender (the cart shows what is paid). */
  | { kind: 'cart' }
  /** Amount received, quick notes and change. */
  | { kind: 'cash' }
  /** "Bayar sebagian": how much of the rest the next electronic tender charges. */
  | { kind: 'part' }
  /** An electronic tender waiting for the customer (QR, VA number…). */
  | { kind: 'tender'; tender: TenderView }
  /** The tender the cashier started failed, expired or was cancelled: shown until the cashier moves on. */
  | { kind: 'failed'; tender: TenderView }
  | { kind: 'paid' }
  | { kind: 'voided' };

/**
 * The screen for a sale. `watching` is the payment id of the electronic
 * tender the cashier started last (its failure stays on screen until
 * acknowledged, so "Dibatalkan"/"Kedaluwarsa" is read before the next method).
 */
export function tillMode(sale: SaleView | null, step: TenderStep, watching: string | null): TillMode {
  if (!sale) return { kind: 'cart' };
  if (sale.status === 'paid') return { kind: 'paid' };
  if (sale.status === 'voided') return { kind: 'voided' };
  // A tender the cashier left (`abandoned`) never holds the screen, whatever the gateway says of it yet.
  const open = sale.tenders.find((t) => t.counts === 'open' && !t.abandoned);
  if (open) return { kind: 'tender', tender: open };
  const watched = watching ? sale.tenders.find((t) => t.paymentId === watching) : undefined;
  if (watched && watched.counts === 'no' && !watched.abandoned) return { kind: 'failed', tender: watched };
  if (step !== 'none' && sale.remaining > 0) return { kind: step };
  // Rp 0 left (a 100% discount) still needs the cash step: "a cash tender of nothing" completes it.
  if (step === 'cash' && sale.lines.length > 0) return { kind: 'cash' };
  return { kind: 'cart' };
}

/** The tender to show on the paid screen: the last one that paid (its source says who confirmed it). */
export function lastPaidTender(sale: Pick<SaleView, 'tenders'>): TenderView | null {
  const paid = sale.tenders.filter((t) => t.counts === 'paid');
  return paid[paid.length - 1] ?? null;
}

/** Tenders that count (paid or open), in order: what the receipt and the split panel list. */
export function countingTenders(sale: Pick<SaleView, 'tenders'>): TenderView[] {
  // A left tender the owner kept after its customer paid it anyway counts as paid like any other.
  return sale.tenders.filter((t) => t.counts === 'paid' || (t.counts === 'open' && !t.abandoned));
}

/** Tenders the cashier left that the gateway has not finished cancelling ("membatalkan…"). */
export function cancellingTenders(sale: Pick<SaleView, 'tenders'>): TenderView[] {
  return sale.tenders.filter((t) => t.abandoned && t.cancelling);
}
