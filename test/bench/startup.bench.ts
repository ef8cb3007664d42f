/**
 * Bench group `startup`: the browser shell and the app reaching the till with a 500k-payment ledger; renderer bytes raw and gzip.
 */
import type { BenchContext, BenchRow } from './bench-group';

/** Group `startup`. */
export async function runStartup(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('startup: not measured yet');
  return [];
}
