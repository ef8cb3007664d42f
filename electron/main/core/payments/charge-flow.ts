/**
 * From "Charge" to an answer: the intent (order, items, `creating` payment)
 * is committed before any network call, cash settles inside that same
 * transaction, and a failed charge is classified — definitely not made,
 * already there, or unknown — and settled by a status check rather than a
 * guess. A status answer carries no QR string or deeplink, so an action lost
 * with a charge answer is restored by replaying the identical charge.
 */
import type { CartItem } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import type { GatewayEnv } from '../../../../shared/domain/gateway-env';
import type { GatewayApi, PaymentMethod, UpdateSource } from '../../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { GatewayTimeSource } from '../gateway/gateway-clock';
import type { ChargeRequest, GatewayTransaction, PaymentGateway } from '../gateway/types';
import type { Database } from '../ledger/open-ledger';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { NewPaymentRow, PaymentRow } from '../ledger/rows';
import { asKasirError, classifyChargeError, errorFields } from './charge-errors';
import type { IdSource } from './ids';
import { buildIntent, chargeRequestOf } from './intent';
import type { ApplyResult, PaymentStateStore } from './payment-state';
import { refOf, updateFromTransaction } from './payment-view';
import type { Reconciler } from './reconciler';
import type { PaymentTracker } from './tracker';
import { isOpen, type PaymentTransitions } from './transitions';

/** Dependencies of the charge flow. */
export interface ChargeFlowDeps {
  db: Database;
  gateway: PaymentGateway;
  clock: Clock;
  /** Scoped as `charges`. */
  logger: Logger;
  ids: IdSource;
  /** IANA zone of the shop's day (the gateway order id carries the local date). */
  zone: string;
  /** Which API carries each method. */
  routing: Record<PaymentMethod, GatewayApi>;
  /** The gateway environment every new payment is recorded against. */
  gatewayEnv: GatewayEnv;
  /** Public notification URL(s) for X-Override-Notification, read per charge. */
  notificationUrls?: () => string[];
  payments: PaymentRepository;
  state: PaymentStateStore;
  transitions: PaymentTransitions;
  reconciler: Reconciler;
  tracker: PaymentTracker;
  /** Midtrans' clock: SNAP-BI validity is fixed on it (default: the till's `clock`). */
  gatewayTime?: GatewayTimeSource;
}

/** One attempt to charge a sale. */
export interface ChargeInput {
  /** An existing order to charge (again, or a sale's next tender); absent = a new order for `items`. */
  orderId?: string;
  method: PaymentMethod;
  amount: number;
  /** The new order's items (ignored with `orderId`: the order, or the sale tender's stored items, say what is charged). */
  items?: CartItem[];
  /** Who rings it up (a staff id); the till's when absent. Written on the order, the payment and its events. */
  actor?: string;
  /**
   * Runs inside the intent's transaction, right after the `creating` payment
   * row is written and before a cash payment settles: a sale writes its
   * tender row and its order's lines and total here, so the intent and what
   * it pays for commit together or not at all. Throwing rolls the intent back.
   */
  withinIntent?: (row: PaymentRow) => void;
}

/** Writes intents and carries charges to a definite answer. */
export class ChargeFlow {
  private readonly deps: Omit<ChargeFlowDeps, 'logger'>;
  private readonly log: Logger;
  private readonly writeIntent;

  constructor({ logger, ...deps }: ChargeFlowDeps) {
    this.deps = deps;
    this.log = logger.scope('charges');
    const { payments, state } = deps;
    this.writeIntent = deps.db.transaction(
      (row: PaymentRow & NewPaymentRow, items: CartItem[] | null, within: ((row: PaymentRow) => void) | undefined): ApplyResult | null => {
        if (items) payments.insertOrder({ id: row.order_id, total: row.amount, created_at: row.created_at, actor: row.actor }, items);
        payments.insertPayment(row);
        within?.(row);
        return row.method === 'cash' ? state.apply(row.id, { status: 'settlement' }, 'manual', null, row.actor) : null;
      },
    );
  }

  /**
   * Before a SNAP-BI intent: Midtrans' clock must have been read once, since
   * the intent fixes an expiry Midtrans checks against its own clock (one
   * token call at most, never throws). Call before any check-then-write on the order.
   */
  async prepare(method: PaymentMethod): Promise<void> {
    if (this.deps.routing[method] === 'snap_bi') await this.deps.gatewayTime?.sync();
  }

  /** Commits the intent, then charges (cash settles locally); returns the payment as it stands. */
  async start(input: ChargeInput): Promise<PaymentRow> {
    const { ids, routing, clock, zone, gatewayEnv, transitions, gatewayTime } = this.deps;
    const orderId = input.orderId ?? ids.orderId();
    const now = clock.now();
    const row = buildIntent({
      ids, orderId, method: input.method, amount: input.amount, routing, now, gatewayNow: gatewayTime?.now() ?? now, zone, gatewayEnv, actor: input.actor,
    });
    const cash = this.writeIntent.immediate(row, input.orderId === undefined ? (input.items ?? []) : null, input.withinIntent);
    if (cash) {
      transitions.emit(cash.row, 'manual');
      return cash.row;
    }
    return this.charge(row);
  }

  /** Restores the QR / deeplink of every pending payment that lost it (after recovery). */
  async restoreMissingActions(source: UpdateSource): Promise<void> {
    for (const row of this.deps.payments.open()) {
      if (row.status === 'pending' && row.action === null && row.api !== 'none') await this.restoreAction(row, source);
    }
  }

  /**
   * The request for a stored attempt: the tender's stored items (or the
   * order's, for payments from before sales) and its sale reference, so the
   * first charge, every retry and every replay send the same body.
   */
  private requestOf(row: PaymentRow): ChargeRequest {
    const { items, saleRef } = this.deps.payments.chargeItems(row.id, row.order_id);
    const req = chargeRequestOf(row, items, this.deps.notificationUrls?.());
    return saleRef === null ? req : { ...req, saleRef };
  }

  private async charge(row: PaymentRow): Promise<PaymentRow> {
    const { gateway, reconciler, transitions, tracker } = this.deps;
    reconciler.markInFlight(row.id);
    let tx: GatewayTransaction;
    try {
      tx = await gateway.charge(this.requestOf(row));
    } catch (e) {
      reconciler.clearInFlight(row.id);
      return this.chargeFailed(row, e);
    }
    reconciler.clearInFlight(row.id);
    // The charge's answer is the cashier's doing; later changes (polls, notifications) are the till's.
    const res = transitions.apply(row.id, updateFromTransaction(tx), 'charge', tx.raw, row.actor);
    if (isOpen(res.row.status)) tracker.track(row.id, res.row.expires_at);
    return res.row;
  }

  private async chargeFailed(row: PaymentRow, e: unknown): Promise<PaymentRow> {
    const { gateway, reconciler, transitions, state, payments } = this.deps;
    const kind = classifyChargeError(e);
    this.log.warn('charge failed', { paymentId: row.id, kind, ...errorFields(e) });
    if (kind === 'definite') {
      transitions.apply(row.id, { status: 'failed_to_create' }, 'charge', { error: errorFields(e) }, row.actor);
      throw asKasirError(e);
    }
    state.note(row.id, 'charge', 'charge_error', { error: errorFields(e), kind }, row.actor);
    let tx: GatewayTransaction | null;
    try {
      tx = await gateway.status(refOf(row));
    } catch (se) {
      this.log.warn('status after failed charge unavailable; left for recovery', { paymentId: row.id, ...errorFields(se) });
      reconciler.holdForRecovery(row);
      throw new KasirError(
        'GATEWAY_UNAVAILABLE',
        'Midtrans did not answer. The charge may exist; Kasir will check it automatically — do not charge this sale again yet.',
        { params: { outcome: 'maybe_processed' } },
      );
    }
    const after = reconciler.resolve(row.id, tx, 'charge');
    if (tx === null) {
      if (kind === 'exists') throw asKasirError(e);
      throw new KasirError('GATEWAY_UNAVAILABLE', 'Midtrans could not be reached; no charge was made. Try again.', { params: { outcome: 'not_sent' } });
    }
    // Found, but the customer still needs the QR / deeplink the lost answer carried.
    if (after.status === 'pending' && after.action === null) await this.restoreAction(after, 'charge');
    return payments.byId(row.id) ?? after;
  }

  /**
   * Replaying the identical charge (same idempotency key / X-EXTERNAL-ID, same
   * body) returns the original response, never a second charge — while the
   * charge can still be paid. Past its expiry (on Midtrans' clock) the
   * gateway may have forgotten the key and take the replay as a new charge,
   * so it is not replayed: the QR is of no use then anyway, and polling
   * carries the payment to `expire`.
   */
  private async restoreAction(row: PaymentRow, source: UpdateSource): Promise<void> {
    const { gateway, transitions } = this.deps;
    const expiry = expiryOf(row);
    const gatewayNow = (this.deps.gatewayTime ?? this.deps.clock).now();
    if (expiry !== null && gatewayNow >= expiry) {
      this.log.info('charge past its expiry; its action is not replayed', { paymentId: row.id, expiresAt: isoUtc(expiry) });
      return;
    }
    try {
      const tx = await gateway.charge(this.requestOf(row));
      if (tx.referenceNo && row.reference_no && tx.referenceNo !== row.reference_no) {
        this.log.error('charge replay answered with another transaction; ignored', { paymentId: row.id });
        return;
      }
      transitions.apply(row.id, updateFromTransaction(tx), source, tx.raw);
    } catch (e) {
      this.log.warn('could not restore the payment action', { paymentId: row.id, ...errorFields(e) });
    }
  }
}

/**
 * When a stored attempt stops being payable (ms, Midtrans' clock): its
 * recorded expiry, else its creation plus the method's validity; null when
 * neither is known (the gateway's own default applies).
 */
function expiryOf(row: PaymentRow): number | null {
  if (row.expires_at) return Date.parse(row.expires_at);
  const minutes = PAYMENT_METHOD_SPECS[row.method].validityMinutes;
  return minutes === null ? null : Date.parse(row.created_at) + minutes * 60_000;
}
