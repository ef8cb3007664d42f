/**
 * Full and partial refunds of a paid payment. The refund request (with its
 * refund key) is committed before the gateway is called; an unknown outcome
 * is settled by a status check before any further refund may start, so a
 * network fault can never refund twice.
 */
import { KasirError } from '../../../../shared/contract/result';
import { formatRupiah } from '../../../../shared/domain/money';
import { REFUNDABLE_METHODS, type PaymentStatus } from '../../../../shared/domain/payment';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { PaymentGateway } from '../gateway/types';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { RefundRepository } from '../ledger/refund-repository';
import type { PaymentRow } from '../ledger/rows';
import { asKasirError, classifyChargeError, errorFields } from './charge-errors';
import type { IdSource } from './ids';
import { refOf, updateFromTransaction } from './payment-view';
import type { PaymentTransitions } from './transitions';

/** Statuses a refund may start from. */
export const REFUNDABLE: readonly PaymentStatus[] = ['settlement', 'capture', 'partial_refund'];

/** Dependencies of the refund flow. */
export interface RefundFlowDeps {
  gateway: PaymentGateway;
  payments: PaymentRepository;
  refunds: RefundRepository;
  ids: IdSource;
  clock: Clock;
  /** Scoped as `refunds`. */
  logger: Logger;
  /** The engine's single transition entry point (emits on change). */
  transitions: Pick<PaymentTransitions, 'apply'>;
}

/** Refunds through the gateway, never twice for one request. */
export class RefundFlow {
  private readonly gateway: PaymentGateway;
  private readonly payments: PaymentRepository;
  private readonly refunds: RefundRepository;
  private readonly ids: IdSource;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly transitions: RefundFlowDeps['transitions'];

  constructor({ gateway, payments, refunds, ids, clock, logger, transitions }: RefundFlowDeps) {
    this.gateway = gateway;
    this.payments = payments;
    this.refunds = refunds;
    this.ids = ids;
    this.clock = clock;
    this.log = logger.scope('refunds');
    this.transitions = transitions;
  }

  /**
   * Refunds `amount` (default: everything not yet refunded) of a paid payment.
   * `actor` (who asked, a staff id) goes on the refund request and its events.
   */
  async refund(paymentId: string, amount: number | undefined, reason: string | undefined, actor?: string): Promise<PaymentRow> {
    const earlier = await this.resolveUnresolved(paymentId);
    if (earlier === null) {
      throw new KasirError('GATEWAY_UNAVAILABLE', 'An earlier refund is still unconfirmed and Midtrans cannot be reached; try again shortly.', {
        params: { outcome: 'maybe_processed' },
      });
    }
    if (earlier > 0) {
      // The cashier is most likely retrying the refund that timed out: it went through, so do not pay twice.
      throw new KasirError('CONFLICT', `The earlier refund of ${formatRupiah(earlier)} went through. Check the payment before refunding more.`, {
        params: { reason: 'refund_went_through', amount: earlier },
      });
    }
    const row = this.payments.byId(paymentId);
    if (!row) throw new KasirError('NOT_FOUND', `Payment ${paymentId} not found.`, { params: { what: 'payment', id: paymentId } });
    if (!REFUNDABLE.includes(row.status) || row.api === 'none') {
      throw new KasirError('ILLEGAL_TRANSITION', `A ${row.status} ${row.method} payment cannot be refunded.`, {
        params: { reason: 'not_refundable', action: 'refund', status: row.status, method: row.method },
      });
    }
    if (!REFUNDABLE_METHODS.includes(row.method)) {
      // Refused before any network call: Midtrans has no refund for VA / convenience-store payments.
      throw new KasirError('ILLEGAL_TRANSITION', `${row.method} payments cannot be refunded through Midtrans; return the money directly.`, {
        params: { reason: 'method_not_refundable', action: 'refund', method: row.method },
      });
    }
    const before = row.refunded_amount;
    const remaining = row.amount - before;
    const want = amount ?? remaining;
    if (!Number.isSafeInteger(want) || want < 1 || want > remaining) {
      throw new KasirError('AMOUNT_INVALID', `Refund must be a whole amount between 1 and ${remaining} rupiah.`, {
        params: { reason: 'refund_range', min: 1, max: remaining },
        field: 'amount',
      });
    }
    const refundKey = this.ids.refundKey();
    this.refunds.insert({
      payment_id: paymentId,
      refund_key: refundKey,
      amount: want,
      refunded_before: before,
      reason: reason ?? null,
      at: this.now(),
      actor,
    });
    const full = before === 0 && want === row.amount;
    let tx;
    try {
      tx = await this.gateway.refund({ ref: refOf(row), amount: full ? undefined : want, reason, refundKey });
    } catch (e) {
      const kind = classifyChargeError(e);
      this.log.warn('refund failed', { paymentId, kind, ...errorFields(e) });
      if (kind === 'definite') {
        this.refunds.setStatus(refundKey, 'failed', this.now(), actor);
        throw asKasirError(e);
      }
      this.refunds.setStatus(refundKey, 'unknown', this.now(), actor);
      if ((await this.resolveUnresolved(paymentId)) !== null) {
        const after = this.payments.byId(paymentId)!;
        if (after.refunded_amount >= before + want) return after;
        throw asKasirError(e);
      }
      throw new KasirError('GATEWAY_UNAVAILABLE', 'Midtrans did not confirm the refund; it will be checked before any new refund.', {
        params: { outcome: 'maybe_processed' },
      });
    }
    this.transitions.apply(paymentId, updateFromTransaction(tx), 'manual', tx.raw, actor);
    this.refunds.setStatus(refundKey, 'succeeded', this.now(), actor);
    this.recordInferredTotal(paymentId, before + want, refundKey, actor);
    return this.payments.byId(paymentId)!;
  }

  /**
   * Settles refund requests whose outcome is unknown. The status is read first;
   * a refund it does not show yet is sent again with the SAME refund key and
   * amount (Midtrans applies a key once), never given up as failed on a guess —
   * a "failed" mark would let the cashier refund again under a new key and pay
   * the customer twice. Returns null while an outcome is still unknown, else
   * the rupiah of earlier refunds it found (or made) to have gone through.
   */
  private async resolveUnresolved(paymentId: string): Promise<number | null> {
    const open = this.refunds.unresolved(paymentId);
    if (open.length === 0) return 0;
    const row = this.payments.byId(paymentId);
    if (!row) return 0;
    let completed = 0;
    let tx;
    try {
      tx = await this.gateway.status(refOf(row));
    } catch (e) {
      this.log.warn('cannot resolve refund outcome yet', { paymentId, ...errorFields(e) });
      return null;
    }
    if (tx) this.transitions.apply(paymentId, updateFromTransaction(tx), 'manual', tx.raw);
    for (const r of open) {
      const current = this.payments.byId(paymentId) ?? row;
      if (current.refunded_amount >= r.refunded_before + r.amount) {
        this.refunds.setStatus(r.refund_key, 'succeeded', this.now());
        completed += r.amount;
        continue;
      }
      const full = r.refunded_before === 0 && r.amount === current.amount;
      try {
        const again = await this.gateway.refund({
          ref: refOf(current), amount: full ? undefined : r.amount, reason: r.reason ?? undefined, refundKey: r.refund_key,
        });
        // A re-sent refund is the doing of whoever asked for it first.
        this.transitions.apply(paymentId, updateFromTransaction(again), 'manual', again.raw, r.actor);
        this.recordInferredTotal(paymentId, r.refunded_before + r.amount, r.refund_key, r.actor);
        this.refunds.setStatus(r.refund_key, 'succeeded', this.now());
        completed += r.amount;
      } catch (e) {
        const kind = classifyChargeError(e);
        if (kind === 'exists') {
          // The key was used already: the first attempt went through.
          this.recordInferredTotal(paymentId, r.refunded_before + r.amount, r.refund_key, r.actor);
          this.refunds.setStatus(r.refund_key, 'succeeded', this.now());
          completed += r.amount;
        } else if (kind === 'definite') {
          this.refunds.setStatus(r.refund_key, 'failed', this.now());
        } else {
          this.log.warn('refund outcome still unknown', { paymentId, ...errorFields(e) });
          return null;
        }
      }
    }
    return completed;
  }

  /** When the gateway accepted a refund but its answer lacks the new total, record the total we know. */
  private recordInferredTotal(paymentId: string, total: number, refundKey: string, actor: string | undefined): void {
    const row = this.payments.byId(paymentId);
    if (!row || row.refunded_amount >= total) return;
    const status = total >= row.amount ? 'refund' : 'partial_refund';
    this.transitions.apply(paymentId, { status, refundedAmount: total }, 'manual', { refundKey, inferred: true }, actor);
  }

  private now(): string {
    return isoUtc(this.clock.now());
  }
}
