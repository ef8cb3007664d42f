/**
 * The sale's refusals as contract errors (code + params the renderer words;
 * shared/contract/error-vocabulary.ts fixes the reasons). One factory per
 * refusal, so every place that refuses the same thing says it the same way.
 */
import { KasirError } from '../../../../shared/contract/result';
import type { PaymentMethod, PaymentStatus } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';

const nameOf = (method: PaymentMethod): string => PAYMENT_METHOD_SPECS[method].name;

export const saleErrors = {
  notFound: (id: string) => new KasirError('NOT_FOUND', `Sale ${id} not found.`, { params: { what: 'sale', id } }),
  tenderNotFound: (id: string) =>
    new KasirError('NOT_FOUND', `Payment ${id} is not a tender of this sale.`, { params: { what: 'tender', id }, field: 'paymentId' }),
  /** The sale is paid or voided: nothing about it may change. */
  closed: (id: string, status: string) =>
    new KasirError('CONFLICT', `Sale ${id} is already ${status}.`, { params: { reason: 'sale_closed' } }),
  /** Lines and discounts are locked once a tender is open or paid. */
  tendered: () =>
    new KasirError('CONFLICT', 'This sale already has a payment; cancel the waiting payment before changing its lines.', {
      params: { reason: 'sale_tendered' },
    }),
  tenderOpen: (method: PaymentMethod) =>
    new KasirError('CONFLICT', `A ${nameOf(method)} payment is still waiting on this sale; finish or cancel it first.`, {
      params: { reason: 'tender_open', method },
    }),
  stillCreating: () =>
    new KasirError('CONFLICT', 'A charge of this sale is still being created; try again in a moment.', { params: { reason: 'still_creating' } }),
  nothingDue: () => new KasirError('CONFLICT', 'Nothing is left to pay on this sale.', { params: { reason: 'nothing_due' } }),
  /** Another action changed the sale between the plan and the write (two windows at once). */
  changed: () => new KasirError('CONFLICT', 'The sale changed meanwhile; look at it again.', { params: { reason: 'in_progress' } }),
  empty: () => new KasirError('INVALID_INPUT', 'The sale has no items yet.', { params: { issue: 'sale_empty' } }),
  unpriceable: (message: string, field: string) =>
    new KasirError('INVALID_INPUT', message, { params: { issue: 'sale_invalid' }, ...(field ? { field } : {}) }),
  cashZero: () =>
    new KasirError('INVALID_INPUT', 'Enter the cash received.', { params: { issue: 'cash_not_received' }, field: 'received' }),
  tenderRange: (max: number) =>
    new KasirError('AMOUNT_INVALID', `A payment must be between Rp 1 and ${formatRupiah(max)}.`, {
      params: { reason: 'tender_range', min: 1, max },
      field: 'amount',
    }),
  /** Above the method's per-payment maximum: the sale must be split (QRIS: Rp 10.000.000). */
  splitNeeded: (method: PaymentMethod, max: number, amount: number) =>
    new KasirError(
      'AMOUNT_INVALID',
      `${nameOf(method)} takes at most ${formatRupiah(max)} per payment; this part is ${formatRupiah(amount)}. Split it (e.g. part in cash).`,
      { params: { reason: 'split_needed', method, max, amount }, field: 'amount' },
    ),
  drawerRange: (max: number) =>
    new KasirError('AMOUNT_INVALID', `A refund from the drawer must be between Rp 1 and ${formatRupiah(max)}.`, {
      params: { reason: 'refund_range', min: 1, max },
      field: 'amount',
    }),
  notPaid: (id: string) =>
    new KasirError('ILLEGAL_TRANSITION', `Sale ${id} is not paid.`, { params: { reason: 'sale_not_paid' } }),
  tenderNotRefundable: (method: PaymentMethod, status: PaymentStatus) =>
    new KasirError('ILLEGAL_TRANSITION', `A ${status} ${nameOf(method)} payment cannot be refunded.`, {
      params: { reason: 'not_refundable', method, status },
    }),
  /** Only an open (creating / pending) tender can be abandoned. */
  tenderNotOpen: (method: PaymentMethod, status: PaymentStatus) =>
    new KasirError('ILLEGAL_TRANSITION', `A ${status} ${nameOf(method)} payment is not waiting; there is nothing to stop.`, {
      params: { reason: 'not_cancellable', method, status },
    }),
  /** No decision is waiting on this payment (not abandoned, not paid, or already decided). */
  notLate: (paymentId: string) =>
    new KasirError('ILLEGAL_TRANSITION', `Payment ${paymentId} is not a late payment awaiting a decision.`, {
      params: { reason: 'not_paid', id: paymentId },
    }),
  viaMidtrans: (method: PaymentMethod) =>
    new KasirError('ILLEGAL_TRANSITION', `${nameOf(method)} payments are refunded through Midtrans (payments.refund), not from the drawer.`, {
      params: { reason: 'refund_via_midtrans', method },
    }),
};
