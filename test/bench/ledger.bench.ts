/**
 * Bench group `ledger`: bytes per paid QRIS sale (SNAP-BI and Core API routing) through the real services, and per payment over the generated year.
 */
import type { BenchContext, BenchRow } from './bench-group';

/** Group `ledger`. */
export async function runLedger(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('ledger: not measured yet');
  return [];
}
