/**
 * The words a sale receipt prints, in the till's two languages. Receipts are
 * laid out in main (the screen shows exactly what the printer prints), so
 * these live here rather than in the renderer's i18n resources, like the
 * payment receipt's table in receipt-layout.ts. Brands and tax names (QRIS,
 * PB1, PPN, DPP, NPWP) are not translated.
 */
import type { ReceiptLanguage } from './receipt-layout';

/** One language's receipt words. */
export interface SaleReceiptWords {
  copy: string;
  demo: string;
  notPaid: string;
  voided: string;
  voidReason: string;
  receiptNo: string;
  saleNo: string;
  time: string;
  cashier: string;
  subtotal: string;
  itemDiscounts: string;
  discount: string;
  service: string;
  luxury: string;
  included: string;
  onService: string;
  total: string;
  rounding: string;
  toPay: string;
  pending: string;
  reference: string;
  change: string;
  refunded: string;
  /** A refund asked for while Midtrans could not be reached: not yet done. */
  refundQueued: string;
  drawerRefund: string;
  voidReturn: string;
  thanks: string;
}

export const SALE_RECEIPT_WORDS: Readonly<Record<ReceiptLanguage, SaleReceiptWords>> = {
  id: {
    copy: 'SALINAN',
    demo: 'DEMO — bukan uang sungguhan',
    notPaid: 'BELUM LUNAS',
    voided: 'DIBATALKAN',
    voidReason: 'Alasan',
    receiptNo: 'No. struk',
    saleNo: 'No. transaksi',
    time: 'Waktu',
    cashier: 'Kasir',
    subtotal: 'Subtotal',
    itemDiscounts: 'Diskon item',
    discount: 'Diskon',
    service: 'Layanan',
    luxury: 'mewah',
    included: 'termasuk',
    onService: 'atas layanan',
    total: 'TOTAL',
    rounding: 'Pembulatan',
    toPay: 'Total bayar',
    pending: '(menunggu)',
    reference: 'Ref. Midtrans',
    change: 'Kembali',
    refunded: 'Dikembalikan',
    refundQueued: 'Refund diajukan, belum diproses',
    drawerRefund: 'Refund dari laci',
    voidReturn: 'Dikembalikan (batal)',
    thanks: 'Terima kasih!',
  },
  en: {
    copy: 'COPY',
    demo: 'DEMO — not real money',
    notPaid: 'NOT PAID',
    voided: 'VOIDED',
    voidReason: 'Reason',
    receiptNo: 'Receipt no.',
    saleNo: 'Sale no.',
    time: 'Time',
    cashier: 'Cashier',
    subtotal: 'Subtotal',
    itemDiscounts: 'Item discounts',
    discount: 'Discount',
    service: 'Service',
    luxury: 'luxury',
    included: 'included',
    onService: 'on service',
    total: 'TOTAL',
    rounding: 'Rounding',
    toPay: 'Amount due',
    pending: '(pending)',
    reference: 'Midtrans ref.',
    change: 'Change',
    refunded: 'Refunded',
    refundQueued: 'Refund requested, not yet processed',
    drawerRefund: 'Refund from drawer',
    voidReturn: 'Returned (void)',
    thanks: 'Terima kasih! Thank you!',
  },
};

/** 1000 bp → "10%"; 1250 → "12,5%" (id) / "12.5%" (en). Rates are whole basis points, so at most two decimals. */
export function formatRate(basisPoints: number, language: ReceiptLanguage): string {
  const whole = Math.trunc(basisPoints / 100);
  const cents = basisPoints % 100;
  if (cents === 0) return `${whole}%`;
  const decimals = String(cents).padStart(2, '0').replace(/0$/, '');
  return `${whole}${language === 'id' ? ',' : '.'}${decimals}%`;
}

/**
 * An NPWP as printed: the 15-digit form grouped "01.234.567.8-901.000"; the
 * 16-digit (NIK-based) one as its digits. Anything else is printed as given.
 */
export function formatNpwp(npwp: string): string {
  const digits = npwp.replace(/\D/g, '');
  if (digits.length === 15) {
    return `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}.${digits.slice(8, 9)}-${digits.slice(9, 12)}.${digits.slice(12)}`;
  }
  return digits.length === 16 ? digits : npwp;
}
