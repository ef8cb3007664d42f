/**
 * Full and partial refunds of a paid payment. The refund request (with its
 * refund key) is committed before the gateway is called; an unknown outcome
 * — or an "illegal now" / "duplicate" answer, which after a lost reply is our
 * own refund already done — is settled by the gateway's record
 * (`refund-truth.ts`) before any further refund may start, so a network fault
 * can never refund twice nor report a refund that went through as refused.
 * The refunded total the ledger records is always one the gateway reported.
 */
import type { AppNotice } from '../../../../shared/contract/events';
import { KasirError } from '../../../../shared/contract/result';
import { formatRupiah } from '../../../../shared/domain/money';
import { REFUNDABLE_METHODS, type PaymentStatus, type UpdateSource } from '../../../../shared/domain/payment';
import { isoUtc, type Clock } from '../clock';
import type { Logger } from '../logger';
import { outcomeOfError } from '../gateway/connection-monitor';
import { GatewayError, isOutcomeUnknown } from '../gateway/errors';
import type { GatewayTransaction, PaymentGateway } from '../gateway/types';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { RefundRepository } from '../ledger/refund-repository';
import type { PaymentRow } from '../ledger/rows';
import { asKasirError, classifyChargeError, errorFields } from './charge-errors';
import type { IdSource } from './ids';
import { refOf, updateFromTransaction } from './payment-view';
import { refundVerdict, reportsRefundTotal } from './refund-truth';
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
  transitions: Pick<PaymentTransitions, 'apply' | 'emit'>;
  /** Tells the owner when a queued refund is refused later (`refund_refused`); default: nobody. */
  notify?: (notice: AppNotice) => void;
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
  private readonly notify: (notice: AppNotice) => void;

  constructor({ gateway, payments, refunds, ids, clock, logger, transitions, notify }: RefundFlowDeps) {
    this.notify = notify ?? (() => {});
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
    const earlier = (await this.settle(paymentId, 'manual'))?.completed ?? null;
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
    let answer: GatewayTransaction;
    try {
      answer = await this.gateway.refund({ ref: refOf(row), amount: full ? undefined : want, reason, refundKey });
    } catch (e) {
      this.log.warn('refund failed', { paymentId, kind: classifyChargeError(e), ...errorFields(e) });
      if (outcomeOfError(e) === 'unreachable' && e instanceof GatewayError && e.delivery === 'not_sent') {
        // Midtrans is unreachable and nothing reached it: the request stays `requested` (queued) and goes out with
        // the same refund key when the connection is back (PaymentService.retryQueued) — "diajukan, belum diproses".
        this.log.info('refund queued until Midtrans is reachable', { paymentId });
        return this.payments.byId(paymentId)!;
      }
      if (!needsTruth(e)) {
        this.refunds.setStatus(refundKey, 'failed', this.now(), actor);
        throw asKasirError(e);
      }
      // Maybe processed, or "illegal now" / "duplicate" — which after a lost reply is our own refund, done:
      // only the gateway's record can tell. Never "refused" on the strength of the answer alone.
      this.refunds.setStatus(refundKey, 'unknown', this.now(), actor);
      const settled = await this.settle(paymentId, 'manual', isOutcomeUnknown(e) ? undefined : { refundKey, error: e });
      if (settled === null) {
        throw new KasirError('GATEWAY_UNAVAILABLE', 'Midtrans did not confirm the refund; it will be checked before any new refund.', {
          params: { outcome: 'maybe_processed' },
        });
      }
      if (this.refunds.byKey(refundKey)?.status === 'succeeded') return this.payments.byId(paymentId)!;
      throw asKasirError(settled.refused.get(refundKey) ?? e);
    }
    if (!(await this.applyAccepted(paymentId, row, answer, 'manual', actor))) {
      // Accepted, but the gateway's record (and total) could not be read: settled before any new refund.
      this.refunds.setStatus(refundKey, 'unknown', this.now(), actor);
      throw new KasirError('GATEWAY_UNAVAILABLE', 'Midtrans accepted the refund but its status could not be read; it will be checked before any new refund.', {
        params: { outcome: 'maybe_processed' },
      });
    }
    this.refunds.setStatus(refundKey, 'succeeded', this.now(), actor);
    return this.payments.byId(paymentId)!;
  }

  /** Payments with refund requests whose outcome is not recorded yet (a crash, a lost reply). */
  unresolvedPayments(): string[] {
    return this.refunds.paymentsWithUnresolved();
  }

  /**
   * Start-up recovery for one payment: every `requested` / `unknown` refund
   * request is resolved against the gateway (same rule as a lost reply).
   * Returns false while Midtrans cannot say (the next refund or start asks again).
   */
  async recover(paymentId: string): Promise<boolean> {
    const amounts = new Map(this.refunds.unresolved(paymentId).map((r) => [r.refund_key, r.amount]));
    const settled = await this.settle(paymentId, 'recovery');
    if (settled === null) return false;
    // A queued refund Midtrans refused later: the owner must hear it (the cashier already said "diajukan").
    for (const key of settled.refused.keys()) {
      this.log.warn('queued refund refused by Midtrans', { paymentId });
      this.notify({ level: 'error', code: 'refund_refused', params: { paymentId, amount: amounts.get(key) ?? 0 } });
    }
    // The view's `refundQueued` changed even when the payment's status did not.
    const row = this.payments.byId(paymentId);
    if (row && settled.refused.size > 0) this.transitions.emit(row, 'recovery');
    return true;
  }

  /**
   * Settles refund requests whose outcome is unknown, by the gateway's record
   * (`refundVerdict`): a refund it lists (or whose total covers it) succeeded.
   * One it does not show yet is sent again with the SAME refund key and amount
   * (Midtrans applies a key once) — never given up as failed on a guess, since
   * a "failed" mark would let the cashier refund again under a new key and pay
   * the customer twice. It fails only when the gateway refuses it and its
   * record does not show it. `answered`: a request whose own call just got
   * "illegal now" / "duplicate" — not sent a third time, decided by the record.
   * Returns null while an outcome is still unknown, else the rupiah of earlier
   * requests found (or made) to have gone through and each refusal by key.
   */
  private async settle(
    paymentId: string,
    source: UpdateSource,
    answered?: { refundKey: string; error: unknown },
  ): Promise<{ completed: number; refused: Map<string, unknown> } | null> {
    const refused = new Map<string, unknown>();
    const open = this.refunds.unresolved(paymentId);
    const row = this.payments.byId(paymentId);
    if (open.length === 0 || !row || row.api === 'none') return { completed: 0, refused };
    let truth = await this.readTruth(row, source);
    if (truth === undefined) return null;
    let completed = 0;
    for (const r of open) {
      const seen = refundVerdict(truth, r);
      if (seen.done) {
        this.refunds.setStatus(r.refund_key, 'succeeded', this.now());
        completed += seen.amount;
        continue;
      }
      if (answered?.refundKey === r.refund_key) {
        this.refunds.setStatus(r.refund_key, 'failed', this.now());
        refused.set(r.refund_key, answered.error);
        continue;
      }
      const current = this.payments.byId(paymentId) ?? row;
      const full = r.refunded_before === 0 && r.amount === current.amount;
      try {
        const again = await this.gateway.refund({
          ref: refOf(current), amount: full ? undefined : r.amount, reason: r.reason ?? undefined, refundKey: r.refund_key,
        });
        // A re-sent refund is the doing of whoever asked for it first.
        const applied = await this.applyAccepted(paymentId, current, again, source, r.actor);
        if (!applied) return null;
        truth = applied;
        this.refunds.setStatus(r.refund_key, 'succeeded', this.now());
        completed += r.amount;
      } catch (e) {
        if (!needsTruth(e)) {
          this.refunds.setStatus(r.refund_key, 'failed', this.now());
          refused.set(r.refund_key, e);
          continue;
        }
        if (isOutcomeUnknown(e)) {
          this.log.warn('refund outcome still unknown', { paymentId, ...errorFields(e) });
          return null;
        }
        // "Illegal now" / "duplicate" to the re-send: the record decides.
        const fresh = await this.readTruth(current, source);
        if (fresh === undefined) return null;
        truth = fresh;
        const after = refundVerdict(fresh, r);
        if (after.done) {
          this.refunds.setStatus(r.refund_key, 'succeeded', this.now());
          completed += after.amount;
        } else {
          this.refunds.setStatus(r.refund_key, 'failed', this.now());
          refused.set(r.refund_key, e);
        }
      }
    }
    return { completed, refused };
  }

  /**
   * Records an accepted refund's effect as the gateway reports it: the answer
   * when it states the refunded total, else a status read (a Core API refund
   * answer names only its own refund). Returns what was applied, or null when
   * that read failed — the total is then never inferred from what was asked;
   * the request stays unresolved until the gateway's record is read.
   */
  private async applyAccepted(
    paymentId: string,
    row: PaymentRow,
    answer: GatewayTransaction,
    source: UpdateSource,
    actor: string | undefined,
  ): Promise<GatewayTransaction | null> {
    let truth: GatewayTransaction | null = reportsRefundTotal(answer) ? answer : null;
    if (!truth) {
      truth = await this.gateway.status(refOf(row)).catch((e: unknown) => {
        this.log.warn('refund accepted; its status could not be read', { paymentId, ...errorFields(e) });
        return null;
      });
    }
    if (truth) this.transitions.apply(paymentId, updateFromTransaction(truth), source, truth.raw, actor);
    return truth;
  }

  /** A status read applied to the ledger; undefined when the gateway cannot be asked now (null = it never saw the charge). */
  private async readTruth(row: PaymentRow, source: UpdateSource): Promise<GatewayTransaction | null | undefined> {
    try {
      const tx = await this.gateway.status(refOf(row));
      if (tx) this.transitions.apply(row.id, updateFromTransaction(tx), source, tx.raw);
      return tx;
    } catch (e) {
      this.log.warn('cannot resolve refund outcome yet', { paymentId: row.id, ...errorFields(e) });
      return undefined;
    }
  }

  private now(): string {
    return isoUtc(this.clock.now());
  }
}

/**
 * True when a failed refund call must be settled by the gateway's record:
 * the outcome is unknown, or the answer is "illegal now" / "duplicate" (what
 * a retry after a lost reply gets once the first attempt went through).
 */
function needsTruth(e: unknown): boolean {
  if (classifyChargeError(e) !== 'definite') return true;
  return e instanceof GatewayError && e.kind === 'illegal';
}
