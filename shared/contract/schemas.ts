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
