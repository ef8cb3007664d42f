/**
 * The paper receipt as plain text lines for a fixed-pitch thermal printer:
 * pure (no clock, no I/O), so the column math is unit-tested. Every line is
 * at most `columns` characters; the encoder only adds alignment and bold.
 *
 * Only named fields of the PaymentView are printed (never the gateway action,
 * a QR string or anything the view might carry later), and text that came
 * from a cashier is stripped of control characters so an item name can never
 * smuggle ESC/POS commands (drawer kick, cut) onto the printer.
 */
import type { PaymentView } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import type { PaymentMethod, PaymentStatus } from '../../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import { formatShopDateTime } from '../../../../shared/domain/zoned-time';

/** Languages a receipt can be printed in (the till's languages). */
export type ReceiptLanguage = 'id' | 'en';

/** One printed line. `text` never exceeds the column width. */
export interface ReceiptLine {
  text: string;
  align: 'left' | 'center';
  bold: boolean;
}

/** Statuses of a payment that was paid at the counter: only these get a receipt. */
export const RECEIPT_STATUSES: readonly PaymentStatus[] = ['settlement', 'capture', 'partial_refund', 'refund'];

const TEXT = {
  id: { time: 'Waktu', order: 'No. pesanan', reference: 'Ref. Midtrans', total: 'TOTAL', method: 'Metode', status: 'Status', paid: 'LUNAS', refunded: 'Dikembalikan', thanks: 'Terima kasih!', cash: 'Tunai', locale: 'id-ID' },
  en: { time: 'Time', order: 'Order no.', reference: 'Midtrans ref.', total: 'TOTAL', method: 'Method', status: 'Status', paid: 'PAID', refunded: 'Refunded', thanks: 'Terima kasih! Thank you!', cash: 'Cash', locale: 'en-GB' },
} as const;

/** Replaces control characters (C0, DEL, C1) with spaces and collapses runs of whitespace. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Greedy word wrap: the first line gets `first` characters, the others `rest`.
 * A word longer than its line is split hard (a 32-column roll has no hyphens).
 */
export function wrapText(text: string, first: number, rest = first): string[] {
  const lines: string[] = [];
  let line = '';
  // At least one character per line, so a bad width can never loop forever.
  const width = () => Math.max(1, lines.length === 0 ? first : rest);
  for (let word of printable(text).split(' ').filter(Boolean)) {
    while (word.length > 0) {
      const sep = line ? 1 : 0;
      if (line.length + sep + word.length <= width()) {
        line += (sep ? ' ' : '') + word;
        word = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(word.slice(0, width()));
        word = word.slice(lines[lines.length - 1]!.length);
      }
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** `label` on the left, `value` flush right; when both do not fit, the value goes right-aligned below. */
export function labelValue(label: string, value: string, columns: number): string[] {
  if (label.length + 1 + value.length <= columns) return [label + value.padStart(columns - label.length)];
  return [...wrapText(label, columns), ...wrapText(value, columns).map((v) => v.padStart(columns))];
}

/**
 * One sale line: "2 x Es Teh Manis" wrapped in the space left of the price,
 * continuation lines indented under the name, the line total flush right on
 * the first line.
 */
export function itemLines(quantity: number, name: string, amount: string, columns: number): string[] {
  const prefix = `${quantity} x `;
  const room = columns - amount.length - 1;
  // Too narrow to share a line with the price (a huge amount on a tiny roll): name first, price below.
  if (room - prefix.length < 6) return [...wrapText(prefix + name, columns), amount.padStart(columns)];
  const [first = '', ...rest] = wrapText(name, room - prefix.length, columns - prefix.length);
  return [`${prefix}${first}`.padEnd(room) + ' ' + amount, ...rest.map((l) => ' '.repeat(prefix.length) + l)];
}

/** "26 Nov 2026, 23.30 WIB": the shop's wall clock and zone, as on the on-screen receipt. */
export function shopDateTime(iso: string, zone: string, language: ReceiptLanguage): string {
  return formatShopDateTime(iso, zone, TEXT[language].locale);
}

/** The name a receipt gives a payment method ("Tunai" / "Cash"; brands are not translated). */
export function methodName(method: PaymentMethod, language: ReceiptLanguage): string {
  const spec = PAYMENT_METHOD_SPECS[method];
  return spec.family === 'cash' ? TEXT[language].cash : spec.name;
}

/**
 * Lays out a receipt for one paid payment. The time is when it became paid
 * (`updatedAt` while settled); after a refund `updatedAt` is the refund, so
 * the sale's creation time is printed instead.
 */
export function layoutReceipt(
  shopName: string,
  payment: PaymentView,
  zone: string,
  language: ReceiptLanguage,
  columns = 32,
): ReceiptLine[] {
  const t = TEXT[language];
  const out: ReceiptLine[] = [];
  const left = (lines: string[], bold = false) => lines.forEach((text) => out.push({ text, align: 'left', bold }));
  const center = (lines: string[], bold = false) => lines.forEach((text) => out.push({ text, align: 'center', bold }));
  const rule = () => left(['-'.repeat(columns)]);

  center(wrapText(shopName, columns), true);
  const at = payment.status === 'settlement' || payment.status === 'capture' ? payment.updatedAt : payment.createdAt;
  left(labelValue(t.time, shopDateTime(at, zone, language), columns));
  left(labelValue(t.order, printable(payment.orderId), columns));
  if (payment.referenceNo) left(labelValue(t.reference, printable(payment.referenceNo), columns));
  rule();
  for (const item of payment.items) left(itemLines(item.quantity, item.name, formatRupiah(item.price * item.quantity), columns));
  rule();
  left(labelValue(t.total, formatRupiah(payment.amount), columns), true);
  left(labelValue(t.method, methodName(payment.method, language), columns));
  left(labelValue(t.status, t.paid, columns));
  if (payment.refundedAmount > 0) left(labelValue(t.refunded, formatRupiah(payment.refundedAmount), columns));
  rule();
  center(wrapText(t.thanks, columns));
  return out;
}
