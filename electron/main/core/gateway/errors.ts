/**
 * Gateway errors. Every failed Midtrans call carries ONE signal for what may
 * have happened at Midtrans — `delivery`:
 *
 * - `not_sent`: the request never reached Midtrans (connection refused, DNS,
 *   connect timeout, TLS refused, no token), or was refused before any
 *   processing: nothing happened there;
 * - `maybe_processed`: it may have reached Midtrans and been processed
 *   (timeout after sending, reset, 5xx, "still processing", an unreadable
 *   answer): a charge or refund may exist, only a status check can tell;
 * - `answered`: Midtrans replied with a definite error (4xx, 429).
 *
 * Beside it, `kind` says what went wrong; it picks the contract's error code
 * and whether repeating the identical request can help (gateway/retry.ts).
 * Messages are English for logs; the renderer words the code and params.
 * Neither ever carries keys, tokens, signatures or request bodies.
 */
import { KasirError, type ErrorCode, type ErrorParams } from '../../../../shared/contract/result';
import type { ErrorParamsFor } from '../../../../shared/contract/error-vocabulary';

export const GATEWAY_ERROR_KINDS = [
  'auth',
  'rejected',
  'duplicate',
  'amount',
  'not_found',
  'illegal',
  // Transient: unreachable, timed out, 5xx, rate limited, still processing. The only kind worth repeating.
  'unavailable',
  // The gateway's HTTPS certificate failed verification: refused for safety, never repeated.
  'untrusted',
] as const;
export type GatewayErrorKind = (typeof GATEWAY_ERROR_KINDS)[number];

/** What may have happened at Midtrans (see module doc). */
export type GatewayDelivery = 'not_sent' | 'maybe_processed' | 'answered';

const CODE_FOR: Record<GatewayErrorKind, ErrorCode> = {
  auth: 'GATEWAY_AUTH',
  rejected: 'GATEWAY_REJECTED',
  duplicate: 'DUPLICATE_ORDER',
  amount: 'AMOUNT_INVALID',
  not_found: 'NOT_FOUND',
  illegal: 'ILLEGAL_TRANSITION',
  unavailable: 'GATEWAY_UNAVAILABLE',
  untrusted: 'GATEWAY_UNAVAILABLE',
};

const DEFAULT_MESSAGE: Record<GatewayErrorKind, string> = {
  auth: 'Midtrans rejected the credentials: check the server key / SNAP-BI keys for this environment.',
  rejected: 'Midtrans rejected the request.',
  duplicate: 'Midtrans already has a transaction with this order id (duplicate order).',
  amount: 'Midtrans rejected the amount (amount invalid or outside the limits of this payment method).',
  not_found: 'Midtrans does not know this transaction.',
  illegal: 'Midtrans does not allow this action in the transaction’s current state.',
  unavailable: 'Midtrans is unreachable or temporarily unavailable (gateway down); try again shortly.',
  untrusted: 'The gateway’s HTTPS certificate could not be verified; the connection was refused for safety.',
};

/** Details kept on a GatewayError for logs and decisions (never secrets). */
export interface GatewayErrorDetails {
  /** HTTP status, when a response arrived. */
  httpStatus?: number;
  /** Core API body `status_code` or SNAP-BI `responseCode`. */
  gatewayCode?: string;
  /** Midtrans' own message (status_message / responseMessage / first validation message), truncated. */
  gatewayMessage?: string;
  /** Transport error code (ETIMEDOUT, ECONNRESET...), when no response arrived. */
  transportCode?: string;
  /** Seconds to wait, from a Retry-After header. */
  retryAfterSeconds?: number;
}

/** How a GatewayError is made. */
export interface GatewayErrorOptions {
  /** Default: `maybe_processed` for `unavailable` (the safe guess), `not_sent` for `untrusted`, else `answered`. */
  delivery?: GatewayDelivery;
  message?: string;
  details?: GatewayErrorDetails;
  /** The contract's variant for the renderer's wording (e.g. `method_not_activated`). */
  reason?: string;
}

/** A classified gateway failure. Extends KasirError so the router passes code, message and params on. */
export class GatewayError extends KasirError {
  readonly kind: GatewayErrorKind;
  readonly delivery: GatewayDelivery;
  readonly details: GatewayErrorDetails;

  constructor(kind: GatewayErrorKind, opts: GatewayErrorOptions = {}) {
    const delivery = opts.delivery ?? defaultDelivery(kind);
    const details = opts.details ?? {};
    super(CODE_FOR[kind], opts.message ?? describe(kind, details), {
      params: contractParams(kind, delivery, details, opts.reason) as ErrorParamsFor<ErrorCode>,
    });
    this.name = 'GatewayError';
    this.kind = kind;
    this.delivery = delivery;
    this.details = details;
  }

  /** The same failure with another delivery (e.g. a token failure: the transaction itself was `not_sent`). */
  withDelivery(delivery: GatewayDelivery, message?: string): GatewayError {
    return new GatewayError(this.kind, { delivery, details: this.details, message: message ?? this.message, reason: this.reason });
  }

  /** The contract variant given at construction, if any. */
  get reason(): string | undefined {
    const reason = this.params.reason;
    return typeof reason === 'string' ? reason : undefined;
  }

  /** Log-safe summary (no body, no secrets). */
  toLogFields(): Record<string, unknown> {
    return { kind: this.kind, delivery: this.delivery, code: this.code, ...this.details };
  }
}

function defaultDelivery(kind: GatewayErrorKind): GatewayDelivery {
  if (kind === 'unavailable') return 'maybe_processed';
  return kind === 'untrusted' ? 'not_sent' : 'answered';
}

function describe(kind: GatewayErrorKind, details: GatewayErrorDetails): string {
  const base = DEFAULT_MESSAGE[kind];
  const extra = details.gatewayMessage;
  if (!extra || kind === 'auth') return base;
  return `${base} Midtrans said: ${extra}`;
}

/**
 * What the renderer words: GATEWAY_UNAVAILABLE's `outcome` ("no charge was
 * made" vs "it may exist"), a given `reason`, and Midtrans' own message
 * where it says something (never for auth: it may echo a key id).
 */
function contractParams(kind: GatewayErrorKind, delivery: GatewayDelivery, details: GatewayErrorDetails, reason?: string): ErrorParams {
  const params: Record<string, string | number> = {};
  if (CODE_FOR[kind] === 'GATEWAY_UNAVAILABLE') params.outcome = delivery === 'maybe_processed' ? 'maybe_processed' : 'not_sent';
  if (reason) params.reason = reason;
  if (details.gatewayMessage && kind !== 'auth' && kind !== 'unavailable') params.gatewayMessage = details.gatewayMessage;
  if (kind === 'not_found') params.what = 'transaction';
  if (kind === 'illegal' && !reason) params.reason = 'gateway_state';
  return params;
}

/** Keeps a gateway-provided message printable and short. */
export function cleanGatewayMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * The one test for "the call's outcome is unknown": the request may have been
 * processed at Midtrans and nothing settled it. Before deciding anything
 * (failing a payment, refunding again) the caller must ask the status API.
 */
export function isOutcomeUnknown(e: unknown): boolean {
  return e instanceof GatewayError && e.delivery === 'maybe_processed';
}
