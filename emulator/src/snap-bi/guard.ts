/**
 * The checks every transactional SNAP-BI call passes before its handler runs
 * (midtrans-snap-bi.md §3): mandatory headers, B2B token, HMAC-SHA512 signature
 * over the exact bytes received, known partner, JSON body, and X-EXTERNAL-ID
 * idempotency (same id + same request → original response, otherwise 409).
 */
import type { EmuContext, EmuRequest, EmuResponse, RouteHandler } from '../types';
import { FAILURES, failureResponse, isFailure, type SnapFailure } from './codes';
import { minifyJson, sha256Hex, transactionStringToSign, verifyTransactionSignature } from './crypto';
import { header, parseIsoTimestamp, wibTimestamp, type Json } from './format';
import type { TokenService } from './tokens';

/** A request that passed the guard, as handlers see it. */
export interface SnapCall {
  body: Json;
  externalId: string;
  /** X-TIMESTAMP exactly as received (echoed in the response). */
  timestamp: string;
  /** Emulator time at arrival. */
  now: number;
  path: string;
}

/** A handler returns a finished response (success) or a failure the guard renders. */
export type SnapHandler = (call: SnapCall) => EmuResponse | SnapFailure | Promise<EmuResponse | SnapFailure>;

/** How the body hash inside the HMAC string is taken. */
export type BodyHashMode = 'raw' | 'raw-or-minified';

/** Dependencies of {@link createGuard}. */
export interface GuardDeps {
  ctx: EmuContext;
  tokens: TokenService;
  bodyHash: BodyHashMode;
}

/** X-EXTERNAL-ID uniqueness window: "unique in the same day" (24 h of emulator time). */
export const EXTERNAL_ID_TTL_SECONDS = 24 * 3600;

const CHANNEL_ID_RE = /^\d{5}$/;
const EXTERNAL_ID_RE = /^[\x21-\x7e]{1,36}$/;

/** Returns a wrapper that turns a {@link SnapHandler} into a route handler for one service code. */
export function createGuard(deps: GuardDeps): (service: string, handler: SnapHandler) => RouteHandler {
  const { ctx, tokens } = deps;
  const creds = ctx.credentials.snapBi;
  // Same id arriving twice concurrently: the second waits for the first and then replays.
  const inflight = new Map<string, { hash: string; done: Promise<EmuResponse> }>();

  function checkHeaders(req: EmuRequest): SnapFailure | { ts: string; externalId: string; token: string; signature: string; partner: string } {
    const type = header(req.headers, 'content-type');
    if (!type) return FAILURES.missingField('Content-Type');
    if (!/^application\/json\b/i.test(type)) return FAILURES.invalidFormat('Content-Type');
    const ts = header(req.headers, 'x-timestamp');
    if (!ts) return FAILURES.missingField('X-TIMESTAMP');
    // Any ISO-8601 form with an offset is accepted: the Node client sends UTC `Z` with ms (§3.3).
    if (parseIsoTimestamp(ts) === undefined) return FAILURES.invalidFormat('X-TIMESTAMP');
    const signature = header(req.headers, 'x-signature');
    if (!signature) return FAILURES.missingField('X-SIGNATURE');
    const partner = header(req.headers, 'x-partner-id');
    if (!partner) return FAILURES.missingField('X-PARTNER-ID');
    const externalId = header(req.headers, 'x-external-id');
    if (!externalId) return FAILURES.missingField('X-EXTERNAL-ID');
    if (!EXTERNAL_ID_RE.test(externalId)) return FAILURES.invalidFormat('X-EXTERNAL-ID');
    const channel = header(req.headers, 'channel-id');
    if (!channel) return FAILURES.missingField('CHANNEL-ID');
    if (!CHANNEL_ID_RE.test(channel)) return FAILURES.invalidFormat('CHANNEL-ID');
    const auth = header(req.headers, 'authorization') ?? '';
    const m = /^Bearer (\S+)$/.exec(auth);
    return { ts, externalId, token: m?.[1] ?? '', signature, partner };
  }

  function signatureOk(req: EmuRequest, token: string, ts: string, signature: string): boolean {
    if (verifyTransactionSignature(transactionStringToSign('POST', req.path, token, req.raw, ts), signature, creds.clientSecret)) {
      return true;
    }
    if (deps.bodyHash !== 'raw-or-minified') return false;
    const minified = minifyJson(req.raw.toString('utf8'));
    return verifyTransactionSignature(transactionStringToSign('POST', req.path, token, minified, ts), signature, creds.clientSecret);
  }

  return (service, handler) => async (req) => {
    const h = checkHeaders(req);
    const echo = isFailure(h) ? (header(req.headers, 'x-timestamp') ?? wibTimestamp(ctx.clock.now())) : h.ts;
    if (isFailure(h)) return failureResponse(h, service, echo);
    // Token before signature: the signature cannot be checked without a token to put in it.
    if (!tokens.validate(h.token)) return failureResponse(FAILURES.invalidToken(), service, echo);
    if (!signatureOk(req, h.token, h.ts, h.signature)) return failureResponse(FAILURES.badSignature(), service, echo);
    if (h.partner !== creds.partnerId) return failureResponse(FAILURES.unknownPartner(), service, echo);

    let body: unknown;
    try {
      body = JSON.parse(req.raw.toString('utf8'));
    } catch {
      return failureResponse(FAILURES.badRequest('Body is not valid JSON'), service, echo);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return failureResponse(FAILURES.badRequest('Body is not a JSON object'), service, echo);
    }

    // One key per partner and id across all endpoints ("unique per merchant per day");
    // the path is part of the hash so reusing an id on another endpoint is a conflict.
    const key = `snapbi:xid:${h.partner}:${h.externalId}`;
    const hash = sha256Hex(Buffer.concat([Buffer.from(`${req.path}\n`, 'utf8'), req.raw]));
    // Check and register synchronously (no await in between) so a concurrent
    // duplicate always sees the first request in flight.
    const pending = inflight.get(key);
    if (pending) {
      if (pending.hash !== hash) return failureResponse(FAILURES.externalIdConflict(), service, h.ts);
      // An identical concurrent request gets the first one's answer, success or not.
      return withTimestamp(await pending.done, h.ts);
    }
    const stored = ctx.replay.get(key);
    if (stored) {
      return stored.bodyHash === hash
        ? withTimestamp(stored.response, h.ts)
        : failureResponse(FAILURES.externalIdConflict(), service, h.ts);
    }

    const call: SnapCall = { body: body as Json, externalId: h.externalId, timestamp: h.ts, now: ctx.clock.now(), path: req.path };
    const done = (async (): Promise<EmuResponse> => {
      try {
        const out = await handler(call);
        return isFailure(out) ? failureResponse(out, service, h.ts) : out;
      } catch {
        return failureResponse(FAILURES.internal(), service, h.ts);
      }
    })();
    inflight.set(key, { hash, done });
    try {
      const res = await done;
      // Only successes consume the id: a rejected request may be corrected and retried
      // with the same X-EXTERNAL-ID (Midtrans' rule after a failure is unconfirmed, §3.4).
      if (res.status >= 200 && res.status < 300) ctx.replay.set(key, { bodyHash: hash, response: res }, EXTERNAL_ID_TTL_SECONDS);
      return res;
    } finally {
      inflight.delete(key);
    }
  };
}

/** The replayed body is the original; only the echoed X-TIMESTAMP follows the new request. */
function withTimestamp(res: EmuResponse, ts: string): EmuResponse {
  return { ...res, headers: { ...(res.headers ?? {}), 'X-TIMESTAMP': ts } };
}
