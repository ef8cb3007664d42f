/**
 * Row shapes as stored in the ledger (snake_case, exactly the columns).
 * Repositories return these; the payments layer maps them to views.
 */
import type { GatewayApi, PaymentMethod, PaymentStatus, UpdateSource } from '../../../../shared/domain/payment';
import type { RefundStatus } from './migrations';

export interface OrderRow {
  id: string;
  total: number;
  created_at: string;
}

export interface OrderItemRow {
  order_id: string;
  line: number;
  sku: string;
  name: string;
  price: number;
  quantity: number;
}

export interface PaymentRow {
  id: string;
  order_id: string;
  gateway_order_id: string;
  method: PaymentMethod;
  api: GatewayApi;
  external_id: string;
  reference_no: string | null;
  status: PaymentStatus;
  amount: number;
  refunded_amount: number;
  /** JSON of a PaymentAction, or null. */
  action: string | null;
  va_number: string | null;
  expires_at: string | null;
  paid_at: string | null;
  last_source: UpdateSource;
  created_at: string;
  updated_at: string;
}

export interface PaymentEventRow {
  id: number;
  payment_id: string;
  source: UpdateSource;
  from_status: PaymentStatus;
  to_status: PaymentStatus | null;
  claimed_status: string | null;
  applied: 0 | 1;
  note: string;
  refunded_delta: number;
  raw: string | null;
  created_at: string;
}

export interface RefundRow {
  id: number;
  payment_id: string;
  refund_key: string;
  amount: number;
  refunded_before: number;
  reason: string | null;
  status: RefundStatus;
  created_at: string;
  updated_at: string;
}
