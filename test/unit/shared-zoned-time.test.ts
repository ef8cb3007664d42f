import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHOP_ZONE,
  dayWindow,
  intlZoneOffsetMs,
  zoneOffsetMs,
  zonedDay,
  formatLocalDateTime,
  formatLocalTime,
  formatShopDateTime,
  isTimeZone,
  zoneShortName,
} from '../../shared/domain/zoned-time';

// One set of zone helpers for main and renderer: the receipt the printer prints
// and the one on screen, the Z-report times and the history all come from here.
const NIGHT = '2026-11-26T16:30:09.000Z'; // 23:30:09 WIB, 00:30:09 WITA the next day

describe('shared zone helpers', () => {
  it('knows IANA zones and refuses typos', () => {
    expect(isTimeZone(DEFAULT_SHOP_ZONE)).toBe(true);
    expect(isTimeZone('Asia/Makassar')).toBe(true);
    expect(isTimeZone('Asia/Jakata')).toBe(false);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('writes wall-clock times in the zone and locale, 00 after midnight (never 24)', () => {
    expect(formatLocalTime(NIGHT, 'Asia/Jakarta', 'id-ID')).toBe('23.30');
    expect(formatLocalTime(NIGHT, 'Asia/Jakarta', 'en-GB')).toBe('23:30');
    expect(formatLocalTime(NIGHT, 'Asia/Makassar', 'id-ID', 'second')).toBe('00.30.09');
    expect(formatLocalTime(Date.parse(NIGHT), 'Asia/Makassar', 'en-GB', 'second')).toBe('00:30:09');
    expect(() => formatLocalTime(NIGHT, 'Mars/Olympus', 'id-ID')).toThrow(RangeError);
  });

  it('writes date and time with the Indonesian zone name in both languages', () => {
    expect(formatLocalDateTime(NIGHT, 'Asia/Jayapura', 'en-GB')).toMatch(/^27 Nov 2026,? 01:30$/);
    expect(formatShopDateTime(NIGHT, 'Asia/Jakarta', 'id-ID')).toMatch(/^26 Nov 2026,? 23\.30 WIB$/);
    expect(formatShopDateTime(new Date(NIGHT), 'Asia/Jakarta', 'en-GB')).toMatch(/^26 Nov 2026,? 23:30 WIB$/);
    expect([zoneShortName('Asia/Jakarta'), zoneShortName('Asia/Makassar', NIGHT), zoneShortName('Asia/Jayapura', 0)]).toEqual(['WIB', 'WITA', 'WIT']);
  });

  it('names the days of years 0–99 as they are (Date.UTC would put them in 1900–1999)', () => {
    const y50 = Date.parse('0050-06-15T00:00:00.000Z');
    expect(new Date(y50).getUTCFullYear()).toBe(50);
    expect(dayWindow('0050-06-15', 'UTC')).toEqual({ day: '0050-06-15', startUtc: y50, endUtc: y50 + 86_400_000 });
    expect(zonedDay(y50 + 3_600_000, 'UTC').day).toBe('0050-06-15');
    // Jakarta's local mean time then (+7:07:12): the day still starts at its own midnight, in year 50.
    const jkt = dayWindow('0050-06-15', 'Asia/Jakarta');
    expect(new Date(jkt.startUtc).getUTCFullYear()).toBe(50);
    expect(zonedDay(jkt.startUtc, 'Asia/Jakarta').day).toBe('0050-06-15');
    expect(jkt.endUtc - jkt.startUtc).toBe(86_400_000);
    expect(zoneOffsetMs(y50, 'Asia/Jakarta')).toBe(intlZoneOffsetMs(y50, 'Asia/Jakarta'));
    expect(intlZoneOffsetMs(y50, 'UTC')).toBe(0);
  });
});
