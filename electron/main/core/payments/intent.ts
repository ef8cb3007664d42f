/**
 * Building a payment intent: cart validation, the method's amount limits and
 * the `creating` row written (with its ids) before any network call.
 */
import type { CartItem } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import type { GatewayApi, PaymentMethod } from '../../../../shared/domain/payment';
import { isRupiah } from '../../../../shared/domain/money';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import { isoUtc } from '../clock';
import type { ChargeItem, ChargeRequest } from '../gateway/types';
import type { PaymentRow } from '../ledger/rows';
import { TILL_ACTOR_ID } from '../ledger/vocabulary';
import type { GatewayEnv } from '../../../../shared/domain/gateway-env';
import { refuseAmountOutsideLimits } from './amount-limit';
import type { IdSource } from './ids';
import { refOf } from './payment-view';
import { zonedDay } from '../../../../shared/domain/zoned-time';

/** Sum of a cart in rupiah; throws INVALID_INPUT / AMOUNT_INVALID. */
export function cartTotal(items: readonly CartItem[]): number {
  if (items.length === 0) throw new KasirError('INVALID_INPUT', 'The cart is empty.', { params: { issue: 'cart_empty' } });
  let amount = 0;
  for (const item of items) {
    if (!isRupiah(item.price) || !Number.isSafeInteger(item.quantity) || item.price < 1 || item.quantity < 1) {
      throw new KasirError('AMOUNT_INVALID', `Item ${item.sku} has an invalid price or quantity.`, { params: { reason: 'item_invalid', sku: item.sku } });
    }
    amount += item.price * item.quantity;
  }
  if (!isRupiah(amount)) throw new KasirError('AMOUNT_INVALID', 'The total is too large.', { params: { reason: 'total_too_large' } });
  return amount;
}

/**
 * When a SNAP-BI charge stops being payable (the registry's validity, Midtrans'
 * own defaults made explicit). SNAP-BI replies do not echo the expiry, so the
 * till fixes it in the intent: the screen can show it, tracking knows when to
 * stop, and every retry of the create sends the same bytes. `now` is Midtrans'
 * clock (gateway/gateway-clock.ts): Midtrans checks the validity on its own.
 */
function snapExpiryOf(method: PaymentMethod, now: number): string | null {
  const minutes = PAYMENT_METHOD_SPECS[method].validityMinutes;
  return minutes === null ? null : isoUtc(now + minutes * 60_000);
}

/**
 * The `creating` row for a new attempt. SNAP-BI wants partnerReferenceNo /
 * trxId equal to X-EXTERNAL-ID, so there the external id *is* the gateway
 * order id; Core API gets a separate UUID Idempotency-Key.
 */
export function buildIntent(a: {
  ids: IdSource;
  orderId: string;
  method: PaymentMethod;
  amount: number;
  routing: Record<PaymentMethod, GatewayApi>;
  now: number;
  /** Midtrans' clock at `now` (the expiry is on it); default `now`. */
  gatewayNow?: number;
  zone: string;
  /** The Midtrans environment the till is configured for; recorded on the payment (no default: say it). */
  gatewayEnv: GatewayEnv;
  /** Who rings it up (a staff id); 'till' when nobody is signed in. */
  actor?: string;
}): PaymentRow & { gateway_env: GatewayEnv } {
  if (!isRupiah(a.amount) || a.amount < 1) {
    throw new KasirError('AMOUNT_INVALID', 'The total must be a whole, positive rupiah amount.', { params: { reason: 'total_not_positive' } });
  }
  refuseAmountOutsideLimits(a.method, a.amount);
  const api: GatewayApi = a.method === 'cash' ? 'none' : a.routing[a.method];
  if (api === 'none' && a.method !== 'cash') {
    throw new KasirError('NOT_CONFIGURED', `No gateway is configured for ${a.method}.`, { params: { which: 'method_route', method: a.method } });
  }
  const at = isoUtc(a.now);
  const gatewayOrderId = a.ids.gatewayOrderId(zonedDay(a.now, a.zone).day.replaceAll('-', ''));
  return {
    id: a.ids.paymentId(), order_id: a.orderId, gateway_order_id: gatewayOrderId, method: a.method, api,
    external_id: api === 'snap_bi' ? gatewayOrderId : a.ids.externalId(),
    reference_no: null, status: 'creating', amount: a.amount, refunded_amount: 0, action: null, va_number: null,
    expires_at: api === 'snap_bi' ? snapExpiryOf(a.method, a.gatewayNow ?? a.now) : null,
    paid_at: null, last_source: a.method === 'cash' ? 'manual' : 'charge', created_at: at, updated_at: at,
    gateway_env: a.gatewayEnv, actor: a.actor ?? TILL_ACTOR_ID,
  };
}

/**
 * The gateway request for an attempt. Everything but the notification URLs
 * comes from the persisted intent, so a retry or a replay after a restart sends
 * the same request (same idempotency key / X-EXTERNAL-ID, same body).
 */
export function chargeRequestOf(row: PaymentRow, items: readonly ChargeItem[], notificationUrls?: string[]): ChargeRequest {
  const ref = refOf(row);
  return {
    orderId: row.gateway_order_id,
    method: ref.method,
    api: ref.api,
    amount: row.amount,
    items: items.map(({ sku, name, price, quantity }) => ({ sku, name, price, quantity })),
    idempotencyKey: row.external_id,
    notificationUrls,
    expiresAt: row.expires_at,
  };
}
