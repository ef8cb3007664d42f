/**
 * Status calls counted per kind and per payment. A payment's counts are held
 * while it is live (tracked, or with a call queued or running) and let go when
 * nothing is left to do for it: they are folded into a running summary and
 * kept in a bounded list of recent payments (for the benchmark and tests),
 * so memory does not grow with the number of payments a till has seen.
 */

/** Why a status call was made. */
export const STATUS_KINDS = ['poll', 'confirm', 'charge', 'cancel', 'refund', 'recovery', 'recheck', 'closing', 'probe'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];
export type StatusKindCounts = Record<StatusKind, number>;

/** How many released payments keep their counts readable (oldest dropped first). */
export const RECENT_RELEASED = 1_000;

const zero = (): StatusKindCounts => Object.fromEntries(STATUS_KINDS.map((k) => [k, 0])) as StatusKindCounts;
const sum = (c: StatusKindCounts): number => STATUS_KINDS.reduce((s, k) => s + c[k], 0);

/** Counters of the status scheduler. */
export class StatusCallCounts {
  total = 0;
  readonly byKind: StatusKindCounts = zero();
  private readonly livePayments = new Map<string, StatusKindCounts>();
  private readonly recent = new Map<string, StatusKindCounts>();
  private releasedPayments = 0;
  private releasedCalls = 0;
  private releasedMax = 0;

  constructor(private readonly recentLimit = RECENT_RELEASED) {}

  /** Counts one call. */
  add(paymentId: string, kind: StatusKind): void {
    this.total++;
    this.byKind[kind]++;
    let c = this.livePayments.get(paymentId);
    if (!c) {
      // A payment that comes back (a re-check days later) continues its recent counts.
      const back = this.recent.get(paymentId);
      if (back) {
        this.recent.delete(paymentId);
        this.releasedPayments--;
        this.releasedCalls -= sum(back);
      }
      c = back ?? zero();
      this.livePayments.set(paymentId, c);
    }
    c[kind]++;
  }

  /** Lets a payment's counts go (summary + bounded recent list). */
  release(paymentId: string): void {
    const c = this.livePayments.get(paymentId);
    if (!c) return;
    this.livePayments.delete(paymentId);
    const calls = sum(c);
    this.releasedPayments++;
    this.releasedCalls += calls;
    this.releasedMax = Math.max(this.releasedMax, calls);
    this.recent.set(paymentId, c);
    if (this.recent.size > this.recentLimit) this.recent.delete(this.recent.keys().next().value!);
  }

  /** One payment's counts (zeros if unknown or long released). */
  of(paymentId: string): StatusKindCounts {
    return { ...(this.livePayments.get(paymentId) ?? this.recent.get(paymentId) ?? zero()) };
  }

  /** Polls per live payment. */
  livePolls(): Record<string, number> {
    return Object.fromEntries([...this.livePayments].map(([id, c]) => [id, c.poll]));
  }

  get live(): number {
    return this.livePayments.size;
  }

  releasedSummary(): { payments: number; calls: number; maxCalls: number } {
    return { payments: this.releasedPayments, calls: this.releasedCalls, maxCalls: this.releasedMax };
  }
}
