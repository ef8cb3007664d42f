/**
 * Brings the ledger in line with the gateway: status answers after a failed
 * charge, start-up recovery, webhook confirmations and polling all end in
 * `resolve`, which applies the answer and keeps tracking/recovery state right.
 */
import type { PaymentStatus, UpdateSource } from '../../../../shared/domain/payment';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { GatewayTransaction, PaymentGateway } from '../gateway/types';
import type { Database } from '../ledger/open-ledger';
import type { EventRepository } from '../ledger/event-repository';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { PaymentRow } from '../ledger/rows';
import { errorFields } from './charge-errors';
import type { ApplyResult, PaymentStateStore } from './payment-state';
import { claimedToStatus, rawJson, refOf, updateFromTransaction, type StateUpdate } from './payment-view';
import { PaymentTracker, type TrackerTimings } from './tracker';

/** A notification ready to be written to the audit trail. */
export interface NotificationRecord {
  paymentId: string;
  claimedStatus: string;
  raw: unknown;
}

/** Dependencies of the reconciler. */
export interface ReconcilerDeps {
  db: Database;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  payments: PaymentRepository;
  events: EventRepository;
  state: PaymentStateStore;
  /** The service's transition entry point (emits on change). */
  apply(id: string, u: StateUpdate, source: UpdateSource, raw: unknown): ApplyResult;
  tracking?: Partial<TrackerTimings>;
}

/** True for `creating` / `pending`. */
export const isOpen = (s: PaymentStatus): boolean => s === 'creating' || s === 'pending';

/** Status reconciliation, recovery, webhook confirmation and polling. */
export class Reconciler {
  readonly tracker: PaymentTracker;
  /** Orders whose recovery has no definite answer yet (no new charge for them). */
  readonly recovering = new Set<string>();
  /** Payments with a charge call outstanding (never failed_to_create while in flight). */
  readonly inFlight = new Set<string>();
  private readonly confirming = new Map<string, boolean>();
  private readonly background = new Set<Promise<void>>();
  private readonly writeNotifications;

  constructor(private readonly d: ReconcilerDeps) {
    this.tracker = new PaymentTracker({
      clock: d.clock, logger: d.logger.scope('tracker'), poll: (id) => this.pollOnce(id), timings: d.tracking,
    });
    this.writeNotifications = d.db.transaction((list: readonly NotificationRecord[]) => {
      const at = isoUtc(d.clock.now());
      for (const n of list) {
        const row = d.payments.byId(n.paymentId);
        if (!row) continue;
        d.events.insert({
          paymentId: n.paymentId, source: 'webhook', from: row.status, to: claimedToStatus(n.claimedStatus),
          claimedStatus: n.claimedStatus.slice(0, 64), applied: false, note: 'notification', raw: rawJson(n.raw), at,
        });
      }
    });
  }

  /** Reconciles every open gateway payment (4 at a time); failures are left to polling. */
  async recover(): Promise<void> {
    const open = this.d.payments.open().filter((r) => r.api !== 'none');
    for (const r of open) this.recovering.add(r.order_id);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < open.length) {
        const row = open[next++]!;
        try {
          this.resolve(row.id, await this.d.gateway.status(refOf(row)), 'recovery');
        } catch (e) {
          this.d.logger.warn('recovery status check failed; polling will retry', { paymentId: row.id, ...errorFields(e) });
          this.tracker.track(row.id, row.expires_at);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, open.length) }, worker));
  }

  /** Asks the gateway and applies the answer; null if the payment is unknown or has no gateway. */
  async checkStatus(id: string, source: UpdateSource): Promise<PaymentRow | null> {
    const row = this.d.payments.byId(id);
    if (!row || row.api === 'none') return null;
    return this.resolve(id, await this.d.gateway.status(refOf(row)), source);
  }

  /**
   * Applies a status answer (null = the gateway never saw the charge: a
   * `creating` attempt with no call in flight becomes `failed_to_create`) and
   * keeps tracking and recovery state in step with the result.
   */
  resolve(id: string, tx: GatewayTransaction | null, source: UpdateSource): PaymentRow {
    let row = this.d.payments.byId(id);
    if (!row) throw new Error(`payment ${id} not found`);
    if (tx) row = this.d.apply(id, updateFromTransaction(tx), source, tx.raw).row;
    else if (row.status === 'creating' && !this.inFlight.has(id)) {
      row = this.d.apply(id, { status: 'failed_to_create' }, source, { notFound: true }).row;
    } else this.d.state.note(id, source, 'not_found', { notFound: true });
    if (row.status === 'pending') this.tracker.track(id, row.expires_at);
    else if (row.status !== 'creating') this.tracker.untrack(id);
    if (row.status !== 'creating') this.recovering.delete(row.order_id);
    return row;
  }

  /** Durably records received notifications in one transaction (applied = 0). */
  recordNotifications(list: readonly NotificationRecord[]): void {
    if (list.length > 0) this.writeNotifications.immediate(list);
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
      try {
        do {
          this.confirming.set(paymentId, false);
          await this.checkStatus(paymentId, source).catch((e: unknown) =>
            this.d.logger.warn('confirmation failed; polling remains', { paymentId, ...errorFields(e) }),
          );
        } while (this.confirming.get(paymentId));
      } finally {
        this.confirming.delete(paymentId);
      }
    })();
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  /** Resolves when every background confirmation has finished. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private async pollOnce(id: string): Promise<boolean> {
    const row = this.d.payments.byId(id);
    if (!row || !isOpen(row.status)) return false;
    if (this.inFlight.has(id)) return true;
    const tx = await this.d.gateway.status(refOf(row));
    const source: UpdateSource = this.recovering.has(row.order_id) ? 'recovery' : 'poll';
    return isOpen(this.resolve(id, tx, source).status);
  }
}
