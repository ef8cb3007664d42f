/**
 * Bench group `embedded`: the app in its default embedded-emulator mode over 10,000 sales (heap, RSS, event-loop delay), and the emulator's charges/s while persisting.
 */
import type { BenchContext, BenchRow } from './bench-group';

/** Group `embedded`. */
export async function runEmbedded(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('embedded: not measured yet');
  return [];
}
