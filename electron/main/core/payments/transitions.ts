/**
 * The engine's one entry point for status changes: every flow (charge,
 * cancel, refund, recovery, webhook confirmation, polling) applies updates
 * here, so the ledger write, the end of polling for a settled payment and the
 * `payment.updated` fan-out can never get out of step.
 */
import type { PaymentView } from '../../../../shared/contract/schemas';
import type { PaymentStatus, UpdateSource } from '../../../../shared/domain/payment';
import type { Logger } from '../logger';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { PaymentRow } from '../ledger/rows';
import { errorFields } from './charge-errors';
import type { ApplyResult, PaymentStateStore } from './payment-state';
import { toView, type StateUpdate } from './payment-view';
import type { PaymentTracker } from './tracker';

/** Called after every applied change, once it is committed. */
export type PaymentListener = (view: PaymentView, source: UpdateSource) => void;

/** True for `creating` / `pending`. */
export const isOpen = (s: PaymentStatus): boolean => s === 'creating' || s === 'pending';

/** Dependencies of the transition entry point. */
export interface PaymentTransitionsDeps {
  state: PaymentStateStore;
  payments: PaymentRepository;
  tracker: PaymentTracker;
  /** Scoped as `transitions`. */
  logger: Logger;
  /** A staff member's name for the view's `actorName` (null for the till or someone unknown); absent: views carry none. */
  actorName?: (actorId: string) => string | null;
  /** Midtrans' clock minus the till's (ms), for the view's `clockOffsetMs`; absent: none. */
  clockOffsetMs?: () => number;
  /** True while a refund of the payment was asked for and not yet confirmed (the view's `refundQueued`); absent: never. */
  refundQueued?: (paymentId: string) => boolean;
}

/** Applies status updates, stops polling settled payments and notifies listeners. */
export class PaymentTransitions {
  private readonly state: PaymentStateStore;
  private readonly payments: PaymentRepository;
  private readonly tracker: PaymentTracker;
  private readonly log: Logger;
  private readonly actorName: PaymentTransitionsDeps['actorName'];
  private readonly clockOffsetMs: PaymentTransitionsDeps['clockOffsetMs'];
  private readonly refundQueued: PaymentTransitionsDeps['refundQueued'];
  private readonly listeners = new Set<PaymentListener>();

  constructor({ state, payments, tracker, logger, actorName, clockOffsetMs, refundQueued }: PaymentTransitionsDeps) {
    this.clockOffsetMs = clockOffsetMs;
    this.refundQueued = refundQueued;
    this.state = state;
    this.payments = payments;
    this.tracker = tracker;
    this.log = logger.scope('transitions');
    this.actorName = actorName;
  }

  /**
   * Applies `update` through the state store; on a change, untracks a closed
   * payment and emits. `actor`: the staff member who caused it, if anyone did.
   */
  apply(id: string, update: StateUpdate, source: UpdateSource, raw: unknown, actor?: string): ApplyResult {
    const res = this.state.apply(id, update, source, raw, actor);
    if (res.applied) {
      if (!isOpen(res.row.status)) this.tracker.untrack(id);
      this.emit(res.row, source);
    }
    return res;
  }

  /** Tells listeners about a change committed elsewhere (the cash sale's own transaction). */
  emit(row: PaymentRow, source: UpdateSource): void {
    if (this.listeners.size === 0) return;
    const view = this.view(row);
    for (const listener of this.listeners) {
      try {
        listener(view, source);
      } catch (e) {
        this.log.error('payment listener threw', { paymentId: row.id, ...errorFields(e) });
      }
    }
  }

  /** Subscribes to applied changes; returns the unsubscribe function. */
  onUpdated(listener: PaymentListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** A row with its order's items, as the renderer sees it. */
  view(row: PaymentRow): PaymentView {
    const view = toView(row, this.payments.items(row.order_id));
    // Only a measured offset is sent: the screen shows `expiresAt` on the till's clock with it.
    const offset = this.clockOffsetMs?.() ?? 0;
    const timed = offset !== 0 ? { ...view, clockOffsetMs: offset } : view;
    // Present only when true: "diajukan, belum diproses" on screens and receipts.
    const queued = this.refundQueued?.(row.id) ? { ...timed, refundQueued: true } : timed;
    return this.actorName ? { ...queued, actorName: this.actorName(row.actor) } : queued;
  }
}
