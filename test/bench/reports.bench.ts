/**
 * Bench group `reports`: day report, Z-report and CSV export at 3k and 30k payments a day in a generated 5M-payment year.
 */
import type { BenchContext, BenchRow } from './bench-group';

/** Group `reports`. */
export async function runReports(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('reports: not measured yet');
  return [];
}
