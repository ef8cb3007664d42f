/**
 * Errors cross every boundary as data, never as thrown exceptions: the
 * renderer always receives a Result. An error is `{code, message, params,
 * field?}`: the renderer words it from `code` + `params` in the cashier's
 * language (see error-vocabulary.ts); `message` is English for logs and a
 * fallback for codes a renderer does not know; `field` is the input path of
 * the offending form field, so a form can show the error next to it.
 */
import type { ErrorParams, ErrorParamsFor } from './error-vocabulary';

export type { ErrorParams } from './error-vocabulary';

export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'INTERNAL',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GATEWAY_AUTH',
  'GATEWAY_UNAVAILABLE',
  'GATEWAY_REJECTED',
  'DUPLICATE_ORDER',
  'AMOUNT_INVALID',
  'ILLEGAL_TRANSITION',
  'NOT_CONFIGURED',
  // Closing the day while payments are still creating/pending: finish or cancel them, or force.
  'OPEN_PAYMENTS',
  // The receipt printer is not set up, offline, unplugged or did not confirm the job.
  'PRINTER_UNAVAILABLE',
  // Staff: a privileged call needs the owner's session or PIN (the UI asks for an approval and retries).
  'PIN_REQUIRED',
  // Staff: the PIN (or the staff id it was given for) is wrong.
  'PIN_INVALID',
  // Staff: a new PIN breaks the PIN policy (`rule`).
  'PIN_WEAK',
  // Staff: too many wrong PINs — wait `retryAfterSeconds`, or (without it) until the owner unlocks.
  'LOCKED',
  // Staff: no owner account exists yet (the UI leads to owner set-up).
  'OWNER_REQUIRED',
  // Staff: this window has no signed-in staff member (the UI shows sign-in).
  'SIGN_IN_REQUIRED',
  // Staff: the owner's recovery code is wrong.
  'RECOVERY_CODE_INVALID',
  // Storage: the till's disk is full; nothing was saved.
  'STORAGE_FULL',
  // Storage: the ledger (file, folder or disk) became read-only; nothing was saved.
  'STORAGE_READ_ONLY',
  // A ledger backup could not be made or verified (`reason` says why).
  'BACKUP_FAILED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Ok<T> = { ok: true; value: T };
export type Err = {
  ok: false;
  code: ErrorCode;
  /** English, for logs; shown only for a code the renderer does not know. */
  message: string;
  /** What the renderer words the error with (always present, may be empty). */
  params: ErrorParams;
  /** Input path of the offending field (e.g. `amount`, `sku`, `price`), when one is to blame. */
  field?: string;
};
export type Result<T> = Ok<T> | Err;

/** Where an error's specifics go. */
export interface ErrorDetail<C extends ErrorCode = ErrorCode> {
  params?: ErrorParamsFor<C>;
  field?: string;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <C extends ErrorCode>(code: C, message: string, detail: ErrorDetail<C> = {}): Err => ({
  ok: false,
  code,
  message,
  params: { ...detail.params },
  ...(detail.field !== undefined ? { field: detail.field } : {}),
});

/**
 * An error a service throws on purpose, with a code, params and field the
 * router passes on verbatim. Anything else thrown becomes `INTERNAL` with a
 * generic message.
 */
export class KasirError<C extends ErrorCode = ErrorCode> extends Error {
  readonly params: ErrorParams;
  readonly field: string | undefined;

  constructor(
    readonly code: C,
    message: string,
    detail: ErrorDetail<C> = {},
  ) {
    super(message);
    this.name = 'KasirError';
    this.params = { ...detail.params };
    this.field = detail.field;
  }
}
