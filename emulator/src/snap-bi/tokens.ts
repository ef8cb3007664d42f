/**
 * `POST /v1.0/access-token/b2b`: B2B access tokens (midtrans-snap-bi.md §2).
 *
 * Tokens are opaque random strings kept in `ctx.kv` (persisted, so a restart
 * keeps them as issue #3 asks; emulator-time expiry). A context without `kv`
 * (hand-built test fakes) gets a private in-memory map. The expiry is also
 * checked here against `ctx.clock`, so a store that keeps entries a little
 * longer can never extend a token.
 */
import { randomBytes } from 'node:crypto';
import { ExpiringMap } from '../store/expiring-map';
import type { EmuContext, EmuKeyValue, EmuRequest, EmuResponse } from '../types';
import { FAILURES, SERVICE, failureResponse, snapResponse } from './codes';
import { tokenStringToSign, verifySha256WithRsa } from './crypto';
import { header, parseIsoTimestamp, wibTimestamp, type Json } from './format';

/** Lifetime Midtrans documents and returns as `expiresIn: "900"`. */
export const TOKEN_TTL_SECONDS = 900;

const KEY_PREFIX = 'snapbi:token:';

/** What the emulator remembers about an issued token. */
export interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

/** Issues and checks B2B tokens for one emulator context. */
export interface TokenService {
  /** Route handler for `/v1.0/access-token/b2b`. */
  handle(req: EmuRequest): EmuResponse;
  /** The token's record if it exists and has not expired on the emulator clock. */
  validate(token: string): IssuedToken | undefined;
}

/** Creates the token service; `ttlSeconds` exists for tests of the expiry edge. */
export function createTokenService(ctx: EmuContext, ttlSeconds = TOKEN_TTL_SECONDS): TokenService {
  const creds = ctx.credentials.snapBi;
  const S = SERVICE.token;
  const kv: EmuKeyValue = ctx.kv ?? fallbackKv(ctx);

  function validate(token: string): IssuedToken | undefined {
    if (!token) return undefined;
    const rec = kv.get<IssuedToken>(KEY_PREFIX + token);
    if (!rec) return undefined;
    // Expired exactly at issue + ttl: a token used at +900 s is already rejected.
    if (ctx.clock.now() >= rec.expiresAt) return undefined;
    return rec;
  }

  function handle(req: EmuRequest): EmuResponse {
    const rawTs = header(req.headers, 'x-timestamp');
    const echoTs = rawTs ?? wibTimestamp(ctx.clock.now());
    const clientKey = header(req.headers, 'x-client-key');
    const signature = header(req.headers, 'x-signature');
    const type = header(req.headers, 'content-type');
    if (!type) return failureResponse(FAILURES.missingField('Content-Type'), S, echoTs);
    if (!/^application\/json\b/i.test(type)) return failureResponse(FAILURES.invalidFormat('Content-Type'), S, echoTs);
    if (!rawTs) return failureResponse(FAILURES.missingField('X-TIMESTAMP'), S, echoTs);
    if (parseIsoTimestamp(rawTs) === undefined) return failureResponse(FAILURES.invalidFormat('X-TIMESTAMP'), S, echoTs);
    if (!clientKey) return failureResponse(FAILURES.missingField('X-CLIENT-KEY'), S, echoTs);
    if (!signature) return failureResponse(FAILURES.missingField('X-SIGNATURE'), S, echoTs);

    // Unknown client and bad signature are deliberately indistinguishable (both 4017300).
    const known = clientKey === creds.clientId;
    if (!known || !verifySha256WithRsa(tokenStringToSign(clientKey, rawTs), signature, creds.merchantPublicKeyPem)) {
      return snapResponse(401, S, '00', 'Unauthorized. Signature', echoTs);
    }

    let body: unknown;
    try {
      body = JSON.parse(req.raw.toString('utf8'));
    } catch {
      return failureResponse(FAILURES.badRequest('Body is not valid JSON'), S, echoTs);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return failureResponse(FAILURES.badRequest('Body is not a JSON object'), S, echoTs);
    }
    // The docs spell it grantType; every official client sends grant_type. Accept both.
    const grant = (body as Json).grantType ?? (body as Json).grant_type;
    if (grant === undefined || grant === null || grant === '') return failureResponse(FAILURES.missingField('grantType'), S, echoTs);
    if (grant !== 'client_credentials') return failureResponse(FAILURES.invalidFormat('grantType'), S, echoTs);

    const token = randomBytes(36).toString('base64url');
    const record: IssuedToken = { clientId: clientKey, expiresAt: ctx.clock.now() + ttlSeconds * 1000 };
    kv.set(KEY_PREFIX + token, record, ttlSeconds);
    return snapResponse(200, S, '00', 'Successful', echoTs, {
      accessToken: token,
      tokenType: 'Bearer',
      expiresIn: String(ttlSeconds),
    });
  }

  return { handle, validate };
}

/** A private, unpersisted key/value map for contexts without `kv`. */
function fallbackKv(ctx: EmuContext): EmuKeyValue {
  const map = new ExpiringMap<unknown>(ctx.clock);
  return { get: <T>(k: string) => map.get(k) as T | undefined, set: (k, v, ttl) => map.set(k, v, ttl), delete: (k) => map.delete(k) };
}
