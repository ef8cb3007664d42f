/**
 * What the cashier did to the basket, as pure edits of the lines sent to
 * `sales.setLines` (no DOM, no i18next: unit-tested in plain Node). The
 * renderer only says which SKU, how many and which discount; main prices it.
 */
import type { Discount } from '../../../shared/domain/pricing';
import type { SaleLineInput, SaleView } from '../../../shared/contract/sale-schemas';

/** A line as `sales.setLines` takes it (discount always present: null for none). */
export type DraftLine = { id: string; sku: string; quantity: number; discount: Discount | null };

/** What `sales.setLines` replaces: every line and the sale-level discounts. */
export interface Draft {
  lines: DraftLine[];
  saleDiscounts: Discount[];
}

/** The most a line may hold (the contract's limit). */
export const QUANTITY_MAX = 9_999;

/** Main's sale as a draft to edit (an empty draft when there is no sale yet). */
export function draftOf(sale: Pick<SaleView, 'lines' | 'saleDiscounts'> | null): Draft {
  if (!sale) return { lines: [], saleDiscounts: [] };
  return {
    lines: sale.lines.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity, discount: l.discount })),
    saleDiscounts: [...sale.saleDiscounts],
  };
}

/** A line id not used in `lines`: "l" + one more than the highest numbered one (ids stay short and readable). */
export function nextLineId(lines: readonly Pick<DraftLine, 'id'>[]): string {
  let highest = 0;
  for (const { id } of lines) {
    const n = /^l(\d{1,9})$/.exec(id)?.[1];
    if (n !== undefined) highest = Math.max(highest, Number(n));
  }
  return `l${highest + 1}`;
}

/** A tap on a product: one more on its line (the first line with that SKU), or a new line of one. */
export function addSku(draft: Draft, sku: string): Draft {
  const existing = draft.lines.find((l) => l.sku === sku);
  if (existing) return setQuantity(draft, existing.id, existing.quantity + 1);
  return { ...draft, lines: [...draft.lines, { id: nextLineId(draft.lines), sku, quantity: 1, discount: null }] };
}

/** Sets a line's quantity (clamped to the limit); 0 or less removes it. */
export function setQuantity(draft: Draft, lineId: string, quantity: number): Draft {
  if (quantity <= 0) return removeLine(draft, lineId);
  const q = Math.min(Math.trunc(quantity), QUANTITY_MAX);
  return { ...draft, lines: draft.lines.map((l) => (l.id === lineId ? { ...l, quantity: q } : l)) };
}

/** Takes a line off the sale. */
export function removeLine(draft: Draft, lineId: string): Draft {
  return { ...draft, lines: draft.lines.filter((l) => l.id !== lineId) };
}

/** Sets (or, with null, clears) one line's discount. */
export function setLineDiscount(draft: Draft, lineId: string, discount: Discount | null): Draft {
  return { ...draft, lines: draft.lines.map((l) => (l.id === lineId ? { ...l, discount } : l)) };
}

/**
 * The till offers one sale-level discount at a time (the contract allows a
 * few): set replaces it, null clears it.
 */
export function setSaleDiscount(draft: Draft, discount: Discount | null): Draft {
  return { ...draft, saleDiscounts: discount ? [discount] : [] };
}

/** The `sales.setLines` input for a draft. */
export function setLinesInput(saleId: string, draft: Draft): { saleId: string; lines: SaleLineInput[]; saleDiscounts: Discount[] } {
  return { saleId, lines: draft.lines.map((l) => ({ ...l })), saleDiscounts: [...draft.saleDiscounts] };
}

/** True when two drafts ask main for the same thing. */
export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
