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

// ---------------------------------------------------------------- what a notification means
//
// What the ledger keeps of a notification: its known fields only (z.object
// strips everything else, e.g. a 60 kB junk field), each one bounded. A known
// field whose value is the wrong type or too long is dropped, not refused:
// Core API leaves most fields unsigned, so they are claims to confirm anyway.

/** An optional bounded string; anything else (wrong type, too long) becomes absent. */
const text = (max: number) => z.string().max(max).optional().catch(undefined);
/** An optional string or number (Midtrans sends some ids either way), bounded. */
const textOrNumber = (max: number) => z.union([z.string().max(max), z.number()]).optional().catch(undefined);
/** An optional list of at most `max` items (the newest kept); a malformed list becomes absent. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (Array.isArray(v) ? v.slice(-max) : v), z.array(item)).optional().catch(undefined);
/** An optional nested object; a malformed one becomes absent. */
const nested = <T extends z.ZodRawShape>(shape: T) => z.object(shape).optional().catch(undefined);

/** The most refunds one notification keeps (Midtrans allows far fewer per transaction). */
const MAX_REFUNDS = 20;

/** Core API notification: the fields Midtrans documents, bounded. */
export const coreMeaning = z.object({
  order_id: text(64),
  transaction_id: text(64),
  transaction_status: text(32),
  status_code: text(3),
  status_message: text(120),
  gross_amount: text(24),
  currency: text(8),
  payment_type: text(32),
  fraud_status: text(16),
  merchant_id: text(64),
  transaction_time: text(32),
  settlement_time: text(32),
  expiry_time: text(32),
  issuer: text(32),
  acquirer: text(32),
  store: text(32),
  payment_code: text(32),
  bill_key: text(32),
  biller_code: text(16),
  permata_va_number: text(32),
  va_numbers: list(z.object({ bank: text(16), va_number: text(32) }), 4),
  refund_amount: text(24),
  refunds: list(
    z.object({
      refund_key: text(64),
      refund_chargeback_id: textOrNumber(64),
      refund_amount: text(24),
      created_at: text(32),
      bank_confirmed_at: text(32),
    }),
    MAX_REFUNDS,
  ),
});
export type CoreMeaning = z.infer<typeof coreMeaning>;

const snapAmount = nested({ value: text(24), currency: text(8) });

/** SNAP-BI QRIS / direct-debit notification: the documented fields, bounded. */
export const snapTxMeaning = z.object({
  originalPartnerReferenceNo: text(64),
  originalReferenceNo: text(64),
  originalExternalId: text(64),
  merchantId: text(64),
  amount: snapAmount,
  latestTransactionStatus: text(4),
  transactionStatusDesc: text(64),
  createdTime: text(32),
  finishedTime: text(32),
  additionalInfo: nested({
    qris: nested({ issuerName: text(32), acquirerName: text(32), transactionType: text(16) }),
    userPaymentDetails: list(z.object({ payMethod: text(32), payOption: text(32) }), 4),
    refundHistory: list(
      z.object({
        refundNo: text(64),
        partnerReferenceNo: text(64),
        refundAmount: snapAmount,
        refundStatus: text(4),
        refundDate: text(32),
      }),
      MAX_REFUNDS,
    ),
  }),
});
export type SnapTxMeaning = z.infer<typeof snapTxMeaning>;

/** SNAP-BI virtual-account payment notification: the documented fields, bounded. */
export const snapVaMeaning = z.object({
  partnerServiceId: text(20),
  customerNo: textOrNumber(32),
  virtualAccountNo: text(64),
  trxId: text(64),
  paymentRequestId: text(64),
  referenceNo: text(64),
  paidAmount: snapAmount,
  paymentFlagStatus: text(4),
  additionalInfo: nested({ bank: text(16), paymentFlagStatus: text(4), merchantId: text(64), paidTime: text(32) }),
});
export type SnapVaMeaning = z.infer<typeof snapVaMeaning>;
