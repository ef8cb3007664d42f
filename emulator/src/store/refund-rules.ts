/**
 * Which transactions Midtrans refunds at all, shared by the Core API refund
 * endpoint and the simulator's dashboard refund (reference §3): e-wallets,
 * QRIS, cards and pay-later, never VA / bill / store codes.
 */
import type { Transaction } from '../types';

/** Core API payment types that can be refunded (SNAP-BI debit DANA is stored as `dana`). */
export const REFUNDABLE_TYPES: ReadonlySet<string> = new Set([
  'credit_card',
  'gopay',
  'shopeepay',
  'dana',
  'ovo',
  'qris',
  'kredivo',
  'akulaku',
]);

/** Core API payment types that only take full refunds. */
export const FULL_REFUND_ONLY: ReadonlySet<string> = new Set(['shopeepay', 'ovo']);

/** Rupiah refunded so far. */
export function refundedSoFar(tx: Transaction): number {
  return tx.refunds.reduce((sum, r) => sum + r.amount, 0);
}
