/**
 * The CSV's times made local to the shop's zone (`localIsoTime`), worked out
 * once per UTC minute: a stored time is `YYYY-MM-DDTHH:MM:SS.sssZ` and a
 * zone's offset is whole minutes (checked per minute: a historical offset
 * with seconds is converted time by time), so the seconds carry over and a
 * day of 30,000 payments takes ~1,400 conversions instead of 60,000. Any
 * other text is converted as it is.
 */
import { localIsoTime } from '../../../../shared/domain/zoned-time';

/** The length of a stored time, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export const ISO_LENGTH = 24;

/** `00` to `99`: a time's seconds as printed, without a new string per time. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** A UTC minute's local time around its seconds: `YYYY-MM-DDTHH:MM:` and `+07:00`; null to convert time by time. */
type Minute = readonly [before: string, after: string] | null;

/** Local times of one export (one zone); not shared between exports, so its caches stay a day's size. */
export class LocalTimes {
  private readonly minutes = new Map<string, Minute>();
  /** The minute last asked for per `slot` (a caller's column), since a day's times come in order. */
  private readonly lastKey: string[] = ['', ''];
  private readonly last: Minute[] = [null, null];

  constructor(private readonly zone: string) {}

  /** `localIsoTime` of a stored time; empty for none. */
  of(iso: string | null): string {
    if (!iso) return '';
    if (iso.length !== ISO_LENGTH) return localIsoTime(Date.parse(iso), this.zone);
    return this.at(iso, 0, 0);
  }

  /**
   * `of(text.slice(start, start + ISO_LENGTH))` for a time inside a longer
   * text, without cutting it out when its minute is the one `slot` asked for
   * last (rows in time order ask for the same minute ~20 times in a row).
   */
  at(text: string, start: number, slot: 0 | 1): string {
    const minute = this.minuteAt(text, start, slot);
    return minute === null
      ? localIsoTime(Date.parse(text.slice(start, start + ISO_LENGTH)), this.zone)
      : minute[0] + text.slice(start + 17, start + 19) + minute[1];
  }

  /**
   * `at()`, appended to `out` as its pieces (the minute's text before the
   * seconds, the seconds, the text after): a CSV line's pieces are joined once,
   * and a time made of three strings here would be one more string per time
   * for the collector.
   */
  pushAt(out: string[], text: string, start: number, slot: 0 | 1): void {
    const minute = this.minuteAt(text, start, slot);
    if (minute === null) out.push(localIsoTime(Date.parse(text.slice(start, start + ISO_LENGTH)), this.zone));
    else {
      const tens = text.charCodeAt(start + 17) - 48;
      const ones = text.charCodeAt(start + 18) - 48;
      out.push(minute[0], tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? TWO_DIGITS[tens * 10 + ones]! : text.slice(start + 17, start + 19), minute[1]);
    }
  }

  /** The local minute of the stored time at `text[start]`; null to convert it time by time (any text but `…Z`, or an offset with seconds). */
  private minuteAt(text: string, start: number, slot: 0 | 1): Minute {
    if (text.charCodeAt(start + ISO_LENGTH - 1) !== 90 /* Z */) return null;
    let minute: Minute;
    const lastKey = this.lastKey[slot]!;
    if (lastKey !== '' && text.startsWith(lastKey, start)) minute = this.last[slot]!;
    else {
      const key = text.slice(start, start + 16);
      const known = this.minutes.get(key);
      minute = known === undefined ? this.minute(key) : known;
      this.lastKey[slot] = key;
      this.last[slot] = minute;
    }
    return minute;
  }

  /** Works out (and keeps) the local time of UTC minute `key` (`YYYY-MM-DDTHH:MM`). */
  private minute(key: string): Minute {
    const start = Date.parse(`${key}:00.000Z`);
    const local = localIsoTime(start, this.zone);
    const last = localIsoTime(start + 59_000, this.zone);
    // The same wall minute and offset at :59: the minute can be reused.
    const minute = last.slice(0, 17) !== local.slice(0, 17) || last.slice(17, 19) !== '59' || last.slice(19) !== local.slice(19)
      ? null
      : ([local.slice(0, 17), local.slice(19)] as const);
    this.minutes.set(key, minute);
    return minute;
  }
}
