/**
 * PaymentService: the payment lifecycle from "Charge" to "Paid" (and back out
 * by cancel/refund). Writes the intent before any network call, classifies
 * failed charges, applies every status change through one transactional
 * entry point, reconciles open payments on start and keeps them tracked.
 */
import type { CartItem, DayReport, PaymentView } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import { DEFAULT_API_FOR, type GatewayApi, type PaymentMethod, type UpdateSource } from '../../../../shared/domain/payment';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { GatewayTransaction, PaymentGateway } from '../gateway/types';
import type { Database } from '../ledger/open-ledger';
import { PaymentRepository } from '../ledger/payment-repository';
import { EventRepository } from '../ledger/event-repository';
import { RefundRepository } from '../ledger/refund-repository';
import { SalesQueries, SLOT_SECONDS } from '../ledger/sales-queries';
import type { PaymentRow } from '../ledger/rows';
import { asKasirError, classifyChargeError, errorFields } from './charge-errors';
import { RandomIds, type IdSource } from './ids';
import { buildIntent, cartTotal, chargeRequestOf } from './intent';
import { PaymentStateStore, type ApplyResult } from './payment-state';
import { refOf, toView, updateFromTransaction, type StateUpdate } from './payment-view';
import { performRefund, type RefundContext } from './refund-flow';
import type { PaymentTracker, TrackerTimings } from './tracker';
import { isOpen, Reconciler, type NotificationRecord } from './reconciler';
import { bucketByLocalHour, zonedDay } from './zoned-day';

/** Called after every applied change, once it is committed. */
export type PaymentListener = (view: PaymentView, source: UpdateSource) => void;

/** Constructor dependencies. */
export interface PaymentServiceDeps {
  db: Database;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  /** IANA zone of the shop's day (default Asia/Jakarta). */
  zone?: string;
  /** Which API carries each method (default DEFAULT_API_FOR). */
  routing?: Record<PaymentMethod, GatewayApi>;
  /** Public notification URL(s) for X-Override-Notification, read per charge. */
  notificationUrls?: () => string[];
  ids?: IdSource;
  /** Polling cadence overrides. */
  tracking?: Partial<TrackerTimings>;
}

export type { NotificationRecord };

export interface CreatePaymentInput {
  items: CartItem[];
  method: PaymentMethod;
}

/** What `applyGatewayState` did. */
export interface ApplyOutcome {
  applied: boolean;
  view: PaymentView;
}

/** The payment engine. One instance per ledger; construct in the composition root. */
export class PaymentService {
  /** Polling fallback (exposed for counters and tests). */
  readonly tracker: PaymentTracker;
  private readonly log: Logger;
  private readonly zone: string;
  private readonly routing: Record<PaymentMethod, GatewayApi>;
  private readonly ids: IdSource;
  private readonly payments: PaymentRepository;
  private readonly events: EventRepository;
  private readonly refunds: RefundRepository;
  private readonly sales: SalesQueries;
  private readonly state: PaymentStateStore;
  private readonly refundCtx: RefundContext;
  private readonly rec: Reconciler;
  private readonly listeners = new Set<PaymentListener>();
  private readonly busy = new Set<string>();
  private readonly writeIntent;

  constructor(private readonly d: PaymentServiceDeps) {
    this.log = d.logger.scope('payments');
    this.zone = d.zone ?? 'Asia/Jakarta';
    zonedDay(d.clock.now(), this.zone); // fail fast on an unknown zone
    this.routing = d.routing ?? DEFAULT_API_FOR;
    this.ids = d.ids ?? new RandomIds();
    this.payments = new PaymentRepository(d.db);
    this.events = new EventRepository(d.db);
    this.refunds = new RefundRepository(d.db);
    this.sales = new SalesQueries(d.db);
    this.state = new PaymentStateStore({ db: d.db, clock: d.clock, logger: this.log, payments: this.payments, events: this.events });
    const apply = (id: string, u: StateUpdate, source: UpdateSource, raw: unknown) => this.applyUpdate(id, u, source, raw);
    this.rec = new Reconciler({
      db: d.db, gateway: d.gateway, clock: d.clock, logger: this.log, payments: this.payments, events: this.events,
      state: this.state, apply, tracking: d.tracking,
    });
    this.tracker = this.rec.tracker;
    this.refundCtx = {
      gateway: d.gateway, payments: this.payments, refunds: this.refunds, ids: this.ids, clock: d.clock, logger: this.log,
      apply,
    };
    this.writeIntent = d.db.transaction((row: PaymentRow, items: CartItem[] | null) => {
      if (items) this.payments.insertOrder({ id: row.order_id, total: row.amount, created_at: row.created_at }, items);
      this.payments.insertPayment(row);
      return row.method === 'cash' ? this.state.apply(row.id, { status: 'settlement' }, 'manual', null) : null;
    });
  }

  /** Rings up a sale: order + intent committed first, then the charge (cash settles locally). */
  async create(input: CreatePaymentInput): Promise<PaymentView> {
    return this.start(this.ids.orderId(), input.method, cartTotal(input.items), input.items);
  }

  /** Charges an existing order again (after a failed attempt); refused while it is open or recovering. */
  async chargeAgain(orderId: string, method: PaymentMethod): Promise<PaymentView> {
    const order = this.payments.order(orderId);
    if (!order) throw new KasirError('NOT_FOUND', `Order ${orderId} not found.`);
    if (this.rec.recovering.has(orderId)) {
      throw new KasirError('CONFLICT', 'This order is still being reconciled with Midtrans; wait before charging it again.');
    }
    const active = this.payments.byOrder(orderId).find((p) => isOpen(p.status) || p.paid_at !== null);
    if (active) throw new KasirError('CONFLICT', `Order ${orderId} already has a ${active.status} payment.`);
    const items = this.payments.items(orderId).map(({ sku, name, price, quantity }) => ({ sku, name, price, quantity }));
    return this.start(orderId, method, order.total, items, false);
  }

  /** One payment's view; NOT_FOUND if unknown. */
  get(id: string): PaymentView {
    return this.view(this.require(id));
  }

  /** Most recent payments first (1..500, default 50). */
  list(limit = 50): PaymentView[] {
    const n = Math.min(500, Math.max(1, Math.trunc(limit) || 50));
    return this.payments.recent(n).map((r) => this.view(r));
  }

  /** Cancels a pending charge through the gateway. */
  async cancel(id: string): Promise<PaymentView> {
    const row = this.require(id);
    if (row.status === 'creating') throw new KasirError('CONFLICT', 'The charge is still being created; try again in a moment.');
    if (row.status !== 'pending') throw new KasirError('ILLEGAL_TRANSITION', `A ${row.status} payment cannot be cancelled.`);
    return this.exclusive(id, async () => {
      let tx: GatewayTransaction;
      try {
        tx = await this.d.gateway.cancel(refOf(row));
      } catch (e) {
        this.log.warn('cancel failed; checking status', { paymentId: id, ...errorFields(e) });
        const after = await this.rec.checkStatus(id, 'manual');
        if (after?.status === 'cancel') return this.view(after);
        throw asKasirError(e);
      }
      return this.view(this.applyUpdate(id, updateFromTransaction(tx), 'manual', tx.raw).row);
    });
  }

  /** Refunds all (default) or part of a paid payment through the gateway. */
  async refund(id: string, amount?: number, reason?: string): Promise<PaymentView> {
    this.require(id);
    return this.exclusive(id, async () => this.view(await performRefund(this.refundCtx, id, amount, reason)));
  }

  /** Totals for the shop's current day in its zone, with paid sales per local hour. */
  reportToday(): DayReport {
    const day = zonedDay(this.d.clock.now(), this.zone);
    const from = isoUtc(day.startUtc);
    const to = isoUtc(day.endUtc);
    const totals = this.sales.totals(from, to);
    const slots = this.sales.paidSlots(from, to).map((s) => ({ startMs: s.slot * SLOT_SECONDS * 1000, count: s.count, total: s.total }));
    return { day: day.day, zone: this.zone, ...totals, byHour: bucketByLocalHour(slots, this.zone) };
  }

  /** Subscribes to applied changes; returns the unsubscribe function. */
  onUpdated(listener: PaymentListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Applies a gateway-reported state (the single transition entry point for gateway data). */
  applyGatewayState(paymentId: string, tx: GatewayTransaction, source: UpdateSource, raw: unknown = tx.raw): ApplyOutcome {
    this.require(paymentId);
    const res = this.applyUpdate(paymentId, updateFromTransaction(tx), source, raw);
    return { applied: res.applied, view: this.view(res.row) };
  }

  /**
   * Reconciles every `creating`/`pending` payment with the gateway; call once
   * on start. A status answer carries no QR string or deeplink, so a payment
   * recovered from `creating` gets its action back by replaying the identical
   * charge (same idempotency key / X-EXTERNAL-ID and body: the gateway answers
   * with the original response, never a second charge).
   */
  async recover(): Promise<void> {
    await this.rec.recover();
    for (const row of this.payments.open()) {
      if (row.status === 'pending' && row.action === null && row.api !== 'none') await this.restoreAction(row, 'recovery');
    }
  }

  /**
   * A status answer carries no QR string or deeplink. Replaying the identical
   * charge (same idempotency key / X-EXTERNAL-ID, same body) returns the
   * original response, never a second charge.
   */
  private async restoreAction(row: PaymentRow, source: UpdateSource): Promise<void> {
    try {
      const tx = await this.d.gateway.charge(chargeRequestOf(row, this.payments.items(row.order_id), this.d.notificationUrls?.()));
      if (tx.referenceNo && row.reference_no && tx.referenceNo !== row.reference_no) {
        this.log.error('charge replay answered with another transaction; ignored', { paymentId: row.id });
        return;
      }
      this.applyUpdate(row.id, updateFromTransaction(tx), source, tx.raw);
    } catch (e) {
      this.log.warn('could not restore the payment action', { paymentId: row.id, ...errorFields(e) });
    }
  }

  /** True while an order's recovery has not reached a definite answer. */
  isRecovering(orderId: string): boolean {
    return this.rec.recovering.has(orderId);
  }

  /** The attempt the gateway knows by `gatewayOrderId` (gateway order id or external id). */
  findByGatewayOrderId(gatewayOrderId: string): PaymentRow | undefined {
    return this.payments.byGatewayId(gatewayOrderId);
  }

  /** Durably records received notifications (one transaction, applied = 0). */
  recordNotifications(list: readonly NotificationRecord[]): void {
    this.rec.recordNotifications(list);
  }

  /** Confirms a payment with the status API in the background (coalesced per payment). */
  confirmInBackground(paymentId: string, source: UpdateSource = 'webhook'): void {
    this.rec.confirmInBackground(paymentId, source);
  }

  /** Resolves when every background confirmation has finished. */
  idle(): Promise<void> {
    return this.rec.idle();
  }

  /** Stops tracking timers (the ledger stays open; its owner closes it). */
  stop(): void {
    this.tracker.stop();
  }

  private async start(orderId: string, method: PaymentMethod, amount: number, items: CartItem[], newOrder = true): Promise<PaymentView> {
    const row = buildIntent({ ids: this.ids, orderId, method, amount, routing: this.routing, now: this.d.clock.now(), zone: this.zone });
    const cash = this.writeIntent.immediate(row, newOrder ? items : null);
    if (cash) {
      this.emit(cash.row, 'manual');
      return this.view(cash.row);
    }
    return this.charge(row, items);
  }

  private async charge(row: PaymentRow, items: CartItem[]): Promise<PaymentView> {
    this.rec.inFlight.add(row.id);
    let tx: GatewayTransaction;
    try {
      tx = await this.d.gateway.charge(chargeRequestOf(row, items, this.d.notificationUrls?.()));
    } catch (e) {
      this.rec.inFlight.delete(row.id);
      return this.chargeFailed(row, e);
    }
    this.rec.inFlight.delete(row.id);
    const res = this.applyUpdate(row.id, updateFromTransaction(tx), 'charge', tx.raw);
    if (isOpen(res.row.status)) this.tracker.track(row.id, res.row.expires_at);
    return this.view(res.row);
  }

  private async chargeFailed(row: PaymentRow, e: unknown): Promise<PaymentView> {
    const kind = classifyChargeError(e);
    this.log.warn('charge failed', { paymentId: row.id, kind, ...errorFields(e) });
    if (kind === 'definite') {
      this.applyUpdate(row.id, { status: 'failed_to_create' }, 'charge', { error: errorFields(e) });
      throw asKasirError(e);
    }
    this.state.note(row.id, 'charge', 'charge_error', { error: errorFields(e), kind });
    let tx: GatewayTransaction | null;
    try {
      tx = await this.d.gateway.status(refOf(row));
    } catch (se) {
      this.log.warn('status after failed charge unavailable; left for recovery', { paymentId: row.id, ...errorFields(se) });
      this.rec.recovering.add(row.order_id);
      this.tracker.track(row.id, null);
      throw new KasirError('GATEWAY_UNAVAILABLE', 'Midtrans did not answer. The charge may exist; Kasir will check it automatically — do not charge this sale again yet.');
    }
    const after = this.rec.resolve(row.id, tx, 'charge');
    if (tx === null) {
      throw kind === 'exists' ? asKasirError(e) : new KasirError('GATEWAY_UNAVAILABLE', 'Midtrans could not be reached; no charge was made. Try again.');
    }
    // Found, but the customer still needs the QR / deeplink the lost answer carried.
    if (after.status === 'pending' && after.action === null) await this.restoreAction(after, 'charge');
    return this.view(this.payments.byId(row.id) ?? after);
  }

  private applyUpdate(id: string, u: StateUpdate, source: UpdateSource, raw: unknown): ApplyResult {
    const res = this.state.apply(id, u, source, raw);
    if (res.applied) {
      if (!isOpen(res.row.status)) this.tracker.untrack(id);
      this.emit(res.row, source);
    }
    return res;
  }

  private emit(row: PaymentRow, source: UpdateSource): void {
    if (this.listeners.size === 0) return;
    const view = this.view(row);
    for (const l of this.listeners) {
      try {
        l(view, source);
      } catch (e) {
        this.log.error('payment listener threw', { paymentId: row.id, ...errorFields(e) });
      }
    }
  }

  private async exclusive<T>(id: string, fn: () => Promise<T>): Promise<T> {
    if (this.busy.has(id)) throw new KasirError('CONFLICT', 'Another action on this payment is in progress.');
    this.busy.add(id);
    try {
      return await fn();
    } finally {
      this.busy.delete(id);
    }
  }

  private require(id: string): PaymentRow {
    const row = this.payments.byId(id);
    if (!row) throw new KasirError('NOT_FOUND', `Payment ${id} not found.`);
    return row;
  }

  private view(row: PaymentRow): PaymentView {
    return toView(row, this.payments.items(row.order_id));
  }
}
