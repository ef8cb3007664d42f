/**
 * Adding and cancelling a sale's tenders. Every tender is a payment started
 * through the engine's charge flow: the tender row (`sale_tenders`: applied,
 * rounding, cash received and change, the exact item_details) and the
 * order's lines and total are written by the `withinIntent` hook, so they
 * commit in the payment intent's own transaction, before any network call.
 * The hook re-checks the sale inside that transaction (still open, what is
 * left unchanged, no other tender open) and rolls the intent back otherwise.
 */
import type { SaleView } from '../../../../shared/contract/sale-schemas';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import type { MidtransItem } from '../../../../shared/domain/pricing';
import { isoUtc } from '../clock';
import type { PaymentRow } from '../ledger/rows';
import type { SaleContext } from './sale-context';
import { parseDraft } from './sale-draft';
import { saleErrors } from './sale-errors';
import type { SaleSettlement } from './sale-settlement';
import { quoteOf } from './sale-view';
import { planCash, planElectronic } from './tender-plan';
import { saleTotals } from './tender-state';

/** A tender to add (`sales.addTender`). */
export interface TenderRequest {
  saleId: string;
  method: PaymentMethod;
  /** Electronic: the part to charge (default: all that remains). */
  amount?: number;
  /** Cash: what the customer handed over (default: exactly what is due). */
  received?: number;
}

/** What the hook writes for a tender. */
interface TenderWrite {
  seq: number;
  /** What no tender covered when the tender was planned (re-checked in the transaction). */
  remaining: number;
  applied: number;
  rounding: number;
  received: number | null;
  change: number | null;
  items: MidtransItem[];
}

/** A promise and its resolver. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Adds and cancels tenders. */
export class SaleTenders {
  constructor(
    private readonly ctx: SaleContext,
    private readonly settlement: SaleSettlement,
    /** Opens the cash drawer (fire and forget). */
    private readonly kickDrawer: () => void,
  ) {}

  /** Adds a tender to an open sale (one action per sale at a time). */
  add(req: TenderRequest, actor: string): Promise<SaleView> {
    if (req.method === 'cash') return this.ctx.locks.run(req.saleId, () => this.cash(req, actor));
    // The sale's lock is held only until the tender is committed: a charge that hangs at the gateway must not
    // hold the sale (the cashier abandons it and takes cash meanwhile, sale-service `abandonTender`).
    let charging: Promise<SaleView> | null = null;
    return this.ctx.locks
      .run(req.saleId, async () => {
        const committed = deferred();
        charging = this.electronic(req, actor, committed.resolve);
        await Promise.race([charging.then(() => undefined), committed.promise]);
      })
      .then(() => charging as unknown as Promise<SaleView>);
  }

  /** Cancels an open electronic tender at the gateway; the sale stays open for another tender. */
  cancel(saleId: string, paymentId: string, actor: string): Promise<SaleView> {
    return this.ctx.locks.run(saleId, async () => {
      this.ctx.openRow(saleId);
      const tender = this.ctx.deps.sales.tenderOf(paymentId);
      if (!tender || tender.sale_id !== saleId) throw saleErrors.tenderNotFound(paymentId);
      await this.ctx.deps.payments.cancel(paymentId, actor);
      return this.ctx.changed(saleId);
    });
  }

  private async cash(req: TenderRequest, actor: string): Promise<SaleView> {
    const { ctx } = this;
    const sale = ctx.openRow(req.saleId);
    if (parseDraft(sale.draft).lines.length === 0) throw saleErrors.empty();
    const facts = ctx.facts(sale.id);
    const totals = saleTotals(sale.total, facts);
    if (sale.total === 0) {
      // A 100% discount: nothing to pay, so no payment row; the sale closes with its receipt number.
      this.settlement.closeFree(sale.id, () => this.rewriteOrder(sale.id, isoUtc(ctx.deps.clock.now()), actor));
      return ctx.changed(sale.id);
    }
    if (totals.remaining === 0) throw saleErrors.nothingDue();
    const plan = planCash(totals.remaining, req.received, ctx.deps.settings.cashRounding);
    await ctx.deps.payments.chargeOrder(
      {
        orderId: sale.id,
        method: 'cash',
        amount: plan.amount,
        withinIntent: (row) =>
          this.writeTender(row, actor, {
            seq: ctx.deps.sales.nextSeq(sale.id), remaining: totals.remaining, applied: plan.applied, rounding: plan.rounding,
            received: plan.received, change: plan.change, items: [],
          }),
      },
      actor,
    );
    this.settlement.settle(sale.id);
    this.kickDrawer();
    return ctx.changed(sale.id);
  }

  private async electronic(req: TenderRequest, actor: string, committed: () => void = () => {}): Promise<SaleView> {
    const { ctx } = this;
    ctx.openRow(req.saleId);
    // Before the checks: nothing may come between them and the intent's write (a SNAP-BI clock read).
    await ctx.deps.payments.prepareCharge(req.method);
    const sale = ctx.openRow(req.saleId);
    if (parseDraft(sale.draft).lines.length === 0) throw saleErrors.empty();
    const totals = saleTotals(sale.total, ctx.facts(sale.id));
    if (totals.open) throw saleErrors.tenderOpen(totals.open.method);
    const seq = ctx.deps.sales.nextSeq(sale.id);
    const plan = planElectronic(req.method, req.amount, { quote: quoteOf(sale), remaining: totals.remaining, seq, saleRef: sale.id });
    try {
      await ctx.deps.payments.chargeOrder(
        {
          orderId: sale.id,
          method: req.method,
          amount: plan.amount,
          withinIntent: (row) => {
            this.writeTender(row, actor, { seq, remaining: totals.remaining, applied: plan.amount, rounding: 0, received: null, change: null, items: plan.items });
            // After the intent's transaction (a microtask later): the till shows the tender being created, so the
            // cashier can stop waiting for it, and the sale's lock is let go while the charge call runs.
            queueMicrotask(() => {
              if (ctx.deps.sales.tenderOf(row.id)) ctx.changed(sale.id);
              committed();
            });
          },
        },
        actor,
      );
    } catch (e) {
      // A charge that failed after its intent was written is a tender too (failed or still being checked): show it.
      if (ctx.deps.sales.nextSeq(sale.id) > seq) ctx.changed(sale.id);
      throw e;
    }
    this.settlement.settle(sale.id);
    return ctx.changed(sale.id);
  }

  /** Inside the intent's transaction: re-check the sale, record the tender, rewrite the order's lines and total. */
  private writeTender(row: PaymentRow, actor: string, t: TenderWrite): void {
    const { sales } = this.ctx.deps;
    const sale = this.ctx.openRow(row.order_id);
    const totals = saleTotals(sale.total, this.ctx.facts(sale.id));
    if (totals.remaining !== t.remaining || sales.nextSeq(sale.id) !== t.seq) throw saleErrors.changed();
    if (row.method !== 'cash' && totals.open) throw saleErrors.tenderOpen(totals.open.method);
    sales.insertTender(
      {
        payment_id: row.id, sale_id: sale.id, seq: t.seq, applied: t.applied, rounding: t.rounding, received: t.received,
        change_given: t.change, items: JSON.stringify(t.items), created_at: row.created_at,
      },
      actor,
    );
    this.rewriteOrder(sale.id, row.created_at, actor);
    sales.touch(sale.id, totals.rounding + t.rounding, row.created_at);
  }

  /** The order carries the sale's lines and total as they stand when a tender starts. */
  private rewriteOrder(saleId: string, at: string, actor: string): void {
    const quote = quoteOf(this.ctx.row(saleId));
    const items = quote.lines.map((l) => ({ sku: l.sku, name: l.name, price: l.unitPrice, quantity: l.quantity }));
    this.ctx.deps.orders.rewriteOrder(saleId, quote.total, items, at, actor);
  }
}
