/**
 * What the PIN pad accepts, as pure functions (unit-tested in plain Node).
 * A PIN is digits only, at most {@link MAX_PIN_DIGITS} long; anything else a
 * keyboard or a paste brings in is dropped rather than refused, so a stray
 * space never turns into a wrong-PIN attempt that counts toward a lockout.
 * The lengths mirror the main process's PIN policy, which stays the authority
 * (weak PINs are refused there and worded from the error's `rule`).
 */

/** Longest PIN the pad takes (the main process's limit). */
export const MAX_PIN_DIGITS = 12;

/** Shortest PIN per role (the main process's policy: the owner guards refunds and keys). */
export const MIN_PIN_DIGITS = { owner: 6, cashier: 4 } as const;

/** Keeps the digits of `text`, at most `max` of them. */
export function digitsOnly(text: string, max = MAX_PIN_DIGITS): string {
  return text.replace(/\D/g, '').slice(0, max);
}

/** The PIN after a press of one pad key: a digit appends, 'back' removes the last digit, 'clear' empties it. */
export function pressKey(pin: string, key: string, max = MAX_PIN_DIGITS): string {
  if (key === 'back') return pin.slice(0, -1);
  if (key === 'clear') return '';
  return /^\d$/.test(key) ? digitsOnly(pin + key, max) : pin;
}

/** Why a new PIN cannot be sent yet (before the main process checks it for weakness). */
export type NewPinProblem = 'too_short' | 'mismatch';

/**
 * Checks a PIN chosen twice (owner setup, recovery, a cashier's PIN):
 * long enough for the role, and typed the same both times.
 */
export function newPinProblem(pin: string, again: string, role: keyof typeof MIN_PIN_DIGITS): NewPinProblem | null {
  if (pin.length < MIN_PIN_DIGITS[role]) return 'too_short';
  if (again !== pin) return 'mismatch';
  return null;
}
