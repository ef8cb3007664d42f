/**
 * The re-check plan (`payment_rechecks`, v7): one row per paid payment that
 * can still change at the gateway — when it is next re-read and when it last
 * was. The row is rewritten in place after each re-check (it is bookkeeping,
 * not a money fact: the audit trail of what a re-check found is in
 * `payment_events`), so the plan survives a restart and costs a few bytes per
 * payment however often it is re-read.
 */
import type { PaymentMethod, PaymentStatus } from '../../../../shared/domain/payment';
import type { Database } from './open-ledger';

/** A plan row. Times are ISO-8601 UTC; `next_at` null = nothing left to re-check. */
export interface RecheckRow {
  payment_id: string;
  next_at: string | null;
  checked_at: string | null;
  checks: number;
}

/** What the planner needs to know about a payment to place its re-checks. */
export interface RecheckCandidate {
  id: string;
  method: PaymentMethod;
  status: PaymentStatus;
  paid_at: string | null;
  created_at: string;
  /** Last re-check (null: never, or no plan row). */
  checked_at: string | null;
}

/** Prepared statements over `payment_rechecks` and the payment columns its plan derives from. */
export class RecheckRepository {
  private readonly upPlan;
  private readonly upRecord;
  private readonly selDue;
  private readonly selUpcoming;
  private readonly selOne;
  private readonly selUnplanned;
  private readonly selDay;

  constructor(db: Database) {
    // A plan may only move earlier by `plan` (a second paid-state change must not postpone a due re-check).
    this.upPlan = db.prepare<[string, string]>(
      `INSERT INTO payment_rechecks (payment_id, next_at) VALUES (?, ?)
       ON CONFLICT(payment_id) DO UPDATE SET next_at =
         CASE WHEN next_at IS NULL OR excluded.next_at < next_at THEN excluded.next_at ELSE next_at END`,
    );
    this.upRecord = db.prepare<{ id: string; nextAt: string | null; checkedAt: string | null; inc: number }>(
      `INSERT INTO payment_rechecks (payment_id, next_at, checked_at, checks) VALUES (@id, @nextAt, @checkedAt, @inc)
       ON CONFLICT(payment_id) DO UPDATE SET next_at = excluded.next_at,
         checked_at = COALESCE(excluded.checked_at, checked_at), checks = checks + @inc`,
    );
    this.selDue = db.prepare<[string, number], RecheckRow>(
      'SELECT * FROM payment_rechecks WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at LIMIT ?',
    );
    this.selUpcoming = db.prepare<[number], Pick<RecheckRow, 'payment_id' | 'next_at'>>(
      'SELECT payment_id, next_at FROM payment_rechecks WHERE next_at IS NOT NULL ORDER BY next_at LIMIT ?',
    );
    this.selOne = db.prepare<[string], RecheckRow>('SELECT * FROM payment_rechecks WHERE payment_id = ?');
    this.selUnplanned = db.prepare<[string, string], RecheckCandidate>(
      `SELECT p.id, p.method, p.status, p.paid_at, p.created_at, NULL AS checked_at FROM payments p
       WHERE p.method = ? AND p.paid_at >= ? AND p.paid_at IS NOT NULL AND p.api <> 'none'
         AND NOT EXISTS (SELECT 1 FROM payment_rechecks r WHERE r.payment_id = p.id)`,
    );
    // Open attempts from before the day's end (they block the close), and the day's other
    // gateway payments that are not final for good.
    this.selDay = db.prepare<{ from: string; to: string }, RecheckCandidate>(
      `SELECT p.id, p.method, p.status, p.paid_at, p.created_at, r.checked_at FROM payments p
       LEFT JOIN payment_rechecks r ON r.payment_id = p.id
       WHERE p.api <> 'none' AND (
         (p.status IN ('creating', 'pending') AND p.created_at < @to)
         OR (p.status IN ('failed_to_create', 'settlement', 'capture', 'partial_refund')
             AND ((p.created_at >= @from AND p.created_at < @to) OR (p.paid_at >= @from AND p.paid_at < @to))))
       ORDER BY p.created_at, p.rowid`,
    );
  }

  /** Plans a re-check of `paymentId` at `nextAt` (or earlier, if one is planned already). */
  plan(paymentId: string, nextAt: string): void {
    this.upPlan.run(paymentId, nextAt);
  }

  /**
   * Rewrites a plan row: the next re-check (null = none left), when it was last
   * checked (null keeps the old value) and whether this counts as one more check.
   */
  record(paymentId: string, nextAt: string | null, checkedAt: string | null, counted: boolean): void {
    this.upRecord.run({ id: paymentId, nextAt, checkedAt, inc: counted ? 1 : 0 });
  }

  /** Plan rows due at `now` (ISO), earliest first. */
  due(now: string, limit: number): RecheckRow[] {
    return this.selDue.all(now, limit);
  }

  /** The earliest planned re-checks (payment and time), earliest first. */
  upcoming(limit: number): { payment_id: string; next_at: string }[] {
    return this.selUpcoming.all(limit) as { payment_id: string; next_at: string }[];
  }

  /** One payment's plan row. */
  byPayment(paymentId: string): RecheckRow | undefined {
    return this.selOne.get(paymentId);
  }

  /** Gateway payments of `method` paid since `paidSince` (ISO) that have no plan row (a crash gap, or paid before v7). */
  unplanned(method: PaymentMethod, paidSince: string): RecheckCandidate[] {
    return this.selUnplanned.all(method, paidSince);
  }

  /** What closing the day `[from, to)` should re-read first: see the query. */
  dayCandidates(from: string, to: string): RecheckCandidate[] {
    return this.selDay.all({ from, to });
  }
}
