/**
 * A sale's receipt as plain text lines for a fixed-pitch thermal printer (and
 * the on-screen receipt, which shows the same lines): pure, no clock, no I/O.
 * Every amount comes from the sale's priced quote and its tenders (pricing
 * decided them; this only prints them), every line is at most `columns`
 * characters, and every text a person typed (item names, discount and void
 * reasons, the shop name) goes through `wrapText`, which strips control
 * characters so nothing typed can reach the printer as a command.
 *
 * Sections, top to bottom: header (shop, NPWP where PPN applies, COPY / DEMO
 * / status banners, receipt number, time, cashier); the lines with their own
 * discounts; the money block, whose rows add up to TOTAL ("termasuk" and DPP
 * rows are marked as not adding); cash rounding; each tender with change;
 * money paid back; thanks.
 */
import type { SaleView, TenderView } from '../../../../shared/contract/sale-schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import type { Quote, QuoteDiscount, QuoteTax } from '../../../../shared/domain/pricing/types';
import { ReceiptBuilder } from './receipt-builder';
import { methodName, printable, shopDateTime, type ReceiptLanguage, type ReceiptLine } from './receipt-layout';
import { formatNpwp, formatRate, SALE_RECEIPT_WORDS, type SaleReceiptWords } from './sale-receipt-words';

/** What a sale receipt is laid out from. */
export interface SaleReceiptInput {
  shopName: string;
  /** IANA zone the time is printed in (the shop's). */
  zone: string;
  /** The seller's NPWP (settings.sales.npwp); printed when the sale carries PPN. */
  npwp: string | null;
  sale: SaleView;
  /** A reprint: marked "SALINAN" / "COPY" so it is never taken for a second sale. */
  copy: boolean;
  /** Emulator money: marked so a demo receipt is never taken for a real one. */
  demo: boolean;
}

/** Indent of the rows that belong to the row above (a line's discount, a tender's change). */
const SUB = 2;

const minus = (amount: number) => formatRupiah(-amount);

/** Lays out a sale's receipt for a roll of `columns` characters (32 on 58 mm paper, 48 on 80 mm). */
export function layoutSaleReceipt(input: SaleReceiptInput, language: ReceiptLanguage, columns: number): ReceiptLine[] {
  const w = SALE_RECEIPT_WORDS[language];
  const b = new ReceiptBuilder(columns);
  header(b, input, w, language);
  b.rule();
  items(b, input.sale.quote, w, language);
  b.rule();
  money(b, input.sale, w, language);
  const tenders = input.sale.tenders.filter((t) => t.counts !== 'no').sort((x, y) => x.seq - y.seq);
  if (tenders.length > 0 || input.sale.drawerMovements.length > 0) b.rule();
  for (const t of tenders) tender(b, t, w, language);
  paidBack(b, input.sale, w);
  b.rule();
  b.center(w.thanks);
  return b.lines;
}

function header(b: ReceiptBuilder, input: SaleReceiptInput, w: SaleReceiptWords, language: ReceiptLanguage): void {
  const { sale } = input;
  b.center(input.shopName, true);
  if (input.npwp && sale.quote.taxes.some((t) => t.kind === 'ppn')) b.center(`NPWP ${formatNpwp(input.npwp)}`);
  if (input.copy) b.center(w.copy, true);
  if (input.demo) b.center(w.demo);
  if (sale.status === 'voided') b.center(w.voided, true);
  if (sale.status === 'open') b.center(w.notPaid, true);
  if (sale.status === 'voided' && sale.voidReason) b.text(`${w.voidReason}: ${sale.voidReason}`);
  if (sale.receiptNo) b.amount(w.receiptNo, printable(sale.receiptNo));
  else b.amount(w.saleNo, printable(sale.id));
  b.amount(w.time, shopDateTime(sale.closedAt ?? sale.openedAt, input.zone, language));
  if (sale.actorName) b.amount(w.cashier, printable(sale.actorName));
}

/** "Diskon Promo 10%" / "Diskon Member": the reason as typed, the rate of a percentage discount. */
function discountLabel(d: QuoteDiscount, w: SaleReceiptWords, language: ReceiptLanguage): string {
  const rate = d.kind === 'percent' && d.basisPoints !== null ? ` ${formatRate(d.basisPoints, language)}` : '';
  return `${w.discount} ${d.reason}${rate}`;
}

/**
 * Each line: a single quantity on one row (name, price); more than one as
 * the name, then "2 x Rp 18.000 … Rp 36.000" below it. The line's own
 * discount follows, indented.
 */
function items(b: ReceiptBuilder, quote: Quote, w: SaleReceiptWords, language: ReceiptLanguage): void {
  for (const line of quote.lines) {
    if (line.quantity === 1) b.amount(line.name, formatRupiah(line.gross));
    else {
      b.text(line.name);
      b.amount(`${line.quantity} x ${formatRupiah(line.unitPrice)}`, formatRupiah(line.gross), { indent: SUB });
    }
    for (const d of quote.discounts) {
      if (d.scope === 'line' && d.lineId === line.id && d.amount > 0) b.amount(discountLabel(d, w, language), minus(d.amount), { indent: SUB });
    }
  }
}

/**
 * PB1 is one rate for every taxed class, so its classes print as one row;
 * PPN prints per class (ordinary goods on a DPP of 11/12, luxury on the full base).
 */
function printedTaxes(taxes: readonly QuoteTax[]): QuoteTax[] {
  const pb1 = taxes.filter((t) => t.kind === 'pb1');
  if (pb1.length <= 1) return [...taxes];
  const add = (k: 'base' | 'dpp' | 'tax' | 'included' | 'added') => pb1.reduce((s, t) => s + t[k], 0);
  const merged: QuoteTax = { ...pb1[0]!, base: add('base'), dpp: add('dpp'), tax: add('tax'), included: add('included'), added: add('added') };
  return [merged, ...taxes.filter((t) => t.kind !== 'pb1')];
}

/**
 * Subtotal → TOTAL. The rows without a marker add up to TOTAL; a tax inside
 * inclusive prices is "termasuk" and a DPP is the base PPN is computed on.
 */
function money(b: ReceiptBuilder, sale: SaleView, w: SaleReceiptWords, language: ReceiptLanguage): void {
  const quote = sale.quote;
  b.amount(w.subtotal, formatRupiah(quote.subtotal));
  if (quote.lineDiscountTotal > 0) b.amount(w.itemDiscounts, minus(quote.lineDiscountTotal));
  for (const d of quote.discounts) if (d.scope === 'sale' && d.amount > 0) b.amount(discountLabel(d, w, language), minus(d.amount));
  if (quote.service && quote.serviceAmount > 0) b.amount(`${w.service} ${formatRate(quote.service.rateBasisPoints, language)}`, formatRupiah(quote.serviceAmount));
  const inclusive = quote.priceMode === 'inclusive';
  for (const t of printedTaxes(quote.taxes)) {
    const luxury = t.kind === 'ppn' && t.taxClass === 'luxury' ? ` ${w.luxury}` : '';
    const name = `${t.kind === 'pb1' ? 'PB1' : 'PPN'} ${formatRate(t.rateBasisPoints, language)}${luxury}`;
    if (t.kind === 'ppn') b.amount(`DPP${luxury}`, formatRupiah(t.dpp));
    if (inclusive) b.amount(`${name} ${w.included}`, formatRupiah(t.included));
    // Inclusive prices add tax only on a taxed service charge; exclusive ones add all of it.
    if (!inclusive || t.added > 0) b.amount(inclusive ? `${name} ${w.onService}` : name, formatRupiah(t.added));
  }
  b.amount(w.total, formatRupiah(sale.total), { bold: true });
  if (sale.rounding < 0) {
    b.amount(w.rounding, formatRupiah(sale.rounding));
    b.amount(w.toPay, formatRupiah(sale.total + sale.rounding), { bold: true });
  }
}

/**
 * One tender: the method and the amount, its Midtrans reference, a gateway
 * refund (or one still queued: "diajukan, belum diproses"). Cash prints what the customer handed over, then the change
 * ("Tunai Rp 100.000 / Kembali Rp 31.500", as Indonesian receipts do); what
 * it covered is that less the change.
 */
function tender(b: ReceiptBuilder, t: TenderView, w: SaleReceiptWords, language: ReceiptLanguage): void {
  const method = methodName(t.method, language) + (t.counts === 'open' ? ` ${w.pending}` : '');
  b.amount(method, formatRupiah(t.received ?? t.amount));
  if (t.payment.referenceNo) b.text(`${w.reference} ${t.payment.referenceNo}`, SUB);
  if (t.change !== null) b.amount(w.change, formatRupiah(t.change), { bold: true });
  if (t.payment.refundedAmount > 0) b.amount(w.refunded, minus(t.payment.refundedAmount), { indent: SUB });
  // Asked for while Midtrans was unreachable: the customer must not take it as done.
  if (t.payment.refundQueued) b.text(w.refundQueued);
}

/** Cash handed back from the drawer for this sale (refunds, void returns), each with its reason. */
function paidBack(b: ReceiptBuilder, sale: SaleView, w: SaleReceiptWords): void {
  for (const m of sale.drawerMovements) {
    if (m.kind === 'no_sale') continue;
    b.amount(m.kind === 'refund' ? w.drawerRefund : w.voidReturn, minus(m.amount));
    b.text(m.reason, SUB);
  }
}
