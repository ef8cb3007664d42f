/**
 * Midtrans writes times as `YYYY-MM-DD HH:MM:SS` in Jakarta time (WIB, UTC+7,
 * no daylight saving), without an offset.
 */

const WIB_OFFSET_MS = 7 * 3600 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats epoch milliseconds as Midtrans' WIB wall-clock string. */
export function formatWib(ms: number): string {
  const d = new Date(ms + WIB_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/**
 * Parses `custom_expiry.order_time` (`YYYY-MM-DD HH:MM:SS +0700`; the offset is
 * optional and WIB is assumed without it). Returns undefined when malformed.
 */
export function parseOrderTime(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2}):?(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offsetMin = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 420;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const ms = utc - offsetMin * 60_000;
  return Number.isFinite(ms) ? ms : undefined;
}
