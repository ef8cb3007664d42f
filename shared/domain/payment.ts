/**
 * Payment vocabulary shared by the renderer, the main process and the tests:
 * the methods a till offers (described once, in payment-methods.ts), the
 * statuses a payment moves through, and the state machine that decides which
 * moves are legal.
 */

import { REFUNDABLE_METHODS, type PaymentMethod } from './payment-methods';

// The method vocabulary is derived from the registry; re-exported here so callers keep one import.
export {
  CORE_API_METHODS,
  DEFAULT_API_FOR,
  PAYMENT_METHODS,
  REFUNDABLE_METHODS,
  type GatewayApi,
  type PaymentMethod,
} from './payment-methods';

export const PAYMENT_STATUSES = [
  'creating',
  'pending',
  'settlement',
  'capture',
  'refund',
  'partial_refund',
  'expire',
  'cancel',
  'deny',
  'failure',
  'failed_to_create',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Where an applied status change came from; shown in the UI and kept in the audit trail. */
export const UPDATE_SOURCES = ['charge', 'webhook', 'poll', 'recovery', 'manual', 'reconcile'] as const;
export type UpdateSource = (typeof UPDATE_SOURCES)[number];

const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  // A refund implies the sale was paid: when Kasir missed the payment (offline, crash) and
  // the owner refunded from the Midtrans dashboard, the gateway's refund is still the truth.
  creating: ['pending', 'settlement', 'capture', 'deny', 'failure', 'failed_to_create', 'expire', 'cancel', 'refund', 'partial_refund'],
  pending: ['settlement', 'capture', 'expire', 'cancel', 'deny', 'failure', 'refund', 'partial_refund'],
  capture: ['settlement', 'cancel', 'refund', 'partial_refund'],
  // Reversal: Midtrans may turn a settled Indomaret, Permata VA or Mandiri Bill payment
  // into `deny` minutes later (funds returned); the till must show it as unpaid.
  settlement: ['refund', 'partial_refund', 'deny'],
  partial_refund: ['partial_refund', 'refund'],
  refund: [],
  expire: [],
  cancel: [],
  deny: [],
  failure: [],
  // `failed_to_create` is Kasir's own conclusion ("Midtrans never saw it"), not the
  // gateway's word: a charge that lands late must still be reconciled to the truth.
  failed_to_create: ['pending', 'settlement', 'capture', 'expire', 'cancel', 'deny', 'failure', 'refund', 'partial_refund'],
};

/** True when `to` is a legal next status after `from`. A status never moves to itself. */
export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  if (from === to) return from === 'partial_refund' ? true : false;
  return NEXT[from].includes(to);
}

/** True when a refund of this payment can go through Midtrans now. */
export function canRefundViaGateway(p: { method: PaymentMethod; status: PaymentStatus; amount: number; refundedAmount: number }): boolean {
  const paid = p.status === 'settlement' || p.status === 'capture' || p.status === 'partial_refund';
  return paid && REFUNDABLE_METHODS.includes(p.method) && p.refundedAmount < p.amount;
}

/** Paid: the goods may be handed over. */
export function isPaid(status: PaymentStatus): boolean {
  return status === 'settlement' || status === 'capture';
}

/** No further change can come from the customer side (refunds may still follow a paid one). */
export function isSettledOrClosed(status: PaymentStatus): boolean {
  return status !== 'creating' && status !== 'pending';
}

/** Closed for good: nothing, not even a refund, can follow. */
export function isTerminal(status: PaymentStatus): boolean {
  return NEXT[status].length === 0;
}
