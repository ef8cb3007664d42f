/**
 * Aggregates for the owner's reports over a UTC window [fromIso, toIso).
 * ISO-8601 UTC strings of equal format sort lexicographically, so range
 * comparisons on TEXT are exact.
 */
import type { Database } from './open-ledger';
import type { PaymentMethod } from '../../../../shared/domain/payment';

export interface SalesTotals {
  paidCount: number;
  paidTotal: number;
  refundedTotal: number;
  pendingCount: number;
  failedCount: number;
  byMethod: { method: PaymentMethod; count: number; total: number }[];
}

/** Prepared sales queries. */
export class SalesQueries {
  private readonly paid;
  private readonly byMethod;
  private readonly refunded;
  private readonly openAndFailed;

  constructor(db: Database) {
    this.paid = db.prepare<[string, string], { n: number; total: number }>(
      'SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM payments WHERE paid_at >= ? AND paid_at < ?',
    );
    this.byMethod = db.prepare<[string, string], { method: PaymentMethod; count: number; total: number }>(
      `SELECT method, COUNT(*) AS count, SUM(amount) AS total FROM payments
       WHERE paid_at >= ? AND paid_at < ? GROUP BY method ORDER BY total DESC, method`,
    );
    this.refunded = db.prepare<[string, string], { total: number }>(
      `SELECT COALESCE(SUM(refunded_delta), 0) AS total FROM payment_events
       WHERE refunded_delta > 0 AND created_at >= ? AND created_at < ?`,
    );
    this.openAndFailed = db.prepare<[string, string], { pending: number; failed: number }>(
      `SELECT COALESCE(SUM(status IN ('creating', 'pending')), 0) AS pending,
              COALESCE(SUM(status IN ('expire', 'cancel', 'deny', 'failure', 'failed_to_create')), 0) AS failed
       FROM payments WHERE created_at >= ? AND created_at < ?`,
    );
  }

  /**
   * Paid = reached settlement/capture in the window (gross, even if refunded
   * later); refunds = refund amounts applied in the window; pending/failed =
   * attempts created in the window that are open / ended unpaid.
   */
  totals(fromIso: string, toIso: string): SalesTotals {
    const paid = this.paid.get(fromIso, toIso) ?? { n: 0, total: 0 };
    const refunded = this.refunded.get(fromIso, toIso) ?? { total: 0 };
    const of = this.openAndFailed.get(fromIso, toIso) ?? { pending: 0, failed: 0 };
    return {
      paidCount: paid.n,
      paidTotal: paid.total,
      refundedTotal: refunded.total,
      pendingCount: of.pending,
      failedCount: of.failed,
      byMethod: this.byMethod.all(fromIso, toIso),
    };
  }
}
