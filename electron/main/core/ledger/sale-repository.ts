/**
 * Sales, their tenders and the till's receipt counter (v9). A sale is an
 * `orders` row (PaymentRepository) plus its `sales` row here; its tenders are
 * payments, each with a `sale_tenders` row. Statements are prepared once;
 * callers wrap multi-statement writes in `db.transaction`. Each write appends
 * its domain event through the LedgerWriter, in the same transaction. The
 * sale status is checked in code on the way in and out (vocabulary.ts).
 */
import { LedgerWriter } from './domain-events';
import type { Database } from './open-ledger';
import { unpackText } from './packed-text';
import type { NewSaleRow, SaleRow, SaleTenderRow } from './rows';
import { LEDGER_VOCABULARY, TILL_ACTOR_ID, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

/** The priced draft of a sale as written (JSON texts and the totals the reports sum). */
export interface SalePricingWrite {
  id: string;
  draft: string;
  quote: string;
  subtotal: number;
  discountTotal: number;
  serviceTotal: number;
  taxTotal: number;
  total: number;
  at: string;
  actor?: string;
}

/** A sale's rows for a listing, newest first, optionally inside `[from, to)` (UTC ISO) by close (else open) time. */
export interface SaleListQuery {
  limit: number;
  from?: string;
  to?: string;
}

/** Prepared-statement repository for `sales`, `sale_tenders` and `receipt_counters`. */
export class SaleRepository {
  private readonly insSale;
  private readonly selSale;
  private readonly selOpenFor;
  private readonly selOpen;
  private readonly selRecent;
  private readonly selWindow;
  private readonly updPricing;
  private readonly updTouch;
  private readonly updPaid;
  private readonly updVoided;
  private readonly updPrinted;
  private readonly insTender;
  private readonly selTenders;
  private readonly selTender;
  private readonly selMaxSeq;
  private readonly upsCounter;
  private readonly updAbandoned;
  private readonly updLateDecision;
  private readonly selAbandoned;
  private readonly insFollowUp;
  private readonly delFollowUp;
  private readonly guard: VocabularyGuard;

  constructor(
    db: Database,
    vocabulary: LedgerVocabulary = LEDGER_VOCABULARY,
    private readonly writer: LedgerWriter = new LedgerWriter(db),
  ) {
    this.guard = new VocabularyGuard(vocabulary);
    this.insSale = db.prepare(
      `INSERT INTO sales (id, till_id, status, draft, quote, subtotal, discount_total, service_total, tax_total, total,
         opened_at, updated_at, actor)
       VALUES (@id, @till_id, 'open', @draft, @quote, 0, 0, 0, 0, 0, @opened_at, @opened_at, @actor)`,
    );
    this.selSale = db.prepare<[string], SaleRow>('SELECT * FROM sales WHERE id = ?');
    this.selOpenFor = db.prepare<[string], SaleRow>(
      "SELECT * FROM sales WHERE till_id = ? AND status = 'open' ORDER BY opened_at DESC, rowid DESC",
    );
    this.selOpen = db.prepare<[], SaleRow>("SELECT * FROM sales WHERE status = 'open' ORDER BY opened_at, rowid");
    // An open sale nobody put anything on yet is not history.
    const listed = `NOT (status = 'open' AND subtotal = 0 AND NOT EXISTS (SELECT 1 FROM sale_tenders t WHERE t.sale_id = sales.id))`;
    this.selRecent = db.prepare<[number], SaleRow>(
      `SELECT * FROM sales WHERE ${listed} ORDER BY COALESCE(closed_at, opened_at) DESC, rowid DESC LIMIT ?`,
    );
    this.selWindow = db.prepare<[string, string, number], SaleRow>(
      `SELECT * FROM sales WHERE ${listed} AND COALESCE(closed_at, opened_at) >= ? AND COALESCE(closed_at, opened_at) < ?
       ORDER BY COALESCE(closed_at, opened_at) DESC, rowid DESC LIMIT ?`,
    );
    this.updPricing = db.prepare(
      `UPDATE sales SET draft = @draft, quote = @quote, subtotal = @subtotal, discount_total = @discountTotal,
         service_total = @serviceTotal, tax_total = @taxTotal, total = @total, updated_at = @at
       WHERE id = @id AND status = 'open'`,
    );
    this.updTouch = db.prepare<[number, string, string]>("UPDATE sales SET rounding = ?, updated_at = ? WHERE id = ? AND status = 'open'");
    this.updPaid = db.prepare<[number, number, string, string, string]>(
      "UPDATE sales SET status = 'paid', receipt_no = ?, rounding = ?, closed_at = ?, updated_at = ? WHERE id = ? AND status = 'open'",
    );
    this.updVoided = db.prepare<[string, string, string, string]>(
      "UPDATE sales SET status = 'voided', void_reason = ?, closed_at = ?, updated_at = ? WHERE id = ? AND status = 'open'",
    );
    this.updPrinted = db.prepare<[string]>('UPDATE sales SET print_count = print_count + 1 WHERE id = ? RETURNING print_count');
    this.insTender = db.prepare<[SaleTenderRow]>(
      `INSERT INTO sale_tenders (payment_id, sale_id, seq, applied, rounding, received, change_given, items, created_at)
       VALUES (@payment_id, @sale_id, @seq, @applied, @rounding, @received, @change_given, @items, @created_at)`,
    );
    this.selTenders = db.prepare<[string], SaleTenderRow>('SELECT * FROM sale_tenders WHERE sale_id = ? ORDER BY seq');
    this.selTender = db.prepare<[string], SaleTenderRow>('SELECT * FROM sale_tenders WHERE payment_id = ?');
    this.selMaxSeq = db.prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) FROM sale_tenders WHERE sale_id = ?').pluck();
    this.updAbandoned = db.prepare<[string, string]>('UPDATE sale_tenders SET abandoned_at = ? WHERE payment_id = ? AND abandoned_at IS NULL');
    this.updLateDecision = db.prepare<[string, string]>(
      'UPDATE sale_tenders SET late_decision = ? WHERE payment_id = ? AND abandoned_at IS NOT NULL AND late_decision IS NULL',
    );
    // Only those with something left to do: the payment still open (to cancel) or paid anyway (the owner decides).
    // `tender_followups` holds the abandoned tenders still followed (v14), not the year of them whose payment
    // ended unpaid; the status is read now, so a payment that ended since is skipped until it leaves the table.
    this.selAbandoned = db.prepare<[], SaleTenderRow>(
      `SELECT t.* FROM tender_followups f CROSS JOIN sale_tenders t ON t.payment_id = f.payment_id JOIN payments p ON p.id = t.payment_id
       WHERE t.abandoned_at IS NOT NULL AND t.late_decision IS NULL
         AND p.status IN ('creating', 'pending', 'settlement', 'capture', 'partial_refund', 'refund')
       ORDER BY t.abandoned_at, t.payment_id`,
    );
    this.insFollowUp = db.prepare<[string]>('INSERT OR IGNORE INTO tender_followups (payment_id) VALUES (?)');
    this.delFollowUp = db.prepare<[string]>('DELETE FROM tender_followups WHERE payment_id = ?');
    this.upsCounter = db
      .prepare<[string], number>(
        `INSERT INTO receipt_counters (till_id, last_no) VALUES (?, 1)
         ON CONFLICT (till_id) DO UPDATE SET last_no = last_no + 1 RETURNING last_no`,
      )
      .pluck();
  }

  /** Writes a new, empty open sale (its order row must exist: PaymentRepository.insertOrder). */
  insert(row: NewSaleRow): void {
    const actor = row.actor ?? TILL_ACTOR_ID;
    this.writer.write(
      () => this.insSale.run({ ...row, actor }),
      () => ({ type: 'sale.opened', aggregateId: row.id, payload: { tillId: row.till_id }, at: row.opened_at, actor }),
    );
  }

  byId(id: string): SaleRow | undefined {
    const row = this.selSale.get(id);
    return row && this.read(row);
  }

  /** The till's open sales, newest first. */
  openFor(tillId: string): SaleRow[] {
    return this.selOpenFor.all(tillId).map((r) => this.read(r));
  }

  /** Every open sale of any till, oldest first (settled again at start-up). */
  open(): SaleRow[] {
    return this.selOpen.all().map((r) => this.read(r));
  }

  /** Sales for history, newest first (open sales with nothing on them left out). */
  list(q: SaleListQuery): SaleRow[] {
    const rows = q.from !== undefined && q.to !== undefined ? this.selWindow.all(q.from, q.to, q.limit) : this.selRecent.all(q.limit);
    return rows.map((r) => this.read(r));
  }

  /** A stored row as the app reads it: vocabulary checked, the quote unpacked (a closed sale of a closed day has it packed: packed-text.ts). */
  private read(r: SaleRow): SaleRow {
    r.quote = unpackText(r.quote);
    return this.guard.sale(r, 'read');
  }

  /** Replaces an open sale's draft, quote and totals; false if the sale is not open. */
  writePricing(w: SalePricingWrite): boolean {
    return this.writer.write(
      () => this.updPricing.run(w).changes > 0,
      (changed) =>
        changed
          ? { type: 'sale.priced', aggregateId: w.id, payload: { subtotal: w.subtotal, discountTotal: w.discountTotal, total: w.total }, at: w.at, actor: w.actor }
          : null,
    );
  }

  /** Records a tender against its sale (in the payment intent's transaction). */
  insertTender(row: SaleTenderRow, actor?: string): void {
    this.writer.write(
      () => this.insTender.run(row),
      () => ({
        type: 'sale.tendered',
        aggregateId: row.sale_id,
        payload: { paymentId: row.payment_id, seq: row.seq, applied: row.applied, rounding: row.rounding },
        at: row.created_at,
        actor,
      }),
    );
  }

  /** An open sale's cash rounding so far and its last change. */
  touch(id: string, rounding: number, at: string): void {
    this.updTouch.run(rounding, at, id);
  }

  /** The sale's tenders in the order they were started. */
  tenders(saleId: string): SaleTenderRow[] {
    return this.selTenders.all(saleId);
  }

  /** The tender a payment is, if it is one. */
  tenderOf(paymentId: string): SaleTenderRow | undefined {
    return this.selTender.get(paymentId);
  }

  /** The cashier stopped waiting for this tender; false if it was already abandoned. */
  markAbandoned(paymentId: string, saleId: string, at: string, actor?: string): boolean {
    return this.writer.write(
      () => {
        const changed = this.updAbandoned.run(at, paymentId).changes > 0;
        if (changed) this.insFollowUp.run(paymentId);
        return changed;
      },
      (changed) => (changed ? { type: 'sale.tender_abandoned', aggregateId: saleId, payload: { paymentId }, at, actor } : null),
    );
  }

  /** Records the owner's decision on an abandoned tender paid anyway; false if there was nothing to decide. */
  setLateDecision(paymentId: string, saleId: string, decision: string, at: string, actor?: string): boolean {
    return this.writer.write(
      () => {
        const changed = this.updLateDecision.run(decision, paymentId).changes > 0;
        if (changed) this.delFollowUp.run(paymentId);
        return changed;
      },
      (changed) => (changed ? { type: 'sale.late_payment_decided', aggregateId: saleId, payload: { paymentId, decision }, at, actor } : null),
    );
  }

  /** Abandoned tenders without an owner's decision, oldest first (open at the gateway, or paid anyway). */
  abandonedUndecided(): SaleTenderRow[] {
    return this.selAbandoned.all();
  }

  /**
   * An abandoned tender's payment has ended unpaid (expired, cancelled, denied,
   * failed): nothing is left to follow or decide, so start-up stops reading it.
   * Bookkeeping only (no record changes, no domain event).
   */
  endFollowUp(paymentId: string): void {
    this.delFollowUp.run(paymentId);
  }

  /** The next tender's sequence number (1 for the first). */
  nextSeq(saleId: string): number {
    return (this.selMaxSeq.get(saleId) ?? 0) + 1;
  }

  /**
   * Draws the till's next receipt number (1 for its first sale). Call inside
   * the transaction that marks the sale paid: a rolled-back draw is no draw.
   */
  drawReceiptNo(tillId: string): number {
    const n = this.upsCounter.get(tillId);
    if (n === undefined) throw new Error(`receipt counter for ${tillId} did not answer`);
    return n;
  }

  /** Open → paid with its receipt number; false if the sale was not open. */
  markPaid(id: string, receiptNo: number, rounding: number, at: string): boolean {
    return this.writer.write(
      () => this.updPaid.run(receiptNo, rounding, at, at, id).changes > 0,
      (changed) => (changed ? { type: 'sale.paid', aggregateId: id, payload: { receiptNo }, at } : null),
    );
  }

  /** Open → voided with the reason; false if the sale was not open. */
  markVoided(id: string, reason: string, at: string, actor?: string): boolean {
    return this.writer.write(
      () => this.updVoided.run(reason, at, at, id).changes > 0,
      (changed) => (changed ? { type: 'sale.voided', aggregateId: id, payload: { reason }, at, actor } : null),
    );
  }

  /** Counts one more printed receipt; returns how many have been printed now. */
  countPrint(id: string): number {
    const row = this.updPrinted.get(id) as { print_count: number } | undefined;
    return row?.print_count ?? 0;
  }
}
