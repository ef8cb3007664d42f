/**
 * Identifier generation. Every id is random (never time-derived beyond the
 * human-readable date prefix) and fits Midtrans' rules: gateway order ids are
 * ≤ 36 chars of [A-Za-z0-9-_.~], external ids and refund keys ≤ 36 chars.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** Source of ids; injectable so tests can make them predictable. */
export interface IdSource {
  /** Local payment id (what the renderer addresses). */
  paymentId(): string;
  /** Local order id. */
  orderId(): string;
  /** The order id sent to Midtrans for one attempt; `day` is YYYYMMDD in the shop's zone. */
  gatewayOrderId(day: string): string;
  /** Idempotency key / X-EXTERNAL-ID for one charge. */
  externalId(): string;
  /** Refund key / partnerRefundNo for one refund request. */
  refundKey(): string;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** `n` random Crockford base32 characters. */
export function randomCode(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** Production ids: `PAY-…`, `ORD-…`, `KSR-YYYYMMDD-…` (23 chars), UUIDs for keys. */
export class RandomIds implements IdSource {
  paymentId(): string {
    return `PAY-${randomCode(16)}`;
  }
  orderId(): string {
    return `ORD-${randomCode(16)}`;
  }
  gatewayOrderId(day: string): string {
    return `KSR-${day}-${randomCode(10)}`;
  }
  externalId(): string {
    return randomUUID();
  }
  refundKey(): string {
    return randomUUID();
  }
}
