/**
 * The payment engine's port to Midtrans. Two adapters implement it (Core API v2
 * with Basic auth, SNAP-BI with signed requests); a router picks one per method.
 * Everything here is already parsed and typed: raw gateway JSON never leaves
 * the adapters except as `raw`, which is stored for audit and never sent to the renderer.
 */
import type { GatewayApi, PaymentMethod, PaymentStatus } from '../../../../shared/domain/payment';
import type { PaymentAction } from '../../../../shared/contract/schemas';

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
  items: ChargeItem[];
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

/** A charge as the gateway currently sees it. */
export interface GatewayTransaction {
  orderId: string;
  referenceNo: string | null;
  status: Exclude<PaymentStatus, 'creating' | 'failed_to_create'>;
  /** Integer rupiah. */
  amount: number;
  refundedAmount: number;
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
  charge(req: ChargeRequest): Promise<GatewayTransaction>;
  /** null when the gateway has never seen this charge (it never reached Midtrans). */
  status(ref: GatewayRef): Promise<GatewayTransaction | null>;
  cancel(ref: GatewayRef): Promise<GatewayTransaction>;
  refund(req: RefundRequest): Promise<GatewayTransaction>;
}
