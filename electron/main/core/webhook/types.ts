/**
 * The seam between the webhook listener (HTTP, signature verification) and
 * the payment engine. The listener answers HTTP 200 only after `accept`
 * resolves, i.e. after the notification is durably recorded (or found to be
 * recorded already).
 */

/** A SNAP-BI delivery: which one it is, and whether its X-TIMESTAMP was inside the freshness window. */
export interface NotificationDelivery {
  /** SHA-256 (hex) of X-EXTERNAL-ID and the body's hash (webhook/freshness.ts `deliveryKey`). */
  key: string;
  /** False: a delivery not recorded before must be refused (`'stale'`). */
  fresh: boolean;
}

/** A notification whose signature has already been verified. */
export interface VerifiedNotification {
  api: 'core_api' | 'snap_bi';
  /** Gateway order id: Core `order_id`, SNAP-BI `originalPartnerReferenceNo` / `trxId`. */
  orderId: string;
  referenceNo: string | null;
  claimedStatus: string;
  /** What the notification means: its known fields, each bounded (never the bytes received). */
  raw: unknown;
  /**
   * The gateway identifiers that tell this claim from another with the same
   * status (webhook/notification-meaning.ts); absent: the whole of `raw`.
   */
  identity?: readonly unknown[];
  /** SNAP-BI only. */
  delivery?: NotificationDelivery;
}

/**
 * What became of a notification: `recorded` (a new claim), `duplicate` (a
 * claim or delivery already recorded: counted, not processed again),
 * `ignored` (the payment holds as many distinct claims as it may keep),
 * `unknown_order` (nothing written), `stale` (a new SNAP-BI delivery outside
 * the freshness window: refused, nothing written).
 */
export type NotificationOutcome = 'recorded' | 'duplicate' | 'ignored' | 'unknown_order' | 'stale';

/** Receives verified notifications. */
export interface NotificationSink {
  accept(n: VerifiedNotification): Promise<NotificationOutcome>;
}
