/**
 * zod schemas for Core API v2 responses. Only the fields Kasir reads are
 * declared; everything else is kept verbatim in `raw`.
 */
import { z } from 'zod';

/** `"201"` or 201 → "201". */
const code = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const amount = z.union([z.string(), z.number()]);

/** Any Core API JSON answer: enough to apply the HTTP-vs-body status rules. */
export const coreEnvelope = z.looseObject({
  status_code: code.optional(),
  status_message: z.string().optional(),
  validation_messages: z.array(z.string()).optional(),
  message: z.string().optional(),
});
export type CoreEnvelope = z.infer<typeof coreEnvelope>;

/** A transaction as charge, status, cancel, expire and refund return it. */
export const coreTransaction = z.looseObject({
  status_code: code,
  status_message: z.string().optional(),
  transaction_id: z.string().optional(),
  order_id: z.string().min(1),
  gross_amount: amount,
  payment_type: z.string().optional(),
  transaction_status: z.string().min(1),
  fraud_status: z.string().optional(),
  actions: z.array(z.looseObject({ name: z.string(), url: z.string(), method: z.string().optional() })).optional(),
  qr_string: z.string().optional(),
  va_numbers: z.array(z.looseObject({ bank: z.string(), va_number: z.string() })).optional(),
  permata_va_number: z.string().optional(),
  bill_key: z.string().optional(),
  biller_code: z.string().optional(),
  payment_code: z.string().optional(),
  store: z.string().optional(),
  expiry_time: z.string().optional(),
  expire_time: z.string().optional(),
  refund_amount: amount.optional(),
  /** Status answers list every refund (with the `refund_key` it was made under); a refund answer carries only its own `refund_key`. */
  refunds: z.array(z.looseObject({ refund_amount: amount, refund_key: z.string().nullish() })).optional(),
  refund_key: z.string().optional(),
});
export type CoreTransaction = z.infer<typeof coreTransaction>;
