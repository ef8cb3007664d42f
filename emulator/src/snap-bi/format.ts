/**
 * Wire-format helpers for SNAP-BI: amounts, ISO-8601 timestamps in WIB, header
 * access and typed reads of untrusted JSON bodies. Parsers return either the
 * value or a {@link SnapFailure} so handlers can short-circuit without throwing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { FAILURES, type SnapFailure } from './codes';

/** A parsed JSON object from a request body. */
export type Json = Record<string, unknown>;

const WIB_OFFSET_MS = 7 * 3600 * 1000;

/** Formats epoch ms as `YYYY-MM-DDTHH:MM:SS+07:00` (the docs' recommended form). */
export function wibTimestamp(ms: number): string {
  return `${new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** `YYYYMMDDHHMMSS` in WIB, used inside generated reference numbers. */
export function wibCompact(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an ISO-8601 date-time with an explicit offset (`Z` or `±HH:MM`) to epoch
 * ms; undefined if malformed. Accepts any number of fractional digits because the
 * docs' own sample (`…15.452305Z`) has six and the Node client sends three.
 */
export function parseIsoTimestamp(s: string): number | undefined {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const nums = [y, mo, d, h, mi, se].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = nums;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(utc);
  if (check.getUTCDate() !== day) return undefined; // e.g. 31 February
  return utc - offsetMin * 60_000;
}

/** First value of a header (Node lower-cases names). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** SNAP money object. */
export interface SnapAmount {
  value: string;
  currency: 'IDR';
}

/** Integer rupiah → `{"value":"15000.00","currency":"IDR"}`. */
export function amountOf(rupiah: number): SnapAmount {
  return { value: `${rupiah}.00`, currency: 'IDR' };
}

/**
 * Parses a SNAP amount object into integer rupiah. Rupiah has no minor unit in
 * practice (Midtrans rejects fractions), so anything but `.00` is a format error.
 */
export function parseAmount(v: unknown, field: string, min = 1): number | SnapFailure {
  if (v === undefined || v === null) return FAILURES.missingField(field);
  if (typeof v !== 'object' || Array.isArray(v)) return FAILURES.invalidFormat(field);
  const { value, currency } = v as Json;
  if (value === undefined || value === null || value === '') return FAILURES.missingField(`${field}.value`);
  if (currency === undefined || currency === null || currency === '') return FAILURES.missingField(`${field}.currency`);
  if (currency !== 'IDR') return FAILURES.invalidFormat(`${field}.currency`);
  if (typeof value !== 'string' || !/^\d{1,13}\.\d{2}$/.test(value)) return FAILURES.invalidFormat(`${field}.value`);
  if (!value.endsWith('.00')) return FAILURES.invalidFormat(`${field}.value`);
  const rupiah = Number(value.slice(0, -3));
  if (!Number.isSafeInteger(rupiah) || rupiah < min) return FAILURES.invalidFormat(`${field}.value`);
  return rupiah;
}

/** Reads an object-valued field (absent → `{}`); a non-object is a format error. */
export function objectField(body: Json, field: string): Json | SnapFailure {
  const v = body[field];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return FAILURES.invalidFormat(field);
  return v as Json;
}

/** Reads an optional string field; numbers are accepted as their decimal text (docs send customerNo as a number once). */
export function optString(body: Json, field: string, label = field): string | undefined | SnapFailure {
  const v = body[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v !== 'string') return FAILURES.invalidFormat(label);
  return v;
}

/** Reads a mandatory string field, optionally checking a max length / pattern. */
export function reqString(
  body: Json,
  field: string,
  opts: { max?: number; pattern?: RegExp; label?: string } = {},
): string | SnapFailure {
  const label = opts.label ?? field;
  const v = optString(body, field, label);
  if (v === undefined) return FAILURES.missingField(label);
  if (typeof v !== 'string') return v;
  if ((opts.max !== undefined && v.length > opts.max) || (opts.pattern && !opts.pattern.test(v))) {
    return FAILURES.invalidFormat(label);
  }
  return v;
}

/**
 * Parses an optional absolute expiry (`validityPeriod`, `validUpTo`,
 * `expiredDate`): default when absent; earlier than `now + minSec` is a format
 * error; later than `now + maxSec` is clamped to it, because the official Node
 * README's own examples ask for 2030 and a hard reject would fail them.
 */
export function parseExpiry(
  v: unknown,
  field: string,
  now: number,
  defaultSec: number,
  minSec: number,
  maxSec: number,
): number | SnapFailure {
  if (v === undefined || v === null || v === '') return now + defaultSec * 1000;
  if (typeof v !== 'string') return FAILURES.invalidFormat(field);
  const at = parseIsoTimestamp(v);
  if (at === undefined || at < now + minSec * 1000) return FAILURES.invalidFormat(field);
  return Math.min(at, now + maxSec * 1000);
}
