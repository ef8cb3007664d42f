/**
 * SNAP-BI response interpretation: `responseCode` = HTTP (3) + service (2) +
 * case (2). A 2xx code parses the body with the endpoint's schema; anything
 * else becomes a classified GatewayError.
 */
import type { z } from 'zod';
import { cleanGatewayMessage, GatewayError, type GatewayErrorDetails, type GatewayErrorKind } from './errors';
import { parseJson, retryAfterSeconds, type HttpResponse } from './http';
import { unreadable } from './mapping';
import { snapEnvelope } from './snap-bi-schemas';

/** Parses a SNAP-BI response with `schema` or throws a GatewayError. */
export function interpretSnap<S extends z.ZodType>(res: HttpResponse, schema: S): z.infer<S> {
  const json = parseJson(res.text);
  const env = snapEnvelope.safeParse(json);
  const code = env.success && /^\d{7}$/.test(env.data.responseCode) ? env.data.responseCode : undefined;
  const http = code ? Number(code.slice(0, 3)) : res.status;
  const details: GatewayErrorDetails = {
    httpStatus: res.status,
    gatewayCode: code ?? String(res.status),
    gatewayMessage: env.success ? cleanGatewayMessage(env.data.responseMessage) : undefined,
    retryAfterSeconds: retryAfterSeconds(res.headers),
  };
  // The worse of the two wins: an error status line or an error code is an error.
  const effective = res.status >= 400 ? (http >= 400 ? http : res.status) : http;
  if (effective === 202) {
    throw new GatewayError('unavailable', { delivery: 'maybe_processed', message: 'Midtrans is still processing this request.', details });
  }
  if (effective >= 200 && effective < 300) {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw unreadable('SNAP-BI response does not match the expected schema');
    return parsed.data;
  }
  throw snapError(effective, code?.slice(5, 7) ?? '', details);
}

/** Maps an HTTP status + SNAP case code to a GatewayError. */
export function snapError(http: number, caseCode: string, details: GatewayErrorDetails): GatewayError {
  const msg = (details.gatewayMessage ?? '').toLowerCase();
  if (http === 429) {
    // Refused before any processing: a definite answer, but one worth repeating later.
    return new GatewayError('unavailable', { delivery: 'answered', message: 'Midtrans is rate limiting requests; try again shortly.', details });
  }
  if (http >= 500) return new GatewayError('unavailable', { delivery: 'maybe_processed', details });
  let kind: GatewayErrorKind = 'rejected';
  let message: string | undefined;
  if (http === 401) {
    kind = 'auth';
    if (caseCode === '01' || caseCode === '03') message = 'The SNAP-BI access token was rejected.';
    else message = 'Midtrans rejected the SNAP-BI credentials or signature: check client secret, partner id and keys.';
  } else if (http === 400) kind = /amount/.test(msg) ? 'amount' : 'rejected';
  else if (http === 403) kind = caseCode === '02' ? 'amount' : 'rejected';
  else if (http === 404) kind = caseCode === '13' ? 'amount' : caseCode === '08' ? 'rejected' : 'not_found';
  else if (http === 405) kind = 'illegal';
  else if (http === 409) {
    kind = 'duplicate';
    if (caseCode === '00') message = 'Midtrans refused a reused request id (X-EXTERNAL-ID) with a different request.';
  }
  return new GatewayError(kind, { delivery: 'answered', ...(message ? { message } : {}), details });
}

/** True when Midtrans said the B2B token is invalid or expired (401xx01): fetch a new one and retry once. */
export function isInvalidToken(e: unknown): boolean {
  if (!(e instanceof GatewayError) || e.kind !== 'auth') return false;
  const code = e.details.gatewayCode ?? '';
  return /^401\d{2}0[13]$/.test(code);
}
