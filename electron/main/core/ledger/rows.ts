/**
 * Row shapes as stored in the ledger (snake_case, exactly the columns).
 * Repositories return these; the payments layer maps them to views.
 */
import type { GatewayApi, PaymentMethod, PaymentStatus, UpdateSource } from '../../../../shared/domain/payment';
import type { GatewayEnv } from '../../../../shared/domain/gateway-env';
import type { DrawerMovementKind, RefundStatus, SaleStatus } from './vocabulary';

export interface OrderRow {
  id: string;
  /** ≥ 0: a fully discounted sale totals 0 (and then has no payment). */
  total: number;
  created_at: string;
  /** Who rang it up: a staff id, or 'till' (see vocabulary.ts TILL_ACTOR_ID). */
  actor: string;
}

/** An order as written; the actor is optional (the repository writes 'till' when none is given). */
export type NewOrderRow = Omit<OrderRow, 'actor'> & { actor?: string };

export interface OrderItemRow {
  order_id: string;
  line: number;
  sku: string;
  name: string;
  /** Any whole rupiah: < 0 is a discount line, 0 a free item. */
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
  /** The Midtrans environment it was made against; null = recorded before v4, when this was not kept. */
  gateway_env: GatewayEnv | null;
  /** Who started the attempt (staff id or 'till'); each later change has its own actor in payment_events. */
  actor: string;
}

/**
 * A payment attempt as written: it must name its environment; the actor is
 * optional (the repository writes 'till' when none is given).
 */
export type NewPaymentRow = Omit<PaymentRow, 'gateway_env' | 'actor'> & { gateway_env: GatewayEnv; actor?: string };

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
  /** Who caused this change or note (staff id or 'till'). */
  actor: string;
  /** A notification's claim key (SHA-256 hex, one row per payment and key); null on every other row and before v8. */
  claim_key: string | null;
  /** How many times this claim was received (1 on every other row). */
  received: number;
  /** When it was last received, if more than once. */
  last_received_at: string | null;
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
  /** Who asked for the refund (staff id or 'till'). */
  actor: string;
}

/** A sale (v9): what the cashier built, its priced quote, its totals and, once paid, its receipt number. */
export interface SaleRow {
  /** The sale's order id (`orders.id`). */
  id: string;
  till_id: string;
  status: SaleStatus;
  /** JSON of the draft: `{ lines: SaleLine[], saleDiscounts: Discount[], origin }` (sale-repository.ts `SaleDraft`). */
  draft: string;
  /** JSON of pricing's `Quote` for the draft. */
  quote: string;
  subtotal: number;
  discount_total: number;
  service_total: number;
  tax_total: number;
  total: number;
  /** Σ cash rounding of the tenders that count (≤ 0). */
  rounding: number;
  /** Drawn from `receipt_counters` when the sale became paid; null before and for voided sales. */
  receipt_no: number | null;
  /** Receipts printed so far (every print after the first is a copy). */
  print_count: number;
  opened_at: string;
  updated_at: string;
  /** When it became paid or voided. */
  closed_at: string | null;
  void_reason: string | null;
  /** Who opened it (staff id or 'till'). */
  actor: string;
}

/** A sale as first written: empty, open, totals 0. */
export type NewSaleRow = Pick<SaleRow, 'id' | 'till_id' | 'draft' | 'quote' | 'opened_at'> & { actor?: string };

/** One tender of a sale (v9): the part of the total a payment covers, and what was sent to Midtrans. */
export interface SaleTenderRow {
  payment_id: string;
  sale_id: string;
  /** 1, 2, … in the order the tenders were started. */
  seq: number;
  /** The part of the sale total it covers. */
  applied: number;
  /** Cash rounding (≤ 0): payment.amount = applied + rounding. */
  rounding: number;
  /** Cash handed over (cash only). */
  received: number | null;
  /** Change given back (cash only). */
  change_given: number | null;
  /** JSON of the exact item_details sent to Midtrans (cash: what it covered), replayed as is. */
  items: string;
  created_at: string;
  /** When the cashier stopped waiting for it (`sales.abandonTender`); null while it counts normally. */
  abandoned_at?: string | null;
  /** The owner's decision on an abandoned tender paid anyway (`keep`, `keep_returned`, `refund`); null until then. */
  late_decision?: string | null;
}

/** Cash taken out of the drawer (v9): a drawer refund, a void's cash returned, a "no sale" opening. */
export interface DrawerMovementRow {
  id: number;
  till_id: string;
  kind: DrawerMovementKind;
  sale_id: string | null;
  payment_id: string | null;
  amount: number;
  reason: string;
  /** Who did it (staff id or 'till'). */
  actor: string;
  created_at: string;
}

/** A drawer movement as written (the id is the table's). */
export type NewDrawerMovementRow = Omit<DrawerMovementRow, 'id' | 'actor'> & { actor?: string };
