/**
 * Gateway errors: every failure of a Midtrans call is classified into one
 * `kind`, with a flag saying whether repeating the same request may help, and
 * mapped onto the contract's error codes with a message a cashier can read.
 * Messages never carry keys, tokens, signatures or request bodies.
 */
import { KasirError, type ErrorCode } from '../../../../shared/contract/result';

export const GATEWAY_ERROR_KINDS = [
  'auth',
  'rejected',
  'duplicate',
  'amount',
  'not_found',
  'illegal',
  'unavailable',
  'unknown_outcome',
] as const;
export type GatewayErrorKind = (typeof GATEWAY_ERROR_KINDS)[number];

const CODE_FOR: Record<GatewayErrorKind, ErrorCode> = {
  auth: 'GATEWAY_AUTH',
  rejected: 'GATEWAY_REJECTED',
  duplicate: 'DUPLICATE_ORDER',
  amount: 'AMOUNT_INVALID',
  not_found: 'NOT_FOUND',
  illegal: 'ILLEGAL_TRANSITION',
  unavailable: 'GATEWAY_UNAVAILABLE',
  unknown_outcome: 'GATEWAY_UNAVAILABLE',
};

const DEFAULT_MESSAGE: Record<GatewayErrorKind, string> = {
  auth: 'Midtrans rejected the credentials: check the server key / SNAP-BI keys for this environment.',
  rejected: 'Midtrans rejected the request.',
  duplicate: 'Midtrans already has a transaction with this order id (duplicate order).',
  amount: 'Midtrans rejected the amount (amount invalid or outside the limits of this payment method).',
  not_found: 'Midtrans does not know this transaction.',
  illegal: 'Midtrans does not allow this action in the transaction’s current state.',
  unavailable: 'Midtrans is unreachable or temporarily unavailable (gateway down); try again shortly.',
  unknown_outcome:
    'The connection to Midtrans failed mid-request; the charge may or may not exist. Its status must be checked before charging again.',
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
  /**
   * True when the request may have reached Midtrans and been processed (timeout after
   * sending, reset, 5xx, in-flight 202): a charge may exist.
   */
  ambiguous?: boolean;
}

/** A classified gateway failure. Extends KasirError so the router passes code and message on. */
export class GatewayError extends KasirError {
  readonly kind: GatewayErrorKind;
  readonly retryable: boolean;
  readonly details: GatewayErrorDetails;

  constructor(kind: GatewayErrorKind, opts: { retryable?: boolean; message?: string; details?: GatewayErrorDetails } = {}) {
    super(CODE_FOR[kind], opts.message ?? describe(kind, opts.details));
    this.name = 'GatewayError';
    this.kind = kind;
    this.retryable = opts.retryable ?? (kind === 'unavailable' || kind === 'unknown_outcome');
    this.details = opts.details ?? {};
  }

  /** Log-safe summary (no body, no secrets). */
  toLogFields(): Record<string, unknown> {
    return { kind: this.kind, code: this.code, retryable: this.retryable, ...this.details };
  }
}

function describe(kind: GatewayErrorKind, details: GatewayErrorDetails | undefined): string {
  const base = DEFAULT_MESSAGE[kind];
  const extra = details?.gatewayMessage;
  if (!extra || kind === 'auth' || kind === 'unknown_outcome') return base;
  return `${base} Midtrans said: ${extra}`;
}

/** Keeps a gateway-provided message printable and short. */
export function cleanGatewayMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** True for a GatewayError. */
export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}

/**
 * True when a charge's outcome is unknown: the request may have reached Midtrans
 * (timeout after sending, connection reset, 5xx) and retries did not settle it.
 * The caller must ask the status API before deciding anything.
 */
export function isOutcomeUnknown(e: unknown): boolean {
  return e instanceof GatewayError && e.kind === 'unknown_outcome';
}

/** Any thrown value as a KasirError with a code the contract knows (never leaks internals). */
export function toKasirError(e: unknown): KasirError {
  if (e instanceof KasirError) return e;
  return new KasirError('INTERNAL', 'Unexpected error while talking to Midtrans.');
}
