/** Random identifiers in the shapes Midtrans uses. */
import { randomInt, randomUUID } from 'node:crypto';

/**
 * A Midtrans transaction id: a lower-case UUID v4 in shape (version 4,
 * RFC 4122 variant, 74 random bits), whose first 48 bits are the creation time
 * in milliseconds instead of random. Ids made close together then sort close
 * together, so each charge's entry in the state file's id index lands on the
 * page the previous one did; a fully random id dirtied one index page per
 * charge, which was most of what a charge wrote (and checkpointed).
 * @param nowMs creation time (default real time; only locality depends on it).
 */
export function newTransactionId(nowMs: number = Date.now()): string {
  const random = randomUUID();
  const time = Math.max(0, Math.floor(nowMs)).toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8)}${random.slice(13)}`;
}

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
