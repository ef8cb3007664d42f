/**
 * QRIS MPM: `/v1.0/qr/qr-mpm-generate|query|cancel|refund` (services 47, 51, 77, 78).
 */
import { loadQrCode } from '../util/qr-code';
import { buildQrisString } from '../core-api/qris';
import type { EmuContext, EmuResponse, Transaction } from '../types';
import { FAILURES, SERVICE, STATUS_CODE, STATUS_DESC, fail, isFailure, snapResponse, type SnapFailure } from './codes';
import {
  amountOf,
  objectField,
  optString,
  parseAmount,
  parseExpiry,
  reqString,
  wibTimestamp,
  type Json,
} from './format';
import type { SnapCall, SnapHandler } from './guard';
import {
  PARTNER_REF_RE,
  baseTransaction,
  cancelTransaction,
  checkDuplicateOrder,
  checkMerchant,
  findOriginal,
  readOriginalIds,
  refundHistory,
  refundNo,
  refundFromRequest,
} from './transactions';

/** Acquirer limit for QRIS (midtrans-core-api.md: 1–10,000,000 IDR). */
const QRIS_MAX_AMOUNT = 10_000_000;
const DAY = 86_400;

/** Core API spelling of the acquirer, from what a SNAP body may send. */
function parseAcquirer(v: unknown): 'gopay' | 'airpay shopee' | SnapFailure {
  if (v === undefined || v === null || v === '') return 'gopay';
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (s === 'gopay') return 'gopay';
  // The docs table spells ShopeePay "AIRPAY SHOPEE"; Core API uses "airpay shopee".
  if (s === 'airpay shopee' || s === 'shopeepay') return 'airpay shopee';
  return FAILURES.invalidFormat('additionalInfo.acquirer');
}

/** The identifiers every QRIS answer repeats. */
function originalFields(tx: Transaction): Json {
  return {
    originalReferenceNo: tx.transactionId,
    originalPartnerReferenceNo: tx.orderId,
    originalExternalId: tx.snap?.externalId ?? '',
  };
}

/** Renders a QRIS payload as the PNG behind `qrImage` and `qrUrl`. */
export async function renderQrPng(payload: string): Promise<Buffer> {
  const QRCode = await loadQrCode();
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 256 });
}

/** The four QRIS route handlers (wrapped by the guard in index.ts). */
export interface QrisHandlers {
  generate: SnapHandler;
  query: SnapHandler;
  cancel: SnapHandler;
  refund: SnapHandler;
}

/** Creates the QRIS handlers for a context. */
export function createQrisHandlers(ctx: EmuContext, opts: { qrUrl: (referenceNo: string) => string; merchantName: string }): QrisHandlers {
  function optionalMerchant(b: Json): SnapFailure | undefined {
    const m = optString(b, 'merchantId');
    if (isFailure(m)) return m;
    return m === undefined ? undefined : checkMerchant(ctx, m);
  }

  async function generate(call: SnapCall): Promise<EmuResponse | SnapFailure> {
    const b = call.body;
    const orderId = reqString(b, 'partnerReferenceNo', { pattern: PARTNER_REF_RE });
    if (isFailure(orderId)) return orderId;
    const amount = parseAmount(b.amount, 'amount');
    if (isFailure(amount)) return amount;
    const merchantId = reqString(b, 'merchantId');
    if (isFailure(merchantId)) return merchantId;
    const badMerchant = checkMerchant(ctx, merchantId);
    if (badMerchant) return badMerchant;
    const info = objectField(b, 'additionalInfo');
    if (isFailure(info)) return info;
    const acquirer = parseAcquirer(info.acquirer);
    if (isFailure(acquirer)) return acquirer;
    if (amount > QRIS_MAX_AMOUNT) return fail(403, '02', 'Exceeds Transaction Amount Limit');
    // Docs: default 15 min, min 20 s, max 180 days.
    const expiresAt = parseExpiry(b.validityPeriod, 'validityPeriod', call.now, 15 * 60, 20, 180 * DAY);
    if (isFailure(expiresAt)) return expiresAt;
    const dup = checkDuplicateOrder(ctx, orderId, 'partnerReferenceNo');
    if (dup) return dup;

    const tx = baseTransaction(ctx, call.now, {
      kind: 'qris',
      externalId: call.externalId,
      orderId,
      paymentType: 'qris',
      amount,
      expiresAt,
      request: b,
    });
    tx.acquirer = acquirer;
    // The same EMVCo builder as Core API, so the simulator treats both alike.
    tx.qrString = buildQrisString({ transactionId: tx.transactionId, merchantId, amount, acquirer, merchantName: opts.merchantName });
    // Inserted before the (async) image rendering so that the duplicate check
    // above and the insert happen in one synchronous step.
    ctx.store.insert(tx);
    const png = await renderQrPng(tx.qrString);
    return snapResponse(200, SERVICE.qrisGenerate, '00', 'Successful', call.timestamp, {
      referenceNo: tx.transactionId,
      partnerReferenceNo: tx.orderId,
      qrContent: tx.qrString,
      qrUrl: opts.qrUrl(tx.transactionId),
      qrImage: png.toString('base64'),
      additionalInfo: { acquirer, validityPeriod: wibTimestamp(expiresAt) },
    });
  }

  function query(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const serviceCode = optString(b, 'serviceCode');
    if (isFailure(serviceCode)) return serviceCode;
    if (serviceCode !== undefined && serviceCode !== SERVICE.qrisGenerate) return FAILURES.invalidFormat('serviceCode');
    const bad = optionalMerchant(b);
    if (bad) return bad;
    const which = readOriginalIds(b);
    if (isFailure(which)) return which;
    const tx = findOriginal(ctx, 'qris', which);
    if (isFailure(tx)) return tx;
    return snapResponse(200, SERVICE.qrisQuery, '00', 'Successful', call.timestamp, {
      ...originalFields(tx),
      serviceCode: SERVICE.qrisGenerate,
      latestTransactionStatus: STATUS_CODE[tx.status],
      transactionStatusDesc: STATUS_DESC[tx.status],
      ...(tx.settledAt !== null ? { paidTime: wibTimestamp(tx.settledAt) } : {}),
      amount: amountOf(tx.grossAmount),
      terminalId: 'KASIR-EMU',
      additionalInfo: { acquirer: tx.acquirer ?? 'gopay', refundHistory: refundHistory(tx) },
    });
  }

  function cancel(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const merchantId = reqString(b, 'merchantId');
    if (isFailure(merchantId)) return merchantId;
    const badMerchant = checkMerchant(ctx, merchantId);
    if (badMerchant) return badMerchant;
    const reason = reqString(b, 'reason', { max: 256 });
    if (isFailure(reason)) return reason;
    const which = readOriginalIds(b);
    if (isFailure(which)) return which;
    const tx = findOriginal(ctx, 'qris', which);
    if (isFailure(tx)) return tx;
    const refused = cancelTransaction(ctx, tx);
    if (refused) return refused;
    return snapResponse(200, SERVICE.qrisCancel, '00', 'Successful', call.timestamp, {
      ...originalFields(tx),
      cancelTime: wibTimestamp(tx.updatedAt),
      transactionDate: wibTimestamp(tx.createdAt),
    });
  }

  function refund(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const merchantId = reqString(b, 'merchantId');
    if (isFailure(merchantId)) return merchantId;
    const badMerchant = checkMerchant(ctx, merchantId);
    if (badMerchant) return badMerchant;
    // Docs: partnerRefundNo must equal X-EXTERNAL-ID; absent → the header value is used.
    const done = refundFromRequest(ctx, 'qris', call);
    if (isFailure(done)) return done;
    const { tx, refund: r } = done;
    return snapResponse(200, SERVICE.qrisRefund, '00', 'Successful', call.timestamp, {
      ...originalFields(tx),
      referenceNo: refundNo(tx, r),
      partnerRefundNo: r.refundKey,
      refundAmount: amountOf(r.amount),
      refundTime: wibTimestamp(r.at),
    });
  }

  return { generate, query, cancel, refund };
}
