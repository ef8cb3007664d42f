/**
 * What a PIN may be. Digits only (the PIN pad has nothing else), at least 6
 * for the owner and 4 for a cashier, at most 12. Refused as trivially weak:
 *
 * - a block of 1–3 digits repeated to fill the PIN: 0000, 000000, 1212, 121212, 123123, 4545;
 * - a run that steps by +1 or −1 the whole way, wrapping 9↔0: 1234, 123456, 654321, 7890, 8901;
 * - a short list of other famous PINs and keypad shapes (COMMON_PINS).
 *
 * Nothing else is guessed at (birthdays, other staff's PINs): checking a new
 * PIN against other accounts would tell a cashier someone else's PIN.
 */
import { staffErrors } from './staff-errors';
import type { StaffRole } from './types';

/** Minimum PIN lengths per role. */
export const MIN_PIN_LENGTH: Readonly<Record<StaffRole, number>> = { owner: 6, cashier: 4 };
/** Longest PIN the pad takes. */
export const MAX_PIN_LENGTH = 12;

/** Well-known PINs that pass the pattern rules but are guessed first (keypad columns, diagonals, pairs). */
export const COMMON_PINS: ReadonlySet<string> = new Set([
  '1004', '2000', '2580', '0852', '1010', '1122', '6969', '1379', '1397', '1793', '1973', '2468', '1357', '9731',
  '112233', '123321', '147258', '147369', '159753', '258369', '258456', '789456', '696969', '102030',
  '111222', '121314', '131313', '142536', '159357', '246810', '369258', '741852', '852456', '963852',
]);

/** Why a PIN is refused; the renderer words each rule. */
export type PinRule = 'digits_only' | 'too_short' | 'too_long' | 'repeated' | 'sequence' | 'common';

const repeatsBlock = (pin: string): boolean => {
  for (let n = 1; n <= 3; n++) {
    if (pin.length % n !== 0 || pin.length === n) continue;
    if (pin === pin.slice(0, n).repeat(pin.length / n)) return true;
  }
  return false;
};

const isSequence = (pin: string): boolean => {
  const step = (Number(pin[1]) - Number(pin[0]) + 10) % 10;
  if (step !== 1 && step !== 9) return false;
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10 !== step) return false;
  }
  return true;
};

/** The first rule `pin` breaks for `role`, or null if it is acceptable. */
export function pinProblem(pin: string, role: StaffRole): PinRule | null {
  if (!/^[0-9]*$/.test(pin)) return 'digits_only';
  if (pin.length < MIN_PIN_LENGTH[role]) return 'too_short';
  if (pin.length > MAX_PIN_LENGTH) return 'too_long';
  if (repeatsBlock(pin)) return 'repeated';
  if (isSequence(pin)) return 'sequence';
  if (COMMON_PINS.has(pin)) return 'common';
  return null;
}

const WORDS: Record<PinRule, (role: StaffRole) => string> = {
  digits_only: () => 'a PIN is digits only',
  too_short: (role) => `the ${role} PIN needs at least ${MIN_PIN_LENGTH[role]} digits`,
  too_long: () => `a PIN has at most ${MAX_PIN_LENGTH} digits`,
  repeated: () => 'that PIN repeats the same digits; choose a less obvious one',
  sequence: () => 'that PIN is a run of digits; choose a less obvious one',
  common: () => 'that PIN is one of the first guessed; choose another',
};

/** Throws a PIN_WEAK-style StaffError (naming the rule, never the PIN) unless `pin` is acceptable. */
export function assertPinAllowed(pin: string, role: StaffRole, field = 'pin'): void {
  const rule = pinProblem(pin, role);
  if (rule) throw staffErrors.pinWeak(rule, WORDS[rule](role), field);
}
