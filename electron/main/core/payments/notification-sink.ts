/**
 * The payment engine's side of the webhook. `accept` durably records the
 * notification (source webhook, applied = 0) and resolves; confirmation with
 * the status API and the actual transition happen afterwards, off the HTTP
 * reply's path. Notifications arriving together are written in one
 * transaction (group commit), so a burst costs one fsync, not one each.
 */
import type { Logger } from '../logger';
import type { NotificationSink, VerifiedNotification } from '../webhook/types';
import type { PaymentService } from './payment-service';
import type { PaymentStatus } from '../../../../shared/domain/payment';
import { claimedToStatus } from './payment-view';
import type { NotificationRecord } from './reconciler';

/** Settled states a repeated notification cannot change (see `accept`). */
const REPEATS_NOTHING: ReadonlySet<PaymentStatus> = new Set(['settlement', 'capture', 'refund', 'expire', 'cancel', 'deny', 'failure']);

interface Waiting {
  record: NotificationRecord;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** NotificationSink backed by a PaymentService. */
export class PaymentNotificationSink implements NotificationSink {
  private queue: Waiting[] = [];
  private scheduled = false;
  private readonly log: Logger;

  constructor(
    private readonly service: Pick<
      PaymentService,
      'findByGatewayOrderId' | 'recordNotifications' | 'confirmInBackground'
    >,
    logger: Logger,
  ) {
    this.log = logger.scope('webhook-sink');
  }

  /**
   * Resolves 'recorded' once the notification is committed to the ledger, or
   * 'unknown_order' (nothing written) when no payment has that gateway order id.
   * Rejects only if the ledger write fails (the listener should then answer 5xx
   * so Midtrans retries).
   */
  async accept(n: VerifiedNotification): Promise<'recorded' | 'unknown_order'> {
    const row = this.service.findByGatewayOrderId(n.orderId);
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
      this.service.confirmInBackground(row.id, 'webhook');
    }
    return 'recorded';
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    try {
      this.service.recordNotifications(batch.map((w) => w.record));
    } catch (e) {
      this.log.error('could not record notifications', { count: batch.length, error: e instanceof Error ? e.message : String(e) });
      for (const w of batch) w.reject(e);
      return;
    }
    for (const w of batch) w.resolve();
  }
}
