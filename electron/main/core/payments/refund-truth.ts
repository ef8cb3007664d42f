/**
 * The one rule for "did this refund happen?", read from the gateway's own
 * record, never from what the till asked for: a refund request is done when
 * the gateway lists its refund key (Core `refunds[].refund_key`, SNAP-BI
 * `refundHistory`), or when the refunded total the gateway reports covers it
 * (what was refunded before the request plus its amount). Anything else is
 * not (yet) done — the answer to a refund call alone ("illegal now",
 * "duplicate") never decides it.
 */
import type { GatewayTransaction } from '../gateway/types';
import type { RefundRow } from '../ledger/rows';

/** What the gateway's record says about one refund request. */
export type RefundVerdict =
  /** Done: `amount` is what the gateway lists under its key (else the request's amount). */
  | { done: true; amount: number }
  | { done: false };

/** Applies the rule (see module doc) to a status answer; null = the gateway never saw the charge. */
export function refundVerdict(
  tx: GatewayTransaction | null,
  request: Pick<RefundRow, 'refund_key' | 'amount' | 'refunded_before'>,
): RefundVerdict {
  if (!tx) return { done: false };
  const listed = (tx.refunds ?? []).filter((r) => r.refundKey === request.refund_key);
  if (listed.length > 0) return { done: true, amount: listed.reduce((sum, r) => sum + r.amount, 0) };
  if (tx.refundedAmount >= request.refunded_before + request.amount) return { done: true, amount: request.amount };
  return { done: false };
}

/**
 * True when `tx` states the charge's refunded total: a status-like answer
 * with its refund list, or a full `refund` (the whole amount). A Core API
 * refund answer names only its own refund, so it does not.
 */
export function reportsRefundTotal(tx: GatewayTransaction): boolean {
  return tx.refunds !== undefined || tx.status === 'refund';
}
