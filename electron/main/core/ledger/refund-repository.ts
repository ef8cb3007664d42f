/**
 * Refund requests. A row (with its refund key) is committed before the
 * gateway is called, so a retry after a crash or timeout reuses the same key.
 * Each write appends its domain event through the LedgerWriter.
 */
import { LedgerWriter } from './domain-events';
import type { Database } from './open-ledger';
import type { RefundRow } from './rows';
import { LEDGER_VOCABULARY, TILL_ACTOR_ID, VocabularyGuard, type LedgerVocabulary, type RefundStatus } from './vocabulary';

/** Prepared-statement repository for `refunds`. */
export class RefundRepository {
  private readonly ins;
  private readonly upd;
  private readonly selOpen;
  private readonly selAll;
  private readonly selKey;
  private readonly selOpenPayments;
  private readonly guard: VocabularyGuard;

  constructor(
    db: Database,
    vocabulary: LedgerVocabulary = LEDGER_VOCABULARY,
    private readonly writer: LedgerWriter = new LedgerWriter(db),
  ) {
    this.guard = new VocabularyGuard(vocabulary);
    this.ins = db.prepare(
      `INSERT INTO refunds (payment_id, refund_key, amount, refunded_before, reason, status, created_at, updated_at, actor)
       VALUES (@payment_id, @refund_key, @amount, @refunded_before, @reason, 'requested', @at, @at, @actor)`,
    );
    this.upd = db.prepare<[RefundStatus, string, string]>(
      'UPDATE refunds SET status = ?, updated_at = ? WHERE refund_key = ?',
    );
    this.selOpen = db.prepare<[string], RefundRow>(
      "SELECT * FROM refunds WHERE payment_id = ? AND status IN ('requested', 'unknown') ORDER BY id",
    );
    this.selAll = db.prepare<[string], RefundRow>('SELECT * FROM refunds WHERE payment_id = ? ORDER BY id');
    this.selKey = db.prepare<[string], RefundRow>('SELECT * FROM refunds WHERE refund_key = ?');
    this.selOpenPayments = db
      .prepare<[], string>(
        "SELECT payment_id FROM refunds WHERE status IN ('requested', 'unknown') GROUP BY payment_id ORDER BY MIN(id)",
      )
      .pluck();
  }

  /** Records a refund request before the network call; `actor` (who asked) defaults to 'till'. */
  insert(r: {
    payment_id: string;
    refund_key: string;
    amount: number;
    refunded_before: number;
    reason: string | null;
    at: string;
    actor?: string;
  }): void {
    const actor = r.actor ?? TILL_ACTOR_ID;
    this.writer.write(
      () => this.ins.run({ ...r, actor }),
      () => ({
        type: 'refund.requested',
        aggregateId: r.refund_key,
        payload: { paymentId: r.payment_id, amount: r.amount, refundedBefore: r.refunded_before },
        at: r.at,
        actor,
      }),
    );
  }

  /** Records what became of a request; `actor` (for its domain event) defaults to 'till'. */
  setStatus(refundKey: string, status: RefundStatus, at: string, actor?: string): void {
    this.guard.refund({ status }, 'write');
    this.writer.write(
      () => this.upd.run(status, at, refundKey).changes,
      (changed) => (changed === 0 ? null : { type: 'refund.status_changed', aggregateId: refundKey, payload: { status }, at, actor }),
    );
  }

  /** Requests whose outcome is not yet known. */
  unresolved(paymentId: string): RefundRow[] {
    return this.selOpen.all(paymentId).map((r) => this.guard.refund(r, 'read'));
  }

  /** The request made under `refundKey`, if any. */
  byKey(refundKey: string): RefundRow | undefined {
    const row = this.selKey.get(refundKey);
    return row ? this.guard.refund(row, 'read') : undefined;
  }

  /** Payments with at least one request whose outcome is not yet known, oldest request first (start-up recovery). */
  paymentsWithUnresolved(): string[] {
    return this.selOpenPayments.all();
  }

  /** Every request of a payment, oldest first. */
  forPayment(paymentId: string): RefundRow[] {
    return this.selAll.all(paymentId).map((r) => this.guard.refund(r, 'read'));
  }
}
