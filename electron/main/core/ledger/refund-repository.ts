/**
 * Refund requests. A row (with its refund key) is committed before the
 * gateway is called, so a retry after a crash or timeout reuses the same key.
 */
import type { Database } from './open-ledger';
import type { RefundStatus } from './migrations';
import type { RefundRow } from './rows';

/** Prepared-statement repository for `refunds`. */
export class RefundRepository {
  private readonly ins;
  private readonly upd;
  private readonly selOpen;
  private readonly selAll;

  constructor(db: Database) {
    this.ins = db.prepare(
      `INSERT INTO refunds (payment_id, refund_key, amount, refunded_before, reason, status, created_at, updated_at)
       VALUES (@payment_id, @refund_key, @amount, @refunded_before, @reason, 'requested', @at, @at)`,
    );
    this.upd = db.prepare<[RefundStatus, string, string]>(
      'UPDATE refunds SET status = ?, updated_at = ? WHERE refund_key = ?',
    );
    this.selOpen = db.prepare<[string], RefundRow>(
      "SELECT * FROM refunds WHERE payment_id = ? AND status IN ('requested', 'unknown') ORDER BY id",
    );
    this.selAll = db.prepare<[string], RefundRow>('SELECT * FROM refunds WHERE payment_id = ? ORDER BY id');
  }

  /** Records a refund request before the network call. */
  insert(r: { payment_id: string; refund_key: string; amount: number; refunded_before: number; reason: string | null; at: string }): void {
    this.ins.run(r);
  }

  setStatus(refundKey: string, status: RefundStatus, at: string): void {
    this.upd.run(status, at, refundKey);
  }

  /** Requests whose outcome is not yet known. */
  unresolved(paymentId: string): RefundRow[] {
    return this.selOpen.all(paymentId);
  }

  forPayment(paymentId: string): RefundRow[] {
    return this.selAll.all(paymentId);
  }
}
