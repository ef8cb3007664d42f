/**
 * Polling fallback: when each open payment is asked about, as a function of
 * its age (so a restart does not start the fast phase again). While the
 * payment is on the cashier's screen — its first `attendedMs` (2 min) — the
 * first poll comes after 3 s and then one every 5 s; after that the gap
 * doubles from 10 s up to 30 min. A verified notification for the payment
 * proves the listener reachable: from then on polls are at least
 * `afterWebhookMs` (1 min) apart, and none follow once a confirmation made it
 * final. Tracking ends at expiry + grace with one last poll — expiry on the
 * gateway's clock (`gatewayTime`) — and a poll there that gets no answer is
 * retried every `sweepMs` until one comes. Over a whole unpaid window this is
 * about 32 calls for a 15-min QRIS and 80 for a 24-h VA or store code.
 * The polls themselves go through the status scheduler (`poll`); the tracker
 * holds nothing for a payment it no longer tracks.
 */
import type { Cancel, Clock } from '../clock';
import type { Logger } from '../logger';
import type { StatusKindCounts } from './status-counts';
import type { StatusCounters } from './status-scheduler';

/** Polls one payment (`attended`: it is still on the cashier's screen); resolves true to keep tracking. */
export type PollFn = (paymentId: string, attended: boolean) => Promise<boolean>;

/** Cadence settings (all ms). */
export interface TrackerTimings {
  /** Age of the first poll (default 3 000). */
  firstDelayMs: number;
  /** How long a new payment counts as on the cashier's screen (default 120 000). */
  attendedMs: number;
  /** Gap between polls while it is (default 5 000). */
  attendedIntervalMs: number;
  /** First gap after that phase (default 10 000). */
  backoffStartMs: number;
  /** Backoff multiplier after that phase (default 2). */
  factor: number;
  /** Cap on the gap between polls (default 30 min). */
  maxDelayMs: number;
  /** Once a notification arrived for the payment, polls are at least this far apart (default 60 000). */
  afterWebhookMs: number;
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
  attendedMs: 120_000,
  attendedIntervalMs: 5_000,
  backoffStartMs: 10_000,
  factor: 2,
  maxDelayMs: 30 * 60_000,
  afterWebhookMs: 60_000,
  graceMs: 60_000,
  noExpiryWindowMs: 24 * 60 * 60 * 1000,
  sweepMs: 5 * 60 * 1000,
};

/** Dependencies of the tracker. */
export interface TrackerDeps {
  clock: Clock;
  /** The gateway's clock (expiry is the gateway's word); default: `clock`. */
  gatewayTime?: { now(): number };
  /** The tracker scopes it as `tracker`. */
  logger: Logger;
  poll: PollFn;
  timings?: Partial<TrackerTimings>;
  /** Told when a payment stops being tracked (its status-call counts may go). */
  onRelease?: (paymentId: string) => void;
}

interface Entry {
  id: string;
  /** Till-clock ms the payment was created (its age drives the cadence). */
  createdAt: number;
  /** Gateway-clock ms after which the next poll is the last. */
  deadline: number;
  /** A verified notification arrived for it. */
  webhook: boolean;
  /** Past the deadline without an answer: slow sweep. */
  sweeping: boolean;
  /** Till-clock ms the armed poll fires, or null while one runs. */
  dueAt: number | null;
  cancel: Cancel | null;
}

/** Counters for the benchmark and tests (the status scheduler keeps the call counts). */
export interface TrackerCounters {
  /** Payments tracked now. */
  tracked: number;
  /** Status calls made by polling since start. */
  statusCalls: number;
  /** Polls per payment still tracked (or with a call queued). */
  perPayment: Record<string, number>;
}

/** What tests and the benchmark may read about status calls (no way to change anything). */
export interface TrackingReadout {
  /** True while the payment is tracked (a poll scheduled or running). */
  isTracking(paymentId: string): boolean;
  /** Status calls made by polling for one payment (held while it is live, then among the recent ones). */
  statusCalls(paymentId: string): number;
  /** Every status call made for one payment, by kind. */
  callsFor(paymentId: string): StatusKindCounts;
  /** Polling counters plus the status scheduler's (calls per kind and per minute, queue, ceiling). */
  counters(): TrackerCounters & { status: StatusCounters };
}

/** Per-payment poll timers with an age-based cadence, a deadline and clean shutdown. */
export class PaymentTracker {
  private readonly timings: TrackerTimings;
  private readonly clock: Clock;
  private readonly gatewayTime: { now(): number };
  private readonly log: Logger;
  private readonly poll: PollFn;
  private readonly onRelease: (paymentId: string) => void;
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor({ clock, gatewayTime, logger, poll, timings, onRelease }: TrackerDeps) {
    this.timings = { ...DEFAULT_TRACKER_TIMINGS, ...timings };
    this.clock = clock;
    this.gatewayTime = gatewayTime ?? clock;
    this.log = logger.scope('tracker');
    this.poll = poll;
    this.onRelease = onRelease ?? (() => {});
  }

  /**
   * Starts (or keeps) tracking `paymentId` until `expiresAt` (ISO UTC, the
   * gateway's clock) + grace. `createdAt` (ISO, till clock; default now) sets
   * where in the cadence it is. Tracking an already tracked payment only
   * updates its deadline. A payment already past its deadline gets one status
   * check now (and the slow sweep if that check gets no answer).
   */
  track(paymentId: string, expiresAt: string | null, createdAt?: string | null): void {
    if (this.stopped) return;
    const gatewayNow = this.gatewayTime.now();
    const exp = expiresAt ? Date.parse(expiresAt) : NaN;
    const deadline = Number.isFinite(exp) ? exp + this.timings.graceMs : gatewayNow + this.timings.noExpiryWindowMs;
    const existing = this.entries.get(paymentId);
    if (existing) {
      if (!existing.sweeping) existing.deadline = deadline;
      return;
    }
    const created = createdAt ? Date.parse(createdAt) : NaN;
    const now = this.clock.now();
    const e: Entry = {
      id: paymentId, createdAt: Number.isFinite(created) ? Math.min(created, now) : now, deadline, webhook: false, sweeping: false,
      dueAt: null, cancel: null,
    };
    this.entries.set(paymentId, e);
    this.arm(e, gatewayNow >= deadline ? 0 : this.delayFor(e, now));
  }

  /** Stops tracking one payment (final state reached elsewhere, e.g. by webhook). */
  untrack(paymentId: string): void {
    const e = this.entries.get(paymentId);
    if (!e) return;
    e.cancel?.();
    this.entries.delete(paymentId);
    this.onRelease(paymentId);
  }

  /**
   * A verified notification arrived for this payment: the listener is
   * reachable, so polling drops to the after-webhook cadence (it stays as the
   * safety net until a confirmation makes the payment final).
   */
  noteWebhook(paymentId: string): void {
    const e = this.entries.get(paymentId);
    if (!e || e.webhook) return;
    e.webhook = true;
    if (e.dueAt === null || e.sweeping) return;
    const now = this.clock.now();
    const due = now + this.delayFor(e, now);
    if (due > e.dueAt) this.arm(e, due - now);
  }

  /** True while `paymentId` has a poll scheduled (or running). */
  isTracking(paymentId: string): boolean {
    return this.entries.has(paymentId);
  }

  /** Payments tracked now. */
  get size(): number {
    return this.entries.size;
  }

  /** Cancels every timer; later `track` calls are ignored. */
  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) e.cancel?.();
    const ids = [...this.entries.keys()];
    this.entries.clear();
    for (const id of ids) this.onRelease(id);
  }

  /** Gap to the next poll for a payment of this age (see the file comment). */
  private delayFor(e: Entry, now: number): number {
    const t = this.timings;
    const age = now - e.createdAt;
    if (!e.webhook && age < t.attendedMs) {
      if (age < t.firstDelayMs) return t.firstDelayMs - age;
      // On a fixed grid (3 s, 8 s, 13 s, …) however long each poll took.
      const step = Math.max(1, t.attendedIntervalMs);
      return step - ((age - t.firstDelayMs) % step);
    }
    const backoff = Math.min(t.maxDelayMs, t.backoffStartMs + (t.factor - 1) * Math.max(0, age - t.attendedMs));
    return e.webhook ? Math.max(backoff, t.afterWebhookMs) : backoff;
  }

  private arm(e: Entry, delay: number): void {
    e.cancel?.();
    // Never past the deadline (on the gateway's clock): the last poll happens at it.
    const toDeadline = e.deadline - this.gatewayTime.now();
    const wait = Math.max(0, e.sweeping ? delay : Math.min(delay, toDeadline));
    e.dueAt = this.clock.now() + wait;
    e.cancel = this.clock.setTimeout(() => void this.fire(e), wait);
  }

  private async fire(e: Entry): Promise<void> {
    e.cancel = null;
    e.dueAt = null;
    if (this.entries.get(e.id) !== e) return;
    const last = this.gatewayTime.now() >= e.deadline;
    const attended = !e.webhook && this.clock.now() - e.createdAt < this.timings.attendedMs;
    let keep = true;
    let answered = true;
    try {
      keep = await this.poll(e.id, attended);
    } catch (err) {
      answered = false;
      if (this.stopped) return; // the engine stopped while this poll waited in the status queue
      this.log.warn('status poll failed; will retry', {
        paymentId: e.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    if (this.entries.get(e.id) !== e) return;
    if (last && !answered) {
      // No definite answer yet: keep asking, slowly, for as long as it takes.
      e.sweeping = true;
      this.arm(e, this.timings.sweepMs);
      return;
    }
    if (!keep || last) {
      if (keep) this.log.warn('payment still open after expiry + grace; stopped polling', { paymentId: e.id });
      this.untrack(e.id);
      return;
    }
    this.arm(e, this.delayFor(e, this.clock.now()));
  }
}
