/**
 * The payment engine's side of the webhook. `accept` durably records the
 * notification (source webhook, applied = 0) and resolves; confirmation with
 * the status API and the actual transition happen afterwards, off the HTTP
 * reply's path. Notifications arriving together are written in one
 * transaction (group commit), so a burst costs one fsync, not one each.
 *
 * Replays cannot fill the disk or the status budget:
 * - what is stored is the notification's meaning (known fields, bounded:
 *   webhook/notification-meaning.ts), never the bytes received;
 * - a claim (payment + claimed status + reference + gateway identifiers) is
 *   one row: receiving it again only counts on that row (`received`) and
 *   asks the status API nothing;
 * - a payment keeps at most MAX_CLAIMS_PER_PAYMENT distinct claims (Core API
 *   signs only order id, status code and amount, so the other fields of a
 *   captured body can be varied at will);
 * - a SNAP-BI delivery already recorded is answered at any age; a new one
 *   outside the X-TIMESTAMP window is refused (`stale`, webhook/freshness.ts);
 * - only a new claim that could change the payment is confirmed
 *   (`claimMayChange`), and the reconciler coalesces confirmations per
 *   payment and starts them after the listener's 200 is on its way.
 */
import { canTransition, type PaymentStatus } from '../../../../shared/domain/payment';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import { DeliveryRepository } from '../ledger/delivery-repository';
import type { EventRepository } from '../ledger/event-repository';
import type { Database } from '../ledger/open-ledger';
import type { PaymentRepository } from '../ledger/payment-repository';
import { claimKeyOf } from '../webhook/notification-meaning';
import type { NotificationDelivery, NotificationOutcome, NotificationSink, VerifiedNotification } from '../webhook/types';
import { claimedToStatus, rawJson } from './payment-view';
import type { Reconciler } from './reconciler';

/** A notification ready to be written to the audit trail. */
export interface NotificationRecord {
  paymentId: string;
  claimedStatus: string;
  raw: unknown;
  /** SHA-256 hex of the claim (webhook/notification-meaning.ts `claimKeyOf`). */
  claimKey: string;
  delivery?: NotificationDelivery;
}

/** Dependencies of the sink. */
export interface NotificationSinkDeps {
  db: Database;
  clock: Clock;
  /** Scoped as `webhook-sink`. */
  logger: Logger;
  payments: PaymentRepository;
  events: EventRepository;
  /** Default: one over `db`. */
  deliveries?: DeliveryRepository;
  /** Confirms each new claim that could change the payment (coalescing repeats per payment); told of the others. */
  reconciler: Pick<Reconciler, 'confirmInBackground' | 'noteWebhook'>;
}

/** Distinct notification claims one payment keeps; a real payment has a handful (pending, paid, refunds, a reversal). */
export const MAX_CLAIMS_PER_PAYMENT = 32;
/** SNAP-BI deliveries remembered per claim (Midtrans sends each notification under one X-EXTERNAL-ID). */
export const MAX_DELIVERIES_PER_CLAIM = 4;
/** Longest stored meaning (JSON characters); the schemas keep real notifications far below it. */
export const MAX_STORED_NOTIFICATION_CHARS = 8_192;

/**
 * Whether a new claim of `claimedStatus` could change a payment that is in
 * `from`, so that confirming it with the status API is worth a call. The
 * state machine decides: a status the payment already has (but
 * `partial_refund`, whose amount may grow) or one it may not move to from
 * here (a `pending` after `settlement`, an `expire` after `settlement`) is
 * recorded and not confirmed — even if the gateway said otherwise, the
 * confirmation could only repeat what polling and re-checks ask anyway. A
 * payment still `creating` (its charge answer may be lost) and a word Kasir
 * does not know are always confirmed.
 */
export function claimMayChange(from: PaymentStatus, claimedStatus: string): boolean {
  const to = claimedToStatus(claimedStatus);
  if (to === null || from === 'creating') return true;
  return canTransition(from, to);
}

/** What the write found: the outcome and, for a new claim, the status it was recorded against. */
interface Written {
  outcome: Exclude<NotificationOutcome, 'unknown_order'>;
  from?: PaymentStatus;
}

interface Waiting {
  record: NotificationRecord;
  resolve: (w: Written) => void;
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

  constructor({ db, clock, logger, payments, events, deliveries, reconciler }: NotificationSinkDeps) {
    this.log = logger.scope('webhook-sink');
    this.payments = payments;
    this.reconciler = reconciler;
    const known = deliveries ?? new DeliveryRepository(db);
    this.writeNotifications = db.transaction((list: readonly NotificationRecord[]): Written[] => {
      const at = isoUtc(clock.now());
      return list.map((n): Written => {
        // A delivery recorded before is answered at any age and processed no further.
        const seen = n.delivery ? known.eventOf(n.delivery.key) : null;
        if (seen !== null) {
          events.receivedAgain(seen, at);
          return { outcome: 'duplicate' };
        }
        if (n.delivery && !n.delivery.fresh) return { outcome: 'stale' };
        const claim = events.claimState(n.paymentId, n.claimKey);
        if (!claim) return { outcome: 'ignored' };
        let eventId = claim.claimId;
        let written: Written;
        if (eventId !== null) {
          events.receivedAgain(eventId, at);
          written = { outcome: 'duplicate' };
        } else if (claim.claims >= MAX_CLAIMS_PER_PAYMENT) {
          return { outcome: 'ignored' };
        } else {
          eventId = events.insert({
            paymentId: n.paymentId, source: 'webhook', from: claim.status, to: claimedToStatus(n.claimedStatus),
            claimedStatus: n.claimedStatus.slice(0, 64), applied: false, note: 'notification', raw: boundedJson(n.raw), at,
            claimKey: n.claimKey,
          });
          written = { outcome: 'recorded', from: claim.status };
        }
        if (n.delivery && known.countFor(eventId) < MAX_DELIVERIES_PER_CLAIM) known.insert(n.delivery.key, eventId, at);
        return written;
      });
    });
  }

  /**
   * Resolves once the notification is committed to the ledger: `recorded` (a
   * new claim, then confirmed in the background), `duplicate` (counted on its
   * claim, nothing else), `ignored` (over MAX_CLAIMS_PER_PAYMENT), `stale`
   * (nothing written: the listener refuses it) or `unknown_order` (nothing
   * written: no payment has that gateway order id). Rejects only if the
   * ledger write fails (the listener should then answer 5xx so Midtrans retries).
   */
  async accept(n: VerifiedNotification): Promise<NotificationOutcome> {
    const paymentId = this.payments.idByGatewayId(n.orderId);
    if (paymentId === undefined) {
      this.log.info('notification for an unknown order ignored', { orderId: n.orderId.slice(0, 64), api: n.api });
      return 'unknown_order';
    }
    const record: NotificationRecord = {
      paymentId,
      claimedStatus: n.claimedStatus,
      raw: n.raw,
      claimKey: claimKeyOf(n),
      ...(n.delivery ? { delivery: n.delivery } : {}),
    };
    const written = await new Promise<Written>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
    // Only a new claim can be news, and only one the state machine would let change
    // the payment is confirmed (a `pending` for a pending payment costs no status call).
    // Either way the listener is reachable: polling may slow down (tracker.ts).
    if (written.outcome === 'recorded' && written.from && claimMayChange(written.from, n.claimedStatus)) {
      this.reconciler.confirmInBackground(paymentId, 'webhook');
    } else if (written.outcome === 'recorded') {
      this.reconciler.noteWebhook(paymentId);
    }
    return written.outcome;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    let results: Written[] = [];
    try {
      // One IMMEDIATE transaction for the whole batch (applied = 0: claims, not yet confirmed).
      if (batch.length > 0) results = this.writeNotifications.immediate(batch.map((w) => w.record));
    } catch (e) {
      this.log.error('could not record notifications', { count: batch.length, error: e instanceof Error ? e.message : String(e) });
      for (const w of batch) w.reject(e);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i] ?? { outcome: 'ignored' }));
  }
}

/** The stored JSON of a meaning, or a marker when a caller handed over something larger than any notification means. */
function boundedJson(raw: unknown): string | null {
  const text = rawJson(raw);
  if (text === null || text.length <= MAX_STORED_NOTIFICATION_CHARS) return text;
  return JSON.stringify({ omitted: true, chars: text.length });
}
