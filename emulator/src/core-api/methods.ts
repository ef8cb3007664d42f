/**
 * Per-method details of a Core API charge: the customer instruction (QR, VA,
 * bill key, payment code, deeplink), default and maximum expiry, and the
 * method-specific fields of the charge response (reference §4.2-§4.8).
 */
import type { Transaction } from '../types';
import { randomDigits } from '../util/ids';
import { buildQrisString } from './qris';
import type { ChargeInput, VaBank } from './validate';
import { isRecord } from '../server/body';

const MIN = 60_000;
const DAY = 1440 * MIN;

/** Tunables for method defaults (documented in emulator/README.md). */
export interface MethodOptions {
  /** Default expiry of Indomaret/Alfamart charges; the reference leaves it unconfirmed. */
  cstoreExpiryMinutes: number;
  /** Whether GoPay charge responses carry `qr_string` (unconfirmed upstream). */
  gopayQrString: boolean;
}

/** Default expiry (ms) when the charge has no custom_expiry. */
export function defaultExpiryMs(input: ChargeInput, opts: MethodOptions): number {
  switch (input.paymentType) {
    case 'qris':
    case 'gopay':
    case 'shopeepay':
      return 15 * MIN;
    case 'bank_transfer':
    case 'echannel':
      return DAY;
    case 'cstore':
      return opts.cstoreExpiryMinutes * MIN;
  }
}

/** Longest custom_expiry Midtrans allows for the method (reference §7). */
export function maxExpiryMs(input: ChargeInput): number {
  switch (input.paymentType) {
    case 'qris':
      return acquirerOf(input).includes('shopee') ? 5 * DAY : 7 * DAY;
    case 'gopay':
      return 7 * DAY;
    case 'shopeepay':
      return 5 * DAY;
    default:
      return 180 * DAY;
  }
}

/** `qris.acquirer` or the default, gopay. */
export function acquirerOf(input: ChargeInput): string {
  const q = input.body.qris;
  return isRecord(q) && typeof q.acquirer === 'string' && q.acquirer !== '' ? q.acquirer : 'gopay';
}

/** Bank prefix and length of the merchant-chosen part of a VA number. */
const VA_SHAPE: Record<VaBank, { prefix: string; custom: number }> = {
  bca: { prefix: '8127', custom: 11 },
  bni: { prefix: '98885002', custom: 8 },
  bri: { prefix: '857', custom: 13 },
  cimb: { prefix: '2810', custom: 12 },
  permata: { prefix: '85000', custom: 10 },
};

/**
 * A VA number: the merchant's `va_number` trimmed/zero-padded to the bank's
 * length as Midtrans does, or a random one when absent or already in use.
 */
function vaNumberFor(bank: VaBank, requested: unknown, inUse: (n: string) => boolean): string {
  const shape = VA_SHAPE[bank];
  if (typeof requested === 'string' && /^\d+$/.test(requested)) {
    const part = requested.slice(0, shape.custom).padStart(shape.custom, '0');
    const candidate = shape.prefix + part;
    if (!inUse(candidate)) return candidate;
  }
  for (;;) {
    const candidate = shape.prefix + randomDigits(shape.custom);
    if (!inUse(candidate)) return candidate;
  }
}

/** The per-method fields stored on the transaction. */
export function methodDetails(
  input: ChargeInput,
  ids: { transactionId: string; merchantId: string; baseUrl: string },
  numberInUse: (n: string) => boolean,
): Partial<Transaction> {
  const b = input.body;
  switch (input.paymentType) {
    case 'qris': {
      const acquirer = acquirerOf(input);
      const qrString = buildQrisString({ transactionId: ids.transactionId, merchantId: ids.merchantId, amount: input.grossAmount, acquirer });
      return { acquirer, qrString };
    }
    case 'gopay': {
      const qrString = buildQrisString({ ...ids, amount: input.grossAmount, acquirer: 'gopay' });
      return { acquirer: 'gopay', qrString, deeplinkUrl: deeplink(ids, callbackUrl(b.gopay)) };
    }
    case 'shopeepay':
      return { deeplinkUrl: deeplink(ids, callbackUrl(b.shopeepay)) };
    case 'bank_transfer': {
      const bank = input.bank as VaBank;
      const bt = isRecord(b.bank_transfer) ? b.bank_transfer : {};
      return { bank, vaNumber: vaNumberFor(bank, bt.va_number, numberInUse) };
    }
    case 'echannel': {
      const ec = isRecord(b.echannel) ? b.echannel : {};
      const wanted = typeof ec.bill_key === 'string' && /^\d{6,12}$/.test(ec.bill_key) ? ec.bill_key : undefined;
      let billKey = wanted && !numberInUse(wanted) ? wanted : randomDigits(12);
      while (numberInUse(billKey)) billKey = randomDigits(12);
      return { bank: 'mandiri', billKey, billerCode: '70012' };
    }
    case 'cstore': {
      const store = input.store as string;
      let code = store === 'alfamart' ? `8127${randomDigits(12)}` : randomDigits(12);
      while (numberInUse(code)) code = store === 'alfamart' ? `8127${randomDigits(12)}` : randomDigits(12);
      return { store, paymentCode: code };
    }
  }
}

function callbackUrl(obj: unknown): string | undefined {
  return isRecord(obj) && typeof obj.callback_url === 'string' ? obj.callback_url : undefined;
}

/** Sandbox deeplinks open Midtrans' simulator; ours open the emulator's checkout page. */
function deeplink(ids: { transactionId: string; baseUrl: string }, callback: string | undefined): string {
  const q = callback ? `?callback_url=${encodeURIComponent(callback)}` : '';
  return `${ids.baseUrl}/simulator/checkout/${ids.transactionId}${q}`;
}

/** Human status_message of a successful charge, per the published samples. */
export function chargeMessage(tx: Transaction): string {
  switch (tx.paymentType) {
    case 'qris':
      return 'QRIS transaction is created';
    case 'gopay':
      return 'GO-PAY billing created';
    case 'shopeepay':
      return 'ShopeePay transaction is created';
    case 'bank_transfer':
      return tx.bank === 'permata'
        ? 'Success, PERMATA VA transaction is successful'
        : 'Success, Bank Transfer transaction is created';
    case 'echannel':
      return 'OK, Mandiri Bill transaction is successful';
    default:
      return 'Success, cstore transaction is successful';
  }
}

/** Charge-response-only fields: actions, qr_string, channel response codes. */
export function chargeExtras(tx: Transaction, baseUrl: string, opts: MethodOptions): Record<string, unknown> {
  const v2 = `${baseUrl}/v2`;
  const id = tx.transactionId;
  switch (tx.paymentType) {
    case 'qris':
      return {
        actions: [
          { name: 'generate-qr-code', method: 'GET', url: `${v2}/qris/${id}/qr-code` },
          { name: 'generate-qr-code-v2', method: 'GET', url: `${baseUrl}/v4/qris/${tx.acquirer ?? 'gopay'}/${id}/qr-code` },
        ],
        qr_string: tx.qrString,
      };
    case 'gopay':
      return {
        actions: [
          { name: 'generate-qr-code', method: 'GET', url: `${v2}/gopay/${id}/qr-code` },
          { name: 'generate-qr-code-v2', method: 'GET', url: `${baseUrl}/v4/qris/gopay/${id}/qr-code` },
          { name: 'deeplink-redirect', method: 'GET', url: tx.deeplinkUrl },
          { name: 'get-status', method: 'GET', url: `${v2}/${id}/status` },
          { name: 'cancel', method: 'POST', url: `${v2}/${id}/cancel`, fields: [] },
        ],
        ...(opts.gopayQrString ? { qr_string: tx.qrString } : {}),
        channel_response_code: '200',
        channel_response_message: 'Success',
      };
    case 'shopeepay':
      return {
        actions: [{ name: 'deeplink-redirect', method: 'GET', url: tx.deeplinkUrl }],
        channel_response_code: '0',
        channel_response_message: 'success',
      };
    default:
      return {};
  }
}
