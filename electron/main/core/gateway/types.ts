/**
 * The payment engine's port to Midtrans. Two adapters implement it (Core API v2
 * with Basic auth, SNAP-BI with signed requests); a router picks one per method.
 * Everything here is already parsed and typed: raw gateway JSON never leaves
 * the adapters except as `raw`, which is stored for audit and never sent to the renderer.
 */
import type { GatewayApi, PaymentMethod, PaymentStatus } from '../../../../shared/domain/payment';
import type { PaymentAction } from '../../../../shared/contract/schemas';
import type { GatewayTimeSource } from './gateway-clock';

/**
 * One `item_details` entry (Core API). `price` is integer rupiah and may be
 * negative (a discount line) or 0 (a free line); Σ price × quantity over a
 * request's items must equal its `amount` (checked before sending:
 * charge-details.ts). `sku` is sent as the item `id`.
 */
export interface ChargeItem {
  sku: string;
  name: string;
  price: number;
  quantity: number;
}

export interface ChargeRequest {
  /** Merchant order id (also SNAP-BI partnerReferenceNo / trxId). */
  orderId: string;
  method: Exclude<PaymentMethod, 'cash'>;
  /** Integer rupiah. */
  amount: number;
  /** What Midtrans sees of the sale (Core API `item_details`); empty = none sent. */
  items: ChargeItem[];
  /**
   * The sale this charge is a tender of (the sale's id; receipt-independent,
   * so it is known before the receipt number is drawn). Core API:
   * `custom_field1`; SNAP-BI: VA `additionalInfo.customField["1"]`, QRIS and
   * direct debit `additionalInfo.metadata.saleRef` (gateway/README.md).
   * Absent = not sent, so an intent written without one replays byte for byte.
   */
  saleRef?: string;
  /**
   * Stable for every attempt of this charge: Core API `Idempotency-Key`,
   * SNAP-BI `X-EXTERNAL-ID`. Reusing it on retry is what prevents a double charge.
   */
  idempotencyKey: string;
  /** Public notification URL(s) to put in X-Override-Notification, when the merchant has one. */
  notificationUrls?: string[];
  /**
   * The API the intent was written for. A replay after the owner changed the
   * routing must still go where the original charge went.
   */
  api?: Exclude<GatewayApi, 'none'>;
  /**
   * When the customer's chance to pay ends (ISO-8601 UTC). Fixed when the
   * intent is written, so every retry sends the same body; SNAP-BI carries it
   * as validityPeriod / validUpTo / expiredDate (its replies do not echo it).
   */
  expiresAt?: string | null;
}

/** Identifies a charge at the gateway for status / cancel / refund. */
export interface GatewayRef {
  api: Exclude<GatewayApi, 'none'>;
  orderId: string;
  method: Exclude<PaymentMethod, 'cash'>;
  /** The idempotency key / X-EXTERNAL-ID the charge was created with. */
  externalId: string;
  /** Midtrans transaction id / SNAP-BI referenceNo, once known. */
  referenceNo?: string | null;
  /** SNAP-BI VA triple, once known (status and delete need it). */
  virtualAccountNo?: string | null;
}

/** One refund of a charge as the gateway lists it. */
export interface GatewayRefund {
  /** The refund's key (Core `refund_key`, SNAP-BI `partnerRefundNo`); null when the gateway gave none. */
  refundKey: string | null;
  /** Integer rupiah. */
  amount: number;
}

/** A charge as the gateway currently sees it. */
export interface GatewayTransaction {
  orderId: string;
  referenceNo: string | null;
  status: Exclude<PaymentStatus, 'creating' | 'failed_to_create'>;
  /** Integer rupiah. */
  amount: number;
  /**
   * Cumulative refunded rupiah as the gateway reports it (a status answer's
   * refund list or total; a full `refund` status implies the whole amount).
   */
  refundedAmount: number;
  /**
   * The refunds the gateway lists for this charge (keys and amounts), when
   * the answer carries the list (status answers do). Absent when it does not:
   * a charge answer, or a Core API refund answer, which names only the one
   * refund it made and no cumulative total — read status for the truth.
   */
  refunds?: readonly GatewayRefund[];
  action: PaymentAction | null;
  virtualAccountNo?: string | null;
  /** ISO-8601 UTC, when the gateway gave one. */
  expiresAt: string | null;
  raw: unknown;
}

export interface RefundRequest {
  ref: GatewayRef;
  /** Integer rupiah; omitted = full refund. */
  amount?: number;
  reason?: string;
  /** Stable per refund attempt (Core `refund_key`, SNAP-BI `partnerRefundNo`). */
  refundKey: string;
}

export interface PaymentGateway {
  /**
   * Midtrans' clock as measured from this gateway's answers; expiry is decided
   * on it (gateway-clock.ts). Absent (fakes, no keys): the till's clock.
   */
  readonly time?: GatewayTimeSource;
  charge(req: ChargeRequest): Promise<GatewayTransaction>;
  /** null when the gateway has never seen this charge (it never reached Midtrans). */
  status(ref: GatewayRef): Promise<GatewayTransaction | null>;
  cancel(ref: GatewayRef): Promise<GatewayTransaction>;
  /**
   * Refunds; resolves only when the gateway accepted this refund (or, after a
   * lost reply, lists its key). The answer may lack `refunds` (Core API): the
   * refunded total is then only known from `status`.
   */
  refund(req: RefundRequest): Promise<GatewayTransaction>;
}
