/**
 * How the payment engine reads a failed gateway call. This is the contract
 * with the gateway adapters (see gateway/errors.ts):
 *
 * - `GatewayError` kind `unknown_outcome`, or kind `unavailable` with
 *   `details.ambiguous === true` → the request may have been processed:
 *   **unknown** — ask `status()` before deciding.
 * - kind `duplicate` (Midtrans already has this order id — and our order ids
 *   are unique per attempt, so it is ours) → **exists**: ask `status()` and adopt.
 * - any other `GatewayError` / `KasirError` (auth, rejected, amount, illegal,
 *   not_found, unavailable-but-not-sent, NOT_CONFIGURED…) → **definite**: no
 *   charge exists.
 * - any error object carrying a boolean `outcomeUnknown` property → that value.
 * - anything else (a bug, an unclassified transport error) → **unknown**: we
 *   cannot prove the request never left, so we check rather than guess.
 */
import { KasirError, type ErrorCode } from '../../../../shared/contract/result';
import { GatewayError } from '../gateway/errors';

/** What a failed call means for the charge. */
export type ChargeFailure = 'unknown' | 'exists' | 'definite';

/** Classifies an error thrown by `PaymentGateway.charge` (and refund/cancel). */
export function classifyChargeError(e: unknown): ChargeFailure {
  if (e instanceof GatewayError) {
    if (e.kind === 'unknown_outcome') return 'unknown';
    if (e.kind === 'unavailable') return e.details.ambiguous ? 'unknown' : 'definite';
    if (e.kind === 'duplicate') return 'exists';
    return 'definite';
  }
  if (typeof e === 'object' && e !== null && 'outcomeUnknown' in e) {
    const flag = (e as { outcomeUnknown: unknown }).outcomeUnknown;
    if (typeof flag === 'boolean') return flag ? 'unknown' : 'definite';
  }
  if (e instanceof KasirError) {
    if (e.code === 'DUPLICATE_ORDER') return 'exists';
    if (e.code === 'GATEWAY_UNAVAILABLE' || e.code === 'INTERNAL') return 'unknown';
    return 'definite';
  }
  return 'unknown';
}

/** True when the outcome of a call is unknown (the hook named in the design). */
export function isOutcomeUnknown(e: unknown): boolean {
  return classifyChargeError(e) === 'unknown';
}

/** Any thrown value as a KasirError safe to show a cashier (internals never leak). */
export function asKasirError(e: unknown, fallback: ErrorCode = 'GATEWAY_UNAVAILABLE'): KasirError {
  if (e instanceof KasirError) return e;
  return new KasirError(fallback, 'Midtrans could not be reached; try again shortly.');
}

/** Log-safe fields for an error (no bodies, no secrets). */
export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof GatewayError) return e.toLogFields();
  if (e instanceof KasirError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { error: String(e) };
}
