/**
 * Building a payment intent: cart validation and the `creating` row written
 * (with its ids) before any network call.
 */
import type { CartItem } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import type { GatewayApi, PaymentMethod } from '../../../../shared/domain/payment';
import { isRupiah } from '../../../../shared/domain/money';
import { isoUtc } from '../clock';
import type { ChargeItem, ChargeRequest } from '../gateway/types';
import type { PaymentRow } from '../ledger/rows';
import type { IdSource } from './ids';
import { refOf } from './payment-view';
import { zonedDay } from './zoned-day';

/** Sum of a cart in rupiah; throws INVALID_INPUT / AMOUNT_INVALID. */
export function cartTotal(items: readonly CartItem[]): number {
  if (items.length === 0) throw new KasirError('INVALID_INPUT', 'The cart is empty.');
  let amount = 0;
  for (const i of items) {
    if (!isRupiah(i.price) || !Number.isSafeInteger(i.quantity) || i.price < 1 || i.quantity < 1) {
      throw new KasirError('AMOUNT_INVALID', `Item ${i.sku} has an invalid price or quantity.`);
    }
    amount += i.price * i.quantity;
  }
  if (!isRupiah(amount)) throw new KasirError('AMOUNT_INVALID', 'The total is too large.');
  return amount;
}

/**
 * How long a SNAP-BI charge stays payable (Midtrans' own defaults, made
 * explicit). SNAP-BI replies do not echo the expiry, so the till fixes it in the
 * intent: the screen can show it, tracking knows when to stop, and every retry
 * of the create sends the same bytes.
 */
const SNAP_VALIDITY_MINUTES: Partial<Record<PaymentMethod, number>> = {
  qris: 15,
  gopay: 15,
  shopeepay: 15,
  dana: 15,
  va_bca: 24 * 60,
  va_bni: 24 * 60,
  va_bri: 24 * 60,
  va_permata: 24 * 60,
  va_cimb: 24 * 60,
  mandiri_bill: 24 * 60,
};

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
  zone: string;
}): PaymentRow {
  if (!isRupiah(a.amount) || a.amount < 1) throw new KasirError('AMOUNT_INVALID', 'The total must be a whole, positive rupiah amount.');
  const api: GatewayApi = a.method === 'cash' ? 'none' : a.routing[a.method];
  if (api === 'none' && a.method !== 'cash') throw new KasirError('NOT_CONFIGURED', `No gateway is configured for ${a.method}.`);
  const at = isoUtc(a.now);
  const gatewayOrderId = a.ids.gatewayOrderId(zonedDay(a.now, a.zone).day.replaceAll('-', ''));
  return {
    id: a.ids.paymentId(), order_id: a.orderId, gateway_order_id: gatewayOrderId, method: a.method, api,
    external_id: api === 'snap_bi' ? gatewayOrderId : a.ids.externalId(),
    reference_no: null, status: 'creating', amount: a.amount, refunded_amount: 0, action: null, va_number: null,
    expires_at: api === 'snap_bi' && SNAP_VALIDITY_MINUTES[a.method] ? isoUtc(a.now + SNAP_VALIDITY_MINUTES[a.method]! * 60_000) : null,
    paid_at: null, last_source: a.method === 'cash' ? 'manual' : 'charge', created_at: at, updated_at: at,
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
