/** Random identifiers in the shapes Midtrans uses. */
import { randomInt, randomUUID } from 'node:crypto';

/** A Midtrans transaction id: a lower-case UUID v4. */
export const newTransactionId = (): string => randomUUID();

/** `n` random decimal digits (leading zeros allowed). */
export function randomDigits(n: number): string {
  let out = '';
  while (out.length < n) out += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return out.slice(0, n);
}

/** Random URL-safe letters and digits, for keys and references. */
export function randomToken(n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[randomInt(0, alphabet.length)];
  return out;
}
