/**
 * Money going back: voiding an open sale, and paying a paid tender back from
 * the drawer. Both are privileged (the router's guard decides; see
 * app/privileged.ts) and both record who and why.
 *
 * - **Void** (open sales only, before the goods are handed over): a tender
 *   still being created refuses the void (its outcome is not known yet); a
 *   pending electronic tender is cancelled at the gateway first — if that
 *   fails the void is refused with the gateway's error and nothing else has
 *   changed; paid QRIS / e-wallet tenders are refunded through Midtrans
 *   (PaymentService.refund: the gateway's record decides); paid cash, VA,
 *   bill and store-code tenders are handed back from the drawer
 *   (`void_return` movements), written in the same transaction that marks
 *   the sale voided.
 * - **Drawer refund** (paid sales): a cash, VA, bill or store-code tender, all
 *   or part of what is left of it, recorded as a `refund` drawer movement.
 *   The payment's own status does not change (no payment event), so
 *   reconciliation with Midtrans never "fixes" it back. QRIS and e-wallets
 *   are refunded through Midtrans instead (`payments.refund`).
 */
import type { SaleView } from '../../../../shared/contract/sale-schemas';
import { REFUNDABLE_METHODS } from '../../../../shared/domain/payment';
import { isoUtc } from '../clock';
import type { PaymentRow } from '../ledger/rows';
import type { SaleContext } from './sale-context';
import { saleErrors } from './sale-errors';
import { tenderCounts } from './tender-state';

/** A drawer refund to make (`sales.refundToDrawer`). */
export interface DrawerRefundRequest {
  saleId: string;
  paymentId: string;
  /** Default: what is left of the tender. */
  amount?: number;
  reason: string;
}

/** Voids and drawer refunds. */
export class SaleReturns {
  private readonly voidTx;
  private readonly refundTx;

  constructor(private readonly ctx: SaleContext) {
    const { db, sales, drawer, clock, settings } = ctx.deps;
    this.voidTx = db.transaction((saleId: string, reason: string, actor: string): void => {
      ctx.openRow(saleId);
      const at = isoUtc(clock.now());
      for (const p of this.payments(saleId)) {
        if (tenderCounts(p.status) !== 'paid' || REFUNDABLE_METHODS.includes(p.method)) continue;
        const left = p.amount - drawer.paidBackFor(p.id);
        if (left > 0) {
          drawer.insert({ till_id: settings.tillId, kind: 'void_return', sale_id: saleId, payment_id: p.id, amount: left, reason, created_at: at, actor });
        }
      }
      if (!sales.markVoided(saleId, reason, at, actor)) throw saleErrors.changed();
    });
    this.refundTx = db.transaction((req: DrawerRefundRequest, actor: string): number => {
      const sale = ctx.row(req.saleId);
      if (sale.status !== 'paid') throw saleErrors.notPaid(req.saleId);
      const tender = sales.tenderOf(req.paymentId);
      const p = tender && tender.sale_id === req.saleId ? ctx.deps.orders.byId(req.paymentId) : undefined;
      if (!p) throw saleErrors.tenderNotFound(req.paymentId);
      if (REFUNDABLE_METHODS.includes(p.method)) throw saleErrors.viaMidtrans(p.method);
      if (tenderCounts(p.status) !== 'paid') throw saleErrors.tenderNotRefundable(p.method, p.status);
      const left = p.amount - p.refunded_amount - drawer.paidBackFor(p.id);
      const amount = req.amount ?? left;
      if (!Number.isSafeInteger(amount) || amount < 1 || amount > left) throw saleErrors.drawerRange(Math.max(0, left));
      drawer.insert({
        till_id: settings.tillId, kind: 'refund', sale_id: req.saleId, payment_id: p.id, amount, reason: req.reason, created_at: isoUtc(clock.now()), actor,
      });
      return amount;
    });
  }

  /** Voids an open sale; `reason` is required (the contract's schema makes it so). */
  void(saleId: string, reason: string, actor: string): Promise<SaleView> {
    const { ctx } = this;
    return ctx.locks.run(saleId, async () => {
      ctx.openRow(saleId);
      const tenders = this.payments(saleId);
      if (tenders.some((p) => p.status === 'creating')) throw saleErrors.stillCreating();
      try {
        for (const p of tenders.filter((t) => t.status === 'pending')) await ctx.deps.payments.cancel(p.id, actor);
        for (const p of tenders) {
          if (tenderCounts(p.status) === 'paid' && REFUNDABLE_METHODS.includes(p.method) && p.refunded_amount < p.amount && p.status !== 'refund') {
            await ctx.deps.payments.refund(p.id, undefined, reason, actor);
          }
        }
      } catch (e) {
        // What did happen (a cancelled tender) is on the screen; the sale itself stays open.
        ctx.changed(saleId);
        throw e;
      }
      this.voidTx.immediate(saleId, reason, actor);
      return ctx.changed(saleId);
    });
  }

  /** Pays a paid cash / VA / bill / store-code tender back from the drawer; returns the sale and the amount. */
  refundToDrawer(req: DrawerRefundRequest, actor: string): Promise<{ sale: SaleView; amount: number }> {
    return this.ctx.locks.run(req.saleId, () => {
      const amount = this.refundTx.immediate(req, actor);
      return { sale: this.ctx.changed(req.saleId), amount };
    });
  }

  private payments(saleId: string): PaymentRow[] {
    return this.ctx.deps.sales.tenders(saleId).flatMap((t) => this.ctx.deps.orders.byId(t.payment_id) ?? []);
  }
}
