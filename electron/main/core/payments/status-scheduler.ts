/**
 * Every status call Kasir makes to Midtrans goes through this one queue:
 * polls, webhook confirmations, start-up recovery, re-checks of settled
 * payments, the check after a failed charge, cancel or refund, and the
 * re-reads before a day is closed. Midtrans publishes no rate limit but asks
 * integrators not to overuse the status API, so the queue keeps a global
 * ceiling (calls started in any 60 s of the injected clock, default 120),
 * serves callers by who is waiting (a payment on a cashier's screen first,
 * background re-checks last), keeps a share of the ceiling and one connection
 * free for the screen, makes at most one call per payment at a time and folds
 * a request for a payment already waiting in the queue into that one.
 * Counters: calls per kind, per payment and per minute.
 */
import type { Cancel, Clock } from '../clock';
import type { Logger } from '../logger';
import type { GatewayRef, GatewayTransaction, PaymentGateway } from '../gateway/types';
import { StatusCallCounts, type StatusKind, type StatusKindCounts } from './status-counts';

export { STATUS_KINDS, type StatusKind, type StatusKindCounts } from './status-counts';

/** Who is waiting for a call, in the order calls are served. */
export const STATUS_PRIORITIES = ['screen', 'confirm', 'closing', 'recovery', 'poll', 'recheck'] as const;
export type StatusPriority = (typeof STATUS_PRIORITIES)[number];

/** Priorities that may use only the background share of the ceiling (nobody is looking at them). */
const BACKGROUND: ReadonlySet<StatusPriority> = new Set(['recovery', 'poll', 'recheck']);
const RANK = Object.fromEntries(STATUS_PRIORITIES.map((p, i) => [p, i])) as Record<StatusPriority, number>;
const MINUTE = 60_000;

/** The budget. */
export interface StatusBudget {
  /** Ceiling: status calls started in any 60 s (default 120). */
  perMinute: number;
  /** Share of the ceiling recovery, unattended polls and re-checks may use (default 0.75; the rest is kept for the screen). */
  backgroundShare: number;
  /** Calls in flight at once (default 4; background work gets one less). */
  maxConcurrent: number;
}

export const DEFAULT_STATUS_BUDGET: StatusBudget = { perMinute: 120, backgroundShare: 0.75, maxConcurrent: 4 };

/** One status call wanted. */
export interface StatusRequest {
  paymentId: string;
  kind: StatusKind;
  priority: StatusPriority;
  /** Read when the call starts, so a queued call uses what the ledger knows by then. */
  ref: () => GatewayRef;
}

/** What the scheduler has done (for the benchmark, tests and logs). */
export interface StatusCounters {
  /** Calls started since the engine was built. */
  calls: number;
  byKind: StatusKindCounts;
  /** Calls started in the last 60 s of the clock. */
  lastMinute: number;
  /** The most calls started in any 60 s so far. */
  maxPerMinute: number;
  ceilingPerMinute: number;
  queued: number;
  inFlight: number;
  /** Payments whose counts are still held (tracked, or with a call queued or running). */
  livePayments: number;
  /** Payments whose counts were let go (nothing left to do for them), with their calls and the most one had. */
  released: { payments: number; calls: number; maxCalls: number };
}

/** Dependencies of the scheduler. */
export interface StatusSchedulerDeps {
  gateway: Pick<PaymentGateway, 'status'>;
  clock: Clock;
  /** Scoped as `status-scheduler`. */
  logger: Logger;
  budget?: Partial<StatusBudget>;
  /** True while something else (the tracker) still needs the payment's counts; default: nothing does. */
  retain?: (paymentId: string) => boolean;
}

interface Waiter {
  resolve: (tx: GatewayTransaction | null) => void;
  reject: (e: unknown) => void;
}

interface Job {
  paymentId: string;
  kind: StatusKind;
  priority: StatusPriority;
  seq: number;
  ref: () => GatewayRef;
  waiters: Waiter[];
}

/** Thrown to callers still queued when the engine stops. */
export class StatusSchedulerStopped extends Error {
  constructor() {
    super('status scheduler stopped');
    this.name = 'StatusSchedulerStopped';
  }
}

/** The one queue for status calls. */
export class StatusScheduler {
  private readonly budget: StatusBudget;
  private readonly gateway: StatusSchedulerDeps['gateway'];
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly retain: (paymentId: string) => boolean;
  /** Waiting jobs by priority rank, then arrival. */
  private readonly queue: Job[] = [];
  private readonly queuedBy = new Map<string, Job>();
  private readonly running = new Set<string>();
  /** Start times of calls in the last minute, oldest first (from `head`). */
  private starts: number[] = [];
  private head = 0;
  private maxPerMinute = 0;
  private seq = 0;
  private timer: Cancel | null = null;
  /** Clock time the timer fires. */
  private timerAt = 0;
  private stopped = false;
  readonly counts = new StatusCallCounts();

  constructor({ gateway, clock, logger, budget, retain }: StatusSchedulerDeps) {
    const b = { ...DEFAULT_STATUS_BUDGET, ...budget };
    if (!(b.perMinute >= 1)) throw new RangeError('statusBudget.perMinute must be at least 1');
    this.budget = { perMinute: Math.floor(b.perMinute), backgroundShare: Math.min(1, Math.max(0, b.backgroundShare)), maxConcurrent: Math.max(1, Math.floor(b.maxConcurrent)) };
    this.gateway = gateway;
    this.clock = clock;
    this.log = logger.scope('status-scheduler');
    this.retain = retain ?? (() => false);
  }

  /**
   * Asks the gateway for one payment's status when the budget allows. A
   * request for a payment that already waits in the queue shares that call
   * (at the better of the two priorities); one that arrives while a call for
   * it runs waits for a fresh one. Rejects with StatusSchedulerStopped if the
   * engine stops first.
   */
  status(req: StatusRequest): Promise<GatewayTransaction | null> {
    if (this.stopped) return Promise.reject(new StatusSchedulerStopped());
    return new Promise((resolve, reject) => {
      const waiting = this.queuedBy.get(req.paymentId);
      if (waiting) {
        waiting.waiters.push({ resolve, reject });
        if (RANK[req.priority] < RANK[waiting.priority]) {
          this.queue.splice(this.queue.indexOf(waiting), 1);
          waiting.priority = req.priority;
          waiting.kind = req.kind;
          this.enqueue(waiting);
        }
      } else {
        const job: Job = { ...req, seq: this.seq++, waiters: [{ resolve, reject }] };
        this.queuedBy.set(req.paymentId, job);
        this.enqueue(job);
      }
      this.pump();
    });
  }

  /** The payment needs nothing more for now: its counts are let go unless a call is queued or running. */
  release(paymentId: string): void {
    if (this.queuedBy.has(paymentId) || this.running.has(paymentId) || this.retain(paymentId)) return;
    this.counts.release(paymentId);
  }

  /** Calls made for one payment, by kind (held while it is live, then from a bounded list of recent payments). */
  callsFor(paymentId: string): StatusKindCounts {
    return this.counts.of(paymentId);
  }

  /** The counters (see StatusCounters). */
  counters(): StatusCounters {
    this.prune(this.clock.now());
    return {
      calls: this.counts.total,
      byKind: { ...this.counts.byKind },
      lastMinute: this.starts.length - this.head,
      maxPerMinute: this.maxPerMinute,
      ceilingPerMinute: this.budget.perMinute,
      queued: this.queue.length,
      inFlight: this.running.size,
      livePayments: this.counts.live,
      released: this.counts.releasedSummary(),
    };
  }

  /** Refuses new requests and fails the queued ones; running calls finish. */
  stop(): void {
    this.stopped = true;
    this.timer?.();
    this.timer = null;
    const waiting = this.queue.splice(0);
    this.queuedBy.clear();
    for (const job of waiting) for (const w of job.waiters) w.reject(new StatusSchedulerStopped());
  }

  private enqueue(job: Job): void {
    // Binary search on (rank, seq): the queue stays sorted.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = this.queue[mid]!;
      if (RANK[q.priority] < RANK[job.priority] || (q.priority === job.priority && q.seq < job.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, job);
  }

  private limitFor(p: StatusPriority): { calls: number; concurrent: number } {
    const { perMinute, backgroundShare, maxConcurrent } = this.budget;
    if (!BACKGROUND.has(p)) return { calls: perMinute, concurrent: Math.max(1, maxConcurrent) };
    return { calls: Math.max(1, Math.floor(perMinute * backgroundShare)), concurrent: Math.max(1, maxConcurrent - 1) };
  }

  private prune(now: number): void {
    while (this.head < this.starts.length && this.starts[this.head]! <= now - MINUTE) this.head++;
    if (this.head > 1024) {
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
  }

  private pump(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    this.prune(now);
    let windowBlocked = false;
    for (let i = 0; i < this.queue.length; ) {
      if (this.running.size >= this.budget.maxConcurrent || this.starts.length - this.head >= this.budget.perMinute) {
        windowBlocked ||= this.starts.length - this.head >= this.budget.perMinute;
        break; // nothing more can start now, whatever its priority
      }
      const job = this.queue[i]!;
      const limit = this.limitFor(job.priority);
      const inWindow = this.starts.length - this.head;
      if (inWindow >= limit.calls) windowBlocked = true;
      if (inWindow < limit.calls && this.running.size < limit.concurrent && !this.running.has(job.paymentId)) {
        this.queue.splice(i, 1);
        this.start(job, now);
        continue;
      }
      // Background jobs come last and share one limit: once one is held by it, so is every one after it
      // (a long queue of confirmations or polls costs one look per pump, not one per job).
      if (BACKGROUND.has(job.priority) && (inWindow >= limit.calls || this.running.size >= limit.concurrent)) break;
      i++;
    }
    if (windowBlocked && this.queue.length > 0) {
      // The oldest call in the window ages out first; look again then (a timer already set for then stays:
      // a burst of queued confirmations does not re-arm it once per request).
      const at = now + Math.max(1, this.starts[this.head]! + MINUTE - now);
      if (this.timer && this.timerAt === at) return;
      this.timer?.();
      this.timerAt = at;
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.pump();
      }, at - now);
      return;
    }
    this.timer?.();
    this.timer = null;
  }

  private start(job: Job, now: number): void {
    this.queuedBy.delete(job.paymentId);
    this.running.add(job.paymentId);
    this.starts.push(now);
    this.maxPerMinute = Math.max(this.maxPerMinute, this.starts.length - this.head);
    this.counts.add(job.paymentId, job.kind);
    void (async () => {
      try {
        const tx = await this.gateway.status(job.ref());
        for (const w of job.waiters) w.resolve(tx);
      } catch (e) {
        for (const w of job.waiters) w.reject(e);
      } finally {
        this.running.delete(job.paymentId);
        this.release(job.paymentId);
        this.pump();
      }
    })().catch((e: unknown) => this.log.error('status call bookkeeping failed', { error: e instanceof Error ? e.message : String(e) }));
  }
}

/**
 * A gateway whose `status` goes through the scheduler (the charge, refund
 * and cancel flows use it, so their follow-up checks count against the same
 * budget); charge, cancel and refund pass straight through.
 */
export function scheduledGateway(
  gateway: PaymentGateway,
  scheduler: StatusScheduler,
  opts: { kind: StatusKind; priority: StatusPriority; paymentIdOf: (ref: GatewayRef) => string },
): PaymentGateway {
  return {
    charge: (req) => gateway.charge(req),
    cancel: (ref) => gateway.cancel(ref),
    refund: (req) => gateway.refund(req),
    status: (ref) => scheduler.status({ paymentId: opts.paymentIdOf(ref), kind: opts.kind, priority: opts.priority, ref: () => ref }),
  };
}
