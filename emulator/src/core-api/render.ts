/**
 * Renders a transaction in Core API wire format, for charge / status / action
 * responses and for notifications (reference §3, §5.4, §8.2).
 */
import { createHash } from 'node:crypto';
import type { EmuContext, NotificationFormatter, OutgoingNotification, Transaction, TxStatus } from '../types';
import { formatWib } from '../util/time';
import { coreSignature, formatAmount } from './signature';

/** Where a status_code is used: its values differ between a status reply and a notification. */
export type CodeUse = 'status' | 'notification';

/** Options for the points the reference leaves unconfirmed. */
export interface RenderOptions {
  /** GET status body code for a cancelled transaction: "200" (default) or "202". */
  cancelStatusCode: '200' | '202';
}

/** The body status_code for a transaction status (reference §5.4). */
export function statusCodeFor(status: TxStatus, use: CodeUse, opts: RenderOptions): string {
  switch (status) {
    case 'pending':
      return '201';
    case 'settlement':
    case 'capture':
    case 'refund':
    case 'partial_refund':
      return '200';
    case 'expire':
      return use === 'status' ? '407' : '202';
    case 'cancel':
      return use === 'status' ? opts.cancelStatusCode : '202';
    case 'deny':
    case 'failure':
      return '202';
  }
}

/** Stable pseudo-references derived from the transaction id (so status and notifications agree). */
function ref(tx: Transaction, salt: string, len: number, digits = false): string {
  const h = createHash('sha256').update(`${salt}:${tx.transactionId}`).digest(digits ? 'hex' : 'base64url');
  return digits ? BigInt(`0x${h}`).toString().slice(0, len) : h.slice(0, len);
}

const paid = (tx: Transaction): boolean => tx.settledAt !== null && tx.status !== 'pending';

/** Method-specific fields shared by status replies and notifications. */
function methodFields(tx: Transaction): Record<string, unknown> {
  switch (tx.paymentType) {
    case 'qris': {
      const out: Record<string, unknown> = { acquirer: tx.acquirer ?? 'gopay' };
      if (paid(tx)) {
        const issuer = tx.issuer ?? tx.acquirer ?? 'gopay';
        out.issuer = issuer;
        out.transaction_type = issuer === (tx.acquirer ?? 'gopay') ? 'on-us' : 'off-us';
        if ((tx.acquirer ?? 'gopay').includes('shopee')) {
          out.shopeepay_reference_number = ref(tx, 'spn', 18, true);
          out.reference_id = `QR-${ref(tx, 'ref', 22)}`;
        } else out.merchant_cross_reference_id = ref(tx, 'mcr', 36);
      }
      return out;
    }
    case 'gopay':
      return paid(tx) ? { payment_option_type: 'GOPAY_WALLET' } : {};
    case 'shopeepay':
      return paid(tx)
        ? { shopeepay_reference_number: ref(tx, 'spn', 18, true), reference_id: `DL-${ref(tx, 'ref', 22)}` }
        : {};
    case 'bank_transfer':
      if (tx.bank === 'permata') return { permata_va_number: tx.vaNumber };
      return {
        va_numbers: [{ bank: tx.bank, va_number: tx.vaNumber }],
        payment_amounts:
          paid(tx) && tx.settledAt !== null
            ? [{ paid_at: formatWib(tx.settledAt), amount: formatAmount(tx.grossAmount) }]
            : [],
      };
    case 'echannel':
      return { bill_key: tx.billKey, biller_code: tx.billerCode };
    case 'cstore': {
      const out: Record<string, unknown> = { store: tx.store, payment_code: tx.paymentCode };
      if (paid(tx) && tx.store === 'indomaret') out.approval_code = ref(tx, 'apc', 20, true);
      return out;
    }
    default:
      return {};
  }
}

/**
 * The transaction's own fields in Midtrans order (everything but status_code /
 * status_message / signature_key). `bankConfirmed` false leaves the newest
 * refund unconfirmed, as in the first of Midtrans' two refund notifications.
 * @param out the object to add them to (after what it holds already), so a
 *   caller building a body need not copy them over with a spread; default a new one.
 */
export function transactionFields(
  tx: Transaction,
  ctx: EmuContext,
  bankConfirmed = true,
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  out.transaction_id = tx.transactionId;
  out.order_id = tx.orderId;
  out.merchant_id = ctx.credentials.merchantId;
  out.gross_amount = formatAmount(tx.grossAmount);
  out.currency = 'IDR';
  out.payment_type = tx.paymentType;
  out.transaction_time = formatWib(tx.createdAt);
  out.transaction_status = tx.status;
  out.fraud_status = tx.status === 'deny' ? 'deny' : 'accept';
  Object.assign(out, methodFields(tx));
  if (Number.isFinite(tx.expiresAt) && tx.expiresAt > 0) out.expiry_time = formatWib(tx.expiresAt);
  if (tx.settledAt !== null) out.settlement_time = formatWib(tx.settledAt);
  for (const f of ['custom_field1', 'custom_field2', 'custom_field3', 'metadata']) {
    if (tx.request[f] !== undefined) out[f] = tx.request[f];
  }
  if (tx.refunds.length > 0) {
    out.refund_amount = formatAmount(tx.refunds.reduce((s, r) => s + r.amount, 0));
    out.refunds = tx.refunds.map((r, i) => ({
      refund_chargeback_id: r.chargebackId,
      refund_amount: formatAmount(r.amount),
      created_at: formatWib(r.at),
      reason: r.reason ?? '',
      refund_key: r.refundKey,
      refund_method: 'online',
      ...(bankConfirmed || i < tx.refunds.length - 1 ? { bank_confirmed_at: formatWib(r.at) } : {}),
    }));
  }
  return out;
}

/** A GET status body with its signature_key (hashing the body's own status_code). */
export function renderStatus(tx: Transaction, ctx: EmuContext, opts: RenderOptions): Record<string, unknown> {
  const statusCode = statusCodeFor(tx.status, 'status', opts);
  const gross = formatAmount(tx.grossAmount);
  return {
    status_code: statusCode,
    status_message: 'Success, transaction is found',
    ...transactionFields(tx, ctx),
    signature_key: coreSignature(tx.orderId, statusCode, gross, ctx.credentials.serverKey),
  };
}

/** The Core API notification formatter registered for source 'core'. */
export function createCoreFormatter(ctx: EmuContext, opts: RenderOptions): NotificationFormatter {
  return (tx: Transaction): OutgoingNotification[] => {
    // Nobody to tell (no dashboard URL, no X-*-Notification header): skip rendering and the SHA-512.
    if (tx.notificationUrls.length === 0) return [];
    const statusCode = statusCodeFor(tx.status, 'notification', opts);
    const gross = formatAmount(tx.grossAmount);
    const render = (bankConfirmed: boolean): string =>
      JSON.stringify({
        status_code: statusCode,
        status_message: 'midtrans payment notification',
        ...transactionFields(tx, ctx, bankConfirmed),
        signature_key: coreSignature(tx.orderId, statusCode, gross, ctx.credentials.serverKey),
      });
    // A refund is notified twice; the second carries refunds[].bank_confirmed_at (reference §3).
    const bodies =
      tx.status === 'refund' || tx.status === 'partial_refund' ? [render(false), render(true)] : [render(true)];
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'Veritrans' };
    return tx.notificationUrls.flatMap((url) =>
      bodies.map((body) => ({ url, body, headers, orderId: tx.orderId, status: tx.status })),
    );
  };
}
