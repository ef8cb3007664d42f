/**
 * Runtime schemas for the values that cross the renderer ↔ main boundary.
 * Types are inferred from them, so the two can never disagree.
 */
import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_STATUSES, UPDATE_SOURCES } from '../domain/payment';
import { MAX_RUPIAH } from '../domain/money';

export const rupiah = z.number().int().min(0).max(MAX_RUPIAH);
export const paymentMethod = z.enum(PAYMENT_METHODS);
export const paymentStatus = z.enum(PAYMENT_STATUSES);
export const updateSource = z.enum(UPDATE_SOURCES);
export const paymentId = z.string().regex(/^[A-Za-z0-9_~.-]{1,50}$/, 'payment id has invalid characters');

export const cartItem = z.strictObject({
  sku: z.string().min(1).max(50),
  name: z.string().trim().min(1).max(50),
  price: z.number().int().min(1).max(MAX_RUPIAH),
  quantity: z.number().int().min(1).max(9_999),
});
export type CartItem = z.infer<typeof cartItem>;

export const product = z.strictObject({
  sku: z.string(),
  name: z.string(),
  price: rupiah,
  category: z.string(),
});
export type Product = z.infer<typeof product>;

/** What the customer must do to pay: scan, transfer to a VA, or quote a code. */
export const paymentAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('qr'), qrString: z.string() }),
  z.strictObject({ kind: z.literal('deeplink'), url: z.string() }),
  z.strictObject({ kind: z.literal('va'), bank: z.string(), vaNumber: z.string() }),
  z.strictObject({ kind: z.literal('bill'), billerCode: z.string(), billKey: z.string() }),
  z.strictObject({ kind: z.literal('paycode'), store: z.string(), paymentCode: z.string() }),
  z.strictObject({ kind: z.literal('cash') }),
]);
export type PaymentAction = z.infer<typeof paymentAction>;

/** The renderer's read-only view of a payment. Never carries a secret or a raw gateway payload. */
export const paymentView = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  method: paymentMethod,
  status: paymentStatus,
  amount: rupiah,
  refundedAmount: rupiah,
  action: paymentAction.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string().nullable(),
  lastSource: updateSource,
  items: z.array(cartItem),
});
export type PaymentView = z.infer<typeof paymentView>;

export const secretStatus = z.strictObject({
  configured: z.boolean(),
  hint: z.string().nullable(),
});
export type SecretStatus = z.infer<typeof secretStatus>;

export const dayReport = z.strictObject({
  day: z.string(),
  zone: z.string(),
  paidCount: z.number().int(),
  paidTotal: rupiah,
  refundedTotal: rupiah,
  pendingCount: z.number().int(),
  failedCount: z.number().int(),
  byMethod: z.array(z.strictObject({ method: paymentMethod, count: z.number().int(), total: rupiah })),
});
export type DayReport = z.infer<typeof dayReport>;

/** Whole rupiah that may go below zero: a short drawer, or refunds of earlier days exceeding a day's takings. */
export const signedRupiah = z.number().int().min(-MAX_RUPIAH).max(MAX_RUPIAH);

/** A calendar day in the shop's zone, YYYY-MM-DD, that actually exists (no 2026-02-30). */
export const shopDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, 'day is not a calendar date');

/** One payment method's share of a closed day: paid (gross) and refunded in the day. */
export const closingMethodLine = z.strictObject({
  method: paymentMethod,
  count: z.number().int().min(0),
  total: rupiah,
  refunded: rupiah,
});

/** A payment still creating/pending when the day was closed by force. */
export const openPaymentLine = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  method: paymentMethod,
  status: paymentStatus,
  amount: rupiah,
  createdAt: z.string(),
});

/**
 * The Z-report: the immutable record of a closed shop day. Paid = reached
 * settlement/capture in the day (gross); refunds = refunds applied in the day;
 * cash expected in the drawer = cash takings − cash refunds.
 */
export const dayClosing = z.strictObject({
  id: z.number().int(),
  day: z.string(),
  zone: z.string(),
  /** The day's UTC bounds [periodStart, periodEnd). */
  periodStart: z.string(),
  periodEnd: z.string(),
  /** When the owner closed it (UTC). */
  closedAt: z.string(),
  paidCount: z.number().int().min(0),
  paidTotal: rupiah,
  refundedTotal: rupiah,
  netTotal: signedRupiah,
  cashTakings: rupiah,
  cashRefunds: rupiah,
  cashExpected: signedRupiah,
  countedCash: rupiah.nullable(),
  /** counted − expected: negative is a short drawer. */
  cashDifference: signedRupiah.nullable(),
  openCount: z.number().int().min(0),
  openTotal: rupiah,
  failedCount: z.number().int().min(0),
  forced: z.boolean(),
  byMethod: z.array(closingMethodLine),
  openPayments: z.array(openPaymentLine),
});
export type DayClosing = z.infer<typeof dayClosing>;

/** The JSON kept in `day_closings.breakdown`. */
export const closingBreakdown = z.strictObject({
  byMethod: z.array(closingMethodLine),
  openPayments: z.array(openPaymentLine),
});
export type ClosingBreakdown = z.infer<typeof closingBreakdown>;

/** A day's payments as CSV text, ready to save. */
export const dayCsv = z.strictObject({
  day: z.string(),
  filename: z.string(),
  rows: z.number().int().min(0),
  csv: z.string(),
});
export type DayCsv = z.infer<typeof dayCsv>;
