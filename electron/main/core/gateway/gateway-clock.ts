/**
 * Midtrans' clock, as the till measures it from what Midtrans returns. Expiry
 * is Midtrans' decision on Midtrans' clock, so everything that compares a
 * time with an expiry (tracking, SNAP-BI `X-TIMESTAMP` and validity fields,
 * the "valid until" on screen) reads `now()` here instead of the till's clock.
 *
 * How the offset is measured:
 * - Every HTTP answer's `Date` header is one reading (`begin()` before the
 *   request, `fromDate` with the answer). `Date` is truncated to the second,
 *   so the server read its clock somewhere in [Date, Date + 1 s) while the
 *   till read between sending and receiving: the reading is
 *   `Date + 500 ms − midpoint(sent, received)`.
 * - A body time (Core API `transaction_time` of a fresh charge) counts only
 *   when the same answer carried no `Date` (a proxy may strip it).
 * - The offset is the median of the last 5 readings (for an even count the
 *   newest is left out), so one odd reading — a cached answer, a slow proxy —
 *   never moves it; a real change (the till's clock was corrected) shows
 *   after the second or third reading.
 * - |offset| < 1.5 s is treated as 0: it is within what a 1 s `Date` can tell.
 * - Until the first reading the offset is 0 (the till's clock is all there
 *   is); `sync()` makes one cheap call to get a reading (the SNAP-BI B2B token,
 *   needed anyway), which the till does at start and before the first SNAP-BI
 *   charge, whose validity must be right on the first try.
 *
 * When the till is off by more than a minute the cashier is told
 * (`onSkew` → `app.notice` `clock_skew`): once when it is detected, again
 * when it changes by another minute or more, and afresh after it came back
 * under half a minute.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';

/** What the payment engine reads: Midtrans' time and the offset it was derived with. */
export interface GatewayTime {
  /** Midtrans' clock now (ms since the epoch): the till's clock plus the offset. */
  now(): number;
  /** Midtrans' clock minus the till's, in ms; 0 until measured or when within Date's resolution. */
  offsetMs(): number;
}

/** How far off the till's clock is, as the cashier is told. */
export interface ClockSkew {
  /** Midtrans minus till, ms. */
  offsetMs: number;
  /** Whole minutes the till is off (≥ 1). */
  minutes: number;
  /** The till's clock relative to Midtrans'. */
  direction: 'ahead' | 'behind';
}

/** A measured GatewayTime with a way to get a first reading and to hear about skew. */
export interface GatewayTimeSource extends GatewayTime {
  /** True once at least one reading was taken. */
  measured(): boolean;
  /** Gets a first reading if there is none (one cheap call; never throws). */
  sync(): Promise<void>;
  /** Subscribes to skew reports; returns the unsubscribe function. */
  onSkew(listener: (skew: ClockSkew) => void): () => void;
}

/** One request's reading, started before it is sent. */
export interface ClockReading {
  /** The answer's `Date` header. */
  fromDate(header: string | string[] | undefined): void;
  /** A gateway time from the answer's body; ignored when a `Date` reading was taken meanwhile. */
  fromBody(gatewayMs: number | null | undefined): void;
}

export interface GatewayClockOptions {
  /** The till's clock. */
  clock: Clock;
  logger: Logger;
  /** The cheap call `sync()` makes (e.g. fetching the SNAP-BI token); absent: `sync()` waits for ordinary traffic. */
  probe?: () => Promise<unknown>;
  /** Readings the median is taken over (default 5). */
  window?: number;
  /** Offsets smaller than this are 0 (default 1 500 ms). */
  deadbandMs?: number;
  /** Skew the cashier is told about (default 60 000 ms). */
  skewNoticeMs?: number;
}

const DEFAULT_WINDOW = 5;
const DEFAULT_DEADBAND_MS = 1_500;
const DEFAULT_SKEW_NOTICE_MS = 60_000;

/** Midtrans' clock from the readings of its answers (see module doc). */
export class GatewayClock implements GatewayTimeSource {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly probe: (() => Promise<unknown>) | undefined;
  private readonly window: number;
  private readonly deadbandMs: number;
  private readonly skewNoticeMs: number;
  private readonly readings: number[] = [];
  private readonly listeners = new Set<(skew: ClockSkew) => void>();
  private offset = 0;
  /** `Date` readings taken so far (a body reading defers to one taken while its request ran). */
  private dateReadings = 0;
  /** The offset last reported as skew; null when none is outstanding. */
  private announced: number | null = null;
  private probing: Promise<void> | null = null;

  constructor(opts: GatewayClockOptions) {
    this.clock = opts.clock;
    this.log = opts.logger.scope('clock');
    this.probe = opts.probe;
    this.window = Math.max(1, opts.window ?? DEFAULT_WINDOW);
    this.deadbandMs = opts.deadbandMs ?? DEFAULT_DEADBAND_MS;
    this.skewNoticeMs = opts.skewNoticeMs ?? DEFAULT_SKEW_NOTICE_MS;
  }

  now(): number {
    return this.clock.now() + this.offset;
  }

  offsetMs(): number {
    return this.offset;
  }

  measured(): boolean {
    return this.readings.length > 0;
  }

  onSkew(listener: (skew: ClockSkew) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async sync(): Promise<void> {
    if (this.measured() || !this.probe) return;
    this.probing ??= this.probe().then(
      () => {
        this.probing = null;
      },
      (e: unknown) => {
        this.probing = null;
        this.log.warn('could not read Midtrans clock; using the till clock until an answer comes', { error: e instanceof Error ? e.message : String(e) });
      },
    );
    await this.probing;
  }

  /** Starts one request's reading (call just before sending). */
  begin(): ClockReading {
    const sentAt = this.clock.now();
    const datesBefore = this.dateReadings;
    return {
      fromDate: (header) => {
        const value = Array.isArray(header) ? header[0] : header;
        const ms = value ? Date.parse(value) : NaN;
        if (!Number.isFinite(ms)) return;
        const receivedAt = this.clock.now();
        this.dateReadings++;
        // The server's clock read somewhere in [Date, Date + 1 s); the till's between sending and receiving.
        this.record(ms + 500 - (sentAt + receivedAt) / 2);
      },
      fromBody: (gatewayMs) => {
        if (gatewayMs === null || gatewayMs === undefined || !Number.isFinite(gatewayMs) || this.dateReadings > datesBefore) return;
        this.record(gatewayMs + 500 - (sentAt + this.clock.now()) / 2);
      },
    };
  }

  private record(reading: number): void {
    this.readings.push(reading);
    if (this.readings.length > this.window) this.readings.shift();
    const before = this.offset;
    const median = medianOf(this.readings.length % 2 === 0 ? this.readings.slice(0, -1) : this.readings);
    this.offset = Math.abs(median) < this.deadbandMs ? 0 : Math.round(median);
    if (Math.abs(this.offset - before) >= this.deadbandMs) this.log.info('Midtrans clock offset', { offsetMs: this.offset, previousMs: before });
    this.checkSkew();
  }

  private checkSkew(): void {
    const off = this.offset;
    if (Math.abs(off) < this.skewNoticeMs / 2) {
      this.announced = null;
      return;
    }
    if (Math.abs(off) <= this.skewNoticeMs) return;
    if (this.announced !== null && Math.abs(off - this.announced) < this.skewNoticeMs) return;
    this.announced = off;
    const skew: ClockSkew = { offsetMs: off, minutes: Math.max(1, Math.round(Math.abs(off) / 60_000)), direction: off > 0 ? 'behind' : 'ahead' };
    this.log.warn("the till's clock is off Midtrans' clock", { ...skew });
    for (const listener of this.listeners) {
      try {
        listener(skew);
      } catch (e) {
        this.log.error('clock skew listener threw', { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}

/** A GatewayTime that is the till's clock (no gateway, or a gateway that cannot be measured). */
export function tillTime(clock: Clock): GatewayTimeSource {
  return { now: () => clock.now(), offsetMs: () => 0, measured: () => false, sync: async () => {}, onSkew: () => () => {} };
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
