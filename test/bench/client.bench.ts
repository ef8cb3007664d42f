/**
 * Bench group `client`: Kasir's Core API client vs the official midtrans-client on the same emulator (interleaved rounds, same keep-alive and TLS verification).
 */
import type { BenchContext, BenchRow } from './bench-group';

/** Group `client`. */
export async function runClient(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('client: not measured yet');
  return [];
}
