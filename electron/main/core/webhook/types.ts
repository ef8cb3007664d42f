/**
 * The seam between the webhook listener (HTTP, signature verification) and
 * the payment engine. The listener answers HTTP 200 only after `accept`
 * resolves, i.e. after the notification is durably recorded.
 */

/** A notification whose signature has already been verified. */
export interface VerifiedNotification {
  api: 'core_api' | 'snap_bi';
  /** Gateway order id: Core `order_id`, SNAP-BI `originalPartnerReferenceNo` / `trxId`. */
  orderId: string;
  referenceNo: string | null;
  claimedStatus: string;
  raw: unknown;
}

/** Receives verified notifications. */
export interface NotificationSink {
  accept(n: VerifiedNotification): Promise<'recorded' | 'unknown_order'>;
}
