/**
 * The shop's time zone, for main and renderer alike: the merchant's calendar
 * day as a UTC window, wall-clock hours, and local times as the screen and the
 * receipt print them. Storage is UTC; "today" is local (WIB by default), so
 * 17:00 UTC is local midnight in Asia/Jakarta. Pure `Intl` and `Date`: no Node,
 * no DOM, so both processes share one answer.
 */

/** The shop's zone unless settings say otherwise (WIB). */
export const DEFAULT_SHOP_ZONE = 'Asia/Jakarta';

/** True for an IANA zone this runtime knows (a typo must stop the start, not skew "today"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A local day and the UTC instants that bound it: [startUtc, endUtc). */
export interface ZonedDay {
  /** YYYY-MM-DD in the zone. */
  day: string;
  startUtc: number;
  endUtc: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * `Date.UTC` for every year: `Date.UTC` maps years 0–99 to 1900–1999 (a
 * legacy of two-digit years), which would put a day of year 50 in 1950.
 */
function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const t = Date.UTC(y, mo, d, h, mi, s);
  return y >= 0 && y <= 99 ? new Date(t).setUTCFullYear(y, mo, d) : t;
}

/** Wall-clock fields of `ms` in `zone`. */
function fields(ms: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

/** Offset of `zone` from UTC at instant `ms` as `Intl` says it (one `formatToParts`: the slow path). */
export function intlZoneOffsetMs(ms: number, zone: string): number {
  const f = fields(ms, zone);
  const asUtc = utcMs(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const HOUR_MS = 3_600_000;
/** Per zone: UTC hour index → the offset throughout that hour, or NaN when it changes inside the hour. */
const hourOffsets = new Map<string, Map<number, number>>();
/** Entries kept per zone before the cache starts over (a year of hours is 8,760). */
const HOUR_CACHE_MAX = 50_000;

/**
 * Offset of `zone` from UTC at instant `ms`, in ms (WIB: +7 h). Asked of
 * `Intl` once per zone and UTC hour, not per call: an hour whose first and
 * last millisecond have the same offset has it throughout (no zone changes
 * offset twice within an hour), so every instant in it gets that value; an
 * hour with a change in it (DST, or a :30 / :45 zone's transition inside a
 * UTC hour) is asked per call. Same answer as `intlZoneOffsetMs`, always.
 */
export function zoneOffsetMs(ms: number, zone: string): number {
  let cache = hourOffsets.get(zone);
  if (!cache) {
    cache = new Map();
    hourOffsets.set(zone, cache);
  }
  const hour = Math.floor(ms / HOUR_MS);
  let offset = cache.get(hour);
  if (offset === undefined) {
    if (cache.size >= HOUR_CACHE_MAX) cache.clear();
    const first = intlZoneOffsetMs(hour * HOUR_MS, zone);
    offset = first === intlZoneOffsetMs(hour * HOUR_MS + HOUR_MS - 1, zone) ? first : Number.NaN;
    cache.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlZoneOffsetMs(ms, zone) : offset;
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
/** The last UTC day formatted by `wallTime` and its `YYYY-MM-DDT` text. */
let wallDay = Number.NaN;
let wallDayText = '';

/** `new Date(ms).toISOString().slice(0, 19)` with the date part formatted once per day (the CSV calls it twice per row). */
function wallTime(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== wallDay) {
    const text = new Date(day * 86_400_000).toISOString();
    // Years outside 0000–9999 print as ±YYYYYY: leave those to Date itself.
    if (text.length !== 24) return new Date(ms).toISOString().slice(0, 19);
    wallDay = day;
    wallDayText = text.slice(0, 11);
  }
  const s = Math.floor((ms - day * 86_400_000) / 1000);
  return `${wallDayText}${PAD2[Math.floor(s / 3600)]}:${PAD2[Math.floor(s / 60) % 60]}:${PAD2[s % 60]}`;
}

/** UTC instant of local midnight starting the date y-mo-d in `zone`. */
function localMidnight(y: number, mo: number, d: number, zone: string): number {
  const naive = utcMs(y, mo - 1, d);
  let guess = naive - zoneOffsetMs(naive, zone);
  guess = naive - zoneOffsetMs(guess, zone); // second pass settles DST edges
  return guess;
}

/** The day containing instant `ms` in `zone` (throws RangeError on an unknown zone). */
export function zonedDay(ms: number, zone: string): ZonedDay {
  const f = fields(ms, zone);
  const startUtc = localMidnight(f.y, f.mo, f.d, zone);
  const next = new Date(utcMs(f.y, f.mo - 1, f.d + 1));
  const endUtc = localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone);
  const day = `${String(f.y).padStart(4, '0')}-${String(f.mo).padStart(2, '0')}-${String(f.d).padStart(2, '0')}`;
  return { day, startUtc, endUtc };
}

/**
 * The local day named `day` (YYYY-MM-DD) in `zone`. Starts from local noon of
 * that date, which no zone offset or DST shift can push onto another date.
 */
export function dayWindow(day: string, zone: string): ZonedDay {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const noon = utcMs(y, mo - 1, d, 12);
  const found = zonedDay(noon - zoneOffsetMs(noon, zone), zone);
  if (found.day !== day) throw new RangeError(`not a calendar day: ${day}`);
  return found;
}

/** `ms` as local wall time in `zone` with its offset, e.g. 2026-11-26T10:00:00+07:00. */
export function localIsoTime(ms: number, zone: string): string {
  const offset = zoneOffsetMs(ms, zone);
  const wall = wallTime(ms + offset);
  const mins = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

/** Paid sales in one wall-clock hour of the shop's zone. */
export interface HourTotal {
  hour: number;
  count: number;
  total: number;
}

/**
 * Folds paid-sales slots (UTC slot starts, in ms) into the 24 wall-clock hours
 * of `zone`. The offset is looked up per slot rather than once per day, so the
 * hours stay right on DST days (a repeated hour adds up, a skipped one is 0).
 */
export function bucketByLocalHour(slots: readonly { startMs: number; count: number; total: number }[], zone: string): HourTotal[] {
  const hours: HourTotal[] = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, total: 0 }));
  for (const s of slots) {
    const hour = new Date(s.startMs + zoneOffsetMs(s.startMs, zone)).getUTCHours();
    const h = hours[hour]!;
    h.count += s.count;
    h.total += s.total;
  }
  return hours;
}

/** An instant as the contract and the ledger carry it: epoch ms, ISO string or Date. */
export type Instant = number | string | Date;

/**
 * The shapes a shop's local time is shown in. `hourCycle: 'h23'`, not
 * `hour12: false`: the latter gives "24:05" after midnight in some locales.
 */
const LOCAL_FORMATS = {
  minute: { hour: '2-digit', minute: '2-digit' },
  second: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  dateMinute: { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const localFormatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter: building one per call is the slow part of `Intl`. */
function localFormatter(shape: keyof typeof LOCAL_FORMATS, zone: string, locale: string): Intl.DateTimeFormat {
  const key = `${shape}|${locale}|${zone}`;
  let f = localFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...LOCAL_FORMATS[shape], timeZone: zone, hourCycle: 'h23' });
    localFormatters.set(key, f);
  }
  return f;
}

/**
 * Wall-clock time of `at` in `zone`: "21.05" (id-ID) / "21:05" (en-GB), or with
 * seconds "21.05.09". Throws RangeError on an unknown zone.
 */
export function formatLocalTime(at: Instant, zone: string, locale: string, precision: 'minute' | 'second' = 'minute'): string {
  return localFormatter(precision, zone, locale).format(new Date(at));
}

/** Date and wall-clock minute of `at` in `zone`: "26 Nov 2026, 23.30" (id-ID) / "26 Nov 2026, 23:30" (en-GB). */
export function formatLocalDateTime(at: Instant, zone: string, locale: string): string {
  return localFormatter('dateMinute', zone, locale).format(new Date(at));
}

/**
 * The zone's short name at `at` as Indonesians write it (WIB, WITA, WIT), in
 * every language; the zone id itself when `Intl` has no short name.
 */
export function zoneShortName(zone: string, at: Instant = Date.now()): string {
  const name = new Intl.DateTimeFormat('id-ID', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name ?? zone;
}

/** "26 Nov 2026, 23.30 WIB": the shop's wall clock and zone, as both receipts (screen and paper) print them. */
export function formatShopDateTime(at: Instant, zone: string, locale: string): string {
  return `${formatLocalDateTime(at, zone, locale)} ${zoneShortName(zone, at)}`;
}
