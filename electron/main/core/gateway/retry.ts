/**
 * Safe retries, decided from the error's signals: only a transient failure
 * (`kind` `unavailable`: transport failures, 5xx, 429, "still processing") is
 * repeated; a definite answer never is. Delays grow exponentially, are capped,
 * jittered, and honour Retry-After. The operation is re-invoked as is:
 * callers guarantee a retry sends the same idempotency key / X-EXTERNAL-ID and
 * the same body.
 *
 * For a write (charge, cancel, refund), once any attempt may have been
 * processed (`delivery` `maybe_processed`), no later answer proves it was not
 * — a proxy's 403, a 404 page, a 401 from a rotated key, a "duplicate" that is
 * most likely our own first attempt: the final error is `maybe_processed` and
 * the caller must ask the status API. "Illegal now" is kept: callers read it
 * as "maybe our earlier attempt did it" and check the status themselves.
 */
import type { Logger } from '../logger';
import { GatewayError } from './errors';

/** Retry tuning; `sleep` and `random` are injectable so tests never wait for real time. */
export interface RetryOptions {
  /** Total attempts including the first (default 4). */
  maxAttempts?: number;
  /** First back-off delay (default 250 ms). */
  baseDelayMs?: number;
  /** Cap for any single delay (default 4 000 ms). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1) source for jitter (default Math.random). */
  random?: () => number;
}

/** Reads are retried plainly; writes keep "maybe processed" once any attempt may have gone through. */
export type RetryKind = 'read' | 'write';

/** True when sending the identical request again may get a different answer. */
export function isWorthRepeating(e: GatewayError): boolean {
  return e.kind === 'unavailable';
}

/** The delay before attempt `attempt + 1` ("equal jitter": half fixed, half random). */
export function backoffDelay(attempt: number, opts: Required<Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>>, retryAfterSeconds?: number): number {
  const exp = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp / 2 + opts.random() * (exp / 2);
  const hinted = retryAfterSeconds !== undefined ? Math.min(retryAfterSeconds * 1000, opts.maxDelayMs) : 0;
  return Math.round(Math.max(jittered, hinted));
}

/** Runs `op` with retries according to `kind`. */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  kind: RetryKind,
  opts: RetryOptions & { sleep: (ms: number) => Promise<void> },
  logger: Logger,
  label: string,
): Promise<T> {
  const max = Math.max(1, opts.maxAttempts ?? 4);
  const tuning = { baseDelayMs: opts.baseDelayMs ?? 250, maxDelayMs: opts.maxDelayMs ?? 4_000, random: opts.random ?? Math.random };
  let mayHaveBeenProcessed = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      if (!(e instanceof GatewayError)) throw e;
      if (e.delivery === 'maybe_processed') mayHaveBeenProcessed = true;
      const final = !isWorthRepeating(e) || attempt >= max;
      if (kind === 'write' && mayHaveBeenProcessed && (e.kind === 'duplicate' || (final && e.kind !== 'illegal'))) {
        throw outcomeUnknown(e, label);
      }
      if (final) throw e;
      const delay = backoffDelay(attempt, tuning, e.details.retryAfterSeconds);
      logger.warn('gateway call failed, retrying', { op: label, attempt, delayMs: delay, ...e.toLogFields() });
      await opts.sleep(delay);
    }
  }
}

function outcomeUnknown(cause: GatewayError, label: string): GatewayError {
  return new GatewayError('unavailable', {
    delivery: 'maybe_processed',
    details: cause.details,
    message:
      label === 'charge'
        ? 'The connection to Midtrans failed mid-request; the charge may or may not exist. Its status must be checked before charging again.'
        : 'The connection to Midtrans failed mid-request; the action may or may not have been applied. Check the status before trying again.',
  });
}
