/**
 * Errors cross every boundary as data, never as thrown exceptions: the
 * renderer always receives a Result and can show `message` to a cashier.
 */

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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; code: ErrorCode; message: string };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Err => ({ ok: false, code, message });

/**
 * An error a service throws on purpose, with a code the router passes on
 * verbatim. Anything else thrown becomes `INTERNAL` with a generic message.
 */
export class KasirError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KasirError';
  }
}
