/**
 * SNAP-BI client: QRIS MPM, direct debit (GoPay / ShopeePay / DANA) and
 * virtual accounts (incl. Mandiri bill). Every request carries a B2B Bearer
 * token and an HMAC-SHA512 `X-SIGNATURE` over the exact bytes sent; a request
 * refused with 401xx01 (invalid token) is re-sent once with a fresh token.
 * Each call is a single attempt; retries live in the routing gateway.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { SnapBiCredentials } from '../secrets/credentials';
import { GatewayError } from './errors';
import type { HttpTransport } from './http';
import { rupiahFrom, snapStatus as mapSnapStatus, unreadable } from './mapping';
import { snapBiRequestSignature } from './signatures';
import {
  buildSnapCreateBody,
  originalIds,
  padPartnerServiceId,
  snapAmountOf,
  snapKindOf,
  snapVaBankOf,
  vaTripleOf,
  type SnapBodyConfig,
  type SnapKind,
} from './snap-bi-bodies';
import { interpretSnap, isInvalidToken } from './snap-bi-errors';
import { debitPayment, qrisGenerate, snapAck, snapStatus, vaCreate, vaStatus, type SnapRefundEntry } from './snap-bi-schemas';
import { SnapBiTokenProvider } from './snap-bi-token';
import { gatewayTimeToIsoUtc, snapBiTimestamp } from './time';
import type { ChargeRequest, GatewayRef, GatewayRefund, GatewayTransaction, RefundRequest } from './types';

export interface SnapBiClientOptions {
  http: HttpTransport;
  credentials: SnapBiCredentials;
  clock: Clock;
  /** Midtrans' clock, for `X-TIMESTAMP` (default: `clock`); see gateway-clock.ts. */
  gatewayTime?: { now(): number };
  logger: Logger;
  /** partnerServiceId per VA bank (from onboarding); a string applies to every bank. Default `70012`. */
  vaPartnerServiceIds?: string | Partial<Record<string, string>>;
  /** Wallet return URL (default `kasir://payment-finished`). */
  callbackUrl?: string;
  /** X-EXTERNAL-ID generator for non-create operations (default random UUID). */
  newExternalId?: () => string;
}

const PATHS: Record<SnapKind, { status: string; cancel: string; refund: string | null }> = {
  qris: { status: '/v1.0/qr/qr-mpm-query', cancel: '/v1.0/qr/qr-mpm-cancel', refund: '/v1.0/qr/qr-mpm-refund' },
  debit: { status: '/v1.0/debit/status', cancel: '/v1.0/debit/cancel', refund: '/v1.0/debit/refund' },
  va: { status: '/v1.0/transfer-va/status', cancel: '/v1.0/transfer-va/delete-va', refund: null },
};

/** SNAP-BI adapter. */
export class SnapBiClient {
  readonly tokens: SnapBiTokenProvider;
  private readonly cfg: SnapBodyConfig;
  private readonly newExternalId: () => string;

  constructor(private readonly opts: SnapBiClientOptions) {
    const credentials = opts.credentials;
    this.tokens = new SnapBiTokenProvider({
      http: opts.http,
      clientId: credentials.clientId,
      privateKey: createPrivateKey(credentials.privateKeyPem),
      clock: opts.clock,
      ...(opts.gatewayTime ? { gatewayTime: opts.gatewayTime } : {}),
      logger: opts.logger,
    });
    const ids = opts.vaPartnerServiceIds ?? '70012';
    this.cfg = {
      merchantId: credentials.merchantId ?? credentials.partnerId,
      partnerServiceIdFor: (bank) => padPartnerServiceId(typeof ids === 'string' ? ids : (ids[bank] ?? '70012')),
      callbackUrl: opts.callbackUrl ?? 'kasir://payment-finished',
    };
    this.newExternalId = opts.newExternalId ?? randomUUID;
  }

  /** Creates the charge; X-EXTERNAL-ID = the request's idempotency key. */
  async charge(req: ChargeRequest): Promise<GatewayTransaction> {
    const kind = snapKindOf(req.method);
    if (!kind) {
      throw new GatewayError('rejected', {
        delivery: 'not_sent',
        reason: 'wrong_api',
        message: `${req.method} is not available on SNAP-BI; route it to the Core API.`,
      });
    }
    const { path, body } = buildSnapCreateBody(req, this.cfg);
    const base = { orderId: req.orderId, amount: req.amount, refundedAmount: 0, refunds: [], status: 'pending' as const };
    if (kind === 'qris') {
      const reply = await this.post(path, JSON.stringify(body), req.idempotencyKey, qrisGenerate);
      const validity = reply.validityPeriod ?? reply.additionalInfo?.validityPeriod;
      return { ...base, referenceNo: reply.referenceNo, action: { kind: 'qr', qrString: reply.qrContent }, expiresAt: gatewayTimeToIsoUtc(validity), raw: reply };
    }
    if (kind === 'debit') {
      const reply = await this.post(path, JSON.stringify(body), req.idempotencyKey, debitPayment);
      const url = reply.webRedirectUrl || reply.appRedirectUrl;
      return {
        ...base,
        referenceNo: reply.referenceNo,
        action: url ? { kind: 'deeplink', url } : null,
        expiresAt: gatewayTimeToIsoUtc(reply.additionalInfo?.validUpTo),
        raw: reply,
      };
    }
    const reply = await this.post(path, JSON.stringify(body), req.idempotencyKey, vaCreate);
    const va = reply.virtualAccountData;
    return {
      ...base,
      referenceNo: va.referenceNo ?? null,
      action: vaAction(req.method, va.virtualAccountNo),
      virtualAccountNo: va.virtualAccountNo,
      expiresAt: gatewayTimeToIsoUtc(va.expiredDate),
      raw: reply,
    };
  }

  /** Status query; null when Midtrans has no such transaction. */
  async status(ref: GatewayRef): Promise<GatewayTransaction | null> {
    const kind = this.kindOf(ref);
    try {
      if (kind === 'va') return await this.vaStatus(ref);
      const serviceCode = kind === 'qris' ? '47' : '54';
      const body = { ...originalIds(ref), merchantId: this.cfg.merchantId, serviceCode };
      const reply = await this.post(PATHS[kind].status, JSON.stringify(body), this.newExternalId(), snapStatus);
      const money = reply.amount ?? reply.transAmount;
      if (!money) throw unreadable('status without amount');
      const amount = rupiahFrom(money.value);
      const refunds = refundsOf(reply.refundHistory ?? reply.additionalInfo?.refundHistory ?? [], ref.orderId);
      const refunded = refunds.reduce((sum, r) => sum + r.amount, 0);
      const status = mapSnapStatus(reply.latestTransactionStatus, amount, refunded);
      if (status === 'not_found') return null;
      if (!status) throw unreadable('unknown latestTransactionStatus');
      return {
        orderId: reply.originalPartnerReferenceNo ?? ref.orderId,
        referenceNo: reply.originalReferenceNo ?? ref.referenceNo ?? null,
        status,
        amount,
        refundedAmount: status === 'refund' && refunded === 0 ? amount : refunded,
        refunds,
        action: null,
        expiresAt: gatewayTimeToIsoUtc(reply.additionalInfo?.validUpTo ?? reply.additionalInfo?.validityPeriod),
        raw: reply,
      };
    } catch (e) {
      if (e instanceof GatewayError && e.kind === 'not_found') return null;
      throw e;
    }
  }

  /** Cancels a pending charge (VA: delete-va), then reads its status back. */
  async cancel(ref: GatewayRef): Promise<GatewayTransaction> {
    const kind = this.kindOf(ref);
    const body =
      kind === 'va'
        ? { ...vaTripleOf(ref, this.cfg), trxId: ref.orderId, additionalInfo: { merchantId: this.cfg.merchantId } }
        : { ...originalIds(ref), merchantId: this.cfg.merchantId, reason: 'Cancelled at the till' };
    await this.post(PATHS[kind].cancel, JSON.stringify(body), this.newExternalId(), snapAck);
    return this.readBack(ref);
  }

  /** Refunds (QRIS and debit only); X-EXTERNAL-ID = partnerRefundNo = refundKey. */
  async refund(req: RefundRequest): Promise<GatewayTransaction> {
    const kind = this.kindOf(req.ref);
    const path = PATHS[kind].refund;
    if (!path) {
      throw new GatewayError('illegal', {
        delivery: 'not_sent',
        message: 'Virtual-account payments cannot be refunded through Midtrans; refund the customer directly.',
      });
    }
    const body: Record<string, unknown> = {
      merchantId: this.cfg.merchantId,
      ...originalIds(req.ref),
      partnerRefundNo: req.refundKey,
      ...(req.amount !== undefined ? { refundAmount: snapAmountOf(req.amount) } : {}),
      reason: req.reason ?? 'Refund at the till',
    };
    await this.post(path, JSON.stringify(body), req.refundKey, snapAck);
    return this.readBack(req.ref);
  }

  /**
   * The charge after Midtrans accepted a cancel / refund. The write WAS
   * accepted, so a failed read must never look like a refusal (or like
   * "not sent"): it is `maybe_processed`, and the caller settles it by status.
   */
  private async readBack(ref: GatewayRef): Promise<GatewayTransaction> {
    let tx: GatewayTransaction | null;
    try {
      tx = await this.status(ref);
    } catch (e) {
      throw acceptedButUnread(e instanceof GatewayError ? e.details : {});
    }
    if (!tx) throw acceptedButUnread({});
    return tx;
  }

  private async vaStatus(ref: GatewayRef): Promise<GatewayTransaction | null> {
    const triple = vaTripleOf(ref, this.cfg);
    const body = { ...triple, inquiryRequestId: ref.orderId, additionalInfo: { merchantId: this.cfg.merchantId } };
    const reply = await this.post(PATHS.va.status, JSON.stringify(body), this.newExternalId(), vaStatus);
    const va = reply.virtualAccountData;
    const money = va.totalAmount ?? va.paidAmount;
    if (!money) throw unreadable('VA status without amount');
    const amount = rupiahFrom(money.value);
    const status = mapSnapStatus(va.paymentFlagStatus);
    if (status === 'not_found') return null;
    if (!status) throw unreadable('unknown paymentFlagStatus');
    return {
      orderId: va.trxId ?? ref.orderId,
      referenceNo: va.referenceNo ?? ref.referenceNo ?? null,
      status,
      amount,
      refundedAmount: status === 'refund' ? amount : 0,
      // Midtrans has no refund for virtual accounts.
      refunds: [],
      action: vaAction(ref.method, va.virtualAccountNo),
      virtualAccountNo: va.virtualAccountNo,
      expiresAt: gatewayTimeToIsoUtc(va.expiredDate),
      raw: reply,
    };
  }

  private kindOf(ref: GatewayRef): SnapKind {
    const kind = snapKindOf(ref.method);
    if (!kind) throw new GatewayError('rejected', { delivery: 'not_sent', reason: 'wrong_api', message: `${ref.method} is not a SNAP-BI method.` });
    return kind;
  }

  /** Signs and sends one POST; refreshes the token once on 401xx01. */
  private async post<S extends z.ZodType>(path: string, body: string, externalId: string, schema: S): Promise<z.infer<S>> {
    const credentials = this.opts.credentials;
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await this.tokens.get();
      } catch (e) {
        // Without a token the transaction request itself was never sent, whatever happened to the token request.
        throw e instanceof GatewayError ? e.withDelivery('not_sent') : e;
      }
      // Midtrans' time, not the till's: a till 15 minutes off must still send a current X-TIMESTAMP.
      const timestamp = snapBiTimestamp((this.opts.gatewayTime ?? this.opts.clock).now());
      const signature = snapBiRequestSignature({ method: 'POST', path, accessToken: token, body, timestamp }, credentials.clientSecret);
      this.opts.logger.debug('snap-bi request', { path });
      const res = await this.opts.http.request({
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
          'X-TIMESTAMP': timestamp,
          'X-SIGNATURE': signature,
          'X-PARTNER-ID': credentials.partnerId,
          'X-EXTERNAL-ID': externalId,
          'CHANNEL-ID': credentials.channelId,
        },
        body,
      });
      try {
        return interpretSnap(res, schema);
      } catch (e) {
        if (attempt === 0 && isInvalidToken(e)) {
          this.tokens.invalidate(token);
          continue;
        }
        throw e;
      }
    }
  }
}

/**
 * The refunds a status answer lists as done (`refundStatus` `00` or absent),
 * with their keys. A `partnerReferenceNo` equal to the charge's own order id
 * names the charge, not the refund, so it is no refund key.
 */
function refundsOf(entries: SnapRefundEntry[], orderId: string): GatewayRefund[] {
  return entries
    .filter((entry) => entry.refundStatus === undefined || entry.refundStatus === '00')
    .map((entry) => {
      const key = entry.partnerRefundNo || (entry.partnerReferenceNo !== orderId ? entry.partnerReferenceNo : null) || null;
      return { refundKey: key, amount: entry.refundAmount ? rupiahFrom(entry.refundAmount.value) : 0 };
    });
}

function acceptedButUnread(details: GatewayError['details']): GatewayError {
  return new GatewayError('unavailable', {
    delivery: 'maybe_processed',
    message: 'Midtrans accepted the request, but the transaction could not be read back; check its status.',
    details,
  });
}

function vaAction(method: GatewayRef['method'], virtualAccountNo: string): GatewayTransaction['action'] {
  // Mandiri's bill-payment "VA" is a company code (the 8-char partnerServiceId) plus a bill key.
  if (PAYMENT_METHOD_SPECS[method].family === 'bill') {
    return { kind: 'bill', billerCode: virtualAccountNo.slice(0, 8).trim(), billKey: virtualAccountNo.slice(8) };
  }
  return { kind: 'va', bank: snapVaBankOf(method), vaNumber: virtualAccountNo.replace(/\s+/g, '') };
}
