/** Human labels for methods and statuses, in one place for the whole UI. */
import type { PaymentMethod, PaymentStatus, UpdateSource } from '../../../shared/domain/payment';

export const METHOD_LABEL: Record<PaymentMethod, string> = {
  qris: 'QRIS',
  gopay: 'GoPay',
  shopeepay: 'ShopeePay',
  dana: 'DANA',
  va_bca: 'BCA Virtual Account',
  va_bni: 'BNI Virtual Account',
  va_bri: 'BRI Virtual Account',
  va_permata: 'Permata Virtual Account',
  va_cimb: 'CIMB Virtual Account',
  mandiri_bill: 'Mandiri Bill',
  indomaret: 'Indomaret',
  alfamart: 'Alfamart',
  cash: 'Cash',
};

export const STATUS_LABEL: Record<PaymentStatus, string> = {
  creating: 'Creating…',
  pending: 'Waiting for payment',
  settlement: 'Paid',
  capture: 'Paid',
  refund: 'Refunded',
  partial_refund: 'Partly refunded',
  expire: 'Expired',
  cancel: 'Cancelled',
  deny: 'Declined',
  failure: 'Failed',
  failed_to_create: 'Could not be created',
};

export const SOURCE_LABEL: Record<UpdateSource, string> = {
  charge: 'gateway reply',
  webhook: 'Midtrans notification',
  poll: 'status check',
  recovery: 'recovery on start',
  manual: 'cashier',
};
