/**
 * Core API v2 client (Basic auth with the server key). Every call is a single
 * attempt; retries and their safety rules live in the routing gateway. The
 * charge body is a pure function of the ChargeRequest, so a retry sends the
 * same bytes with the same Idempotency-Key.
 *
 * Response rules (reference §2): HTTP >= 400 → error by HTTP code; else body
 * `status_code` >= 400 (except 407) → error by body code; else success.
 */
import type { Logger } from '../logger';
import type { PaymentAction } from '../../../../shared/contract/schemas';
import { cleanGatewayMessage, GatewayError, type GatewayErrorKind } from './errors';
import { parseJson, retryAfterSeconds, type HttpTransport, type HttpResponse } from './http';
import { coreItemDetails, saleRefOf } from './charge-details';
import { coreEnvelope, coreTransaction, type CoreEnvelope, type CoreTransaction } from './core-api-schemas';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import { coreStatus, rupiahFrom, unreadable, type GatewayMethod } from './mapping';
import { gatewayTimeToIsoUtc } from './time';
import type { ChargeRequest, GatewayRef, GatewayTransaction, RefundRequest } from './types';

/** Which Core API call produced a response (error mapping differs slightly). */
export type CoreOperation = 'charge' | 'status' | 'cancel' | 'expire' | 'refund';

export interface CoreApiClientOptions {
  http: HttpTransport;
  serverKey: string;
  logger: Logger;
  /** ShopeePay `callback_url` (where the Shopee app returns); default `kasir://payment-finished`. */
  shopeepayCallbackUrl?: string;
}

/** Core API v2 adapter: charge, status, cancel, expire, refund. */
export class CoreApiClient {
  private readonly http: HttpTransport;
  private readonly authorization: string;
  private readonly logger: Logger;
  private readonly shopeepayCallbackUrl: string;

  constructor(opts: CoreApiClientOptions) {
    this.http = opts.http;
    this.authorization = `Basic ${Buffer.from(`${opts.serverKey}:`, 'utf8').toString('base64')}`;
    this.logger = opts.logger;
    this.shopeepayCallbackUrl = opts.shopeepayCallbackUrl ?? 'kasir://payment-finished';
  }

  /** `POST /v2/charge` with `Idempotency-Key` (and `X-Override-Notification` when URLs are given). */
  async charge(req: ChargeRequest): Promise<GatewayTransaction> {
    const headers: Record<string, string> = { 'Idempotency-Key': req.idempotencyKey };
    const urls = (req.notificationUrls ?? []).filter((u) => u.length > 0).slice(0, 3);
    if (urls.length > 0) headers['X-Override-Notification'] = urls.join(',');
    const res = await this.send('POST', '/v2/charge', headers, JSON.stringify(buildCoreChargeBody(req, this.shopeepayCallbackUrl)));
    return toGatewayTransaction(interpret(res, 'charge'), req.method);
  }

  /** `GET /v2/{id}/status`; null when Midtrans answers "Transaction doesn't exist." */
  async status(ref: GatewayRef): Promise<GatewayTransaction | null> {
    const res = await this.send('GET', `/v2/${idOf(ref)}/status`);
    try {
      return toGatewayTransaction(interpret(res, 'status'), ref.method);
    } catch (e) {
      if (e instanceof GatewayError && e.kind === 'not_found') return null;
      throw e;
    }
  }

  /** `POST /v2/{id}/cancel` (pending charges). */
  async cancel(ref: GatewayRef): Promise<GatewayTransaction> {
    const res = await this.send('POST', `/v2/${idOf(ref)}/cancel`, {}, '{}');
    return toGatewayTransaction(interpret(res, 'cancel'), ref.method);
  }

  /** `POST /v2/{id}/expire` (answers body 407 on success). */
  async expire(ref: GatewayRef): Promise<GatewayTransaction> {
    const res = await this.send('POST', `/v2/${idOf(ref)}/expire`, {}, '{}');
    return toGatewayTransaction(interpret(res, 'expire'), ref.method);
  }

  /** `POST /v2/{id}/refund` with `refund_key` (Midtrans' refund idempotency key); amount omitted = full. */
  async refund(req: RefundRequest): Promise<GatewayTransaction> {
    const body: Record<string, unknown> = { refund_key: req.refundKey };
    if (req.amount !== undefined) body.amount = req.amount;
    body.reason = req.reason ?? 'Refund at the till';
    const res = await this.send('POST', `/v2/${idOf(req.ref)}/refund`, {}, JSON.stringify(body));
    // The answer names this one refund (its refund_amount is not the total) and lists no others:
    // no `refunds`, so the engine takes the refunded total from a status read, never from here.
    const { refunds: _oneRefundOnly, ...answer } = toGatewayTransaction(interpret(res, 'refund'), req.ref.method);
    return answer;
  }

  private send(method: 'GET' | 'POST', path: string, extra: Record<string, string> = {}, body?: string): Promise<HttpResponse> {
    this.logger.debug('core api request', { method, path });
    return this.http.request({
      method,
      path,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: this.authorization,
        ...extra,
      },
      ...(body !== undefined ? { body } : {}),
    });
  }
}

/** The URL id of a charge: Midtrans' transaction id when known, else the order id. */
function idOf(ref: GatewayRef): string {
  return encodeURIComponent(ref.referenceNo ?? ref.orderId);
}

/** The `/v2/charge` body for a request (pure; exported for tests). */
export function buildCoreChargeBody(req: ChargeRequest, shopeepayCallbackUrl = 'kasir://payment-finished'): Record<string, unknown> {
  const body: Record<string, unknown> = {
    payment_type: '',
    transaction_details: { order_id: req.orderId, gross_amount: req.amount },
  };
  // As given (discount lines negative), checked to sum to gross_amount: Midtrans refuses the charge otherwise.
  const items = coreItemDetails(req.items, req.amount);
  if (items.length > 0) body.item_details = items;
  // custom_field1: Midtrans keeps it, shows it on the dashboard and echoes it in status and notifications.
  const saleRef = saleRefOf(req);
  if (saleRef !== undefined) body.custom_field1 = saleRef;
  const charge = PAYMENT_METHOD_SPECS[req.method].coreApi;
  // Object.assign keeps `payment_type` first in the JSON, as Midtrans' own samples put it.
  switch (charge?.paymentType) {
    case 'qris':
      Object.assign(body, { payment_type: 'qris', qris: { acquirer: charge.acquirer } });
      break;
    case 'gopay':
      Object.assign(body, { payment_type: 'gopay', gopay: { enable_callback: false } });
      break;
    case 'shopeepay':
      Object.assign(body, { payment_type: 'shopeepay', shopeepay: { callback_url: shopeepayCallbackUrl } });
      break;
    case 'echannel':
      Object.assign(body, { payment_type: 'echannel', echannel: { bill_info1: 'Payment:', bill_info2: `Order ${req.orderId}`.slice(0, 30) } });
      break;
    case 'bank_transfer':
      Object.assign(body, { payment_type: 'bank_transfer', bank_transfer: { bank: charge.bank } });
      break;
    case 'cstore':
      Object.assign(body, { payment_type: 'cstore', cstore: { store: charge.store, message: 'Kasir' } });
      break;
    case undefined:
      throw new GatewayError('rejected', {
        delivery: 'not_sent',
        reason: 'wrong_api',
        message: `${req.method} cannot be charged through the Core API; route it to SNAP-BI.`,
      });
    default:
      return unhandledPaymentType(charge);
  }
  return body;
}

/** Applies the HTTP-vs-body rules; returns the parsed transaction or throws a classified GatewayError. */
export function interpret(res: HttpResponse, op: CoreOperation): CoreTransaction {
  const json = parseJson(res.text);
  const env = coreEnvelope.safeParse(json);
  const envelope: CoreEnvelope = env.success ? env.data : {};
  const bodyCode = envelope.status_code && /^\d{3}$/.test(envelope.status_code) ? Number(envelope.status_code) : undefined;
  const msg =
    cleanGatewayMessage(envelope.validation_messages?.[0]) ??
    cleanGatewayMessage(envelope.status_message) ??
    cleanGatewayMessage(envelope.message);
  const details = { httpStatus: res.status, gatewayMessage: msg, retryAfterSeconds: retryAfterSeconds(res.headers) };

  if (res.status >= 400) {
    const code = bodyCode !== undefined && bodyCode >= 400 ? bodyCode : res.status;
    throw coreError(code, op, { ...details, gatewayCode: String(code) }, envelope);
  }
  if (res.status === 202 || res.status < 200 || res.status >= 300) {
    // 202 = the same Idempotency-Key is still being processed; 3xx = unexpected redirect.
    throw new GatewayError('unavailable', {
      delivery: 'maybe_processed',
      message: 'Midtrans is still processing this request.',
      details,
    });
  }
  if (bodyCode !== undefined && bodyCode >= 400 && bodyCode !== 407) {
    throw coreError(bodyCode, op, { ...details, gatewayCode: String(bodyCode) }, envelope);
  }
  const tx = coreTransaction.safeParse(json);
  if (!tx.success) throw unreadable(`${op} response does not match the Core API schema`);
  return tx.data;
}

/** Maps a Core API error code (HTTP or body) to a GatewayError. */
export function coreError(
  code: number,
  op: CoreOperation,
  details: GatewayError['details'],
  envelope: CoreEnvelope = {},
): GatewayError {
  const text = [envelope.status_message, ...(envelope.validation_messages ?? [])].join(' ').toLowerCase();
  let kind: GatewayErrorKind;
  let message: string | undefined;
  let reason: string | undefined;
  if (code === 401) kind = 'auth';
  else if (code === 400) kind = /amount/.test(text) ? 'amount' : 'rejected';
  else if (code === 402) {
    kind = 'rejected';
    reason = 'method_not_activated';
    message = 'This payment method is not activated for the merchant account at Midtrans.';
  } else if (code === 404) kind = 'not_found';
  else if (code === 406) {
    kind = 'duplicate';
    if (op === 'refund') message = 'This refund was already submitted (duplicate refund key).';
  } else if (code === 412) kind = 'illegal';
  else if (code === 414) kind = 'amount';
  else if (code === 410) {
    kind = 'auth';
    reason = 'account_deactivated';
    message = 'The Midtrans merchant account is deactivated.';
  } else if (code === 429) {
    // Refused before any processing: a definite answer, but one worth repeating later.
    return new GatewayError('unavailable', { delivery: 'answered', message: 'Midtrans is rate limiting requests; try again shortly.', details });
  } else if (code >= 500) {
    return new GatewayError('unavailable', { delivery: 'maybe_processed', details });
  } else kind = 'rejected';
  return new GatewayError(kind, { delivery: 'answered', ...(message ? { message } : {}), ...(reason ? { reason } : {}), details });
}

/** Core transaction → GatewayTransaction. */
export function toGatewayTransaction(tx: CoreTransaction, method: GatewayMethod): GatewayTransaction {
  const status = coreStatus(tx.transaction_status);
  if (!status) throw unreadable(`unknown transaction_status ${tx.transaction_status.slice(0, 30)}`);
  const amount = rupiahFrom(tx.gross_amount, 'gross_amount');
  const action = coreAction(tx, method);
  return {
    orderId: tx.order_id,
    referenceNo: tx.transaction_id ?? null,
    status,
    amount,
    refundedAmount: refundedOf(tx, status, amount),
    refunds: (tx.refunds ?? []).map((r) => ({ refundKey: r.refund_key || null, amount: rupiahFrom(r.refund_amount, 'refund_amount') })),
    action,
    virtualAccountNo: action?.kind === 'va' ? action.vaNumber : null,
    expiresAt: gatewayTimeToIsoUtc(tx.expiry_time ?? tx.expire_time),
    raw: tx,
  };
}

/**
 * The cumulative refunded amount: `refunds[]` (status answers) or the status
 * answer's `refund_amount`. (A refund answer's `refund_amount` is that one
 * refund's; `refund()` drops its refund list so nobody takes it for a total.)
 */
function refundedOf(tx: CoreTransaction, status: GatewayTransaction['status'], amount: number): number {
  if (status === 'refund') return amount;
  if (tx.refunds && tx.refunds.length > 0) return tx.refunds.reduce((s, r) => s + rupiahFrom(r.refund_amount, 'refund_amount'), 0);
  if (status === 'partial_refund' && tx.refund_amount !== undefined) return rupiahFrom(tx.refund_amount, 'refund_amount');
  return 0;
}

/** What the customer must do, from the method-specific response fields. */
export function coreAction(tx: CoreTransaction, method: GatewayMethod): PaymentAction | null {
  const deeplink = tx.actions?.find((a) => a.name === 'deeplink-redirect')?.url;
  const charge = PAYMENT_METHOD_SPECS[method].coreApi;
  switch (charge?.paymentType) {
    case 'qris':
    case 'gopay':
      if (tx.qr_string) return { kind: 'qr', qrString: tx.qr_string };
      return deeplink ? { kind: 'deeplink', url: deeplink } : null;
    case 'echannel':
      return tx.bill_key && tx.biller_code ? { kind: 'bill', billerCode: tx.biller_code, billKey: tx.bill_key } : null;
    case 'cstore':
      return tx.payment_code ? { kind: 'paycode', store: tx.store ?? charge.store, paymentCode: tx.payment_code } : null;
    case 'bank_transfer': {
      const va = tx.va_numbers?.[0];
      if (va) return { kind: 'va', bank: va.bank, vaNumber: va.va_number };
      if (tx.permata_va_number) return { kind: 'va', bank: 'permata', vaNumber: tx.permata_va_number };
      return null;
    }
    case 'shopeepay':
    case undefined:
      // ShopeePay, and any wallet without a Core API charge: the app link is the whole instruction.
      return deeplink ? { kind: 'deeplink', url: deeplink } : null;
    default:
      return unhandledPaymentType(charge);
  }
}

/** Compile-time guard: a `payment_type` added to the registry's CoreApiCharge must be handled above. */
function unhandledPaymentType(charge: never): never {
  throw new Error(`unhandled Core API payment_type ${JSON.stringify(charge)}`);
}
