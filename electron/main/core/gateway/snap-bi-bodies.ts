/**
 * SNAP-BI request bodies, as pure functions of the request. Nothing here reads
 * the clock or a random source: a retried create sends byte-identical JSON with
 * the same X-EXTERNAL-ID, which Midtrans answers by replaying the original
 * response (a different body would be refused with 409xx00). Expiry comes from
 * the request (fixed when the payment intent was written, on Midtrans' clock:
 * gateway-clock.ts), never from "now".
 */
import { createHash } from 'node:crypto';
import { PAYMENT_METHOD_SPECS, type SnapBiCharge, type SnapVaBank } from '../../../../shared/domain/payment-methods';
import { saleRefOf } from './charge-details';
import type { GatewayMethod } from './mapping';
import { snapBiTimestamp } from './time';
import type { ChargeRequest, GatewayRef } from './types';

/** The SNAP-BI product a method belongs to. */
export type SnapKind = SnapBiCharge['kind'];

/** Product per method (null: not available on SNAP-BI, e.g. convenience stores). */
export function snapKindOf(method: GatewayMethod): SnapKind | null {
  return PAYMENT_METHOD_SPECS[method].snapBi?.kind ?? null;
}

/** The VA bank of a SNAP-BI VA method; anything else is a programming error, not a silent BCA. */
export function snapVaBankOf(method: GatewayMethod): SnapVaBank {
  const charge = PAYMENT_METHOD_SPECS[method].snapBi;
  if (charge?.kind !== 'va') throw new Error(`${method} is not a SNAP-BI virtual account`);
  return charge.bank;
}

/** `{"value":"15000.00","currency":"IDR"}`. */
export const snapAmountOf = (rupiah: number): { value: string; currency: 'IDR' } => ({ value: `${rupiah}.00`, currency: 'IDR' });

/** Static settings the bodies need. */
export interface SnapBodyConfig {
  merchantId: string;
  /** 8-char (space left-padded) partnerServiceId per VA bank, from onboarding. */
  partnerServiceIdFor(bank: string): string;
  /** Where the wallet app returns after payment. */
  callbackUrl: string;
}

/** Left-pads a partnerServiceId to the 8 characters SNAP-BI requires. */
export function padPartnerServiceId(id: string): string {
  return id.trim().padStart(8, ' ').slice(-8);
}

/**
 * Deterministic customer number for an order (digits only; 12 for Mandiri bill
 * keys, 10 otherwise), so recovery can find the VA even before its number was saved.
 */
export function customerNoFor(orderId: string, bank: string): string {
  const len = bank === 'mandiri' ? 12 : 10;
  const n = BigInt(`0x${createHash('sha256').update(orderId, 'utf8').digest('hex')}`) % 10n ** BigInt(len);
  return n.toString().padStart(len, '0');
}

/** The VA triple of a charge: the stored number when known, else the derived one. */
export function vaTripleOf(
  ref: Pick<GatewayRef, 'orderId' | 'method' | 'virtualAccountNo'>,
  cfg: SnapBodyConfig,
): { partnerServiceId: string; customerNo: string; virtualAccountNo: string } {
  const bank = snapVaBankOf(ref.method);
  const stored = ref.virtualAccountNo;
  if (stored && stored.length > 8) {
    return { partnerServiceId: stored.slice(0, 8), customerNo: stored.slice(8), virtualAccountNo: stored };
  }
  const psid = padPartnerServiceId(cfg.partnerServiceIdFor(bank));
  const customerNo = customerNoFor(ref.orderId, bank);
  return { partnerServiceId: psid, customerNo, virtualAccountNo: psid + customerNo };
}

/** Body of a create call (qr-mpm-generate, payment-host-to-host or create-va). */
export function buildSnapCreateBody(req: ChargeRequest, cfg: SnapBodyConfig): { path: string; body: Record<string, unknown> } {
  const spec = PAYMENT_METHOD_SPECS[req.method].snapBi;
  const amount = snapAmountOf(req.amount);
  // The sale this tender belongs to (absent on intents written before sales: their bytes stay as they were).
  const saleRef = saleRefOf(req);
  const metadata = saleRef !== undefined ? { metadata: { saleRef } } : {};
  // Absent: Midtrans' defaults apply (QRIS / debit 15 min, VA 24 h).
  const until = req.expiresAt ? snapBiTimestamp(Date.parse(req.expiresAt)) : undefined;
  if (spec?.kind === 'qris') {
    return {
      path: '/v1.0/qr/qr-mpm-generate',
      body: {
        partnerReferenceNo: req.orderId,
        amount,
        merchantId: cfg.merchantId,
        ...(until ? { validityPeriod: until } : {}),
        additionalInfo: { acquirer: spec.acquirer, ...metadata },
      },
    };
  }
  if (spec?.kind === 'debit') {
    const option = spec.payOption;
    return {
      path: '/v1.0/debit/payment-host-to-host',
      body: {
        partnerReferenceNo: req.orderId,
        chargeToken: '',
        merchantId: cfg.merchantId,
        urlParams: [{ url: cfg.callbackUrl, type: 'PAY_RETURN', isDeeplink: 'N' }],
        payOptionDetails: [{ payMethod: option, payOption: option, transAmount: amount }],
        ...(until ? { validUpTo: until } : {}),
        additionalInfo: { ...metadata },
      },
    };
  }
  if (spec?.kind === 'va') {
    const bank = spec.bank;
    const triple = vaTripleOf({ orderId: req.orderId, method: req.method, virtualAccountNo: null }, cfg);
    const additionalInfo: Record<string, unknown> = {
      merchantId: cfg.merchantId,
      bank,
      flags: { shouldRandomizeVaNumber: false },
    };
    if (bank === 'mandiri') additionalInfo.mandiri = { billInfo1: 'Payment:', billInfo2: `Order ${req.orderId}`.slice(0, 30) };
    // customField is what Midtrans documents for VA merchant data (echoed in the VA payment notification).
    if (saleRef !== undefined) additionalInfo.customField = { '1': saleRef };
    return {
      path: '/v1.0/transfer-va/create-va',
      body: {
        ...triple,
        virtualAccountName: 'Pelanggan Kasir',
        trxId: req.orderId,
        totalAmount: amount,
        ...(until ? { expiredDate: until } : {}),
        additionalInfo,
      },
    };
  }
  throw new Error(`${req.method} is not a SNAP-BI method`);
}

/** The "original*" identifiers of a QRIS / debit charge (only those known are sent). */
export function originalIds(ref: GatewayRef): Record<string, string> {
  const ids: Record<string, string> = {};
  if (ref.referenceNo) ids.originalReferenceNo = ref.referenceNo;
  ids.originalPartnerReferenceNo = ref.orderId;
  ids.originalExternalId = ref.externalId;
  return ids;
}
