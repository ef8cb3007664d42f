/**
 * Contract errors as words a cashier can read in her own language: a
 * translated headline per `ErrorCode`, plus the main process's own message
 * where it carries specifics (how many payments are open, the refundable
 * range, which key is missing). Pure: the translator is passed in, so the
 * mapping is unit-tested against the real resources in plain Node.
 */
import { ERROR_CODES, type Err, type ErrorCode } from '../../../shared/contract/result';

/** The i18n key of a code's headline (`error.<CODE>` in id.ts / en.ts). */
export type ErrorKey = `error.${ErrorCode}`;

/** What to show for one error. */
export interface ErrorText {
  code: ErrorCode;
  /** Translated, always present. */
  headline: string;
  /** The main process's original message when it adds something the headline cannot know. */
  detail: string | null;
}

/**
 * Whether the main-process message is worth showing under the headline.
 * A Record (not a list) so adding an ErrorCode forces a decision here.
 * False where the message is generic or could confuse (INTERNAL never leaks
 * internals anyway; GATEWAY_AUTH's message is a fixed English sentence the
 * headline already says).
 */
export const SHOW_DETAIL: Readonly<Record<ErrorCode, boolean>> = {
  UNKNOWN_CHANNEL: false,
  INVALID_INPUT: true, // which field and why
  INTERNAL: false,
  FORBIDDEN: false,
  NOT_FOUND: true, // which payment or order
  CONFLICT: true, // e.g. "already closed at 21:05", "still being created"
  GATEWAY_AUTH: false,
  // "no charge was made" vs "the charge may exist, do not charge again yet": the cashier must see which.
  GATEWAY_UNAVAILABLE: true,
  GATEWAY_REJECTED: true, // "Midtrans said: …"
  DUPLICATE_ORDER: true,
  AMOUNT_INVALID: true, // the allowed range, e.g. "between 1 and 34000 rupiah"
  ILLEGAL_TRANSITION: true, // e.g. a VA payment cannot be refunded through Midtrans
  NOT_CONFIGURED: true, // which keys are missing
  OPEN_PAYMENTS: true, // how many payments and how much is still waiting
  PRINTER_UNAVAILABLE: true, // which printer and what to check: offline, unplugged, did not confirm (may have printed)
};

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Maps an error to its translated headline and optional detail. A code this
 * renderer does not know (a newer main process) reads as INTERNAL, with the
 * original message kept as detail so nothing is lost.
 */
export function errorText(error: Pick<Err, 'code' | 'message'>, translate: (key: ErrorKey) => string): ErrorText {
  const known = isErrorCode(error.code);
  const code: ErrorCode = known ? error.code : 'INTERNAL';
  const headline = translate(`error.${code}`);
  const message = typeof error.message === 'string' ? error.message.trim() : '';
  const wanted = known ? SHOW_DETAIL[code] : true;
  // The renderer's own "not responding" is already translated: never repeat the headline.
  const detail = wanted && message !== '' && message !== headline ? message : null;
  return { code, headline, detail };
}
