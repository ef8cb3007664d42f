/**
 * When a paid payment is re-read at the gateway, as a pure function of its
 * method (the registry), its status and when Kasir saw it paid (`paid_at`):
 *
 * - **Reversible methods** (VA, Mandiri bill, store codes: the bank or store
 *   can turn a settlement into `deny`): at +2, +5 and +15 min, then every hour
 *   until +24 h — 27 re-reads.
 * - **Refundable methods** (QRIS, e-wallets: a refund can be made in the
 *   Midtrans dashboard without telling Kasir): once a day while the registry's
 *   refund window is open (QRIS and GoPay 7 re-reads, DANA 45, ShopeePay 365).
 *
 * A re-read at time t answers every checkpoint ≤ t, so after a restart a
 * payment whose checkpoints passed while the till was off is re-read once,
 * not once per missed checkpoint.
 */
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import type { PaymentMethod, PaymentStatus } from '../../../../shared/domain/payment';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Re-check settings (all ms). */
export interface RecheckTimings {
  /** Offsets after `paid_at` at which a reversible payment is re-read (default +2, +5, +15 min, then hourly to +24 h). */
  reversalOffsetsMs: readonly number[];
  /** A refundable payment is re-read this often while its refund window is open (default one day). */
  refundEveryMs: number;
  /** A re-check that got no answer is tried again after this (default 5 min). */
  retryMs: number;
  /** Re-checks handed to the scheduler at once (default 50; the rest wait for those). */
  batch: number;
  /** Closing a day waits at most this long for its re-checks (default 20 s), then closes with what it knows. */
  dayCloseWaitMs: number;
  /** Closing a day skips payments re-read less than this long ago (default 60 s). */
  dayCloseFreshMs: number;
  /**
   * Background work waits this long after `start()` (default 10 s): the re-checks
   * that came due while the till was off, and the sweep for paid payments without
   * a plan (one method per turn; it reads every payment in a method's window, a
   * year for ShopeePay). The first screen should not wait for either, and a
   * re-check seconds late changes nothing.
   */
  startDelayMs: number;
}

export const DEFAULT_RECHECK_TIMINGS: RecheckTimings = {
  reversalOffsetsMs: [2 * MIN, 5 * MIN, 15 * MIN, ...Array.from({ length: 24 }, (_, i) => (i + 1) * HOUR)],
  refundEveryMs: DAY,
  retryMs: 5 * MIN,
  batch: 50,
  dayCloseWaitMs: 20_000,
  dayCloseFreshMs: 60_000,
  startDelayMs: 10_000,
};

/** Statuses a refund can still follow (a dashboard refund changes them). */
const REFUNDABLE_STATUSES: readonly PaymentStatus[] = ['settlement', 'capture', 'partial_refund'];

/** The payment fields a schedule depends on. */
export interface RecheckSubject {
  method: PaymentMethod;
  status: PaymentStatus;
  paid_at: string | null;
}

/** Offsets after `paid_at` (ascending) at which this payment is re-read; empty when nothing can change it any more. */
export function recheckOffsets(p: Pick<RecheckSubject, 'method' | 'status'>, t: RecheckTimings = DEFAULT_RECHECK_TIMINGS): number[] {
  const spec = PAYMENT_METHOD_SPECS[p.method];
  const offsets = new Set<number>();
  // Only a settlement can be reversed (settlement → deny in the state machine).
  if (spec.reversible && p.status === 'settlement') for (const o of t.reversalOffsetsMs) offsets.add(o);
  if (spec.refund.viaGateway && REFUNDABLE_STATUSES.includes(p.status) && t.refundEveryMs > 0) {
    const window = spec.refund.windowDays * DAY;
    for (let o = t.refundEveryMs; o <= window; o += t.refundEveryMs) offsets.add(o);
  }
  return [...offsets].sort((a, b) => a - b);
}

/** The first re-check strictly after `after` (ms), or null when none is left. */
export function nextRecheckAt(p: RecheckSubject, after: number, t: RecheckTimings = DEFAULT_RECHECK_TIMINGS): number | null {
  if (p.paid_at === null) return null;
  const paid = Date.parse(p.paid_at);
  if (!Number.isFinite(paid)) return null;
  for (const o of recheckOffsets(p, t)) if (paid + o > after) return paid + o;
  return null;
}

/**
 * Where a payment without a plan row (a crash between its payment and its
 * plan, or paid before the plan existed) starts: now, if a checkpoint passed
 * unanswered, else its next checkpoint; null when none is left.
 */
export function firstRecheckAt(p: RecheckSubject, now: number, t: RecheckTimings = DEFAULT_RECHECK_TIMINGS): number | null {
  if (p.paid_at === null) return null;
  const paid = Date.parse(p.paid_at);
  const offsets = recheckOffsets(p, t);
  if (offsets.length === 0 || !Number.isFinite(paid)) return null;
  if (paid + offsets[0]! <= now) return paid + offsets.at(-1)! >= now ? now : null;
  return paid + offsets[0]!;
}

/** True while the gateway may still report something else for this paid payment (its last checkpoint is ahead). */
export function mayStillChange(p: RecheckSubject, now: number, t: RecheckTimings = DEFAULT_RECHECK_TIMINGS): boolean {
  if (p.paid_at === null) return false;
  const last = recheckOffsets(p, t).at(-1);
  return last !== undefined && Date.parse(p.paid_at) + last >= now;
}

/** The longest re-check window of a method (how far back a backfill looks), 0 when it has none. */
export function recheckHorizonMs(method: PaymentMethod, t: RecheckTimings = DEFAULT_RECHECK_TIMINGS): number {
  const both = [...recheckOffsets({ method, status: 'settlement' }, t), ...recheckOffsets({ method, status: 'partial_refund' }, t)];
  return both.length > 0 ? Math.max(...both) : 0;
}
