/**
 * Vocabulary mapping shared by both clients: Midtrans statuses (Core API
 * words, SNAP-BI two-digit codes) → Kasir's payment statuses. Per-method
 * parameters (VA banks, store codes, SNAP-BI products) are not tabled here:
 * both clients read them from the method registry, shared/domain/payment-methods.ts.
 */
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { fromGatewayAmount } from '../../../../shared/domain/money';
import { GatewayError } from './errors';
import type { GatewayTransaction } from './types';

/** A status a gateway can report. */
export type GatewayStatus = GatewayTransaction['status'];
/** A method a gateway can charge. */
export type GatewayMethod = Exclude<PaymentMethod, 'cash'>;

const CORE_STATUS: Record<string, GatewayStatus> = {
  pending: 'pending',
  authorize: 'pending',
  settlement: 'settlement',
  capture: 'capture',
  deny: 'deny',
  cancel: 'cancel',
  expire: 'expire',
  failure: 'failure',
  refund: 'refund',
  partial_refund: 'partial_refund',
  chargeback: 'refund',
  partial_chargeback: 'partial_refund',
};

/** Core API `transaction_status` (any case) → status; null when unknown. */
export function coreStatus(value: string): GatewayStatus | null {
  const key = value.trim().toLowerCase();
  return Object.hasOwn(CORE_STATUS, key) ? CORE_STATUS[key]! : null;
}

const SNAP_STATUS: Record<string, GatewayStatus | 'not_found'> = {
  '00': 'settlement',
  '01': 'pending',
  '02': 'pending',
  '03': 'pending',
  '04': 'refund',
  '05': 'cancel',
  '06': 'failure',
  '07': 'not_found',
  '08': 'expire',
  '09': 'deny',
};

/**
 * SNAP-BI `latestTransactionStatus` / `paymentFlagStatus` → status. `04`
 * (refunded, full or partial) becomes `partial_refund` when less than the whole
 * amount was refunded. `07` is "not found". Null when unknown.
 */
export function snapStatus(code: string, amount?: number, refunded?: number): GatewayStatus | 'not_found' | null {
  // Own keys only: `__proto__` / `toString` must not map to Object.prototype members.
  const key = code.trim();
  const status = Object.hasOwn(SNAP_STATUS, key) ? SNAP_STATUS[key]! : null;
  if (status === 'refund' && amount !== undefined && refunded !== undefined && refunded > 0 && refunded < amount) {
    return 'partial_refund';
  }
  return status;
}

/** Whole rupiah from a gateway amount, or a GatewayError when Midtrans sent something unreadable. */
export function rupiahFrom(value: string | number, what = 'amount'): number {
  try {
    return fromGatewayAmount(value);
  } catch {
    throw unreadable(`${what} is not a whole rupiah amount`);
  }
}

/**
 * A response Kasir could not read: `maybe_processed`, because on a charge
 * Midtrans may well have created the transaction, so the outcome must be
 * checked by status.
 */
export function unreadable(why: string): GatewayError {
  return new GatewayError('unavailable', {
    delivery: 'maybe_processed',
    message: 'Midtrans sent a response Kasir could not read.',
    details: { gatewayMessage: why.slice(0, 200) },
  });
}
