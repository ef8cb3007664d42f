/**
 * Contract errors as words a cashier can read in her own language: a
 * translated headline per `ErrorCode`, and a translated detail picked by the
 * code's variant param (shared/contract/error-vocabulary.ts) with the params
 * interpolated — rupiah as `Rp 10.000`, methods and statuses by their labels.
 * One language at a time: the main process's `message` and Midtrans' own
 * `gatewayMessage` are English, so they are shown only to an English UI (the
 * message only for a code this renderer does not know, a newer main process);
 * an Indonesian UI words everything from the code and params. Pure: the
 * translator is passed in, so the mapping is unit-tested against the real
 * resources in plain Node.
 */
import { errorVariant, RUPIAH_PARAMS, type ErrorParams } from '../../../shared/contract/error-vocabulary';
import type { AppNotice } from '../../../shared/contract/events';
import { ERROR_CODES, type Err, type ErrorCode } from '../../../shared/contract/result';
import { GATEWAY_ENVS } from '../../../shared/domain/gateway-env';
import { formatRupiah } from '../../../shared/domain/money';
import { PAYMENT_STATUSES } from '../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS, type PaymentMethod } from '../../../shared/domain/payment-methods';

/** An i18n lookup with interpolation (i18next's `t`, bound to a language). */
export type Translate = (key: string, values?: Readonly<Record<string, string>>) => string;

/** Formatting the translator cannot do alone. */
export interface ErrorFormat {
  /** An ISO instant as a time in the shop (default: as given). */
  time?(iso: string): string;
  /**
   * The UI's language. English texts from outside the resources (main's
   * `message`, Midtrans' `gatewayMessage`) are shown only when it is 'en';
   * unset counts as not English, so nothing English leaks by default.
   */
  language?: 'id' | 'en';
}

/** The parts of an Err this file reads (params may be missing from an older main process). */
export type ErrorLike = Pick<Err, 'code' | 'message'> & { params?: ErrorParams; field?: string };

/** What to show for one error. */
export interface ErrorText {
  code: ErrorCode;
  /** Translated, always present. */
  headline: string;
  /** Translated specifics from the params; for an unknown code, the original message (English UI) or the code (otherwise). */
  detail: string | null;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** A placeholder i18next left in place because its param was missing. */
const UNFILLED = /\{\{\s*\w+\s*\}\}/;

const isMethod = (value: string): value is PaymentMethod => Object.hasOwn(PAYMENT_METHOD_SPECS, value);
const isIn = (list: readonly string[], value: string): boolean => list.includes(value);

/** Params as display text: rupiah, method and status labels, environments, times, a clock skew's direction; the rest as is. */
export function wordedParams(params: ErrorParams, translate: Translate, format: ErrorFormat = {}): Record<string, string> {
  const worded: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const text = String(value);
    if (typeof value === 'number' && RUPIAH_PARAMS.includes(name)) worded[name] = formatRupiah(value);
    else if (name === 'method' && isMethod(text)) worded[name] = translate(PAYMENT_METHOD_SPECS[text].labelKey);
    else if (name === 'status' && isIn(PAYMENT_STATUSES, text)) worded[name] = translate(`status.${text}`);
    else if (name === 'env' && isIn(GATEWAY_ENVS, text)) worded[name] = translate(`gateway.${text}`);
    else if (name === 'closedAt' && format.time) worded[name] = format.time(text);
    else if (name === 'direction' && (text === 'ahead' || text === 'behind')) worded[name] = translate(`clockDirection.${text}`);
    else worded[name] = text;
  }
  return worded;
}

/**
 * Maps an error to its translated headline and detail. A code this renderer
 * does not know reads as INTERNAL, with the original message kept as detail
 * in English (and the code itself in any other language) so nothing is lost;
 * a known code never shows the English message.
 */
export function errorText(error: ErrorLike, translate: Translate, format: ErrorFormat = {}): ErrorText {
  const english = format.language === 'en';
  if (!isErrorCode(error.code)) {
    const message = english && typeof error.message === 'string' ? error.message.trim() : '';
    const raw: unknown = error.code; // narrowed to never by the guard; a newer main process may still send any string
    const unknown = typeof raw === 'string' && raw.trim() ? translate('app.unknownError', { code: raw.trim() }) : '';
    return { code: 'INTERNAL', headline: translate('error.INTERNAL'), detail: message || unknown || null };
  }
  const code = error.code;
  const params = error.params ?? {};
  const values = wordedParams(params, translate, format);
  const variant = errorVariant(code, params);
  const parts: string[] = [];
  const specific = variant ? translate(`errorDetail.${code}.${variant}`, values) : '';
  // A text whose param did not come (an older or buggy main process) would show "{{day}}": headline only then.
  if (specific && !UNFILLED.test(specific)) parts.push(specific);
  // Midtrans' own words are English: quoted as Midtrans' to an English UI only (one language at a time).
  if (english && typeof params.gatewayMessage === 'string' && params.gatewayMessage.trim()) parts.push(translate('errorNote.midtransSaid', values));
  return { code, headline: translate(`error.${code}`), detail: parts.length > 0 ? parts.join(' ') : null };
}

/** A pushed notice in the cashier's language (`notice.<code>`). */
export function noticeText(notice: Pick<AppNotice, 'code' | 'params'>, translate: Translate, format: ErrorFormat = {}): string {
  return translate(`notice.${notice.code}`, wordedParams(notice.params, translate, format));
}

/**
 * Which of a form's fields an error belongs next to: the first segment of its
 * `field` path (`items.0.price` → `items`) when the form has that field, else
 * null (the form shows it at its foot).
 */
export function errorFieldOf<F extends string>(error: Pick<ErrorLike, 'field'> | null, fields: readonly F[]): F | null {
  const head = error?.field?.split('.')[0];
  return head !== undefined && (fields as readonly string[]).includes(head) ? (head as F) : null;
}
