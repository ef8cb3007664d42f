/**
 * Tenders the cashier stopped waiting for (`sales.abandonTender`). The till
 * is never locked by a charge: abandoning a `creating` or `pending` tender
 * is one synchronous ledger write (no network call, no wait behind the
 * sale's lock, which a hanging charge may hold), after which the tender
 * covers nothing and the sale takes another tender for its part at once.
 *
 * In the background the tender is then brought to an end at the gateway:
 * - `pending`: cancelled (PaymentService.cancel). While Midtrans is
 *   unreachable the cancel fails and stays queued; it is tried again on every
 *   change of the payment, whenever the connection comes back (the monitor is
 *   fed by the tracker's polls and the idle probe, all through the status
 *   budget), and at start-up. No timer of its own.
 * - `creating`: never charged again. The charge call still running (or the
 *   engine's recovery of an unknown outcome, polled by status) decides it;
 *   when it turns `pending` it is cancelled as above.
 * - paid anyway (the customer scanned the QR before the cancel landed): the
 *   owner is told (`app.notice` `abandoned_tender_paid`) and decides
 *   (`sales.resolveLatePayment`): `refund` (Midtrans for QRIS/e-wallets, the
 *   drawer otherwise) or `keep` — counted against the sale while it is open
 *   and the payment fits what is left; otherwise kept at Midtrans and the
 *   same amount handed back from the drawer ("paid twice").
 */
import type { AppNotice } from '../../../../shared/contract/events';
import type { LatePayment, SaleView } from '../../../../shared/contract/sale-schemas';
import { isTerminal, REFUNDABLE_METHODS, type PaymentStatus } from '../../../../shared/domain/payment';
import { isoUtc } from '../clock';
import type { PaymentRow, SaleTenderRow } from '../ledger/rows';
import type { SaleContext } from './sale-context';
import { saleErrors } from './sale-errors';
import type { SaleSettlement } from './sale-settlement';
import { formatReceiptNo } from './sale-view';
import { saleTotals, tenderCounts } from './tender-state';

/** What the owner's decisions are recorded as (`sale_tenders.late_decision`). */
export const LATE_DECISIONS = {
  /** Kept and counted against its (still open) sale. */
  keep: 'keep',
  /** Kept at Midtrans; the customer got the same amount back from the drawer (the sale was paid otherwise). */
  keepReturned: 'keep_returned',
  /** Refunded (through Midtrans, or from the drawer for VA / store codes). */
  refund: 'refund',
} as const;

/** What this part needs beyond the sale context. */
export interface AbandonedTendersDeps {
  /** `app.notice` (the owner must decide on a late payment). */
  onNotice: (notice: AppNotice) => void;
}

/** Abandoning tenders, their background cancel and the owner's decision on late payments. */
export class AbandonedTenders {
  /** Payments whose background step is running (one at a time each). */
  private readonly busy = new Set<string>();
  /** Payments that changed while their step ran: followed again right after. */
  private readonly again = new Set<string>();
  /** Late payments already announced in this run (one notice each; the list stays until decided). */
  private readonly announced = new Set<string>();
  private readonly drawerTx;

  constructor(
    private readonly ctx: SaleContext,
    private readonly settlement: SaleSettlement,
    private readonly deps: AbandonedTendersDeps,
  ) {
    const { db, sales, drawer, clock, settings } = ctx.deps;
    this.drawerTx = db.transaction((t: SaleTenderRow, p: PaymentRow, decision: string, reason: string, actor: string): void => {
      const at = isoUtc(clock.now());
      if (!sales.setLateDecision(p.id, t.sale_id, decision, at, actor)) throw saleErrors.changed();
      const left = p.amount - p.refunded_amount - drawer.paidBackFor(p.id);
      if (left > 0) drawer.insert({ till_id: settings.tillId, kind: 'refund', sale_id: t.sale_id, payment_id: p.id, amount: left, reason, created_at: at, actor });
    });
  }

  /**
   * The cashier stops waiting for an open tender: recorded at once (no lock,
   * no network), then cancelled in the background. NOT_FOUND for a payment
   * that is not this sale's tender; ILLEGAL_TRANSITION when it is not open.
   */
  abandon(saleId: string, paymentId: string, actor: string): Promise<SaleView> {
    const { ctx } = this;
    ctx.openRow(saleId);
    const tender = ctx.deps.sales.tenderOf(paymentId);
    const payment = tender && tender.sale_id === saleId ? ctx.deps.orders.byId(paymentId) : undefined;
    if (!tender || !payment) throw saleErrors.tenderNotFound(paymentId);
    if (tender.abandoned_at == null) {
      if (tenderCounts(payment.status) !== 'open') throw saleErrors.tenderNotOpen(payment.method, payment.status);
      ctx.deps.sales.markAbandoned(paymentId, saleId, isoUtc(ctx.deps.clock.now()), actor);
      ctx.deps.logger.info('tender abandoned', { saleId, paymentId, status: payment.status });
    }
    const view = ctx.changed(saleId);
    this.follow(paymentId);
    return Promise.resolve(view);
  }

  /** Every abandoned tender not yet at its end is followed again (start-up, the connection came back). */
  retryAll(): void {
    for (const t of this.ctx.deps.sales.abandonedUndecided()) this.follow(t.payment_id);
  }

  /** A tender's payment changed (or may be worth another try): take the next background step. */
  follow(paymentId: string): void {
    const tender = this.ctx.deps.sales.tenderOf(paymentId);
    if (!tender || tender.abandoned_at == null || tender.late_decision != null) return;
    if (this.busy.has(paymentId)) {
      // A step is running (a cancel retrying against an unreachable Midtrans): look again once it ends.
      this.again.add(paymentId);
      return;
    }
    this.busy.add(paymentId);
    void this.step(tender)
      .catch((e: unknown) => this.ctx.deps.logger.info('abandoned tender not cancelled yet; retried later', { paymentId, error: e }))
      .finally(() => {
        this.busy.delete(paymentId);
        if (this.again.delete(paymentId)) this.follow(paymentId);
      });
  }

  /** Abandoned tenders paid anyway, awaiting the owner's decision, oldest first. */
  latePayments(): LatePayment[] {
    const out: LatePayment[] = [];
    for (const t of this.ctx.deps.sales.abandonedUndecided()) {
      const p = this.ctx.deps.orders.byId(t.payment_id);
      if (!p || tenderCounts(p.status) !== 'paid') continue;
      const sale = this.ctx.row(t.sale_id);
      out.push({
        saleId: t.sale_id,
        receiptNo: sale.receipt_no === null ? null : formatReceiptNo(sale.till_id, sale.receipt_no),
        paymentId: p.id,
        method: p.method,
        amount: p.amount,
        paidAt: p.paid_at ?? null,
      });
    }
    return out;
  }

  /** The owner's decision on a late payment (privileged: the guard decided). Answers the sale. */
  resolve(paymentId: string, decision: 'keep' | 'refund', actor: string): Promise<SaleView> {
    const tender = this.ctx.deps.sales.tenderOf(paymentId);
    if (!tender) throw saleErrors.tenderNotFound(paymentId);
    return this.ctx.locks.run(tender.sale_id, async () => {
      const { ctx } = this;
      const t = ctx.deps.sales.tenderOf(paymentId);
      const p = ctx.deps.orders.byId(paymentId);
      if (!t || !p || t.abandoned_at == null || t.late_decision != null || tenderCounts(p.status) !== 'paid') throw saleErrors.notLate(paymentId);
      const sale = ctx.row(t.sale_id);
      const at = isoUtc(ctx.deps.clock.now());
      if (decision === 'keep') {
        const totals = saleTotals(sale.total, ctx.facts(sale.id));
        if (sale.status === 'open' && !totals.open && t.applied <= totals.remaining) {
          ctx.deps.sales.setLateDecision(paymentId, sale.id, LATE_DECISIONS.keep, at, actor);
          this.settlement.settle(sale.id);
        } else {
          // The sale was settled (or voided) otherwise: the customer paid twice; the cash goes back from the drawer.
          this.drawerTx.immediate(t, p, LATE_DECISIONS.keepReturned, 'dibayar dua kali', actor);
        }
      } else if (REFUNDABLE_METHODS.includes(p.method)) {
        await ctx.deps.payments.refund(paymentId, undefined, 'pembayaran terlambat', actor);
        ctx.deps.sales.setLateDecision(paymentId, sale.id, LATE_DECISIONS.refund, isoUtc(ctx.deps.clock.now()), actor);
      } else {
        this.drawerTx.immediate(t, p, LATE_DECISIONS.refund, 'pembayaran terlambat', actor);
      }
      this.announced.delete(paymentId);
      return ctx.changed(sale.id);
    });
  }

  private async step(tender: SaleTenderRow): Promise<void> {
    const p = this.ctx.deps.orders.byId(tender.payment_id);
    if (!p) return;
    // Ended unpaid: nothing to cancel, nothing for the owner to decide; start-up stops reading it.
    if (endedUnpaid(p.status)) return this.ctx.deps.sales.endFollowUp(p.id);
    const counts = tenderCounts(p.status);
    if (counts === 'paid') return this.announce(tender, p);
    // `creating`: the charge call (or the engine's status recovery) decides it; this runs again when it does.
    if (p.status !== 'pending') return;
    const after = await this.ctx.deps.payments.cancel(p.id, 'till');
    this.ctx.deps.logger.info('abandoned tender cancelled at the gateway', { paymentId: p.id, status: after.status });
    this.ctx.changed(tender.sale_id);
  }

  private announce(tender: SaleTenderRow, p: PaymentRow): void {
    if (this.announced.has(p.id)) return;
    this.announced.add(p.id);
    this.ctx.deps.logger.warn('abandoned tender paid anyway; the owner decides', { saleId: tender.sale_id, paymentId: p.id });
    this.deps.onNotice({
      level: 'error',
      code: 'abandoned_tender_paid',
      params: { saleId: tender.sale_id, paymentId: p.id, method: p.method, amount: p.amount },
    });
  }
}

/** Expired, cancelled, denied or failed for good: no payment can follow (a refund is still a decision to make). */
function endedUnpaid(status: PaymentStatus): boolean {
  return isTerminal(status) && status !== 'refund';
}
