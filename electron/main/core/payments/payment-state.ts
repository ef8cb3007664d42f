/**
 * The single place a payment's status changes. `decide` is the pure rule;
 * `PaymentStateStore.apply` runs it inside one SQLite transaction together
 * with the audit event, so the ledger and its trail can never disagree.
 */
import { canTransition, isPaid, type PaymentStatus, type UpdateSource } from '../../../../shared/domain/payment';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { Database } from '../ledger/open-ledger';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { EventNote, EventRepository } from '../ledger/event-repository';
import type { PaymentRow } from '../ledger/rows';
import { rawJson, type StateUpdate } from './payment-view';

/** The outcome of `decide`. */
export type Decision =
  | { apply: true; refunded: number; delta: number }
  | { apply: false; note: Exclude<EventNote, 'applied' | 'notification' | 'not_found' | 'charge_error'> };

const STAGE: Record<PaymentStatus, number> = {
  creating: 0,
  pending: 1,
  capture: 2,
  settlement: 3,
  expire: 3,
  cancel: 3,
  deny: 3,
  failure: 3,
  failed_to_create: 3,
  partial_refund: 4,
  refund: 5,
};
const FAILED: readonly PaymentStatus[] = ['expire', 'cancel', 'deny', 'failure', 'failed_to_create'];

/**
 * Pure transition rule. Legal moves follow `canTransition`; refund states carry
 * the gateway's *cumulative* refunded amount, which may only grow (so a repeated
 * refund notification never counts twice); a paid state whose amount differs
 * from the ledger's is refused.
 */
export function decide(row: Pick<PaymentRow, 'status' | 'amount' | 'refunded_amount'>, u: StateUpdate): Decision {
  const from = row.status;
  const to = u.status;
  if (isPaid(to) && u.amount !== undefined && u.amount > 0 && u.amount !== row.amount) {
    return { apply: false, note: 'amount_mismatch' };
  }
  let refunded = row.refunded_amount;
  let legal: boolean;
  if (to === 'refund' || to === 'partial_refund') {
    refunded = to === 'refund' ? row.amount : Math.min(Math.max(u.refundedAmount ?? refunded, 0), row.amount);
    legal = canTransition(from, to) && (from === to ? refunded > row.refunded_amount : refunded >= row.refunded_amount);
  } else {
    legal = canTransition(from, to);
  }
  if (legal) return { apply: true, refunded, delta: refunded - row.refunded_amount };
  if (from === to) return { apply: false, note: 'duplicate' };
  if (isPaid(to) && FAILED.includes(from)) return { apply: false, note: 'illegal' };
  return { apply: false, note: STAGE[to] <= STAGE[from] ? 'late' : 'illegal' };
}

/** What `apply` did. `row` is the payment after the call. */
export interface ApplyResult {
  applied: boolean;
  note: EventNote;
  row: PaymentRow;
}

/** Dependencies of the store. */
export interface PaymentStateStoreDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  payments: PaymentRepository;
  events: EventRepository;
}

/** Transactional application of state updates with their audit events. */
export class PaymentStateStore {
  private readonly tx;

  constructor(private readonly deps: PaymentStateStoreDeps) {
    this.tx = deps.db.transaction((id: string, u: StateUpdate, source: UpdateSource, raw: unknown, actor: string | undefined) =>
      this.applyInTx(id, u, source, raw, actor),
    );
  }

  /**
   * Applies `u` to payment `id` if legal; otherwise records it (applied = 0)
   * and changes nothing but still-missing details (reference, action, VA,
   * expiry). A poll that merely repeats the current status leaves no event.
   * `actor` is who caused it (a staff id); automatic updates (polls,
   * notifications, recovery) leave it out and are recorded as the till's.
   * Throws if the payment does not exist.
   */
  apply(id: string, u: StateUpdate, source: UpdateSource, raw: unknown, actor?: string): ApplyResult {
    return this.tx.immediate(id, u, source, raw, actor);
  }

  /** Records a non-transition event (e.g. `not_found`, `charge_error`) for the audit trail. */
  note(id: string, source: UpdateSource, note: EventNote, raw: unknown, actor?: string): void {
    const row = this.deps.payments.byId(id);
    if (!row) return;
    this.deps.events.insert({
      paymentId: id, source, from: row.status, to: null, applied: false, note, raw: rawJson(raw), at: this.now(), actor,
    });
  }

  private applyInTx(id: string, u: StateUpdate, source: UpdateSource, raw: unknown, actor: string | undefined): ApplyResult {
    const row = this.deps.payments.byId(id);
    if (!row) throw new Error(`payment ${id} not found`);
    const at = this.now();
    const details = {
      referenceNo: u.referenceNo ?? null,
      action: u.action ? JSON.stringify(u.action) : null,
      vaNumber: u.vaNumber ?? null,
      expiresAt: u.expiresAt ?? null,
    };
    const decision = decide(row, u);
    if (decision.apply) {
      this.deps.payments.writeState({
        id, status: u.status, refundedAmount: decision.refunded, source, at, markPaid: isPaid(u.status) || u.status === 'refund' || u.status === 'partial_refund', ...details,
        actor,
      });
      this.deps.events.insert({
        paymentId: id, source, from: row.status, to: u.status, applied: true, note: 'applied',
        refundedDelta: decision.delta, raw: rawJson(raw), at, actor,
      });
      return { applied: true, note: 'applied', row: this.deps.payments.byId(id)! };
    }
    const filled = this.deps.payments.fillMissing(id, details);
    if (!(decision.note === 'duplicate' && source === 'poll' && !filled)) {
      this.deps.events.insert({
        paymentId: id, source, from: row.status, to: u.status, applied: false, note: decision.note,
        raw: rawJson(raw), at, actor,
      });
    }
    if (decision.note === 'amount_mismatch' || (decision.note === 'illegal' && isPaid(u.status))) {
      this.deps.logger.error('gateway reports a payment the ledger cannot apply; needs attention', {
        paymentId: id, from: row.status, to: u.status, note: decision.note, source,
      });
    }
    return { applied: false, note: decision.note, row: filled ? this.deps.payments.byId(id)! : row };
  }

  private now(): string {
    return isoUtc(this.deps.clock.now());
  }
}
