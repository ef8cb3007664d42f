/**
 * zod schemas for incoming notifications. They are deliberately loose about
 * extra fields (Midtrans adds fields over time) and strict about the ones the
 * signature and the order lookup depend on.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);

/** Core API v2 HTTP notification (fields covered by `signature_key` must be strings verbatim). */
export const coreNotification = z.looseObject({
  order_id: id,
  status_code: z.string().regex(/^\d{3}$/),
  gross_amount: z.string().min(1).max(40),
  signature_key: z.string().min(1).max(1024),
  transaction_status: z.string().min(1).max(50),
  transaction_id: z.string().max(200).optional(),
});
export type CoreNotification = z.infer<typeof coreNotification>;

/** SNAP-BI QRIS / direct-debit notification. */
export const snapTxNotification = z.looseObject({
  originalPartnerReferenceNo: id,
  originalReferenceNo: z.string().max(200).nullish(),
  latestTransactionStatus: z.string().min(1).max(10),
});

/** SNAP-BI virtual-account payment notification. */
export const snapVaNotification = z.looseObject({
  trxId: id,
  partnerServiceId: z.string().max(20).optional(),
  customerNo: z.union([z.string(), z.number()]).optional(),
  virtualAccountNo: z.string().max(64).optional(),
  referenceNo: z.string().max(200).nullish(),
  paymentRequestId: z.string().max(200).nullish(),
  paymentFlagStatus: z.string().max(10).optional(),
  additionalInfo: z.looseObject({ paymentFlagStatus: z.string().max(10).optional() }).nullish(),
});
