/**
 * Charge request validation (reference §4, §7). Collects every problem, as
 * Midtrans lists them all in `validation_messages`.
 */
import { isRecord } from '../server/body';
import { parseOrderTime } from '../util/time';

/** Core API payment types the emulator can charge. */
export type CorePaymentType = 'qris' | 'gopay' | 'shopeepay' | 'bank_transfer' | 'echannel' | 'cstore';
export type VaBank = 'bca' | 'bni' | 'bri' | 'permata' | 'cimb';
export type CStore = 'indomaret' | 'alfamart';

/** A charge request that passed validation, normalized. */
export interface ChargeInput {
  paymentType: CorePaymentType;
  bank?: VaBank;
  store?: CStore;
  orderId: string;
  grossAmount: number;
  /** From custom_expiry: explicit start (ms) and length. */
  customExpiry?: { orderTime?: number; durationMs: number };
  body: Record<string, unknown>;
}

export type ChargeValidation = { ok: true; input: ChargeInput } | { ok: false, messages: string[] };

const PAYMENT_TYPES: readonly string[] = ['qris', 'gopay', 'shopeepay', 'bank_transfer', 'echannel', 'cstore', 'permata'];
const BANKS: readonly string[] = ['bca', 'bni', 'bri', 'permata', 'cimb'];
const STORES: readonly string[] = ['indomaret', 'alfamart'];
const ORDER_ID_RE = /^[A-Za-z0-9\-_~.]+$/;
const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * Integer rupiah from a JSON number or a digit string (the Java client sends
 * strings); undefined for decimals, exponents and anything else.
 */
export function parseRupiah(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Validates a `POST /v2/charge` body. */
export function validateCharge(body: unknown): ChargeValidation {
  const messages: string[] = [];
  const b = isRecord(body) ? body : {};

  const rawType = b.payment_type;
  let paymentType: CorePaymentType | undefined;
  let bank: VaBank | undefined;
  if (rawType === undefined || rawType === null || rawType === '') messages.push('payment_type is required');
  else if (typeof rawType !== 'string' || !PAYMENT_TYPES.includes(rawType)) messages.push('payment_type is not valid');
  else if (rawType === 'permata') {
    // Legacy form from the docs' Permata sample: no bank_transfer object.
    paymentType = 'bank_transfer';
    bank = 'permata';
  } else paymentType = rawType as CorePaymentType;

  const td = b.transaction_details;
  let orderId = '';
  let grossAmount = 0;
  if (!isRecord(td)) messages.push('transaction_details is required');
  else {
    const oid = td.order_id;
    if (oid === undefined || oid === null || oid === '') messages.push('transaction_details.order_id is required');
    else if (typeof oid !== 'string' && typeof oid !== 'number') messages.push('transaction_details.order_id must be a string');
    else {
      orderId = String(oid);
      if (orderId.length > 50) messages.push('transaction_details.order_id may not be greater than 50 characters');
      if (!ORDER_ID_RE.test(orderId)) {
        messages.push('transaction_details.order_id may only contain letters, digits, dash, underscore, tilde and period');
      }
    }
    const ga = td.gross_amount;
    const amount = parseRupiah(ga);
    if (ga === undefined || ga === null || ga === '') messages.push('transaction_details.gross_amount is required');
    else if (amount === undefined) {
      messages.push('transaction_details.gross_amount must be an integer, IDR does not support decimals');
    } else if (amount <= 0) messages.push('transaction_details.gross_amount must be greater than 0');
    else grossAmount = amount;
  }

  checkItems(b.item_details, grossAmount, messages);

  if (paymentType === 'bank_transfer' && bank === undefined) {
    const bt = b.bank_transfer;
    const name = isRecord(bt) ? bt.bank : undefined;
    if (name === undefined) messages.push('bank_transfer.bank is required');
    else if (typeof name !== 'string' || !BANKS.includes(name)) messages.push('bank_transfer.bank is not valid');
    else bank = name as VaBank;
  }
  if (paymentType === 'echannel') {
    const ec = isRecord(b.echannel) ? b.echannel : {};
    if (typeof ec.bill_info1 !== 'string' || ec.bill_info1 === '') messages.push('echannel.bill_info1 is required');
    if (typeof ec.bill_info2 !== 'string' || ec.bill_info2 === '') messages.push('echannel.bill_info2 is required');
  }
  let store: CStore | undefined;
  if (paymentType === 'cstore') {
    const cs = b.cstore;
    const name = isRecord(cs) ? cs.store : undefined;
    if (name === undefined) messages.push('cstore.store is required');
    else if (typeof name !== 'string' || !STORES.includes(name)) messages.push('cstore.store is not valid');
    else store = name as CStore;
  }
  for (const f of ['custom_field1', 'custom_field2', 'custom_field3']) {
    const v = b[f];
    if (v !== undefined && (typeof v !== 'string' || v.length > 255)) messages.push(`${f} must be a string of at most 255 characters`);
  }
  if (b.metadata !== undefined && !isRecord(b.metadata)) messages.push('metadata must be an object');

  const customExpiry = parseCustomExpiry(b.custom_expiry, messages);

  if (messages.length > 0 || !paymentType) return { ok: false, messages };
  return { ok: true, input: { paymentType, bank, store, orderId, grossAmount, customExpiry, body: b } };
}

function checkItems(items: unknown, grossAmount: number, messages: string[]): void {
  if (items === undefined || items === null) return;
  if (!Array.isArray(items)) {
    messages.push('item_details must be an array');
    return;
  }
  let sum = 0;
  let valid = true;
  items.forEach((item: unknown, i) => {
    const it = isRecord(item) ? item : {};
    const price = parseRupiah(it.price);
    const qty = parseRupiah(it.quantity);
    if (price === undefined) {
      messages.push(`item_details[${i}].price must be an integer, IDR does not support decimals`);
      valid = false;
    }
    if (qty === undefined || qty <= 0) {
      messages.push(`item_details[${i}].quantity must be an integer greater than 0`);
      valid = false;
    }
    if (typeof it.name !== 'string' || it.name === '') {
      messages.push(`item_details[${i}].name is required`);
      valid = false;
    }
    if (price !== undefined && qty !== undefined) sum += price * qty;
  });
  if (valid && grossAmount > 0 && sum !== grossAmount) {
    messages.push('transaction_details.gross_amount is not equal to the sum of item_details');
  }
}

function parseCustomExpiry(ce: unknown, messages: string[]): ChargeInput['customExpiry'] {
  if (ce === undefined || ce === null) return undefined;
  if (!isRecord(ce)) {
    messages.push('custom_expiry must be an object');
    return undefined;
  }
  const duration = parseRupiah(ce.expiry_duration);
  const unit = ce.unit === undefined ? 'minute' : ce.unit;
  let ok = true;
  if (duration === undefined || duration <= 0) {
    messages.push('custom_expiry.expiry_duration must be a positive integer');
    ok = false;
  }
  if (typeof unit !== 'string' || !(unit in UNIT_MS)) {
    messages.push('custom_expiry.unit must be one of second, minute, hour, day');
    ok = false;
  }
  let orderTime: number | undefined;
  if (ce.order_time !== undefined) {
    orderTime = typeof ce.order_time === 'string' ? parseOrderTime(ce.order_time) : undefined;
    if (orderTime === undefined) {
      messages.push('custom_expiry.order_time must be formatted as "YYYY-MM-DD HH:MM:SS +0700"');
      ok = false;
    }
  }
  return ok ? { orderTime, durationMs: (duration as number) * (UNIT_MS[unit as string] as number) } : undefined;
}
