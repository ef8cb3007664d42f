/**
 * Brings the ledger in line with the gateway: status answers after a failed
 * charge, start-up recovery, webhook confirmations, polling and re-checks of
 * settled payments all end in `resolve`, which applies the answer and keeps
 * tracking/recovery state right. Every status call it makes goes through the
 * status scheduler, at the priority of whoever is waiting for it.
 * Which charges are in flight and which orders are held for recovery is this
 * class's own state; the charge flow tells it through methods.
 */
import type { AppNotice } from '../../../../shared/contract/events';
import type { UpdateSource } from '../../../../shared/domain/payment';
import type { Logger } from '../logger';
import type { GatewayTransaction } from '../gateway/types';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { PaymentRow } from '../ledger/rows';
import { errorFields } from './charge-errors';
import type { PaymentStateStore } from './payment-state';
import { refOf, updateFromTransaction } from './payment-view';
import type { StatusKind, StatusPriority, StatusScheduler } from './status-scheduler';
import type { PaymentTracker } from './tracker';
import { isOpen, type PaymentTransitions } from './transitions';

/** Dependencies of the reconciler. */
export interface ReconcilerDeps {
  /** The one queue for status calls. */
  scheduler: Pick<StatusScheduler, 'status'>;
  /** Scoped as `reconciler`. */
  logger: Logger;
  payments: PaymentRepository;
  state: PaymentStateStore;
  transitions: PaymentTransitions;
  tracker: PaymentTracker;
  /** Tells the cashier what recovery found (default: nobody). */
  notify?: (notice: AppNotice) => void;
}

/** What a re-check found. */
export interface RecheckOutcome {
  row: PaymentRow;
  /** The gateway said something the ledger did not hold (and it was applied or recorded). */
  changed: boolean;
}

/** Kind and priority of a status check by the source it is made for. */
const CHECK_OF: Partial<Record<UpdateSource, { kind: StatusKind; priority: StatusPriority }>> = {
  webhook: { kind: 'confirm', priority: 'confirm' },
  manual: { kind: 'cancel', priority: 'screen' },
  charge: { kind: 'charge', priority: 'screen' },
  recovery: { kind: 'recovery', priority: 'recovery' },
  reconcile: { kind: 'recheck', priority: 'recheck' },
};

/** Status reconciliation, recovery, webhook confirmation and polling. */
export class Reconciler {
  private readonly scheduler: ReconcilerDeps['scheduler'];
  private readonly log: Logger;
  private readonly payments: PaymentRepository;
  private readonly state: PaymentStateStore;
  private readonly transitions: PaymentTransitions;
  private readonly tracker: PaymentTracker;
  /** Orders whose recovery has no definite answer yet (no new charge for them). */
  private readonly recovering = new Set<string>();
  /** Payments with a charge call outstanding (never failed_to_create while in flight). */
  private readonly inFlight = new Set<string>();
  private readonly confirming = new Map<string, boolean>();
  private readonly background = new Set<Promise<void>>();
  /** Payments whose failed charge left the outcome unknown: the cashier hears when it is known. */
  private readonly unknownCharges = new Set<string>();
  private readonly notify: (notice: AppNotice) => void;

  constructor({ scheduler, logger, payments, state, transitions, tracker, notify }: ReconcilerDeps) {
    this.notify = notify ?? (() => {});
    this.scheduler = scheduler;
    this.log = logger.scope('reconciler');
    this.payments = payments;
    this.state = state;
    this.transitions = transitions;
    this.tracker = tracker;
  }

  /** A charge call for `paymentId` is about to go out: "not found" must not fail it meanwhile. */
  markInFlight(paymentId: string): void {
    this.inFlight.add(paymentId);
  }

  /** The charge call for `paymentId` returned (answer or error). */
  clearInFlight(paymentId: string): void {
    this.inFlight.delete(paymentId);
  }

  /** True while an order's recovery has not reached a definite answer. */
  isRecovering(orderId: string): boolean {
    return this.recovering.has(orderId);
  }

  /**
   * Nobody could say whether this attempt's charge exists: no new charge for
   * its order until a status answer settles it; polling keeps asking.
   */
  holdForRecovery(row: PaymentRow): void {
    this.recovering.add(row.order_id);
    this.unknownCharges.add(row.id);
    this.tracker.track(row.id, null, row.created_at);
  }

  /**
   * Reconciles every open gateway payment; the scheduler runs a few at a time
   * (recovery priority: behind the screen and confirmations). Failures are
   * left to polling.
   */
  async recover(): Promise<void> {
    const open = this.payments.open().filter((r) => r.api !== 'none');
    for (const r of open) this.recovering.add(r.order_id);
    const moved: PaymentRow[] = [];
    await Promise.all(
      open.map(async (row) => {
        try {
          const after = this.resolve(row.id, await this.status(row, 'recovery', 'recovery'), 'recovery');
          if (after.status !== row.status) moved.push(after);
        } catch (e) {
          this.log.warn('recovery status check failed; polling will retry', { paymentId: row.id, ...errorFields(e) });
          this.tracker.track(row.id, row.expires_at, row.created_at);
        }
      }),
    );
    if (open.length > 0) this.notify({ level: 'info', code: 'payments_recovered', params: { count: open.length } });
    // What moved while the till was down is announced, not only listed in history.
    if (moved.length > 0) {
      const paid = moved.filter((r) => r.status === 'settlement' || r.status === 'capture').length;
      const stillOpen = moved.filter((r) => isOpen(r.status)).length;
      this.notify({
        level: 'info',
        code: 'payments_changed_while_down',
        params: { count: moved.length, paid, failed: moved.length - paid - stillOpen },
      });
    }
  }

  /**
   * Asks the gateway and applies the answer; null if the payment is unknown or
   * has no gateway. `call` says what the status call is for (default: by
   * `source` — a webhook confirmation, the cashier's cancel, …).
   */
  async checkStatus(id: string, source: UpdateSource, call?: { kind: StatusKind; priority: StatusPriority }): Promise<PaymentRow | null> {
    const row = this.payments.byId(id);
    if (!row || row.api === 'none') return null;
    const { kind, priority } = call ?? CHECK_OF[source] ?? { kind: 'confirm', priority: 'confirm' };
    return this.resolve(id, await this.status(row, kind, priority), source);
  }

  /**
   * Re-reads a payment that can still change (a settled one a bank may
   * reverse or the dashboard refund, or one still open when its day closes)
   * and applies what the gateway says with source `reconcile`. An answer that
   * repeats the ledger writes nothing (the re-check plan records the time).
   * Null if the payment is unknown, has no gateway, or its charge is in flight.
   */
  async recheck(id: string, priority: 'recheck' | 'closing'): Promise<RecheckOutcome | null> {
    const row = this.payments.byId(id);
    if (!row || row.api === 'none' || this.inFlight.has(id)) return null;
    const tx = await this.status(row, priority === 'closing' ? 'closing' : 'recheck', priority);
    const now = this.payments.byId(id) ?? row;
    if (tx && tx.status === now.status && tx.refundedAmount === now.refunded_amount) return { row: now, changed: false };
    if (tx && tx.status === 'refund' && now.status === 'refund') return { row: now, changed: false };
    const after = this.resolve(id, tx, 'reconcile');
    return { row: after, changed: tx !== null || after.status !== now.status };
  }

  /**
   * Applies a status answer (null = the gateway never saw the charge: a
   * `creating` attempt with no call in flight becomes `failed_to_create`) and
   * keeps tracking and recovery state in step with the result.
   */
  resolve(id: string, tx: GatewayTransaction | null, source: UpdateSource): PaymentRow {
    let row = this.payments.byId(id);
    if (!row) throw new Error(`payment ${id} not found`);
    if (tx) row = this.transitions.apply(id, updateFromTransaction(tx), source, tx.raw).row;
    else if (row.status === 'creating' && !this.inFlight.has(id)) {
      row = this.transitions.apply(id, { status: 'failed_to_create' }, source, { notFound: true }).row;
    } else this.state.note(id, source, 'not_found', { notFound: true });
    if (row.status === 'pending') this.tracker.track(id, row.expires_at, row.created_at);
    else if (row.status !== 'creating') this.tracker.untrack(id);
    if (row.status !== 'creating') {
      this.recovering.delete(row.order_id);
      this.reportUnknownCharge(row);
    }
    return row;
  }

  /** A charge whose outcome was unknown now has one: the cashier may have been told "do not charge again yet". */
  private reportUnknownCharge(row: PaymentRow): void {
    if (!this.unknownCharges.delete(row.id)) return;
    const orderId = row.gateway_order_id;
    if (row.status === 'failed_to_create') this.notify({ level: 'info', code: 'charge_not_made', params: { orderId } });
    else this.notify({ level: 'warning', code: 'charge_found', params: { orderId, status: row.status } });
  }

  /** A verified notification arrived that needs no confirmation: the listener is reachable, polling may slow down. */
  noteWebhook(paymentId: string): void {
    this.tracker.noteWebhook(paymentId);
  }

  /** Confirms a payment with the status API in the background, coalescing repeats per payment. */
  confirmInBackground(paymentId: string, source: UpdateSource = 'webhook'): void {
    if (source === 'webhook') this.tracker.noteWebhook(paymentId);
    if (this.confirming.has(paymentId)) {
      this.confirming.set(paymentId, true);
      return;
    }
    this.confirming.set(paymentId, false);
    const run = (async () => {
      // Not before the listener's 200 is on its way: the call (and its request set-up) waits one turn of the loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        do {
          this.confirming.set(paymentId, false);
          await this.checkStatus(paymentId, source).catch((e: unknown) =>
            this.log.warn('confirmation failed; polling remains', { paymentId, ...errorFields(e) }),
          );
        } while (this.confirming.get(paymentId));
      } finally {
        this.confirming.delete(paymentId);
      }
    })();
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  /** Runs `task` in the background; `idle()` waits for it. */
  inBackground(task: () => Promise<void>): void {
    const run = task().catch((e: unknown) => this.log.warn('background status work failed', errorFields(e)));
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  /** Resolves when every background confirmation and re-check has finished. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /**
   * The tracker's poll: one status check (screen priority while the payment is
   * on the cashier's screen); resolves true while the payment stays open.
   */
  async poll(id: string, attended = false): Promise<boolean> {
    const row = this.payments.byId(id);
    if (!row || !isOpen(row.status)) return false;
    if (this.inFlight.has(id)) return true;
    const tx = await this.status(row, 'poll', attended ? 'screen' : 'poll');
    const source: UpdateSource = this.recovering.has(row.order_id) ? 'recovery' : 'poll';
    return isOpen(this.resolve(id, tx, source).status);
  }

  /** One status call for `row` through the scheduler (the ref is read when the call starts). */
  private status(row: PaymentRow, kind: StatusKind, priority: StatusPriority): Promise<GatewayTransaction | null> {
    return this.scheduler.status({ paymentId: row.id, kind, priority, ref: () => refOf(this.payments.byId(row.id) ?? row) });
  }
}
