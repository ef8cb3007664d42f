/**
 * Orders, items and payment attempts. Every statement is prepared once at
 * construction; callers wrap multi-statement writes in `db.transaction`.
 * Vocabulary columns are checked in code on the way in and out
 * (vocabulary.ts), not by the schema. Each write appends its domain event
 * through the LedgerWriter (domain-events.ts), in the same transaction.
 */
import { LedgerWriter } from './domain-events';
import type { Database } from './open-ledger';
import type { NewOrderRow, NewPaymentRow, OrderItemRow, OrderRow, PaymentRow } from './rows';
import type { PaymentStatus, UpdateSource } from '../../../../shared/domain/payment';
import { LEDGER_VOCABULARY, TILL_ACTOR_ID, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

/**
 * SNAP-BI's partnerReferenceNo / trxId (which Kasir sends as the gateway order
 * id) take at most 36 characters; the schema allows Core API's 50 for every API.
 */
export const SNAP_BI_ORDER_ID_MAX = 36;

/** Columns that may be filled in once the gateway tells us (never overwritten with null). */
export interface PaymentDetails {
  referenceNo?: string | null;
  /** JSON text of the action. */
  action?: string | null;
  vaNumber?: string | null;
  expiresAt?: string | null;
}

/** A state change to write: status, cumulative refunded amount, provenance, time. */
export interface PaymentStateWrite extends PaymentDetails {
  id: string;
  status: PaymentStatus;
  refundedAmount: number;
  source: UpdateSource;
  at: string;
  /** Set paid_at to `at` if it is still null. */
  markPaid: boolean;
  /** Who caused it (a staff id), for its domain event; 'till' when not given. */
  actor?: string;
}

/** The columns of a payment `idByGatewayId` reads. */
type PaymentKeyRow = Pick<PaymentRow, 'id' | 'method' | 'api' | 'status' | 'last_source' | 'gateway_env'>;

/** Prepared-statement repository for orders, order items and payments. */
export class PaymentRepository {
  private readonly insOrder;
  private readonly insItem;
  private readonly insPayment;
  private readonly selOrder;
  private readonly selItems;
  private readonly selById;
  private readonly selByGatewayOrder;
  private readonly selByExternal;
  private readonly selKeyByGatewayOrder;
  private readonly selKeyByExternal;
  private readonly selRecent;
  private readonly selOpen;
  private readonly selByOrder;
  private readonly updState;
  private readonly updFill;
  private readonly delItems;
  private readonly updTotal;
  private readonly selTenderItems;

  private readonly guard: VocabularyGuard;

  constructor(
    db: Database,
    vocabulary: LedgerVocabulary = LEDGER_VOCABULARY,
    private readonly writer: LedgerWriter = new LedgerWriter(db),
  ) {
    this.guard = new VocabularyGuard(vocabulary);
    this.insOrder = db.prepare<[string, number, string, string]>(
      'INSERT INTO orders (id, total, created_at, actor) VALUES (?, ?, ?, ?)',
    );
    this.insItem = db.prepare<[string, number, string, string, number, number]>(
      'INSERT INTO order_items (order_id, line, sku, name, price, quantity) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insPayment = db.prepare<[PaymentRow]>(
      `INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, reference_no, status,
         amount, refunded_amount, action, va_number, expires_at, paid_at, last_source, created_at, updated_at,
         gateway_env, actor)
       VALUES (@id, @order_id, @gateway_order_id, @method, @api, @external_id, @reference_no, @status,
         @amount, @refunded_amount, @action, @va_number, @expires_at, @paid_at, @last_source, @created_at, @updated_at,
         @gateway_env, @actor)`,
    );
    this.selOrder = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?');
    this.selItems = db.prepare<[string], OrderItemRow>('SELECT * FROM order_items WHERE order_id = ? ORDER BY line');
    this.selById = db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE id = ?');
    this.selByGatewayOrder = db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE gateway_order_id = ?');
    this.selByExternal = db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE external_id = ?');
    // The notification path needs only the id, but reads the columns the vocabulary guard checks, as byGatewayId does.
    const key = 'SELECT id, method, api, status, last_source, gateway_env FROM payments WHERE';
    this.selKeyByGatewayOrder = db.prepare<[string], PaymentKeyRow>(`${key} gateway_order_id = ?`);
    this.selKeyByExternal = db.prepare<[string], PaymentKeyRow>(`${key} external_id = ?`);
    this.selRecent = db.prepare<[number], PaymentRow>(
      'SELECT * FROM payments ORDER BY created_at DESC, rowid DESC LIMIT ?',
    );
    this.selOpen = db.prepare<[], PaymentRow>(
      "SELECT * FROM payments WHERE status IN ('creating', 'pending') ORDER BY created_at, rowid",
    );
    this.selByOrder = db.prepare<[string], PaymentRow>(
      'SELECT * FROM payments WHERE order_id = ? ORDER BY created_at, rowid',
    );
    this.updState = db.prepare(
      `UPDATE payments SET status = @status, refunded_amount = @refundedAmount, last_source = @source,
         updated_at = @at,
         -- A reversal (settlement → deny) un-pays the sale: it must leave the day's takings.
         paid_at = CASE WHEN @markPaid = 1 THEN COALESCE(paid_at, @at)
                        WHEN @status IN ('deny', 'failure', 'cancel', 'expire') THEN NULL ELSE paid_at END,
         reference_no = COALESCE(@referenceNo, reference_no), action = COALESCE(@action, action),
         va_number = COALESCE(@vaNumber, va_number), expires_at = COALESCE(@expiresAt, expires_at)
       WHERE id = @id`,
    );
    this.delItems = db.prepare<[string]>('DELETE FROM order_items WHERE order_id = ?');
    this.updTotal = db.prepare<[number, string]>('UPDATE orders SET total = ? WHERE id = ?');
    this.selTenderItems = db.prepare<[string], { items: string; sale_id: string }>('SELECT items, sale_id FROM sale_tenders WHERE payment_id = ?');
    this.updFill = db.prepare(
      `UPDATE payments SET reference_no = COALESCE(reference_no, @referenceNo), action = COALESCE(action, @action),
         va_number = COALESCE(va_number, @vaNumber), expires_at = COALESCE(expires_at, @expiresAt)
       WHERE id = @id AND ((reference_no IS NULL AND @referenceNo IS NOT NULL) OR (action IS NULL AND @action IS NOT NULL)
         OR (va_number IS NULL AND @vaNumber IS NOT NULL) OR (expires_at IS NULL AND @expiresAt IS NOT NULL))`,
    );
  }

  /**
   * Replaces an order's items and total (a sale's lines as they stand when a
   * tender starts; call inside the intent's transaction).
   */
  rewriteOrder(orderId: string, total: number, items: readonly Omit<OrderItemRow, 'order_id' | 'line'>[], at: string, actor?: string): void {
    this.writer.write(
      () => {
        this.delItems.run(orderId);
        items.forEach((item, i) => this.insItem.run(orderId, i + 1, item.sku, item.name, item.price, item.quantity));
        return this.updTotal.run(total, orderId).changes;
      },
      (changed) =>
        changed === 0 ? null : { type: 'order.repriced', aggregateId: orderId, payload: { total, lines: items.length }, at, actor: actor ?? TILL_ACTOR_ID },
    );
  }

  /**
   * What a charge of this payment sends as `item_details`, and the sale it is
   * part of: a sale tender's stored items (so a replay sends the same bytes),
   * else the order's items (payments from before sales existed).
   */
  chargeItems(paymentId: string, orderId: string): { items: Omit<OrderItemRow, 'order_id' | 'line'>[]; saleRef: string | null } {
    const tender = this.selTenderItems.get(paymentId);
    if (tender) {
      const stored = JSON.parse(tender.items) as { id: string; name: string; price: number; quantity: number }[];
      return { items: stored.map((i) => ({ sku: i.id, name: i.name, price: i.price, quantity: i.quantity })), saleRef: tender.sale_id };
    }
    return { items: this.items(orderId).map(({ sku, name, price, quantity }) => ({ sku, name, price, quantity })), saleRef: null };
  }

  /** Inserts an order and its items (call inside a transaction together with the payment intent). */
  insertOrder(order: NewOrderRow, items: readonly Omit<OrderItemRow, 'order_id' | 'line'>[]): void {
    const actor = order.actor ?? TILL_ACTOR_ID;
    this.writer.write(
      () => {
        this.insOrder.run(order.id, order.total, order.created_at, actor);
        items.forEach((item, i) => this.insItem.run(order.id, i + 1, item.sku, item.name, item.price, item.quantity));
      },
      () => ({ type: 'order.placed', aggregateId: order.id, payload: { total: order.total, lines: items.length }, at: order.created_at, actor }),
    );
  }

  /**
   * Inserts a payment attempt row as given. Its method, API, status, source
   * and gateway environment must be ones this Kasir knows (LedgerValueError
   * otherwise); the actor defaults to 'till'.
   */
  insertPayment(row: NewPaymentRow): void {
    this.guard.payment(row, 'write');
    if (row.api === 'snap_bi' && row.gateway_order_id.length > SNAP_BI_ORDER_ID_MAX) {
      throw new RangeError(
        `payments.gateway_order_id: SNAP-BI takes at most ${SNAP_BI_ORDER_ID_MAX} characters, got ${row.gateway_order_id.length}`,
      );
    }
    const actor = row.actor ?? TILL_ACTOR_ID;
    this.writer.write(
      () => this.insPayment.run({ ...row, actor }),
      () => ({
        type: 'payment.created',
        aggregateId: row.id,
        payload: {
          orderId: row.order_id, gatewayOrderId: row.gateway_order_id, method: row.method, api: row.api, status: row.status,
          amount: row.amount, gatewayEnv: row.gateway_env,
        },
        at: row.created_at,
        actor,
      }),
    );
  }

  order(id: string): OrderRow | undefined {
    return this.selOrder.get(id);
  }

  items(orderId: string): OrderItemRow[] {
    return this.selItems.all(orderId);
  }

  byId(id: string): PaymentRow | undefined {
    return this.read(this.selById.get(id));
  }

  /** Finds an attempt by the id the gateway knows it by: gateway order id first, then external id. */
  byGatewayId(orderId: string): PaymentRow | undefined {
    return this.read(this.selByGatewayOrder.get(orderId) ?? this.selByExternal.get(orderId));
  }

  /**
   * `byGatewayId`'s id alone (same lookup order, same vocabulary check on
   * read), for the webhook's hot path: a whole row is ~20 columns turned
   * into JS values per notification, of which the sink uses the id.
   */
  idByGatewayId(orderId: string): string | undefined {
    const row = this.selKeyByGatewayOrder.get(orderId) ?? this.selKeyByExternal.get(orderId);
    return row && this.guard.payment(row, 'read').id;
  }

  /** Most recent attempts first. */
  recent(limit: number): PaymentRow[] {
    return this.selRecent.all(limit).map((r) => this.guard.payment(r, 'read'));
  }

  /** Attempts still `creating` or `pending`, oldest first (what recovery reconciles). */
  open(): PaymentRow[] {
    return this.selOpen.all().map((r) => this.guard.payment(r, 'read'));
  }

  /** Every attempt of one order, oldest first. */
  byOrder(orderId: string): PaymentRow[] {
    return this.selByOrder.all(orderId).map((r) => this.guard.payment(r, 'read'));
  }

  /** Writes a legal state change (status and source must be known values). */
  writeState(change: PaymentStateWrite): void {
    this.guard.check('statuses', 'payments', 'status', change.status, 'write');
    this.guard.check('sources', 'payments', 'last_source', change.source, 'write');
    this.writer.write(
      () =>
        this.updState.run({
          id: change.id,
          status: change.status,
          refundedAmount: change.refundedAmount,
          source: change.source,
          at: change.at,
          markPaid: change.markPaid ? 1 : 0,
          referenceNo: change.referenceNo ?? null,
          action: change.action ?? null,
          vaNumber: change.vaNumber ?? null,
          expiresAt: change.expiresAt ?? null,
        }).changes,
      (changed) =>
        changed === 0
          ? null
          : {
              type: 'payment.status_changed',
              aggregateId: change.id,
              payload: { status: change.status, refundedAmount: change.refundedAmount, source: change.source },
              at: change.at,
              actor: change.actor,
            },
    );
  }

  /** Fills details that are still null, without touching status; true if anything changed. */
  fillMissing(id: string, details: PaymentDetails): boolean {
    return (
      this.updFill.run({
        id,
        referenceNo: details.referenceNo ?? null,
        action: details.action ?? null,
        vaNumber: details.vaNumber ?? null,
        expiresAt: details.expiresAt ?? null,
      }).changes > 0
    );
  }

  private read(row: PaymentRow | undefined): PaymentRow | undefined {
    return row && this.guard.payment(row, 'read');
  }
}
