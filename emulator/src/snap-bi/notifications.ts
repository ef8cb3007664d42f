/**
 * The notification formatter for `source: 'snap'` transactions
 * (midtrans-snap-bi.md §4). The store calls it on every state change; the core
 * dispatcher sends what it returns (with retries and faults).
 *
 * Choices where the reference says "unconfirmed":
 * - Paths: the per-product paths of the payment-notification docs page
 *   (`/v1.0/qr/qr-mpm-notify`, `/v1.0/debit/notify`, `/v1.0/transfer-va/payment`),
 *   appended to each registered base URL; overridable through {@link NotificationPaths}.
 * - Signed EndpointUrl: only the appended SNAP path, as the official Node, PHP and
 *   Java verifiers (`withNotificationUrlPath('/v1.0/debit/notify')`) expect. The
 *   two readings agree when the registered base URL has no path of its own.
 * - Body: compact `JSON.stringify`, so hashing the raw bytes and the Node client's
 *   re-stringify of the parsed object give the same digest.
 * - Which changes notify: QRIS and debit on every change after creation (the
 *   creation `pending` is not announced: the merchant just received the create
 *   response); VA on payment, as its path (`/transfer-va/payment`) says, and on
 *   a reversal of a payment (settlement → deny, `paymentFlagStatus` "09") to the
 *   same path: Midtrans documents reversals for VA / Mandiri bill but no SNAP-BI
 *   reversal message, so this shape is the emulator's reading.
 * - Retries: the dispatcher re-sends these headers verbatim, or calls the
 *   note's `resign` (fresh X-TIMESTAMP + X-SIGNATURE, same X-EXTERNAL-ID) when
 *   the `snapBiRetries: 'resign'` setting is on.
 */
import type { EmuContext, NotificationFormatter, Transaction } from '../types';
import { STATUS_CODE, STATUS_DESC } from './codes';
import { notificationStringToSign, signSha256WithRsa } from './crypto';
import { amountOf, wibTimestamp, type Json } from './format';
import { refundHistory, type SnapKind } from './transactions';

/** The path appended to the merchant's base URL, per SNAP kind. */
export type NotificationPaths = Record<SnapKind, string>;

/** Paths from the Midtrans payment-notification docs page. */
export const DEFAULT_NOTIFICATION_PATHS: NotificationPaths = {
  qris: '/v1.0/qr/qr-mpm-notify',
  debit: '/v1.0/debit/notify',
  va: '/v1.0/transfer-va/payment',
};

/** Joins a registered base URL and the SNAP path (one slash, no doubling). */
export function notificationUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

/**
 * Whether a state change is announced: QRIS / debit every change but the
 * creation `pending`; VA a payment and the reversal of one (deny after settlement).
 */
function announced(tx: Transaction, kind: SnapKind): boolean {
  if (tx.status === 'pending') return false;
  if (kind !== 'va') return true;
  return tx.status === 'settlement' || tx.status === 'capture' || (tx.status === 'deny' && tx.settledAt !== null);
}

/** Statuses whose time is a "finishedTime". */
function finished(tx: Transaction): boolean {
  return tx.status !== 'pending';
}

function qrisOrDebitBody(ctx: EmuContext, tx: Transaction): Json {
  const kind = tx.snap?.kind;
  // ShopeePay the acquirer is "airpay shopee"; as the paying app it is "shopeepay".
  const app = (s: string): string => (s === 'airpay shopee' ? 'shopeepay' : s.toLowerCase());
  const acquirer = tx.acquirer ?? 'gopay';
  const issuer = tx.issuer ?? acquirer;
  const option = `${tx.paymentType.toUpperCase()}_WALLET`;
  const additionalInfo: Json =
    kind === 'qris'
      ? {
          qris: {
            issuerName: issuer,
            acquirerName: acquirer,
            // Paid with the acquirer's own app → ON-US, any other QRIS app → OFF-US.
            transactionType: app(issuer) === app(acquirer) ? 'ON-US' : 'OFF-US',
          },
          refundHistory: refundHistory(tx),
        }
      : {
          userPaymentDetails: tx.settledAt !== null ? [{ payMethod: tx.paymentType, payOption: option }] : [],
          refundHistory: refundHistory(tx),
        };
  return {
    originalPartnerReferenceNo: tx.orderId,
    originalReferenceNo: tx.transactionId,
    originalExternalId: tx.snap?.externalId ?? '',
    merchantId: ctx.credentials.snapBi.merchantId,
    amount: amountOf(tx.grossAmount),
    latestTransactionStatus: STATUS_CODE[tx.status],
    transactionStatusDesc: STATUS_DESC[tx.status],
    createdTime: wibTimestamp(tx.createdAt),
    ...(finished(tx) ? { finishedTime: wibTimestamp(tx.updatedAt) } : {}),
    additionalInfo,
  };
}

function vaBody(ctx: EmuContext, tx: Transaction): Json {
  const req = tx.request;
  const info = (req.additionalInfo && typeof req.additionalInfo === 'object' ? req.additionalInfo : {}) as Json;
  return {
    partnerServiceId: tx.snap?.partnerServiceId ?? '',
    customerNo: tx.snap?.customerNo ?? '',
    virtualAccountNo: tx.snap?.virtualAccountNo ?? '',
    virtualAccountName: typeof req.virtualAccountName === 'string' ? req.virtualAccountName : '',
    ...(typeof req.virtualAccountEmail === 'string' ? { virtualAccountEmail: req.virtualAccountEmail } : {}),
    ...(typeof req.virtualAccountPhone === 'string' ? { virtualAccountPhone: req.virtualAccountPhone } : {}),
    trxId: tx.orderId,
    paymentRequestId: tx.transactionId,
    paidAmount: amountOf(tx.grossAmount),
    referenceNo: tx.transactionId,
    additionalInfo: {
      bank: tx.bank ?? '',
      paymentFlagStatus: STATUS_CODE[tx.status],
      merchantId: ctx.credentials.snapBi.merchantId,
      ...(tx.settledAt !== null ? { paidTime: wibTimestamp(tx.settledAt) } : {}),
      ...(info.customField && typeof info.customField === 'object' ? { customField: info.customField } : {}),
    },
  };
}

/**
 * Creates the formatter. X-EXTERNAL-ID is a numeric string (as documented)
 * built from emulator time and a counter, so it is unique within a run and
 * across restarts.
 */
export function createSnapNotificationFormatter(
  ctx: EmuContext,
  paths: NotificationPaths = DEFAULT_NOTIFICATION_PATHS,
): NotificationFormatter {
  let seq = 0;
  return (tx, opts) => {
    const kind = tx.snap?.kind;
    if (!kind) return [];
    if (!opts?.force && !announced(tx, kind)) return [];
    const path = paths[kind];
    const body = JSON.stringify(kind === 'va' ? vaBody(ctx, tx) : qrisOrDebitBody(ctx, tx));
    const now = ctx.clock.now();
    const creds = ctx.credentials.snapBi;
    seq = (seq + 1) % 1_000_000;
    const externalId = `${now}${String(seq).padStart(6, '0')}`;
    // Signs `text` at the emulator's current time; the X-EXTERNAL-ID names the notification, so it stays.
    const sign = (text: string): Record<string, string> => {
      const timestamp = wibTimestamp(ctx.clock.now());
      return {
        'Content-Type': 'application/json',
        'X-TIMESTAMP': timestamp,
        'X-SIGNATURE': signSha256WithRsa(notificationStringToSign(path, text, timestamp), creds.notificationPrivateKeyPem),
        'X-PARTNER-ID': creds.partnerId,
        'X-EXTERNAL-ID': externalId,
        'CHANNEL-ID': creds.channelId,
      };
    };
    const headers = sign(body);
    return tx.notificationUrls.map((base) => ({
      url: notificationUrl(base, path),
      body,
      headers: { ...headers },
      orderId: tx.orderId,
      status: tx.status,
      resign: sign,
    }));
  };
}
