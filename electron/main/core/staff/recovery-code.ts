/**
 * The owner's recovery code: 20 random Crockford base32 characters (100
 * bits), shown once as XXXXX-XXXXX-XXXXX-XXXXX and stored only as a scrypt
 * hash. Typing is forgiving: case, spaces and dashes do not matter, and the
 * look-alikes I/L and O read as 1 and 0 (Crockford's rule).
 */
import { randomCode } from '../payments/ids';

/** Characters of entropy in a code (5 bits each). */
export const RECOVERY_CODE_CHARS = 20;

/** A fresh recovery code, grouped for reading aloud and writing down. */
export function newRecoveryCode(): string {
  const raw = randomCode(RECOVERY_CODE_CHARS);
  return raw.match(/.{5}/g)!.join('-');
}

/** The canonical form that is hashed and checked: upper case, no separators, look-alikes folded. */
export function normalizeRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/** True if `input` could be a recovery code at all (checked before spending a hash on it). */
export const looksLikeRecoveryCode = (input: string): boolean =>
  /^[0-9A-HJKMNP-TV-Z]{20}$/.test(normalizeRecoveryCode(input));
