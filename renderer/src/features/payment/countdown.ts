/**
 * The time left to pay a tender, as the cashier reads it, pure (unit-tested
 * in plain Node): "14:32" under an hour, "23:59:12" above, nothing once it is
 * over; and whether the expiry falls on another day in the shop's zone (then
 * the screen shows its date too: a VA paid tomorrow morning is not "09.00").
 */
import { zonedDay } from '../../../../shared/domain/zoned-time';

const pad = (n: number) => String(n).padStart(2, '0');

/** Whole seconds left from `nowMs` to `untilMs` (never negative). */
export function secondsLeft(untilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((untilMs - nowMs) / 1000));
}

/** "m:ss" / "mm:ss" under an hour, "h:mm:ss" from an hour up. */
export function formatLeft(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** True when `untilMs` is on a different local day than `nowMs` in `zone`. */
export function endsOnAnotherDay(untilMs: number, nowMs: number, zone: string): boolean {
  return zonedDay(untilMs, zone).day !== zonedDay(nowMs, zone).day;
}

/** What the countdown shows: the time left (null once over) and whether to add the date. */
export interface CountdownView {
  left: string | null;
  seconds: number;
  withDate: boolean;
}

/** The countdown for an expiry (already on the till's clock) at `nowMs`. */
export function countdown(untilMs: number, nowMs: number, zone: string): CountdownView {
  const seconds = secondsLeft(untilMs, nowMs);
  return { left: seconds > 0 ? formatLeft(seconds) : null, seconds, withDate: endsOnAnotherDay(untilMs, nowMs, zone) };
}
