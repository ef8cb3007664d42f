/**
 * The only arithmetic pricing uses: exact integer ratios with ONE rounding
 * rule (half up to the whole rupiah), and largest-remainder allocation so
 * parts always sum to their whole. BigInt keeps `amount × rate` exact even at
 * the till's MAX_RUPIAH (10^12 × 10^4 is past Number's 2^53).
 */
import { FULL_BASIS_POINTS } from './types';

/** a × num / den rounded half up (all three non-negative integers, den > 0). */
export function mulDivHalfUp(a: number, num: number, den: number): number {
  if (!isNonNegativeInteger(a) || !isNonNegativeInteger(num) || !Number.isSafeInteger(den) || den <= 0) {
    throw new RangeError(`mulDivHalfUp needs non-negative integers and den > 0: ${a} × ${num} / ${den}`);
  }
  const n = BigInt(a) * BigInt(num);
  const d = BigInt(den);
  // floor((2n + d) / 2d) is n/d with .5 going up: one rule for every rupiah Kasir computes.
  return Number((2n * n + d) / (2n * d));
}

/** `amount × basisPoints / 10 000`, half up: a percentage of an amount. */
export function percentOf(amount: number, basisPoints: number): number {
  return mulDivHalfUp(amount, basisPoints, FULL_BASIS_POINTS);
}

/**
 * Splits `total` into parts proportional to `weights` that sum to exactly
 * `total` (Hamilton's largest-remainder method): every part first gets
 * floor(total × w / Σw); the rupiah left over go one each to the largest
 * remainders, ties to the earlier index. When total ≤ Σw no part exceeds its
 * weight (a line never gets more discount than it costs).
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!isNonNegativeInteger(total)) throw new RangeError(`cannot allocate ${total}`);
  if (!weights.every(isNonNegativeInteger)) throw new RangeError('allocation weights must be non-negative integers');
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n) {
    if (total !== 0) throw new RangeError(`cannot allocate ${total} over weights that sum to 0`);
    return weights.map(() => 0);
  }
  const t = BigInt(total);
  const parts = weights.map((w) => (t * BigInt(w)) / sum);
  const remainders = weights.map((w, index) => ({ index, rest: (t * BigInt(w)) % sum }));
  let left = Number(t - parts.reduce((s, p) => s + p, 0n));
  remainders.sort((x, y) => (x.rest === y.rest ? x.index - y.index : x.rest > y.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0) break;
    parts[index]! += 1n;
    left -= 1;
  }
  return parts.map(Number);
}

/**
 * 12.5 → 1250. For screens and settings files that speak percent; null when
 * the value is not a percentage with at most two decimals in 0..100.
 */
export function basisPointsFromPercent(percent: number): number | null {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return null;
  const bp = Math.round(percent * 100);
  return Math.abs(bp - percent * 100) < 1e-6 ? bp : null;
}

function isNonNegativeInteger(v: number): boolean {
  return Number.isSafeInteger(v) && v >= 0;
}
