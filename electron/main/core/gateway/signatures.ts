/**
 * Midtrans signature formulas, as pure functions (no I/O, no clock).
 *
 * - Core API notification `signature_key`: sha512 hex over order_id + status_code + gross_amount + server key.
 * - SNAP-BI B2B access token: SHA256withRSA over `clientId|timestamp` with the merchant's private key.
 * - SNAP-BI transactional request: HMAC-SHA512 over `METHOD:path:token:sha256hex(body):timestamp`.
 * - SNAP-BI notification: SHA256withRSA (Midtrans' key) over `POST:path:sha256hex(body):timestamp`.
 *
 * Bodies are hashed exactly as given: callers pass the very string/Buffer they send or received.
 */
import { createHash, createHmac, createSign, createVerify, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The three notification fields the Core API signature covers, verbatim from the body. */
export interface CoreSignatureFields {
  order_id: string;
  status_code: string;
  gross_amount: string;
}

/** `lowercase_hex(SHA-512(order_id + status_code + gross_amount + serverKey))`. */
export function coreNotificationSignature(fields: CoreSignatureFields, serverKey: string): string {
  return createHash('sha512')
    .update(fields.order_id + fields.status_code + fields.gross_amount + serverKey, 'utf8')
    .digest('hex');
}

/** Base64 SHA256withRSA (PKCS#1 v1.5) over `clientId + "|" + timestamp`, for `POST /v1.0/access-token/b2b`. */
export function snapBiTokenSignature(clientId: string, timestamp: string, privateKeyPem: string | KeyObject): string {
  const signer = createSign('RSA-SHA256');
  signer.update(`${clientId}|${timestamp}`, 'utf8');
  return signer.sign(privateKeyPem, 'base64');
}

/** Lower-case hex SHA-256 of the exact body bytes (strings are hashed as UTF-8). */
export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Inputs of a SNAP-BI transactional signature. `body` is the exact string/Buffer put on the wire. */
export interface SnapBiRequestSignatureInput {
  method: string;
  /** Relative path only, e.g. `/v1.0/qr/qr-mpm-generate`. */
  path: string;
  /** The B2B access token, without "Bearer ". */
  accessToken: string;
  body: string | Buffer;
  /** The X-TIMESTAMP header value, verbatim. */
  timestamp: string;
}

/** The SNAP-BI string-to-sign for a transactional request (exported for tests and the emulator). */
export function snapBiRequestStringToSign(input: SnapBiRequestSignatureInput): string {
  return [input.method.toUpperCase(), input.path, input.accessToken, sha256Hex(input.body), input.timestamp].join(':');
}

/** Base64 HMAC-SHA512 (key = client secret) over {@link snapBiRequestStringToSign}. */
export function snapBiRequestSignature(input: SnapBiRequestSignatureInput, clientSecret: string): string {
  return createHmac('sha512', Buffer.from(clientSecret, 'utf8'))
    .update(snapBiRequestStringToSign(input), 'utf8')
    .digest('base64');
}

/** Inputs of a SNAP-BI notification check. `body` is the raw request body as received. */
export interface SnapBiNotificationInput {
  /** The SNAP part of the path, e.g. `/v1.0/qr/qr-mpm-notify`. */
  path: string;
  body: string | Buffer;
  /** X-TIMESTAMP header, verbatim. */
  timestamp: string;
  /** X-SIGNATURE header (base64). */
  signature: string;
}

/** The SNAP-BI notification string-to-sign: `POST:path:sha256hex(body):timestamp`. */
export function snapBiNotificationStringToSign(input: Omit<SnapBiNotificationInput, 'signature'>): string {
  return ['POST', input.path, sha256Hex(input.body), input.timestamp].join(':');
}

/** Signs a notification the way Midtrans does (used by tests and the emulator). */
export function signSnapBiNotification(
  input: Omit<SnapBiNotificationInput, 'signature'>,
  privateKeyPem: string | KeyObject,
): string {
  const signer = createSign('RSA-SHA256');
  signer.update(snapBiNotificationStringToSign(input), 'utf8');
  return signer.sign(privateKeyPem, 'base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * True when `signature` is Midtrans' SHA256withRSA signature over the notification.
 * Never throws: a malformed signature, key or input simply yields false.
 */
export function verifySnapBiNotification(input: SnapBiNotificationInput, publicKeyPem: string | KeyObject): boolean {
  const sig = input.signature.trim();
  if (sig.length === 0 || sig.length > 2048 || !BASE64.test(sig)) return false;
  try {
    const verifier = createVerify('RSA-SHA256');
    verifier.update(snapBiNotificationStringToSign(input), 'utf8');
    return verifier.verify(publicKeyPem, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Constant-time equality for secrets and signatures. Both sides are hashed to a
 * fixed length first, so neither the content nor the length leaks through timing.
 */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  const sameLength = Buffer.byteLength(a) === Buffer.byteLength(b);
  return timingSafeEqual(ha, hb) && sameLength;
}

/**
 * Removes JSON whitespace outside string literals, keeping key order and in-string
 * whitespace (the "minify" Midtrans' Java client applies before hashing).
 * Works on any text; it does not validate JSON.
 */
export function stripJsonWhitespace(text: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') {
      out += ch;
    }
  }
  return out;
}
