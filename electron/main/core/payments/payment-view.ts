/**
 * Mapping between ledger rows, gateway transactions and the renderer's
 * `PaymentView`. Raw payloads are redacted before they are stored.
 */
import type { PaymentView, PaymentAction, CartItem } from '../../../../shared/contract/schemas';
import type { PaymentStatus } from '../../../../shared/domain/payment';
import type { GatewayRef, GatewayTransaction } from '../gateway/types';
import type { OrderItemRow, PaymentRow } from '../ledger/rows';
import { coreStatus, snapStatus } from '../gateway/mapping';
import { ledgerRaw } from './raw-retention';

/** A status change to apply, whatever its origin (gateway answer or local decision). */
export interface StateUpdate {
  status: PaymentStatus;
  /** Gateway amount in rupiah, checked against the ledger; omitted for local decisions. */
  amount?: number;
  /** Cumulative refunded rupiah as the gateway reports it. */
  refundedAmount?: number;
  referenceNo?: string | null;
  action?: PaymentAction | null;
  vaNumber?: string | null;
  expiresAt?: string | null;
}

/** A gateway transaction as a state update. */
export function updateFromTransaction(tx: GatewayTransaction): StateUpdate {
  return {
    status: tx.status,
    amount: tx.amount,
    refundedAmount: tx.refundedAmount,
    referenceNo: tx.referenceNo,
    action: tx.action,
    vaNumber: tx.virtualAccountNo ?? null,
    expiresAt: tx.expiresAt,
  };
}

/** The port's handle on a stored attempt (never called for cash). */
export function refOf(row: PaymentRow): GatewayRef {
  if (row.api === 'none' || row.method === 'cash') throw new Error(`payment ${row.id} has no gateway`);
  return {
    api: row.api,
    orderId: row.gateway_order_id,
    method: row.method,
    externalId: row.external_id,
    referenceNo: row.reference_no,
    virtualAccountNo: row.va_number,
  };
}

/** Row + items → the renderer's view (no raw payloads, no secrets). */
export function toView(row: PaymentRow, items: readonly OrderItemRow[]): PaymentView {
  return {
    id: row.id,
    orderId: row.gateway_order_id,
    method: row.method,
    status: row.status,
    amount: row.amount,
    refundedAmount: row.refunded_amount,
    action: row.action ? (JSON.parse(row.action) as PaymentAction) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    lastSource: row.last_source,
    referenceNo: row.reference_no,
    items: items.map(
      (i): CartItem => ({ sku: i.sku, name: i.name, price: i.price, quantity: i.quantity }),
    ),
  };
}

/** Redacted JSON text of a raw payload for the audit trail, or null (never throws): the retention rule's `ledgerRaw`. */
export function rawJson(raw: unknown): string | null {
  return ledgerRaw(raw);
}

/** Maps a notification's claimed status to a ledger status for the audit row (informational only). */
export function claimedToStatus(claimed: string): PaymentStatus | null {
  // Core words first, then SNAP-BI codes; both lookups use own keys only, so a
  // claimed `__proto__` / `constructor` never resolves to Object.prototype members.
  const snap = snapStatus(claimed);
  return coreStatus(claimed) ?? (snap === 'not_found' ? null : snap);
}
