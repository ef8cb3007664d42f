/**
 * Pure SNAP-BI signing and verification helpers (node:crypto only).
 *
 * Three formulas, all from midtrans-snap-bi.md §2–§4:
 * - B2B token:     SHA256withRSA over `clientId|X-TIMESTAMP` (merchant key pair)
 * - transactional: HMAC-SHA512 over `POST:<path>:<token>:<sha256hex(body)>:<X-TIMESTAMP>` (client secret)
 * - notification:  SHA256withRSA over `POST:<path>:<sha256hex(body)>:<X-TIMESTAMP>` (Midtrans' key pair)
 * The emulator keeps its own copy instead of importing the app's gateway code so
 * the two implementations check each other rather than agreeing by construction.
 */
import { createHash, createHmac, sign, timingSafeEqual, verify } from 'node:crypto';

/** Lower-case hex SHA-256 of the given bytes (strings are hashed as UTF-8). */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The string the merchant signs to obtain a B2B token. */
export function tokenStringToSign(clientId: string, timestamp: string): string {
  return `${clientId}|${timestamp}`;
}

/**
 * The transactional string-to-sign. `body` is hashed exactly as given (raw bytes
 * received on the server side), never re-serialized.
 */
export function transactionStringToSign(
  method: string,
  path: string,
  accessToken: string,
  body: string | Buffer,
  timestamp: string,
): string {
  return `${method.toUpperCase()}:${path}:${accessToken}:${sha256Hex(body)}:${timestamp}`;
}

/** The notification string-to-sign (no token, no secret). */
export function notificationStringToSign(path: string, body: string | Buffer, timestamp: string): string {
  return `POST:${path}:${sha256Hex(body)}:${timestamp}`;
}

/** base64 RSASSA-PKCS1-v1_5 / SHA-256 signature of a UTF-8 string. */
export function signSha256WithRsa(data: string, privateKeyPem: string): string {
  return sign('sha256', Buffer.from(data, 'utf8'), privateKeyPem).toString('base64');
}

/**
 * Verifies a base64 SHA256withRSA signature. Returns false (never throws) for
 * malformed base64, wrong key type or a signature of the wrong length, because
 * callers map every failure to the same 401.
 */
export function verifySha256WithRsa(data: string, signatureB64: string, publicKeyPem: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureB64)) return false;
  try {
    return verify('sha256', Buffer.from(data, 'utf8'), publicKeyPem, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/** base64 HMAC-SHA512 with the UTF-8 bytes of the client secret as key. */
export function hmacSha512Base64(data: string, secret: string): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(data, 'utf8').digest('base64');
}

/**
 * Constant-time comparison of two header values. The length check comes first
 * because timingSafeEqual throws on unequal lengths; leaking the length of a
 * fixed-size (88-char) MAC reveals nothing.
 */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) return false;
  return timingSafeEqual(ab, bb);
}

/** Checks a transactional X-SIGNATURE in constant time. */
export function verifyTransactionSignature(
  stringToSign: string,
  signatureB64: string,
  clientSecret: string,
): boolean {
  return safeEqual(hmacSha512Base64(stringToSign, clientSecret), signatureB64);
}

/**
 * Removes whitespace outside JSON string literals, keeping key order and
 * in-string whitespace — the "minify" Midtrans' Java client (3.2.2) documents as
 * what the server does. Used only when the lenient body-hash option is on.
 */
export function minifyJson(raw: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const ch of raw) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') {
      out += ch;
    }
  }
  return out;
}
