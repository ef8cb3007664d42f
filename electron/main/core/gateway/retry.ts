/**
 * Safe retries. Only errors marked `retryable` are repeated (transport
 * failures, 5xx, 429, "still processing"); 4xx answers never are. Delays grow
 * exponentially, are capped, jittered, and honour Retry-After. The operation is
 * re-invoked as is: callers guarantee a retry sends the same idempotency key /
 * X-EXTERNAL-ID and the same body.
 *
 * For a write (charge, cancel, refund) that may have reached Midtrans on some
 * attempt (timeout after sending, reset, 5xx), a final failure is reported as
 * `unknown_outcome`, and so is a later "duplicate": it is most likely our own
 * first attempt. The caller must then ask the status API.
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

/** Reads are retried plainly; writes turn lingering ambiguity into `unknown_outcome`. */
export type RetryKind = 'read' | 'write';

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
  let ambiguous = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      if (!(e instanceof GatewayError)) throw e;
      if (e.details.ambiguous) ambiguous = true;
      if (kind === 'write' && ambiguous && e.kind === 'duplicate') throw unknownOutcome(e, label);
      if (!e.retryable || attempt >= max) {
        // Once a write may have gone through, no later answer proves it did not (a proxy's
        // 403, a 404 page, a 401 from a rotated key…): the caller must ask the status API.
        // "Illegal now" is kept: callers read it as "maybe our earlier attempt did it" and check.
        if (kind === 'write' && ambiguous && e.kind !== 'illegal') throw unknownOutcome(e, label);
        throw e;
      }
      const delay = backoffDelay(attempt, tuning, e.details.retryAfterSeconds);
      logger.warn('gateway call failed, retrying', { op: label, attempt, delayMs: delay, ...e.toLogFields() });
      await opts.sleep(delay);
    }
  }
}

function unknownOutcome(cause: GatewayError, label: string): GatewayError {
  return new GatewayError('unknown_outcome', {
    retryable: false,
    details: { ...cause.details, ambiguous: true },
    message:
      label === 'charge'
        ? undefined
        : 'The connection to Midtrans failed mid-request; the action may or may not have been applied. Check the status before trying again.',
  });
}
