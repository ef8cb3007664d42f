/**
 * The vocabulary errors and notices are told in. Main throws a code with
 * params; the renderer words it from code + params in the cashier's language
 * (renderer/src/components/error-text.ts). For most codes one param picks the
 * specific text — `reason`, or a name that says more (`what`, `which`,
 * `outcome`, `issue`, `rule`) — and its values are fixed here, so main cannot
 * send a variant the renderer has no words for (a unit test checks that both
 * languages word every value).
 *
 * Param conventions (what the renderer formats): `amount`, `min`, `max` and
 * `total` are integer rupiah; `method` is a PaymentMethod, `status` a
 * PaymentStatus, `env` a gateway environment, `closedAt` an ISO instant;
 * `gatewayMessage` is Midtrans' own text and is shown quoted as Midtrans'.
 * Lengths and schema bounds are `minimum` / `maximum`, never rupiah. No param
 * ever carries a key, PIN, token or request body.
 */
import { z } from 'zod';
import type { ErrorCode } from './result';

/** Specifics of an error or notice: flat, JSON-safe, worded by the renderer. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** Schema of ErrorParams (pushed events are validated on both sides). */
export const errorParams = z.record(z.string(), z.union([z.string(), z.number()]));

/** Params that are integer rupiah (the renderer shows them as `Rp 10.000`). */
export const RUPIAH_PARAMS: readonly string[] = ['amount', 'min', 'max', 'total'];

/** Issue codes zod reports (the router passes the first one on as `issue`). */
const SCHEMA_ISSUES = [
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
] as const;

/** How one code's specific text is picked: from a param, or derived from the params present. */
interface VariantSpec {
  readonly values: readonly string[];
  /** The param whose value names the variant. */
  readonly param?: string;
}

/**
 * Per ErrorCode, the fixed variants of its text. Codes missing here have a
 * headline only (their params, if any, need no words: GATEWAY_REJECTED's
 * `gatewayMessage` is quoted as is).
 */
export const ERROR_VARIANTS = {
  INVALID_INPUT: {
    param: 'issue',
    values: [
      ...SCHEMA_ISSUES,
      'cart_empty',
      'day_invalid',
      'day_in_future',
      'name_invalid',
      'secret_unknown',
      'secret_empty',
      'secret_too_long',
      'secret_has_spaces',
      'secret_channel_id',
      'secret_pem',
      // The sale (issue 10).
      'sale_empty',
      'sale_invalid',
      'cash_not_received',
    ],
  },
  INTERNAL: { param: 'reason', values: ['keychain'] },
  FORBIDDEN: { param: 'reason', values: ['not_owner', 'staff_inactive'] },
  NOT_FOUND: { param: 'what', values: ['payment', 'order', 'product', 'staff', 'transaction', 'sale', 'tender'] },
  CONFLICT: {
    param: 'reason',
    values: [
      'already_closed',
      'still_creating',
      'in_progress',
      'recovering',
      'order_active',
      'refund_went_through',
      'sku_exists',
      'barcode_exists',
      'catalog_changed',
      'owner_exists',
      'owner_protected',
      // The sale (issue 10): lines locked once a tender is open or paid; one open tender at a time;
      // the sale is already paid or voided; nothing left to pay.
      'sale_tendered',
      'tender_open',
      'sale_closed',
      'nothing_due',
    ],
  },
  GATEWAY_AUTH: { param: 'reason', values: ['account_deactivated'] },
  // "No charge was made, try again" vs "the charge may exist: do not charge again yet".
  GATEWAY_UNAVAILABLE: { param: 'outcome', values: ['not_sent', 'maybe_processed'] },
  GATEWAY_REJECTED: { param: 'reason', values: ['method_not_activated', 'wrong_api'] },
  AMOUNT_INVALID: {
    param: 'reason',
    values: [
      'method_limit',
      'method_minimum',
      'refund_range',
      'item_invalid',
      'total_too_large',
      'total_not_positive',
      // A tender above what the method carries per payment (QRIS: Rp 10.000.000): split the sale.
      'split_needed',
      // A tender of more than the sale still needs (or of nothing).
      'tender_range',
    ],
  },
  ILLEGAL_TRANSITION: {
    param: 'reason',
    values: [
      'not_cancellable',
      'not_refundable',
      'method_not_refundable',
      'not_paid',
      'gateway_state',
      // The sale is not paid (a receipt, a drawer refund); a QRIS/e-wallet tender goes back through Midtrans.
      'sale_not_paid',
      'refund_via_midtrans',
    ],
  },
  NOT_CONFIGURED: { param: 'which', values: ['gateway_keys', 'core_api_keys', 'snap_bi_keys', 'method_route'] },
  // Derived: {count, total} present.
  OPEN_PAYMENTS: { values: ['waiting'] },
  PRINTER_UNAVAILABLE: {
    param: 'reason',
    values: [
      'not_set_up',
      'no_answer',
      'unconfirmed',
      'closed',
      'offline',
      'unreachable',
      'dropped',
      'refused',
      'failed',
      'not_connected',
      'no_access',
      'busy',
      'not_taken',
    ],
  },
  // Derived: a wait after this wrong PIN, or how many tries are left.
  PIN_INVALID: { values: ['wait', 'attempts_left'] },
  PIN_WEAK: { param: 'rule', values: ['digits_only', 'too_short', 'too_long', 'repeated', 'sequence', 'common'] },
  // Derived: `retryAfterSeconds` present = a wait; absent = locked until the owner unlocks.
  LOCKED: { values: ['retry_later', 'until_unlocked'] },
  BACKUP_FAILED: { param: 'reason', values: ['folder_missing', 'disk_full', 'write_failed', 'verify_failed'] },
} as const satisfies { readonly [C in ErrorCode]?: VariantSpec };

type Variants = typeof ERROR_VARIANTS;

/** The variants of a code (never for codes without any). */
export type ErrorVariant<C extends ErrorCode> = C extends keyof Variants ? Variants[C]['values'][number] : never;

/**
 * The params a code may carry: anything flat, with its variant param (if it
 * has one) restricted to the fixed values, so `reason: 'typo'` fails to compile.
 */
export type ErrorParamsFor<C extends ErrorCode> = ErrorParams &
  (C extends keyof Variants
    ? Variants[C] extends { readonly param: infer P extends string }
      ? { readonly [K in P]?: Variants[C]['values'][number] }
      : unknown
    : unknown);

const DERIVED: { readonly [C in ErrorCode]?: (params: ErrorParams) => ErrorVariant<C> | null } = {
  OPEN_PAYMENTS: (p) => (typeof p.count === 'number' ? 'waiting' : null),
  PIN_INVALID: (p) => {
    if (typeof p.retryAfterSeconds === 'number' && p.retryAfterSeconds > 0) return 'wait';
    return typeof p.attemptsLeft === 'number' ? 'attempts_left' : null;
  },
  LOCKED: (p) => (typeof p.retryAfterSeconds === 'number' ? 'retry_later' : 'until_unlocked'),
};

/** Which variant of `code` these params name; null when none (headline only). */
export function errorVariant(code: ErrorCode, params: ErrorParams): string | null {
  const derive = DERIVED[code] as ((p: ErrorParams) => string | null) | undefined;
  if (derive) return derive(params);
  const spec: VariantSpec | undefined = (ERROR_VARIANTS as { readonly [C in ErrorCode]?: VariantSpec })[code];
  if (!spec?.param) return null;
  const value = params[spec.param];
  return typeof value === 'string' && spec.values.includes(value) ? value : null;
}

/**
 * What `app.notice` can tell the cashier without being asked (main emits,
 * the renderer words `notice.<code>` with the params):
 * - `keys_not_configured` {env}: no Midtrans keys for this environment at start; only cash works;
 * - `payments_recovered` {count}: unfinished payments from before the restart were checked with Midtrans;
 * - `charge_found` {orderId, status}: a charge whose outcome was unknown exists after all: do not charge again;
 * - `charge_not_made` {orderId}: a charge whose outcome was unknown was never made: it may be charged again;
 * - `clock_skew` {minutes, direction}: the till's clock is `minutes` (whole, ≥ 1) `ahead` of or `behind`
 *   Midtrans' clock; payments follow Midtrans' time, the cashier should set the computer's clock right.
 * - `abandoned_tender_paid` {saleId, paymentId, method, amount}: a tender the cashier stopped waiting for was paid
 *   anyway; the owner decides (keep or refund, `sales.latePayments`);
 * - `payments_changed_while_down` {count, paid, failed}: payments that moved while the till was closed (start-up);
 * - `refund_refused` {paymentId, amount}: a refund that was queued was refused by Midtrans later.
 */
export const NOTICE_CODES = [
  'keys_not_configured',
  'payments_recovered',
  'charge_found',
  'charge_not_made',
  'clock_skew',
  'abandoned_tender_paid',
  'payments_changed_while_down',
  'refund_refused',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];
