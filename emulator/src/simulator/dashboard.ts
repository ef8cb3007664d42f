/**
 * What happens at Midtrans without the merchant's API asking: a bank or store
 * reversing a settled payment, and a refund made in the Midtrans dashboard.
 * Both go through the shared store, so status replies (Core API `refunds[]`,
 * SNAP-BI `refundHistory`) and notifications show them like any other change.
 */
import { randomUUID } from 'node:crypto';
import type { EmuContext, Transaction, TxRefund } from '../types';
import { FULL_REFUND_ONLY, REFUNDABLE_TYPES, refundedSoFar } from '../store/refund-rules';

/**
 * Payment types whose settlement can be reversed to `deny`. The reference names
 * Permata VA, Mandiri Bill and Indomaret (a settlement turning into deny 1-5
 * minutes later); the emulator allows every VA bank and both stores, since a
 * merchant cannot tell the banks' reversal rules apart from the outside.
 */
export const REVERSIBLE_TYPES: ReadonlySet<string> = new Set(['bank_transfer', 'echannel', 'cstore']);

/** A refusal the simulator answers with HTTP 409 (or 400 for a malformed field). */
export interface Refusal {
  status: 400 | 409;
  error: string;
}

const refuse = (status: 400 | 409, error: string): Refusal => ({ status, error });

/** Reverses a settled VA / Mandiri bill / store-code payment (settlement → deny), notifying as the source API does. */
export function reversePayment(ctx: EmuContext, tx: Transaction): Refusal | undefined {
  if (tx.status !== 'settlement') return refuse(409, `cannot reverse a transaction in status ${tx.status}`);
  if (!REVERSIBLE_TYPES.has(tx.paymentType)) {
    return refuse(409, `${tx.paymentType} payments are not reversed by the bank; refund them instead`);
  }
  ctx.store.transition(tx, 'deny');
  return undefined;
}

/** The optional fields of a dashboard refund request. */
export interface DashboardRefundInput {
  amount?: unknown;
  reason?: unknown;
  refund_key?: unknown;
  /** false: the state changes with no notification at all (the app learns it only by reading status). */
  notify?: unknown;
}

const KEY_RE = /^[A-Za-z0-9\-_]{1,100}$/;

/**
 * Refunds (part of) a paid QRIS / e-wallet transaction as the Midtrans
 * dashboard would: amount absent = all that is left; the refund key is
 * generated unless given. Same method and amount rules as the Core API.
 */
export function dashboardRefund(ctx: EmuContext, tx: Transaction, input: DashboardRefundInput): TxRefund | Refusal {
  if (tx.status !== 'settlement' && tx.status !== 'capture' && tx.status !== 'partial_refund') {
    return refuse(409, `cannot refund a transaction in status ${tx.status}`);
  }
  if (!REFUNDABLE_TYPES.has(tx.paymentType)) return refuse(409, `${tx.paymentType} payments cannot be refunded`);
  const left = tx.grossAmount - refundedSoFar(tx);
  const amount = input.amount === undefined || input.amount === null ? left : wholeRupiah(input.amount);
  if (amount === undefined) return refuse(400, 'amount must be a whole number of rupiah');
  if (amount < 1 || amount > left) return refuse(409, `amount must be between 1 and ${left}`);
  if (tx.source === 'core' && FULL_REFUND_ONLY.has(tx.paymentType) && amount !== tx.grossAmount) {
    return refuse(409, `${tx.paymentType} takes full refunds only`);
  }
  if (input.refund_key !== undefined && (typeof input.refund_key !== 'string' || !KEY_RE.test(input.refund_key))) {
    return refuse(400, 'refund_key may only contain letters, digits, dash and underscore');
  }
  const refundKey = typeof input.refund_key === 'string' ? input.refund_key : `dashboard-${randomUUID()}`;
  if (tx.refunds.some((r) => r.refundKey === refundKey)) return refuse(409, `refund_key ${refundKey} already used`);
  if (input.notify !== undefined && typeof input.notify !== 'boolean') return refuse(400, 'notify must be true or false');
  if (input.reason !== undefined && typeof input.reason !== 'string') return refuse(400, 'reason must be a string');

  const refund: TxRefund = {
    refundKey,
    amount,
    reason: typeof input.reason === 'string' ? input.reason : null,
    at: ctx.clock.now(),
    chargebackId: tx.refunds.reduce((max, r) => Math.max(max, r.chargebackId), 0) + 1,
    via: 'dashboard',
  };
  // Recorded before the transition, so the notification rendered by it lists the refund.
  tx.refunds.push(refund);
  ctx.store.transition(tx, amount === left ? 'refund' : 'partial_refund', { notify: input.notify !== false });
  return refund;
}

function wholeRupiah(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Type guard for {@link Refusal}. */
export function isRefusal(v: unknown): v is Refusal {
  return typeof v === 'object' && v !== null && 'error' in v && 'status' in v;
}
