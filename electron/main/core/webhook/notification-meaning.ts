/**
 * What a verified notification means, as the ledger keeps it: its known
 * fields, bounded (schemas.ts), never the bytes received — a junk field
 * added to a genuine body (Core's `signature_key` does not cover it) is not
 * stored — and its identity: the gateway identifiers that tell one claim
 * from another of the same payment and status. Two notifications with the
 * same payment, claimed status, reference and identity are one claim,
 * recorded once (payments/notification-sink.ts).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { coreMeaning, snapTxMeaning, snapVaMeaning } from './schemas';
import type { VerifiedNotification } from './types';

/** A notification's stored meaning and its identity. */
export interface NotificationMeaning {
  meaning: Record<string, unknown>;
  identity: readonly unknown[];
}

const parsed = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> | Record<string, never> => {
  const r = schema.safeParse(body);
  return r.success ? r.data : {};
};

/**
 * Core API: everything but the status word (the claim itself) that says which
 * state of which transaction this is — the signed `status_code` and
 * `gross_amount`, the transaction id, the fraud verdict and the refunds
 * (each refund's key and amount: a partial refund repeats the word
 * `partial_refund` while the list grows). `bank_confirmed_at` is left out:
 * Midtrans notifies a refund twice, the second only adding it.
 */
export function coreNotificationMeaning(body: unknown): NotificationMeaning {
  const m = parsed(coreMeaning, body);
  return {
    meaning: m,
    identity: [
      m.status_code ?? null,
      m.gross_amount ?? null,
      m.transaction_id ?? null,
      m.fraud_status ?? null,
      m.refund_amount ?? null,
      (m.refunds ?? []).map((r) => [r.refund_key ?? null, r.refund_amount ?? null, r.refund_chargeback_id ?? null]),
    ],
  };
}

/** SNAP-BI QRIS / debit: the amount and the refund history (each refund's numbers, amount and status). */
export function snapTxNotificationMeaning(body: unknown): NotificationMeaning {
  const m = parsed(snapTxMeaning, body);
  return {
    meaning: m,
    identity: [
      m.amount?.value ?? null,
      (m.additionalInfo?.refundHistory ?? []).map((r) => [
        r.refundNo ?? null,
        r.partnerReferenceNo ?? null,
        r.refundAmount?.value ?? null,
        r.refundStatus ?? null,
      ]),
    ],
  };
}

/** SNAP-BI virtual account: the payment request, the paid amount and the flag (a reversal sends "09"). */
export function snapVaNotificationMeaning(body: unknown): NotificationMeaning {
  const m = parsed(snapVaMeaning, body);
  return {
    meaning: m,
    identity: [
      m.paymentRequestId ?? null,
      m.paidAmount?.value ?? null,
      m.additionalInfo?.paymentFlagStatus ?? m.paymentFlagStatus ?? null,
    ],
  };
}

/**
 * The claim key: SHA-256 (hex) over the API, claimed status, reference and
 * identity. Without an identity (a notification built by hand) the whole
 * stored meaning stands in for it, so only identical claims are one.
 */
export function claimKeyOf(n: Pick<VerifiedNotification, 'api' | 'claimedStatus' | 'referenceNo' | 'identity' | 'raw'>): string {
  const identity = n.identity ?? n.raw ?? null;
  let text: string;
  try {
    text = JSON.stringify([n.api, n.claimedStatus.slice(0, 64), n.referenceNo, identity]);
  } catch {
    text = JSON.stringify([n.api, n.claimedStatus.slice(0, 64), n.referenceNo, null]);
  }
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
