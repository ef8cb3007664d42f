/**
 * How the payment engine reads a failed gateway call (charge, refund,
 * cancel), from the gateway's one signal (see gateway/errors.ts):
 *
 * - `isOutcomeUnknown` (delivery `maybe_processed`) → **unknown**: the
 *   request may have been processed; ask `status()` before deciding.
 * - kind `duplicate` (Midtrans already has this order id — and our order ids
 *   are unique per attempt, so it is ours) → **exists**: ask `status()` and adopt.
 * - any other `GatewayError` / `KasirError` (auth, rejected, amount, illegal,
 *   not_found, not sent, NOT_CONFIGURED…) → **definite**: no charge exists.
 * - anything else (a bug, an unclassified transport error) → **unknown**: we
 *   cannot prove the request never left, so we check rather than guess.
 */
import { KasirError, type ErrorCode } from '../../../../shared/contract/result';
import { GatewayError, isOutcomeUnknown } from '../gateway/errors';

/** What a failed call means for the charge. */
export type ChargeFailure = 'unknown' | 'exists' | 'definite';

/** Classifies an error thrown by `PaymentGateway.charge` (and refund/cancel). */
export function classifyChargeError(e: unknown): ChargeFailure {
  if (isOutcomeUnknown(e)) return 'unknown';
  if (e instanceof GatewayError) return e.kind === 'duplicate' ? 'exists' : 'definite';
  if (e instanceof KasirError) {
    if (e.code === 'DUPLICATE_ORDER') return 'exists';
    // A KasirError says nothing about delivery: for these codes, check rather than guess.
    if (e.code === 'GATEWAY_UNAVAILABLE' || e.code === 'INTERNAL') return 'unknown';
    return 'definite';
  }
  return 'unknown';
}

/** Any thrown value as a KasirError safe to show a cashier (internals never leak). */
export function asKasirError(e: unknown, fallback: ErrorCode = 'GATEWAY_UNAVAILABLE'): KasirError {
  if (e instanceof KasirError) return e;
  // An unclassified failure: nobody can say whether Midtrans processed the request.
  const params: Record<string, string> = fallback === 'GATEWAY_UNAVAILABLE' ? { outcome: 'maybe_processed' } : {};
  return new KasirError(fallback, 'Midtrans could not be reached; try again shortly.', { params });
}

/** Log-safe fields for an error (no bodies, no secrets). */
export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof GatewayError) return e.toLogFields();
  if (e instanceof KasirError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { error: String(e) };
}
