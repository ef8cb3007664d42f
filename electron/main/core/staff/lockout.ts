/**
 * Wrong-PIN throttling, as pure functions of the stored state and the
 * injected clock (no sleeping: a check inside a delay is refused at once
 * with the seconds left).
 *
 * | wrong PINs in a row | then                                   |
 * |---------------------|----------------------------------------|
 * | 1–3                 | try again at once                      |
 * | 4, 5, 6, 7, 8, 9    | wait 30 s, 60 s, 120 s, 240 s, 480 s, 960 s |
 * | 10                  | locked until unlocked                  |
 *
 * A correct PIN resets the count. A lock is lifted only by the owner
 * (cashiers) or the recovery code (the owner). Reaching the lock takes at
 * least ~31 minutes of guessing, which bounds how easily a cashier can lock
 * the owner out on purpose; the audit log shows who tried.
 */

/** Wrong PINs allowed before any delay. */
export const FREE_ATTEMPTS = 3;
/** The wrong PIN that locks the account. */
export const LOCK_AFTER = 10;
/** The first delay, doubled on each further wrong PIN. */
export const FIRST_DELAY_SECONDS = 30;

/** The throttling state of one account, as kept in `staff_pin_state`. */
export interface PinState {
  failedCount: number;
  /** Epoch ms before which no PIN is checked; null when there is no delay. */
  nextAttemptAt: number | null;
  locked: boolean;
}

/** A clean state (no failures). */
export const CLEAN_PIN_STATE: PinState = { failedCount: 0, nextAttemptAt: null, locked: false };

/** Seconds to wait after the `failedCount`-th wrong PIN in a row (0 = none). */
export function delayAfter(failedCount: number): number {
  if (failedCount <= FREE_ATTEMPTS || failedCount >= LOCK_AFTER) return 0;
  return FIRST_DELAY_SECONDS * 2 ** (failedCount - FREE_ATTEMPTS - 1);
}

/** Whether a PIN may be checked now. */
export type Gate = { kind: 'open' } | { kind: 'wait'; retryAfterSeconds: number } | { kind: 'locked' };

/**
 * Decides whether a check may run at `now`. The wait is capped at the delay
 * the count calls for, so a clock set backwards cannot stretch it.
 */
export function gate(state: PinState, now: number): Gate {
  if (state.locked) return { kind: 'locked' };
  if (state.nextAttemptAt === null) return { kind: 'open' };
  const leftMs = Math.min(state.nextAttemptAt - now, delayAfter(state.failedCount) * 1000);
  if (leftMs <= 0) return { kind: 'open' };
  return { kind: 'wait', retryAfterSeconds: Math.ceil(leftMs / 1000) };
}

/** The state after one more wrong PIN at `now`. */
export function afterFailure(state: PinState, now: number): PinState {
  const failedCount = state.failedCount + 1;
  if (failedCount >= LOCK_AFTER) return { failedCount, nextAttemptAt: null, locked: true };
  const delay = delayAfter(failedCount);
  return { failedCount, nextAttemptAt: delay > 0 ? now + delay * 1000 : null, locked: false };
}
