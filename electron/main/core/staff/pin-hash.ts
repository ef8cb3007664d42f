/**
 * Slow, salted hashes for PINs and recovery codes: scrypt from node:crypto,
 * run asynchronously (libuv's thread pool) so a sign-in never blocks the
 * event loop that also answers Midtrans notifications.
 *
 * Stored as a PHC-style string that carries its own parameters,
 *   $scrypt$ln=15,r=8,p=1$<salt, base64>$<key, base64>
 * so the cost can be raised later: old hashes still verify with the values
 * they were made with, and `needsRehash` tells the caller to store a new one
 * after the next successful check.
 *
 * Defaults: N = 2^15, r = 8, p = 1 (32 MiB, ~140 ms on a 2-core CI box),
 * 16-byte random salt per hash, 32-byte key. A PIN has few possibilities, so
 * the hash only slows down someone who copied the ledger file; the lockout
 * (lockout.ts) is what protects the till itself.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; `ln` is log2(N). */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/** What new hashes are made with. Raise here; existing hashes keep verifying. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default. */
const maxmemFor = (q: ScryptParams): number => 256 * 2 ** q.ln * q.r;

function derive(secret: string, salt: Buffer, keyLength: number, q: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** q.ln, r: q.r, p: q.p, maxmem: maxmemFor(q) };
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFKC'), salt, keyLength, options, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parse(encoded: string): Parsed | null {
  const m = PHC.exec(encoded);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Refuse absurd costs from a tampered row rather than allocating gigabytes.
  if (params.ln < 1 || params.ln > 20 || params.r < 1 || params.p < 1 || params.p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { params, salt, key };
}

/** Hashes and checks PINs and recovery codes; injectable parameters keep unit tests fast. */
export class PinHasher {
  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT_PARAMS) {}

  /** A new PHC string for `secret`, with a fresh random salt. */
  async hash(secret: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(secret, salt, KEY_BYTES, this.params);
    const q = this.params;
    return `$scrypt$ln=${q.ln},r=${q.r},p=${q.p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /**
   * True if `secret` matches `encoded`. The keys are compared with
   * timingSafeEqual (equal lengths by construction), so the time taken says
   * nothing about how much of a guess was right. A malformed hash is false.
   */
  async verify(secret: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (!parsed) return false;
    const key = await derive(secret, parsed.salt, parsed.key.length, parsed.params);
    return timingSafeEqual(key, parsed.key);
  }

  /** True if `encoded` was made with weaker parameters than this hasher's (or cannot be read). */
  needsRehash(encoded: string): boolean {
    const parsed = parse(encoded);
    if (!parsed) return true;
    const a = parsed.params;
    const b = this.params;
    return a.ln < b.ln || a.r < b.r || a.p < b.p || parsed.key.length < KEY_BYTES || parsed.salt.length < SALT_BYTES;
  }
}
