/**
 * Direct debit (GoPay / ShopeePay / DANA deeplink):
 * `/v1.0/debit/payment-host-to-host|status|cancel|refund` (services 54, 55, 57, 58).
 */
import type { EmuContext, EmuResponse, Transaction } from '../types';
import { FAILURES, SERVICE, STATUS_CODE, STATUS_DESC, fail, isFailure, snapResponse, type SnapFailure } from './codes';
import { amountOf, objectField, optString, parseAmount, parseExpiry, reqString, wibTimestamp, type Json } from './format';
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

type Wallet = 'gopay' | 'shopeepay' | 'dana';

const DAY = 86_400;
/** Maximum validUpTo per wallet (docs: GoPay 180 d, ShopeePay 5 d, DANA 1 d). */
const MAX_VALIDITY: Record<Wallet, number> = { gopay: 180 * DAY, shopeepay: 5 * DAY, dana: DAY };
/** Wallet amount limit (midtrans-core-api.md: GoPay/ShopeePay 1–20,000,000 IDR; DANA assumed the same). */
const MAX_AMOUNT = 20_000_000;

/** The wallet, from payOption (e.g. `GOPAY`, `GOPAY_WALLET` as the Node README sends) or payMethod. */
function walletOf(detail: Json): Wallet | SnapFailure {
  const raw = detail.payOption ?? detail.payMethod;
  if (raw === undefined || raw === null || raw === '') return FAILURES.missingField('payOptionDetails.payOption');
  const s = typeof raw === 'string' ? raw.toUpperCase().replace(/_WALLET$/, '') : '';
  if (s === 'GOPAY') return 'gopay';
  if (s === 'SHOPEEPAY') return 'shopeepay';
  if (s === 'DANA') return 'dana';
  return FAILURES.invalidFormat('payOptionDetails.payOption');
}

/** The PAY_RETURN URL, from the docs' `urlParams[]` or the Node README's single `urlParam` object. */
function returnUrl(b: Json): string | undefined {
  const list: unknown[] = Array.isArray(b.urlParams) ? b.urlParams : b.urlParam ? [b.urlParam] : [];
  for (const p of list) {
    if (p && typeof p === 'object' && typeof (p as Json).url === 'string') return (p as Json).url as string;
  }
  return undefined;
}

/** The identifiers every debit answer repeats. */
function originalFields(tx: Transaction): Json {
  return {
    originalPartnerReferenceNo: tx.orderId,
    originalReferenceNo: tx.transactionId,
    originalExternalId: tx.snap?.externalId ?? '',
  };
}

/** The four direct-debit route handlers. */
export interface DebitHandlers {
  payment: SnapHandler;
  status: SnapHandler;
  cancel: SnapHandler;
  refund: SnapHandler;
}

/**
 * Creates the handlers. `redirectUrl` points the customer at the emulator's
 * simulator, where "paying" in the wallet is emulated.
 */
export function createDebitHandlers(
  ctx: EmuContext,
  opts: { redirectUrl: (tx: Transaction, returnUrl: string | undefined) => string },
): DebitHandlers {
  function payment(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const orderId = reqString(b, 'partnerReferenceNo', { pattern: PARTNER_REF_RE });
    if (isFailure(orderId)) return orderId;
    const merchantId = reqString(b, 'merchantId');
    if (isFailure(merchantId)) return merchantId;
    const badMerchant = checkMerchant(ctx, merchantId);
    if (badMerchant) return badMerchant;
    // chargeToken is mandatory in the docs, but the Node README sends "" for the
    // non-tokenized flow; it is not checked (the Bearer token already was).
    if (!Array.isArray(b.payOptionDetails) || b.payOptionDetails.length === 0) return FAILURES.missingField('payOptionDetails');
    const detail: unknown = b.payOptionDetails[0];
    if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return FAILURES.invalidFormat('payOptionDetails');
    const wallet = walletOf(detail as Json);
    if (isFailure(wallet)) return wallet;
    const amount = parseAmount((detail as Json).transAmount, 'payOptionDetails.transAmount');
    if (isFailure(amount)) return amount;
    if (amount > MAX_AMOUNT) return fail(403, '02', 'Exceeds Transaction Amount Limit');
    const info = objectField(b, 'additionalInfo');
    if (isFailure(info)) return info;
    const expiresAt = parseExpiry(b.validUpTo, 'validUpTo', call.now, 15 * 60, 20, MAX_VALIDITY[wallet]);
    if (isFailure(expiresAt)) return expiresAt;
    const dup = checkDuplicateOrder(ctx, orderId, 'partnerReferenceNo');
    if (dup) return dup;

    const tx = baseTransaction(ctx, call.now, {
      kind: 'debit',
      externalId: call.externalId,
      orderId,
      paymentType: wallet,
      amount,
      expiresAt,
      request: b,
    });
    // One URL for both: there is no wallet app to deep-link into, the simulator's
    // checkout page plays the wallet (and sends the customer back to PAY_RETURN).
    const redirect = opts.redirectUrl(tx, returnUrl(b));
    tx.deeplinkUrl = redirect;
    ctx.store.insert(tx);
    return snapResponse(200, SERVICE.debitPayment, '00', 'Successful', call.timestamp, {
      referenceNo: tx.transactionId,
      partnerReferenceNo: tx.orderId,
      webRedirectUrl: redirect,
      appRedirectUrl: redirect,
      additionalInfo: {
        paymentType: wallet.toUpperCase(),
        grossAmount: amountOf(amount),
        transactionTime: wibTimestamp(tx.createdAt),
        validUpTo: wibTimestamp(expiresAt),
      },
    });
  }

  function status(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const serviceCode = optString(b, 'serviceCode');
    if (isFailure(serviceCode)) return serviceCode;
    if (serviceCode !== undefined && serviceCode !== SERVICE.debitPayment) return FAILURES.invalidFormat('serviceCode');
    const ids = readOriginalIds(b);
    if (isFailure(ids)) return ids;
    const tx = findOriginal(ctx, 'debit', ids);
    if (isFailure(tx)) return tx;
    const option = `${tx.paymentType.toUpperCase()}_WALLET`;
    return snapResponse(200, SERVICE.debitStatus, '00', 'Successful', call.timestamp, {
      ...originalFields(tx),
      serviceCode: SERVICE.debitPayment,
      latestTransactionStatus: STATUS_CODE[tx.status],
      transactionStatusDesc: STATUS_DESC[tx.status],
      transAmount: amountOf(tx.grossAmount),
      ...(tx.settledAt !== null ? { paidTime: wibTimestamp(tx.settledAt) } : {}),
      refundHistory: refundHistory(tx),
      additionalInfo: {
        fraudStatus: 'accept',
        validUpTo: wibTimestamp(tx.expiresAt),
        payOptionDetails: [{ payMethod: tx.paymentType, payOption: option }],
        userPaymentDetails: tx.settledAt !== null ? [{ payMethod: tx.paymentType, payOption: option }] : [],
      },
    });
  }

  function cancel(call: SnapCall): EmuResponse | SnapFailure {
    const ids = readOriginalIds(call.body);
    if (isFailure(ids)) return ids;
    const tx = findOriginal(ctx, 'debit', ids);
    if (isFailure(tx)) return tx;
    const refused = cancelTransaction(ctx, tx);
    if (refused) return refused;
    return snapResponse(200, SERVICE.debitCancel, '00', 'Successful', call.timestamp, {
      ...originalFields(tx),
      cancelTime: wibTimestamp(tx.updatedAt),
    });
  }

  function refund(call: SnapCall): EmuResponse | SnapFailure {
    const done = refundFromRequest(ctx, 'debit', call);
    if (isFailure(done)) return done;
    const { tx, refund: r } = done;
    return snapResponse(200, SERVICE.debitRefund, '00', 'Successful', call.timestamp, {
      ...originalFields(tx),
      refundNo: refundNo(tx, r),
      partnerRefundNo: r.refundKey,
      refundAmount: amountOf(r.amount),
      refundTime: wibTimestamp(r.at),
    });
  }

  return { payment, status, cancel, refund };
}
