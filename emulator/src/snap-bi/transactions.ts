/**
 * Transaction-store operations shared by the QRIS, direct-debit and VA
 * handlers: id generation, lookup by the SNAP "original*" identifiers, the
 * merchant check, and the cancel / refund rules.
 */
import type { EmuContext, Transaction, TxRefund, TxStatus } from '../types';
import { FAILURES, isFailure, isPaid, type SnapFailure } from './codes';
import { randomToken } from '../util/ids';
import { amountOf, optString, parseAmount, wibCompact, wibTimestamp, type Json } from './format';
import { externalIdKey } from '../store/tx-keys';

/** SNAP transaction kinds (= `tx.snap.kind`). */
export type SnapKind = NonNullable<Transaction['snap']>['kind'];

/** partnerReferenceNo / trxId: ≤ 36 chars of letters, digits and `- _ ~ .` (§1.5). */
export const PARTNER_REF_RE = /^[A-Za-z0-9\-_~.]{1,36}$/;

/** Statuses after which an order id may be used again (mirrors Core API's reuse rule). */
const REUSABLE: ReadonlySet<TxStatus> = new Set<TxStatus>(['cancel', 'expire', 'failure', 'deny']);

/**
 * A new referenceNo shaped like Midtrans' (`A1` + WIB time + random + `ID`,
 * e.g. `A120240430081940S9vu8gSjaRID`), kept at 25 chars so it fits EMVCo's
 * 25-char limit for the QRIS reference label (tag 62.05).
 */
export function newReferenceNo(ctx: EmuContext, now: number): string {
  for (;;) {
    const id = `A1${wibCompact(now)}${randomToken(7)}ID`;
    if (!ctx.store.find(id)) return id;
  }
}

/** The merchant id in the body must be the emulator's SNAP-BI merchant. */
export function checkMerchant(ctx: EmuContext, merchantId: string): SnapFailure | undefined {
  return merchantId === ctx.credentials.snapBi.merchantId ? undefined : FAILURES.invalidMerchant();
}

/**
 * Rejects an order id that is still live or paid. Midtrans documents the
 * partner reference as "unique ~3 months" without a published error; the
 * emulator answers 409SS01 and, like Core API, frees the id after a final failure.
 */
export function checkDuplicateOrder(ctx: EmuContext, orderId: string, field: string): SnapFailure | undefined {
  const existing = ctx.store.find(orderId);
  if (existing && existing.orderId === orderId && !REUSABLE.has(existing.status)) return FAILURES.duplicate(field);
  return undefined;
}

/** The fields every SNAP transaction starts with; handlers add method details. */
export function baseTransaction(
  ctx: EmuContext,
  now: number,
  f: { kind: SnapKind; externalId: string; orderId: string; paymentType: string; amount: number; expiresAt: number; request: Json },
): Transaction {
  return {
    transactionId: newReferenceNo(ctx, now),
    orderId: f.orderId,
    source: 'snap',
    paymentType: f.paymentType,
    grossAmount: f.amount,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    expiresAt: f.expiresAt,
    settledAt: null,
    refunds: [],
    // SNAP-BI has no per-charge override header: notifications go to the dashboard URL(s).
    notificationUrls: ctx.notificationUrls(),
    request: f.request,
    snap: { kind: f.kind, externalId: f.externalId, partnerReferenceNo: f.orderId },
  };
}

/** Identifiers a status / cancel / refund body may carry, in Midtrans' priority order. */
export interface OriginalIds {
  referenceNo?: string | undefined;
  partnerReferenceNo?: string | undefined;
  externalId?: string | undefined;
}

/** Reads `originalReferenceNo` / `originalPartnerReferenceNo` / `originalExternalId` from a body. */
export function readOriginalIds(b: Json): OriginalIds | SnapFailure {
  const referenceNo = optString(b, 'originalReferenceNo');
  if (isFailure(referenceNo)) return referenceNo;
  const partnerReferenceNo = optString(b, 'originalPartnerReferenceNo');
  if (isFailure(partnerReferenceNo)) return partnerReferenceNo;
  const externalId = optString(b, 'originalExternalId');
  if (isFailure(externalId)) return externalId;
  return { referenceNo, partnerReferenceNo, externalId };
}

/**
 * Finds a SNAP transaction of `kind`. The first identifier present decides
 * (referenceNo > partnerReferenceNo > externalId, as the query docs rank them);
 * a miss on it is 404 even if a lower-ranked id would match.
 */
export function findOriginal(ctx: EmuContext, kind: SnapKind, ids: OriginalIds): Transaction | SnapFailure {
  const ok = (tx: Transaction | undefined): tx is Transaction => tx !== undefined && tx.source === 'snap' && tx.snap?.kind === kind;
  let tx: Transaction | undefined;
  if (ids.referenceNo) {
    tx = ctx.store.find(ids.referenceNo);
    if (tx && tx.transactionId !== ids.referenceNo) tx = undefined;
  } else if (ids.partnerReferenceNo) {
    tx = ctx.store.find(ids.partnerReferenceNo);
    if (tx && tx.orderId !== ids.partnerReferenceNo) tx = undefined;
  } else if (ids.externalId) {
    const id = ids.externalId;
    tx = ctx.store.findBy((t) => t.source === 'snap' && t.snap?.kind === kind && t.snap.externalId === id, [externalIdKey(id)]);
  } else {
    return FAILURES.missingField('originalReferenceNo');
  }
  return ok(tx) ? tx : FAILURES.notFound();
}

/**
 * Cancels a pending transaction. Cancelling anything else is 405SS01: a paid
 * charge must be refunded (Midtrans documents 405 as "not allowed now"), and a
 * final one has nothing to cancel.
 */
export function cancelTransaction(ctx: EmuContext, tx: Transaction): SnapFailure | undefined {
  if (tx.status !== 'pending') {
    return FAILURES.notAllowed(isPaid(tx.status) ? 'Paid transaction must be refunded' : `Transaction is ${tx.status}`);
  }
  ctx.store.transition(tx, 'cancel');
  return undefined;
}

/** Total already refunded, in rupiah. */
export function refundedTotal(tx: Transaction): number {
  return tx.refunds.reduce((sum, r) => sum + r.amount, 0);
}

/** The refund number shown to the merchant, derived so status calls can list it again. */
export function refundNo(tx: Transaction, r: TxRefund): string {
  return `${tx.transactionId}-R${r.chargebackId}`;
}

/**
 * Refunds `amount` (undefined = everything left). Unpaid → 405SS01; more than
 * what is left (including a fully refunded charge) → 404SS13; a partnerRefundNo
 * used before on this charge → 409SS01.
 */
export function refundTransaction(
  ctx: EmuContext,
  tx: Transaction,
  r: { partnerRefundNo: string; amount: number | undefined; reason: string | null; now: number },
): TxRefund | SnapFailure {
  if (!isPaid(tx.status)) return FAILURES.notAllowed(`Transaction is ${tx.status}, not paid`);
  if (tx.refunds.some((x) => x.refundKey === r.partnerRefundNo)) return FAILURES.duplicate('partnerRefundNo');
  const left = tx.grossAmount - refundedTotal(tx);
  const amount = r.amount ?? left;
  if (amount < 1 || amount > left) return FAILURES.invalidAmount();
  const refund: TxRefund = {
    refundKey: r.partnerRefundNo,
    amount,
    reason: r.reason,
    at: r.now,
    chargebackId: tx.refunds.reduce((max, x) => Math.max(max, x.chargebackId), 0) + 1,
  };
  // Record first so the notification rendered by the transition already lists it.
  tx.refunds.push(refund);
  ctx.store.touch(tx);
  ctx.store.transition(tx, amount === left ? 'refund' : 'partial_refund');
  return refund;
}

/**
 * The refund request both QRIS and direct debit accept: optional
 * `partnerRefundNo` (the X-EXTERNAL-ID stands in when absent, as the Node
 * README's debit refund omits it), `reason`, `refundAmount` (absent = all that
 * is left), and the original charge's ids. Returns the charge and its new refund.
 */
export function refundFromRequest(
  ctx: EmuContext,
  kind: SnapKind,
  call: { body: Json; externalId: string; now: number },
): { tx: Transaction; refund: TxRefund } | SnapFailure {
  const b = call.body;
  const partnerRefundNo = optString(b, 'partnerRefundNo');
  if (isFailure(partnerRefundNo)) return partnerRefundNo;
  const reason = optString(b, 'reason');
  if (isFailure(reason)) return reason;
  const amount = b.refundAmount === undefined || b.refundAmount === null ? undefined : parseAmount(b.refundAmount, 'refundAmount');
  if (isFailure(amount)) return amount;
  const ids = readOriginalIds(b);
  if (isFailure(ids)) return ids;
  const tx = findOriginal(ctx, kind, ids);
  if (isFailure(tx)) return tx;
  const refund = refundTransaction(ctx, tx, {
    partnerRefundNo: partnerRefundNo ?? call.externalId,
    amount,
    reason: reason ?? null,
    now: call.now,
  });
  return isFailure(refund) ? refund : { tx, refund };
}

/** `refundHistory[]` entries as the status and notification bodies show them. */
export function refundHistory(tx: Transaction): Json[] {
  return tx.refunds.map((r) => ({
    refundNo: refundNo(tx, r),
    partnerReferenceNo: r.refundKey,
    refundAmount: amountOf(r.amount),
    refundStatus: '00',
    refundDate: wibTimestamp(r.at),
    reason: r.reason ?? '',
  }));
}
