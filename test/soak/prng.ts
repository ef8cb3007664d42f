/**
 * The soak test's one source of randomness: mulberry32, a 32-bit seeded
 * generator (tiny, fast, good enough for choosing workloads). Every choice
 * the soak makes — methods, amounts, kill moments, what customers do — comes
 * from one Prng built from the printed seed, so a failing run can be replayed
 * with `KASIR_SOAK_SEED=<seed>` (timing between processes still varies).
 */

/** A seeded pseudo-random number generator. */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One key, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries.at(-1)![0];
  }
}

/** The seed from `KASIR_SOAK_SEED` (decimal or 0x hex), else a fresh one. */
export function soakSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KASIR_SOAK_SEED?.trim();
  if (!raw) return Math.floor(Math.random() * 4_294_967_296) >>> 0;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`KASIR_SOAK_SEED must be a non-negative integer, not ${raw}`);
  return n >>> 0;
}
