/**
 * Aggregates for the owner's reports over a UTC window [fromIso, toIso).
 * ISO-8601 UTC strings of equal format sort lexicographically, so range
 * comparisons on TEXT are exact.
 */
import type { Database } from './open-ledger';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { LEDGER_VOCABULARY, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

export interface SalesTotals {
  paidCount: number;
  paidTotal: number;
  refundedTotal: number;
  pendingCount: number;
  failedCount: number;
  byMethod: { method: PaymentMethod; count: number; total: number }[];
}

/** Paid sales in one 15-minute UTC slot: `slot` × 900 s is the slot's start (Unix seconds). */
export interface PaidSlot {
  slot: number;
  count: number;
  total: number;
}

/**
 * Every zone offset in use is a whole multiple of 15 minutes (WIB +7:00,
 * India +5:30, Nepal +5:45), so a 15-minute UTC slot never straddles a local
 * hour and slots can be mapped to the shop's hours exactly, DST included.
 */
export const SLOT_SECONDS = 900;

/** Paid sales per slot in [?, ?): exported so a test can check its query plan uses payments_paid. */
export const PAID_SLOTS_SQL = `SELECT CAST(strftime('%s', paid_at) AS INTEGER) / ${SLOT_SECONDS} AS slot, COUNT(*) AS count, SUM(amount) AS total
  FROM payments WHERE paid_at >= ? AND paid_at < ? GROUP BY slot ORDER BY slot`;

/** Prepared sales queries. */
export class SalesQueries {
  private readonly paid;
  private readonly byMethod;
  private readonly refunded;
  private readonly openAndFailed;
  private readonly slots;
  private readonly guard: VocabularyGuard;

  constructor(db: Database, vocabulary: LedgerVocabulary = LEDGER_VOCABULARY) {
    this.guard = new VocabularyGuard(vocabulary);
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
    // Range on paid_at uses the payments_paid index (a comparison implies NOT NULL,
    // so the partial index qualifies); at most ~100 groups per day come back.
    this.slots = db.prepare<[string, string], PaidSlot>(PAID_SLOTS_SQL);
  }

  /** Paid sales (gross) in [fromIso, toIso) grouped by 15-minute UTC slot, for zone-aware hourly charts. */
  paidSlots(fromIso: string, toIso: string): PaidSlot[] {
    return this.slots.all(fromIso, toIso);
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
      byMethod: this.byMethod.all(fromIso, toIso).map((r) => ({ ...r, method: this.guard.method(r.method) })),
    };
  }
}
