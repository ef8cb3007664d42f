/**
 * The per-hour offset cache of zoned-time.ts gives exactly what `Intl` gives,
 * per instant: WIB / WITA / WIT (no DST), zones with :30 / :45 offsets, and
 * DST zones, including the hours around their transitions (Lord Howe's
 * 30-minute shift, Chatham's +12:45, St John's −3:30) and instants inside
 * an hour with a change in it.
 */
import { describe, expect, it } from 'vitest';
import { intlZoneOffsetMs, localIsoTime, zoneOffsetMs } from '../../shared/domain/zoned-time';

const ZONES = [
  'Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Kolkata', 'Asia/Kathmandu', 'Europe/Berlin', 'America/New_York',
  'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC',
];

/** localIsoTime as it was written before the cache: one `Intl` call and one `toISOString` per instant. */
function intlLocalIsoTime(ms: number, zone: string): string {
  const offset = intlZoneOffsetMs(ms, zone);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  const mins = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

/** A deterministic spread of instants over 2025–2027, with odd milliseconds. */
function instants(n: number): number[] {
  const from = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2028, 0, 1) - from;
  let x = 12345;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return from + Math.floor((x / 2147483648) * span);
  });
}

/** Every minute (and a few odd ms) of the 6 hours around each offset change of `zone` in 2026. */
function aroundTransitions(zone: string): number[] {
  const out: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  let prev = intlZoneOffsetMs(start, zone);
  for (let t = start; t < Date.UTC(2027, 0, 1); t += 3_600_000) {
    const o = intlZoneOffsetMs(t, zone);
    if (o !== prev) for (let m = t - 3 * 3_600_000; m < t + 3 * 3_600_000; m += 60_000) out.push(m, m + 59_999, m + 30_001);
    prev = o;
  }
  return out;
}

describe('zoned time without per-instant Intl', () => {
  it.each(ZONES)('%s: offset and local ISO time equal Intl at 3,000 spread instants', (zone) => {
    for (const ms of instants(3_000)) {
      expect(zoneOffsetMs(ms, zone)).toBe(intlZoneOffsetMs(ms, zone));
      expect(localIsoTime(ms, zone)).toBe(intlLocalIsoTime(ms, zone));
    }
  });

  it.each(['Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham'])(
    '%s: equal to Intl every minute around each DST change',
    (zone) => {
      const around = aroundTransitions(zone);
      expect(around.length).toBeGreaterThan(0);
      for (const ms of around) expect(localIsoTime(ms, zone)).toBe(intlLocalIsoTime(ms, zone));
    },
  );

  it('keeps the cache right across calls in any order (cold hour first, then inside it)', () => {
    const zone = 'Australia/Lord_Howe';
    // 2026-04-05 02:00 local (+11:00) → 01:30 (+10:30): 15:00 UTC on 04-04.
    const change = Date.UTC(2026, 3, 4, 15, 0, 0);
    for (const ms of [change + 1, change - 1, change + 1_799_999, change - 1_800_000, change + 3_599_999]) {
      expect(zoneOffsetMs(ms, zone)).toBe(intlZoneOffsetMs(ms, zone));
    }
  });

  it('formats instants before 1970 and at day edges like toISOString', () => {
    for (const ms of [Date.UTC(1969, 11, 31, 23, 59, 59, 999), 0, -1, Date.UTC(2026, 11, 31, 16, 59, 59, 999), Date.UTC(2026, 11, 31, 17)]) {
      expect(localIsoTime(ms, 'Asia/Jakarta')).toBe(intlLocalIsoTime(ms, 'Asia/Jakarta'));
    }
  });
});
