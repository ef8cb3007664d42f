/**
 * zod schemas for SNAP-BI responses. Only the fields Kasir reads are declared;
 * the whole body is kept in `raw`. Amount objects are `{value: "15000.00", currency: "IDR"}`.
 */
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform((v) => String(v));
export const snapAmount = z.looseObject({ value: text, currency: z.string().optional() });

/** Every SNAP-BI body: a 7-digit responseCode and a message. */
export const snapEnvelope = z.looseObject({
  responseCode: z.string(),
  responseMessage: z.string().optional(),
});
export type SnapEnvelope = z.infer<typeof snapEnvelope>;

export const snapToken = z.looseObject({
  responseCode: z.string(),
  accessToken: z.string().min(1),
  tokenType: z.string().optional(),
  expiresIn: text.optional(),
});

/**
 * One `refundHistory[]` entry. The refund's own key is `partnerRefundNo`;
 * Midtrans' status samples name it `partnerReferenceNo` (the emulator too).
 */
const refundEntry = z.looseObject({
  refundAmount: snapAmount.optional(),
  refundStatus: z.string().optional(),
  partnerRefundNo: z.string().nullish(),
  partnerReferenceNo: z.string().nullish(),
});
export type SnapRefundEntry = z.infer<typeof refundEntry>;

export const qrisGenerate = z.looseObject({
  responseCode: z.string(),
  referenceNo: z.string().min(1),
  partnerReferenceNo: z.string().optional(),
  qrContent: z.string().min(1),
  qrUrl: z.string().optional(),
  validityPeriod: z.string().optional(),
  additionalInfo: z.looseObject({ validityPeriod: z.string().optional() }).nullish(),
});

export const debitPayment = z.looseObject({
  responseCode: z.string(),
  referenceNo: z.string().min(1),
  partnerReferenceNo: z.string().optional(),
  webRedirectUrl: z.string().optional(),
  appRedirectUrl: z.string().optional(),
  additionalInfo: z.looseObject({ validUpTo: z.string().optional() }).nullish(),
});

/** QRIS query and debit status share one shape (amount field name differs). */
export const snapStatus = z.looseObject({
  responseCode: z.string(),
  originalReferenceNo: z.string().nullish(),
  originalPartnerReferenceNo: z.string().nullish(),
  latestTransactionStatus: z.string(),
  amount: snapAmount.nullish(),
  transAmount: snapAmount.nullish(),
  refundHistory: z.array(refundEntry).nullish(),
  additionalInfo: z
    .looseObject({ refundHistory: z.array(refundEntry).nullish(), validUpTo: z.string().nullish(), validityPeriod: z.string().nullish() })
    .nullish(),
});
export type SnapStatusBody = z.infer<typeof snapStatus>;

const vaData = z.looseObject({
  partnerServiceId: z.string().optional(),
  customerNo: text.optional(),
  virtualAccountNo: z.string().min(1),
  trxId: z.string().optional(),
  totalAmount: snapAmount.nullish(),
  paidAmount: snapAmount.nullish(),
  expiredDate: z.string().nullish(),
  paymentFlagStatus: z.string().optional(),
  referenceNo: z.string().nullish(),
  additionalInfo: z.looseObject({ bank: z.string().optional(), referenceNo: z.string().optional() }).nullish(),
});

export const vaCreate = z.looseObject({ responseCode: z.string(), virtualAccountData: vaData });
export const vaStatus = z.looseObject({
  responseCode: z.string(),
  virtualAccountData: vaData.extend({ paymentFlagStatus: z.string() }),
});

/** Cancel / delete / refund answers: the envelope is all Kasir needs (it re-reads status after). */
export const snapAck = snapEnvelope;
