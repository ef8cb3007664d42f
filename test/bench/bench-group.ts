/**
 * What every bench group shares: its row shape, its context (size, log, a
 * lazily started in-process emulator) and the basket the engine groups sell.
 * A group is one file exporting `run…(ctx): Promise<BenchRow[]>`, listed in
 * payments.bench.ts's GROUPS.
 */
import type { RunningEmulator } from '../../emulator/src/index';

/** One printed row: the metric, its figures, the target beside it and whether it was met. */
export interface BenchRow {
  metric: string;
  p50: string;
  p95: string;
  detail: string;
  target: string;
  met: string;
}

/** What the runner hands each group. */
export interface BenchContext {
  /** BENCH_QUICK=1: a smoke-sized run (numbers not comparable with the targets). */
  quick: boolean;
  log(msg: string): void;
  /** The shared in-process emulator (no persistence), started on first use and closed by the runner. */
  emulator(): Promise<RunningEmulator>;
}

/** A bench group's entry point. */
export type BenchGroupRun = (ctx: BenchContext) => Promise<BenchRow[]>;

export const yes = (ok: boolean): string => (ok ? 'met' : 'NOT MET');

/** The basket the engine groups charge. */
export const BENCH_ITEMS = [
  { sku: 'KOPI', name: 'Kopi susu', price: 18_000, quantity: 2 },
  { sku: 'ROTI', name: 'Roti bakar', price: 12_500, quantity: 1 },
];

/** Groups that measure charges, notifications and the listener, not the status budget: let it not bind. */
export const NO_BUDGET = { statusBudget: { perMinute: 1_000_000, maxConcurrent: 64 } };
