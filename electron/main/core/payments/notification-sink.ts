/**
 * The payment engine's side of the webhook. `accept` durably records the
 * notification (source webhook, applied = 0) and resolves; confirmation with
 * the status API and the actual transition happen afterwards, off the HTTP
 * reply's path. Notifications arriving together are written in one
 * transaction (group commit), so a burst costs one fsync, not one each.
 */
import type { PaymentStatus } from '../../../../shared/domain/payment';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { EventRepository } from '../ledger/event-repository';
import type { Database } from '../ledger/open-ledger';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { NotificationSink, VerifiedNotification } from '../webhook/types';
import { claimedToStatus, rawJson } from './payment-view';
import type { Reconciler } from './reconciler';

/** A notification ready to be written to the audit trail. */
export interface NotificationRecord {
  paymentId: string;
  claimedStatus: string;
  raw: unknown;
}

/** Dependencies of the sink. */
export interface NotificationSinkDeps {
  db: Database;
  clock: Clock;
  /** Scoped as `webhook-sink`. */
  logger: Logger;
  payments: PaymentRepository;
  events: EventRepository;
  /** Confirms each recorded claim with the status API. */
  reconciler: Pick<Reconciler, 'confirmInBackground'>;
}

/** Settled states a repeated notification cannot change (see `accept`). */
const REPEATS_NOTHING: ReadonlySet<PaymentStatus> = new Set(['settlement', 'capture', 'refund', 'expire', 'cancel', 'deny', 'failure']);

interface Waiting {
  record: NotificationRecord;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** NotificationSink backed by the ledger and the engine's reconciler. */
export class PaymentNotificationSink implements NotificationSink {
  private queue: Waiting[] = [];
  private scheduled = false;
  private readonly log: Logger;
  private readonly payments: PaymentRepository;
  private readonly reconciler: NotificationSinkDeps['reconciler'];
  private readonly writeNotifications;

  constructor({ db, clock, logger, payments, events, reconciler }: NotificationSinkDeps) {
    this.log = logger.scope('webhook-sink');
    this.payments = payments;
    this.reconciler = reconciler;
    this.writeNotifications = db.transaction((list: readonly NotificationRecord[]) => {
      const at = isoUtc(clock.now());
      for (const n of list) {
        const row = payments.byId(n.paymentId);
        if (!row) continue;
        events.insert({
          paymentId: n.paymentId, source: 'webhook', from: row.status, to: claimedToStatus(n.claimedStatus),
          claimedStatus: n.claimedStatus.slice(0, 64), applied: false, note: 'notification', raw: rawJson(n.raw), at,
        });
      }
    });
  }

  /**
   * Resolves 'recorded' once the notification is committed to the ledger, or
   * 'unknown_order' (nothing written) when no payment has that gateway order id.
   * Rejects only if the ledger write fails (the listener should then answer 5xx
   * so Midtrans retries).
   */
  async accept(n: VerifiedNotification): Promise<'recorded' | 'unknown_order'> {
    const row = this.payments.byGatewayId(n.orderId);
    if (!row) {
      this.log.info('notification for an unknown order ignored', { orderId: n.orderId.slice(0, 64), api: n.api });
      return 'unknown_order';
    }
    const record: NotificationRecord = { paymentId: row.id, claimedStatus: n.claimedStatus, raw: n.raw };
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
    // Dedupe: a notification that only repeats a settled state the ledger already
    // holds is recorded but not re-confirmed, so replays (Midtrans retries, or a
    // captured body sent again) cannot turn into a stream of status API calls.
    // Partial refunds always confirm: the claimed word repeats while the amount grows.
    if (!(REPEATS_NOTHING.has(row.status) && claimedToStatus(n.claimedStatus) === row.status)) {
      this.reconciler.confirmInBackground(row.id, 'webhook');
    }
    return 'recorded';
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    try {
      // One IMMEDIATE transaction for the whole batch (applied = 0: claims, not yet confirmed).
      if (batch.length > 0) this.writeNotifications.immediate(batch.map((w) => w.record));
    } catch (e) {
      this.log.error('could not record notifications', { count: batch.length, error: e instanceof Error ? e.message : String(e) });
      for (const w of batch) w.reject(e);
      return;
    }
    for (const w of batch) w.resolve();
  }
}
