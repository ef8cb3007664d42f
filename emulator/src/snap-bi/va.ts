/**
 * Virtual accounts: `/v1.0/transfer-va/create-va|status|delete-va` (services 27, 26, 31).
 * SNAP-BI has no VA refund (the Node client throws "Payment method not implemented").
 */
import type { EmuContext, EmuResponse, Transaction } from '../types';
import { FAILURES, SERVICE, STATUS_CODE, VA_FLAG_REASON, isFailure, isPaid, snapResponse, type SnapFailure } from './codes';
import { sha256Hex } from './crypto';
import { amountOf, objectField, optString, parseAmount, parseExpiry, reqString, wibTimestamp, type Json } from './format';
import type { SnapCall, SnapHandler } from './guard';
import { PARTNER_REF_RE, baseTransaction, cancelTransaction, checkDuplicateOrder, checkMerchant } from './transactions';
import { numberKey } from '../store/tx-keys';

/** Banks the emulator issues VAs for (the same set its simulator and Core API serve). */
export const VA_BANKS = ['bca', 'bni', 'bri', 'permata', 'cimb', 'mandiri'] as const;
type Bank = (typeof VA_BANKS)[number];

const DAY = 86_400;
const PSID_RE = /^ *\d{1,8}$/;

/**
 * A customer number derived from the trxId (stable across runs for the same
 * request) and bumped until no transaction holds the resulting VA number.
 * Mandiri bill keys are 12 digits, the others 10.
 */
function generateCustomerNo(ctx: EmuContext, psid: string, trxId: string, bank: Bank): string {
  const len = bank === 'mandiri' ? 12 : 10;
  for (let attempt = 0; ; attempt++) {
    const digits = (BigInt(`0x${sha256Hex(`${trxId}:${attempt}`)}`) % 10n ** BigInt(len)).toString().padStart(len, '0');
    const vaNumber = psid.trim() + digits;
    if (!ctx.store.findBy((t) => t.vaNumber === vaNumber, [numberKey(vaNumber)])) return digits;
  }
}

/** The VA triple as the wire carries it (partnerServiceId left-padded to 8). */
function vaTriple(tx: Transaction): Json {
  return {
    partnerServiceId: tx.snap?.partnerServiceId ?? '',
    customerNo: tx.snap?.customerNo ?? '',
    virtualAccountNo: tx.snap?.virtualAccountNo ?? '',
  };
}

/**
 * Finds the VA a status/delete body means: by trxId (`inquiryRequestId` on
 * status, `trxId` on delete) when it names a VA, else by the VA number (the Node
 * README's status example sends an inquiryRequestId unrelated to the trxId).
 */
function findVa(ctx: EmuContext, b: Json, idField: 'inquiryRequestId' | 'trxId'): Transaction | SnapFailure {
  const id = optString(b, idField);
  if (isFailure(id)) return id;
  const vaNo = optString(b, 'virtualAccountNo');
  if (isFailure(vaNo)) return vaNo;
  if (id === undefined && vaNo === undefined) return FAILURES.missingField('virtualAccountNo');
  const isVa = (t: Transaction | undefined): t is Transaction => t !== undefined && t.source === 'snap' && t.snap?.kind === 'va';
  const byId = id === undefined ? undefined : ctx.store.find(id);
  if (isVa(byId) && byId.orderId === id) {
    if (vaNo !== undefined && vaNo.trim() !== byId.vaNumber) return FAILURES.notFound();
    return byId;
  }
  if (vaNo === undefined) return FAILURES.notFound();
  const wanted = vaNo.trim();
  const byNo = ctx.store.findBy((t) => t.source === 'snap' && t.snap?.kind === 'va' && t.vaNumber === wanted, [numberKey(wanted)]);
  return byNo ?? FAILURES.notFound();
}

/** merchantId inside additionalInfo (the status docs once spell it merchant_id). */
function checkInfoMerchant(ctx: EmuContext, b: Json, required: boolean): SnapFailure | undefined {
  const info = objectField(b, 'additionalInfo');
  if (isFailure(info)) return info;
  const m = optString(info, 'merchantId', 'additionalInfo.merchantId') ?? optString(info, 'merchant_id', 'additionalInfo.merchantId');
  if (isFailure(m)) return m;
  if (m === undefined) return required ? FAILURES.missingField('additionalInfo.merchantId') : undefined;
  return checkMerchant(ctx, m);
}

/** The three VA route handlers. */
export interface VaHandlers {
  create: SnapHandler;
  status: SnapHandler;
  remove: SnapHandler;
}

/** Creates the VA handlers for a context. */
export function createVaHandlers(ctx: EmuContext): VaHandlers {
  function create(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const trxId = reqString(b, 'trxId', { pattern: PARTNER_REF_RE });
    if (isFailure(trxId)) return trxId;
    const psid = reqString(b, 'partnerServiceId');
    if (isFailure(psid)) return psid;
    if (psid.length !== 8 || !PSID_RE.test(psid)) return FAILURES.invalidFormat('partnerServiceId');
    const name = reqString(b, 'virtualAccountName', { max: 255 });
    if (isFailure(name)) return name;
    const amount = parseAmount(b.totalAmount, 'totalAmount');
    if (isFailure(amount)) return amount;
    if (b.additionalInfo === undefined || b.additionalInfo === null) return FAILURES.missingField('additionalInfo');
    const info = objectField(b, 'additionalInfo');
    if (isFailure(info)) return info;
    const badMerchant = checkInfoMerchant(ctx, b, true);
    if (badMerchant) return badMerchant;
    const bankRaw = reqString(info, 'bank', { label: 'additionalInfo.bank' });
    if (isFailure(bankRaw)) return bankRaw;
    const bank = VA_BANKS.find((x) => x === bankRaw.toLowerCase());
    if (!bank) return FAILURES.invalidFormat('additionalInfo.bank');
    if (bank === 'mandiri') {
      const bill = objectField(info, 'mandiri');
      if (isFailure(bill)) return bill;
      for (const f of ['billInfo1', 'billInfo2']) {
        const v = reqString(bill, f, { label: `additionalInfo.mandiri.${f}` });
        if (isFailure(v)) return v;
      }
    }
    const flags = objectField(info, 'flags');
    if (isFailure(flags)) return flags;
    const randomize = flags.shouldRandomizeVaNumber === true;
    const given = optString(b, 'customerNo');
    if (isFailure(given)) return given;
    let customerNo: string;
    if (randomize || given === undefined) {
      customerNo = generateCustomerNo(ctx, psid, trxId, bank);
    } else {
      if (!/^\d{1,20}$/.test(given)) return FAILURES.invalidFormat('customerNo');
      const vaNo = optString(b, 'virtualAccountNo');
      if (isFailure(vaNo)) return vaNo;
      if (vaNo !== undefined && vaNo !== psid + given) return FAILURES.invalidFormat('virtualAccountNo');
      const number = psid.trim() + given;
      if (ctx.store.findBy((t) => t.vaNumber === number && t.status === 'pending', [numberKey(number)])) return FAILURES.duplicate('virtualAccountNo');
      customerNo = given;
    }
    // Docs: default 24 h; no maximum published, 180 days assumed (clamped, see parseExpiry).
    const expiresAt = parseExpiry(b.expiredDate, 'expiredDate', call.now, DAY, 20, 180 * DAY);
    if (isFailure(expiresAt)) return expiresAt;
    const dup = checkDuplicateOrder(ctx, trxId, 'trxId');
    if (dup) return dup;

    const tx = baseTransaction(ctx, call.now, {
      kind: 'va',
      externalId: call.externalId,
      orderId: trxId,
      // Core API vocabulary: Mandiri bill payment is "echannel", the others bank_transfer.
      paymentType: bank === 'mandiri' ? 'echannel' : 'bank_transfer',
      amount,
      expiresAt,
      request: b,
    });
    tx.bank = bank;
    tx.vaNumber = psid.trim() + customerNo;
    if (bank === 'mandiri') {
      tx.billerCode = psid.trim();
      tx.billKey = customerNo;
    }
    tx.snap = { ...(tx.snap as NonNullable<Transaction['snap']>), partnerServiceId: psid, customerNo, virtualAccountNo: psid + customerNo };
    ctx.store.insert(tx);
    return snapResponse(200, SERVICE.vaCreate, '00', 'Successful', call.timestamp, {
      virtualAccountData: {
        ...vaTriple(tx),
        virtualAccountName: name,
        ...(typeof b.virtualAccountEmail === 'string' ? { virtualAccountEmail: b.virtualAccountEmail } : {}),
        ...(typeof b.virtualAccountPhone === 'string' ? { virtualAccountPhone: b.virtualAccountPhone } : {}),
        trxId,
        totalAmount: amountOf(amount),
        expiredDate: wibTimestamp(expiresAt),
        additionalInfo: { ...info, bank },
      },
    });
  }

  function status(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const bad = checkInfoMerchant(ctx, b, false);
    if (bad) return bad;
    const tx = findVa(ctx, b, 'inquiryRequestId');
    if (isFailure(tx)) return tx;
    const flag = STATUS_CODE[tx.status];
    const paid = isPaid(tx.status);
    const inquiry = optString(b, 'inquiryRequestId');
    return snapResponse(200, SERVICE.vaStatus, '00', 'Successful', call.timestamp, {
      virtualAccountData: {
        paymentFlagStatus: flag,
        paymentFlagReason: VA_FLAG_REASON[flag],
        ...vaTriple(tx),
        inquiryRequestId: typeof inquiry === 'string' ? inquiry : tx.orderId,
        paymentRequestId: paid ? tx.transactionId : '',
        trxId: tx.orderId,
        referenceNo: tx.transactionId,
        paidAmount: amountOf(paid ? tx.grossAmount : 0),
        totalAmount: amountOf(tx.grossAmount),
        ...(tx.settledAt !== null ? { trxDateTime: wibTimestamp(tx.settledAt) } : {}),
        transactionDate: wibTimestamp(tx.createdAt),
        expiredDate: wibTimestamp(tx.expiresAt),
        additionalInfo: { bank: tx.bank ?? '', merchantId: ctx.credentials.snapBi.merchantId },
      },
      additionalInfo: {},
    });
  }

  function remove(call: SnapCall): EmuResponse | SnapFailure {
    const b = call.body;
    const bad = checkInfoMerchant(ctx, b, true);
    if (bad) return bad;
    const tx = findVa(ctx, b, 'trxId');
    if (isFailure(tx)) return tx;
    const refused = cancelTransaction(ctx, tx);
    if (refused) return refused;
    return snapResponse(200, SERVICE.vaDelete, '00', 'Successful', call.timestamp, {
      virtualAccountData: { ...vaTriple(tx), trxId: tx.orderId, additionalInfo: {} },
    });
  }

  return { create, status, remove };
}
