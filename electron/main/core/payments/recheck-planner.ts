/**
 * Re-reads paid payments that can still change at the gateway (a bank or
 * store reversal, a refund made in the Midtrans dashboard), on the schedule
 * in recheck-schedule.ts, and the payments of a day before it is closed.
 *
 * The plan lives in the ledger (`payment_rechecks`: next and last re-check
 * per payment), never only in memory: a payment gets its row when it is seen
 * paid, each re-check rewrites it, and at start-up payments paid inside their
 * windows without a row (a crash in between, or a ledger from before the
 * plan existed) get one. One timer on the injected clock wakes the planner
 * at the earliest planned re-check; due ones go to the status scheduler at
 * the lowest priority, a batch at a time, and what they find is applied
 * through the state machine with source `reconcile`. Both wait a few seconds
 * after start (`startDelayMs`): the first screen comes first.
 */
import { PAYMENT_METHOD_SPECS, PAYMENT_METHODS } from '../../../../shared/domain/payment-methods';
import { isoUtc, type Cancel, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { RecheckCandidate, RecheckRepository } from '../ledger/recheck-repository';
import { errorFields } from './charge-errors';
import type { Reconciler } from './reconciler';
import {
  DEFAULT_RECHECK_TIMINGS,
  firstRecheckAt,
  mayStillChange,
  nextRecheckAt,
  recheckHorizonMs,
  recheckOffsets,
  type RecheckTimings,
} from './recheck-schedule';

/** Dependencies of the planner. */
export interface RecheckPlannerDeps {
  clock: Clock;
  /** Scoped as `rechecks`. */
  logger: Logger;
  payments: PaymentRepository;
  rechecks: RecheckRepository;
  reconciler: Pick<Reconciler, 'recheck' | 'inBackground'>;
  timings?: Partial<RecheckTimings>;
}

/** What the re-read before closing a day did. */
export interface DayRecheck {
  /** Payments of the day that could still differ. */
  candidates: number;
  /** Re-read just before (within `dayCloseFreshMs`), so not asked again. */
  fresh: number;
  /** Answered. */
  checked: number;
  /** Answers that differed from the ledger (applied or recorded). */
  changed: number;
  /** Still waiting when `dayCloseWaitMs` ran out, or failed: the day closes with what the ledger knows. */
  unfinished: number;
}

/** Closing's order: open payments (they block the close), reversible settlements, refundable ones, then the rest. */
function closingRank(c: RecheckCandidate): number {
  if (c.status === 'creating' || c.status === 'pending') return 0;
  if (c.status === 'failed_to_create') return 3;
  return PAYMENT_METHOD_SPECS[c.method].reversible ? 1 : 2;
}

/** Plans and runs re-checks of paid payments that can still move. */
export class RecheckPlanner {
  private readonly t: RecheckTimings;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly payments: PaymentRepository;
  private readonly repo: RecheckRepository;
  private readonly reconciler: RecheckPlannerDeps['reconciler'];
  /** Payments with a re-check handed to the scheduler and not back yet. */
  private readonly active = new Set<string>();
  private timer: Cancel | null = null;
  /** No re-check starts before this (start-up's quiet time: RecheckTimings.startDelayMs). */
  private quietUntil = 0;
  /** The start-up sweep's next step, while it runs. */
  private sweepTimer: Cancel | null = null;
  private wakeAt = Infinity;
  private stopped = false;

  constructor({ clock, logger, payments, rechecks, reconciler, timings }: RecheckPlannerDeps) {
    this.t = { ...DEFAULT_RECHECK_TIMINGS, ...timings };
    this.clock = clock;
    this.log = logger.scope('rechecks');
    this.payments = payments;
    this.repo = rechecks;
    this.reconciler = reconciler;
  }

  /**
   * Arms the timer for the plans on file (none runs before `startDelayMs`),
   * and then (one method per turn) plans the payments paid inside their
   * windows that have none yet.
   */
  start(): void {
    this.quietUntil = this.clock.now() + this.t.startDelayMs;
    this.arm();
    this.sweepTimer = this.clock.setTimeout(() => this.sweep(0), this.t.startDelayMs);
  }

  /** Plans the unplanned payments of PAYMENT_METHODS[from], then lets the loop breathe before the next method. */
  private sweep(from: number): void {
    this.sweepTimer = null;
    if (this.stopped) return;
    const method = PAYMENT_METHODS[from];
    if (method === undefined) return;
    const now = this.clock.now();
    const horizon = recheckHorizonMs(method, this.t);
    let planned = 0;
    if (horizon > 0) {
      for (const c of this.repo.unplanned(method, isoUtc(now - horizon))) {
        const at = firstRecheckAt(c, now, this.t);
        if (at === null) continue;
        this.repo.plan(c.id, isoUtc(at));
        planned++;
      }
    }
    if (planned > 0) {
      this.log.info('paid payments without a re-check plan planned', { method, planned });
      this.arm();
    }
    this.sweepTimer = this.clock.setTimeout(() => this.sweep(from + 1), 0);
  }

  /** A payment changed state: if it is now paid and can still move, plan its first re-check. */
  notePaid(paymentId: string): void {
    if (this.stopped) return;
    const row = this.payments.byId(paymentId);
    if (!row || row.api === 'none' || row.paid_at === null) return;
    const at = nextRecheckAt(row, this.clock.now(), this.t);
    if (at === null) return;
    this.repo.plan(paymentId, isoUtc(at));
    if (at < this.wakeAt) this.arm();
  }

  /**
   * Re-reads the payments of `[from, to)` that could still differ (see
   * `dayCandidates`), at closing priority, and resolves when all answered or
   * `dayCloseWaitMs` (injected clock) passed. Never rejects.
   */
  async recheckWindow(window: { from: string; to: string }): Promise<DayRecheck> {
    const now = this.clock.now();
    const all = this.repo
      .dayCandidates(window.from, window.to)
      .filter((c) => c.status === 'creating' || c.status === 'pending' || c.status === 'failed_to_create' || mayStillChange(c, now, this.t));
    const isFresh = (c: RecheckCandidate): boolean => c.checked_at !== null && now - Date.parse(c.checked_at) < this.t.dayCloseFreshMs;
    const todo = all.filter((c) => !isFresh(c)).sort((a, b) => closingRank(a) - closingRank(b));
    const result: DayRecheck = { candidates: all.length, fresh: all.length - todo.length, checked: 0, changed: 0, unfinished: todo.length };
    if (todo.length === 0 || this.stopped) return result;
    const runs = todo.map(async (c) => {
      try {
        const out = await this.reconciler.recheck(c.id, 'closing');
        if (!out) return;
        result.checked++;
        result.unfinished--;
        if (out.changed) result.changed++;
        if (this.repo.byPayment(c.id)) this.recordChecked(c.id, this.clock.now());
      } catch (e) {
        if (!this.stopped) this.log.warn('re-check before closing the day failed', { paymentId: c.id, ...errorFields(e) });
      }
    });
    let cancel: Cancel | null = null;
    const waited = new Promise<void>((resolve) => {
      cancel = this.clock.setTimeout(resolve, this.t.dayCloseWaitMs);
    });
    await Promise.race([Promise.all(runs), waited]);
    (cancel as Cancel | null)?.();
    const done = { ...result };
    if (done.unfinished > 0) this.log.warn('closing the day without every re-check answered', { ...done });
    return done;
  }

  /** Cancels the timer; nothing new is planned or started. */
  stop(): void {
    this.stopped = true;
    this.timer?.();
    this.timer = null;
    this.sweepTimer?.();
    this.sweepTimer = null;
    this.wakeAt = Infinity;
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer?.();
    this.timer = null;
    this.wakeAt = Infinity;
    // While a full batch is out, the next one is armed when a re-check comes back.
    if (this.active.size >= this.t.batch) return;
    // The earliest plan that is not out with the scheduler already (those are claimed until they come back).
    const next = this.repo.upcoming(this.active.size + 1).find((r) => !this.active.has(r.payment_id));
    if (!next) return;
    const at = Math.max(Date.parse(next.next_at), this.quietUntil);
    this.wakeAt = at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.wakeAt = Infinity;
      this.runDue();
    }, Math.max(0, at - this.clock.now()));
  }

  private runDue(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    try {
      // Claimed rows still out with the scheduler come back among the due ones: look past them.
      for (const plan of this.repo.due(isoUtc(now), this.t.batch + this.active.size)) {
        if (this.active.size >= this.t.batch) break;
        if (this.active.has(plan.payment_id)) continue;
        const row = this.payments.byId(plan.payment_id);
        if (!row || row.api === 'none' || recheckOffsets(row, this.t).length === 0) {
          // Final for good (reversed, fully refunded) or no longer paid: nothing left to re-read.
          this.repo.record(plan.payment_id, null, null, false);
          continue;
        }
        // Claimed until it comes back: a crash meanwhile leaves it due again after `retryMs`.
        this.repo.record(plan.payment_id, isoUtc(now + this.t.retryMs), null, false);
        this.active.add(plan.payment_id);
        this.reconciler.inBackground(() => this.recheckOne(plan.payment_id));
      }
    } catch (e) {
      this.log.error('could not read the re-check plan', errorFields(e));
    }
    this.arm();
  }

  private async recheckOne(id: string): Promise<void> {
    try {
      await this.reconciler.recheck(id, 'recheck');
      this.recordChecked(id, this.clock.now());
    } catch (e) {
      if (!this.stopped) this.log.warn('re-check failed; will try again', { paymentId: id, ...errorFields(e) });
    } finally {
      this.active.delete(id);
      if (!this.stopped) this.arm();
    }
  }

  /** A re-read at `at` answers every checkpoint up to it: plan the next one (or none). */
  private recordChecked(id: string, at: number): void {
    const row = this.payments.byId(id);
    const next = row ? nextRecheckAt(row, at, this.t) : null;
    this.repo.record(id, next === null ? null : isoUtc(next), isoUtc(at), true);
  }
}
