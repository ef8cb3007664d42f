/**
 * PaymentService: the payment lifecycle as the app sees it, from "Charge" to
 * "Paid" (and back out by cancel/refund). It checks requests and serialises
 * actions per payment; the work is done by collaborators it is given (see
 * engine.ts): the charge flow, the refund flow, the reconciler and the one
 * transition entry point.
 */
import type { CartItem, PaymentView } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import type { PaymentMethod, UpdateSource } from '../../../../shared/domain/payment';
import type { Logger } from '../logger';
import type { GatewayTransaction, PaymentGateway } from '../gateway/types';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { PaymentRow } from '../ledger/rows';
import { asKasirError, errorFields } from './charge-errors';
import type { ChargeFlow } from './charge-flow';
import { cartTotal } from './intent';
import { refOf, updateFromTransaction } from './payment-view';
import type { Reconciler } from './reconciler';
import type { RefundFlow } from './refund-flow';
import { isOpen, type PaymentListener, type PaymentTransitions } from './transitions';

export type { PaymentListener };

/** Constructor dependencies (wired by `createPaymentEngine`). */
export interface PaymentServiceDeps {
  gateway: PaymentGateway;
  /** Scoped as `service`. */
  logger: Logger;
  payments: PaymentRepository;
  transitions: PaymentTransitions;
  reconciler: Reconciler;
  charges: ChargeFlow;
  refunds: RefundFlow;
}

export interface CreatePaymentInput {
  items: CartItem[];
  method: PaymentMethod;
}

/** What `applyGatewayState` did. */
export interface ApplyOutcome {
  applied: boolean;
  view: PaymentView;
}

/** The payment engine's front. One instance per ledger; built by `createPaymentEngine`. */
export class PaymentService {
  private readonly gateway: PaymentGateway;
  private readonly log: Logger;
  private readonly payments: PaymentRepository;
  private readonly transitions: PaymentTransitions;
  private readonly reconciler: Reconciler;
  private readonly charges: ChargeFlow;
  private readonly refunds: RefundFlow;
  /** Payments with a cancel or refund running (one action per payment at a time). */
  private readonly busy = new Set<string>();

  constructor({ gateway, logger, payments, transitions, reconciler, charges, refunds }: PaymentServiceDeps) {
    this.gateway = gateway;
    this.log = logger.scope('service');
    this.payments = payments;
    this.transitions = transitions;
    this.reconciler = reconciler;
    this.charges = charges;
    this.refunds = refunds;
  }

  /**
   * Rings up a sale: order + intent committed first, then the charge (cash
   * settles locally). `actor` is the signed-in staff id (the till's when absent).
   */
  async create(input: CreatePaymentInput, actor?: string): Promise<PaymentView> {
    const amount = cartTotal(input.items);
    await this.charges.prepare(input.method);
    return this.view(await this.charges.start({ method: input.method, amount, items: input.items, actor }));
  }

  /** Charges an existing order again (after a failed attempt); refused while it is open or recovering. */
  async chargeAgain(orderId: string, method: PaymentMethod, actor?: string): Promise<PaymentView> {
    // Before the checks: nothing may come between them and the intent's write.
    await this.charges.prepare(method);
    const order = this.payments.order(orderId);
    if (!order) throw new KasirError('NOT_FOUND', `Order ${orderId} not found.`, { params: { what: 'order', id: orderId } });
    if (this.reconciler.isRecovering(orderId)) {
      throw new KasirError('CONFLICT', 'This order is still being reconciled with Midtrans; wait before charging it again.', {
        params: { reason: 'recovering' },
      });
    }
    const active = this.payments.byOrder(orderId).find((p) => isOpen(p.status) || p.paid_at !== null);
    if (active) {
      throw new KasirError('CONFLICT', `Order ${orderId} already has a ${active.status} payment.`, { params: { reason: 'order_active', status: active.status } });
    }
    const items = this.payments.items(orderId).map(({ sku, name, price, quantity }) => ({ sku, name, price, quantity }));
    return this.view(await this.charges.start({ orderId, method, amount: order.total, items, actor }));
  }

  /**
   * Before a sale's check-then-write of a tender: reads Midtrans' clock once
   * for a SNAP-BI method (the intent fixes an expiry on it). Never throws.
   */
  async prepareCharge(method: PaymentMethod): Promise<void> {
    await this.charges.prepare(method);
  }

  /**
   * Charges `amount` of an existing order (a sale's tender) by `method`: the
   * intent is committed before any network call, and `withinIntent` runs in
   * that same transaction (the sale writes its tender there; a throw rolls
   * the intent back and nothing is sent). Cash settles locally. The caller
   * has called `prepareCharge(method)` before its own checks.
   */
  async chargeOrder(input: { orderId: string; method: PaymentMethod; amount: number; withinIntent: (row: PaymentRow) => void }, actor?: string): Promise<PaymentView> {
    return this.view(await this.charges.start({ ...input, actor }));
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

  /** Cancels a pending charge through the gateway; `actor` (staff id) is recorded on the cancel event. */
  async cancel(id: string, actor?: string): Promise<PaymentView> {
    const row = this.require(id);
    if (row.status === 'creating') {
      throw new KasirError('CONFLICT', 'The charge is still being created; try again in a moment.', { params: { reason: 'still_creating' } });
    }
    if (row.status !== 'pending') {
      throw new KasirError('ILLEGAL_TRANSITION', `A ${row.status} payment cannot be cancelled.`, {
        params: { reason: 'not_cancellable', action: 'cancel', status: row.status },
      });
    }
    return this.exclusive(id, async () => {
      let tx: GatewayTransaction;
      try {
        tx = await this.gateway.cancel(refOf(row));
      } catch (e) {
        this.log.warn('cancel failed; checking status', { paymentId: id, ...errorFields(e) });
        const after = await this.reconciler.checkStatus(id, 'manual');
        if (after?.status === 'cancel') return this.view(after);
        throw asKasirError(e);
      }
      return this.view(this.transitions.apply(id, updateFromTransaction(tx), 'manual', tx.raw, actor).row);
    });
  }

  /** Refunds all (default) or part of a paid payment through the gateway; `actor` (staff id) is who asked. */
  async refund(id: string, amount?: number, reason?: string, actor?: string): Promise<PaymentView> {
    this.require(id);
    return this.exclusive(id, async () => this.view(await this.refunds.refund(id, amount, reason, actor)));
  }

  /** Subscribes to applied changes; returns the unsubscribe function. */
  onUpdated(listener: PaymentListener): () => void {
    return this.transitions.onUpdated(listener);
  }

  /** Applies a gateway-reported state (the single transition entry point for gateway data). */
  applyGatewayState(paymentId: string, tx: GatewayTransaction, source: UpdateSource, raw: unknown = tx.raw): ApplyOutcome {
    this.require(paymentId);
    const res = this.transitions.apply(paymentId, updateFromTransaction(tx), source, raw);
    return { applied: res.applied, view: this.view(res.row) };
  }

  /**
   * Reconciles every `creating`/`pending` payment with the gateway; call once
   * on start. A payment recovered from `creating` gets its QR / deeplink back
   * by replaying the identical charge (the gateway answers with the original
   * response, never a second charge).
   */
  async recover(): Promise<void> {
    await this.reconciler.recover();
    await this.charges.restoreMissingActions('recovery');
    // Refund requests a crash left `requested` / `unknown` are resolved by the gateway's record (one payment at a time).
    for (const id of this.refunds.unresolvedPayments()) {
      await this.exclusive(id, () => this.refunds.recover(id)).catch((e: unknown) =>
        this.log.warn('refund recovery deferred to the next refund or start', { paymentId: id, ...errorFields(e) }),
      );
    }
  }

  /**
   * Midtrans answers again: refund requests left `requested` / `unknown`
   * (queued while it was unreachable, or a lost reply) are resolved now with
   * their own refund keys. A refusal is announced (`refund_refused`).
   */
  async retryQueued(): Promise<void> {
    for (const id of this.refunds.unresolvedPayments()) {
      if (this.busy.has(id)) continue;
      await this.exclusive(id, () => this.refunds.recover(id)).catch((e: unknown) =>
        this.log.warn('queued refund not resolved yet', { paymentId: id, ...errorFields(e) }),
      );
    }
  }

  /** True while an order's recovery has not reached a definite answer (no new charge for it yet). */
  isRecovering(orderId: string): boolean {
    return this.reconciler.isRecovering(orderId);
  }

  /** Resolves when every background confirmation has finished. */
  idle(): Promise<void> {
    return this.reconciler.idle();
  }

  private async exclusive<T>(id: string, fn: () => Promise<T>): Promise<T> {
    if (this.busy.has(id)) throw new KasirError('CONFLICT', 'Another action on this payment is in progress.', { params: { reason: 'in_progress' } });
    this.busy.add(id);
    try {
      return await fn();
    } finally {
      this.busy.delete(id);
    }
  }

  private require(id: string): PaymentRow {
    const row = this.payments.byId(id);
    if (!row) throw new KasirError('NOT_FOUND', `Payment ${id} not found.`, { params: { what: 'payment', id } });
    return row;
  }

  private view(row: PaymentRow): PaymentView {
    return this.transitions.view(row);
  }
}
