/**
 * Cash taken out of the drawer (v9 `drawer_movements`): a refund paid from
 * the drawer, the cash handed back when a sale is voided, a "no sale"
 * opening. Never a gateway status: a payment refunded from the drawer keeps
 * its own status, so reconciliation with Midtrans never "fixes" it back.
 * Each write appends a `drawer.moved` domain event in the same transaction.
 */
import { LedgerWriter } from './domain-events';
import type { Database } from './open-ledger';
import type { DrawerMovementRow, NewDrawerMovementRow } from './rows';
import { LEDGER_VOCABULARY, TILL_ACTOR_ID, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

/** Prepared-statement repository for `drawer_movements`. */
export class DrawerRepository {
  private readonly ins;
  private readonly selSale;
  private readonly selPaid;
  private readonly guard: VocabularyGuard;

  constructor(
    db: Database,
    vocabulary: LedgerVocabulary = LEDGER_VOCABULARY,
    private readonly writer: LedgerWriter = new LedgerWriter(db),
  ) {
    this.guard = new VocabularyGuard(vocabulary);
    this.ins = db.prepare(
      `INSERT INTO drawer_movements (till_id, kind, sale_id, payment_id, amount, reason, actor, created_at)
       VALUES (@till_id, @kind, @sale_id, @payment_id, @amount, @reason, @actor, @created_at)`,
    );
    this.selSale = db.prepare<[string], DrawerMovementRow>('SELECT * FROM drawer_movements WHERE sale_id = ? ORDER BY id');
    this.selPaid = db
      .prepare<[string], number>(
        "SELECT COALESCE(SUM(amount), 0) FROM drawer_movements WHERE payment_id = ? AND kind IN ('refund', 'void_return')",
      )
      .pluck();
  }

  /** Records one movement; returns its id. */
  insert(row: NewDrawerMovementRow): number {
    this.guard.drawerMovement(row, 'write');
    const actor = row.actor ?? TILL_ACTOR_ID;
    return this.writer.write(
      () => Number(this.ins.run({ ...row, actor }).lastInsertRowid),
      (id) => ({
        type: 'drawer.moved',
        aggregateId: String(id),
        payload: { kind: row.kind, saleId: row.sale_id, paymentId: row.payment_id, amount: row.amount },
        at: row.created_at,
        actor,
      }),
    );
  }

  /** A sale's movements, oldest first. */
  forSale(saleId: string): DrawerMovementRow[] {
    return this.selSale.all(saleId).map((r) => this.guard.drawerMovement(r, 'read'));
  }

  /** Rupiah paid back from the drawer for one payment so far (refunds and void returns). */
  paidBackFor(paymentId: string): number {
    return this.selPaid.get(paymentId) ?? 0;
  }
}
