/**
 * Polling fallback. While a payment is open and no webhook has settled it,
 * the tracker asks the status API — first after `firstDelayMs`, then with
 * ×`factor` backoff capped at `maxDelayMs` (at most one call per 10 s per
 * payment by default) — until the poll says stop, or until expiry + grace,
 * when it makes one last call and gives up. Runs only on the injected Clock.
 */
import type { Cancel, Clock } from '../clock';
import type { Logger } from '../logger';

/** Polls one payment; resolves true to keep tracking, false when it reached a final state. */
export type PollFn = (paymentId: string) => Promise<boolean>;

/** Cadence settings (all ms). */
export interface TrackerTimings {
  /** Delay before the first poll (default 3 000). */
  firstDelayMs: number;
  /** Backoff multiplier (default 2). */
  factor: number;
  /** Cap on the delay between polls (default 10 000). */
  maxDelayMs: number;
  /** Keep polling this long after the payment's expiry (default 60 000). */
  graceMs: number;
  /** Tracking window when the gateway gave no expiry (default 24 h). */
  noExpiryWindowMs: number;
  /**
   * Past the deadline, a poll that got no answer is retried this often until
   * one comes (default 5 min): a paid sale must never stay "pending" because
   * the network happened to be down at expiry.
   */
  sweepMs: number;
}

export const DEFAULT_TRACKER_TIMINGS: TrackerTimings = {
  firstDelayMs: 3_000,
  factor: 2,
  maxDelayMs: 10_000,
  graceMs: 60_000,
  noExpiryWindowMs: 24 * 60 * 60 * 1000,
  sweepMs: 5 * 60 * 1000,
};

/** Dependencies of the tracker. */
export interface TrackerDeps {
  clock: Clock;
  /** The tracker scopes it as `tracker`. */
  logger: Logger;
  poll: PollFn;
  timings?: Partial<TrackerTimings>;
}

interface Entry {
  id: string;
  deadline: number;
  delay: number;
  cancel: Cancel | null;
}

/** Counters for the benchmark and tests. */
export interface TrackerCounters {
  tracked: number;
  statusCalls: number;
  perPayment: Record<string, number>;
}

/** What tests and the benchmark may read about polling (no way to change it). */
export type TrackingReadout = Pick<PaymentTracker, 'isTracking' | 'statusCalls' | 'counters'>;

/** Per-payment poll scheduler with backoff, deadline and clean shutdown. */
export class PaymentTracker {
  private readonly timings: TrackerTimings;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly poll: PollFn;
  private readonly entries = new Map<string, Entry>();
  private readonly calls = new Map<string, number>();
  private totalCalls = 0;
  private stopped = false;

  constructor({ clock, logger, poll, timings }: TrackerDeps) {
    this.timings = { ...DEFAULT_TRACKER_TIMINGS, ...timings };
    this.clock = clock;
    this.log = logger.scope('tracker');
    this.poll = poll;
  }

  /**
   * Starts (or keeps) tracking `paymentId` until `expiresAt` (ISO UTC) + grace.
   * Tracking an already tracked payment only updates its deadline. A payment
   * already past its deadline gets one status check now (and the slow sweep
   * if that check gets no answer).
   */
  track(paymentId: string, expiresAt: string | null): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const exp = expiresAt ? Date.parse(expiresAt) : NaN;
    const deadline = Number.isFinite(exp) ? exp + this.timings.graceMs : now + this.timings.noExpiryWindowMs;
    const existing = this.entries.get(paymentId);
    if (existing) {
      existing.deadline = deadline;
      return;
    }
    const overdue = now >= deadline;
    const e: Entry = { id: paymentId, deadline: overdue ? now : deadline, delay: overdue ? 0 : this.timings.firstDelayMs, cancel: null };
    this.entries.set(paymentId, e);
    this.schedule(e);
  }

  /** Stops tracking one payment (final state reached elsewhere, e.g. by webhook). */
  untrack(paymentId: string): void {
    const e = this.entries.get(paymentId);
    if (!e) return;
    e.cancel?.();
    this.entries.delete(paymentId);
  }

  /**
   * A webhook arrived for this payment: the listener is reachable, so relax
   * polling to the slowest cadence (it stays as the safety net).
   */
  noteWebhook(paymentId: string): void {
    const e = this.entries.get(paymentId);
    if (!e || e.delay >= this.timings.maxDelayMs || !e.cancel) return;
    e.cancel();
    e.delay = this.timings.maxDelayMs;
    this.schedule(e);
  }

  /** True while `paymentId` has a poll scheduled (or running). */
  isTracking(paymentId: string): boolean {
    return this.entries.has(paymentId);
  }

  /** Status calls made by polling for one payment. */
  statusCalls(paymentId: string): number {
    return this.calls.get(paymentId) ?? 0;
  }

  /** Totals since start: payments tracked now, status calls made by polling (all / per payment). */
  counters(): TrackerCounters {
    return { tracked: this.entries.size, statusCalls: this.totalCalls, perPayment: Object.fromEntries(this.calls) };
  }

  /** Cancels every timer; later `track` calls are ignored. */
  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) e.cancel?.();
    this.entries.clear();
  }

  private schedule(e: Entry): void {
    const now = this.clock.now();
    const wait = Math.max(0, Math.min(e.delay, e.deadline - now));
    e.cancel = this.clock.setTimeout(() => void this.fire(e), wait);
  }

  private async fire(e: Entry): Promise<void> {
    e.cancel = null;
    if (this.entries.get(e.id) !== e) return;
    const last = this.clock.now() >= e.deadline;
    this.totalCalls++;
    this.calls.set(e.id, (this.calls.get(e.id) ?? 0) + 1);
    let keep = true;
    let answered = true;
    try {
      keep = await this.poll(e.id);
    } catch (err) {
      answered = false;
      this.log.warn('status poll failed; will retry', {
        paymentId: e.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    if (this.entries.get(e.id) !== e) return;
    if (last && !answered) {
      // No definite answer yet: keep asking, slowly, for as long as it takes.
      e.delay = this.timings.sweepMs;
      e.deadline = this.clock.now() + this.timings.sweepMs;
      this.schedule(e);
      return;
    }
    if (!keep || last) {
      if (keep) this.log.warn('payment still open after expiry + grace; stopped polling', { paymentId: e.id });
      this.entries.delete(e.id);
      return;
    }
    e.delay = Math.min(e.delay * this.timings.factor, this.timings.maxDelayMs);
    this.schedule(e);
  }
}
