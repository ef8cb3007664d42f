/**
 * SaleService: the sale, owned by main (issue 10). The till opens a sale,
 * sets its lines and discounts (priced here with `shared/domain/pricing`,
 * against the catalogue: the renderer never sets a price), adds tenders
 * (cash, or electronic charges through the payment engine), and the sale
 * becomes paid — with its receipt number — when its tenders cover it. Every
 * change is persisted in the ledger first and then pushed (`onChanged` →
 * `sale.updated`). How a sale works, step by step: ./README.md.
 */
import type { LatePayment, SaleSummary, SaleView } from '../../../../shared/contract/sale-schemas';
import type { AppNotice } from '../../../../shared/contract/events';
import type { CartItem, PaymentView } from '../../../../shared/contract/schemas';
import { KasirError } from '../../../../shared/contract/result';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { discountApprovalFor, priceSale, type DiscountApproval, type Discount, type Quote } from '../../../../shared/domain/pricing';
import { dayWindow } from '../../../../shared/domain/zoned-time';
import { isoUtc, type Clock } from '../clock';
import { DrawerRepository } from '../ledger/drawer-repository';
import type { Database } from '../ledger/open-ledger';
import { PaymentRepository } from '../ledger/payment-repository';
import type { SaleRow } from '../ledger/rows';
import { SaleRepository } from '../ledger/sale-repository';
import type { Logger } from '../logger';
import { staffErrors } from '../staff/staff-errors';
import { SaleContext, type SalePayments, type SaleSettings } from './sale-context';
import { approvalAfter, approvalStands } from './discount-approval';
import { emptyDraft, linesFromCatalog, parseDraft, priceDraft, type LineRequest, type SaleCatalog, type SaleDraft } from './sale-draft';
import { saleErrors } from './sale-errors';
import { AbandonedTenders } from './abandoned-tenders';
import { SaleReturns, type DrawerRefundRequest } from './sale-returns';
import { SaleSettlement } from './sale-settlement';
import { SaleTenders, type TenderRequest } from './sale-tenders';
import { saleSummaryOf } from './sale-view';
import { planElectronic } from './tender-plan';
import { isEditable } from './tender-state';

/** What SaleService is built from (the composition root wires it). */
export interface SaleServiceDeps {
  db: Database;
  clock: Clock;
  /** Order ids (the engine's id source). */
  ids: { orderId(): string };
  catalog: SaleCatalog;
  /** The payment engine's front (PaymentService). */
  payments: SalePayments;
  settings: SaleSettings;
  /** The owner's discount threshold (OwnerSettings). */
  ownerSettings: { get(): { discountApprovalAbovePercent: number } };
  /** The cash drawer kick (ReceiptService): fire and forget on a cash tender. */
  receipts: { kickDrawer(): Promise<void> };
  /** Scoped as `sales`. */
  logger: Logger;
  /** A staff member's current name (null for the till or someone unknown). */
  actorName: (actorId: string) => string | null;
  /** Emulator money: every view says so. */
  demo: boolean;
  /** The shop's zone (history by shop day). */
  zone: string;
  /** Called with the sale's view after every committed change (the event bus emits `sale.updated`). */
  onChanged: (sale: SaleView) => void;
  /** Tells the cashier / owner something unasked (`app.notice`: an abandoned tender paid anyway). */
  onNotice?: (notice: AppNotice) => void;
}

/** A sale's lines and sale discounts as the cashier sets them (`sales.setLines` without its approval). */
export interface LinesRequest {
  saleId: string;
  lines: LineRequest[];
  saleDiscounts: Discount[];
}

/** The sale service. One per till, built in container.ts. */
export class SaleService {
  private readonly ctx: SaleContext;
  private readonly settlement: SaleSettlement;
  private readonly tenders: SaleTenders;
  private readonly returns: SaleReturns;
  private readonly abandoned: AbandonedTenders;
  private readonly log: Logger;
  private readonly createTx;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: SaleServiceDeps) {
    this.log = deps.logger.scope('sales');
    const { db } = deps;
    this.ctx = new SaleContext({
      db, clock: deps.clock, sales: new SaleRepository(db), drawer: new DrawerRepository(db), orders: new PaymentRepository(db),
      payments: deps.payments, settings: deps.settings, logger: this.log, actorName: deps.actorName, demo: deps.demo, onChanged: deps.onChanged,
    });
    this.settlement = new SaleSettlement(this.ctx);
    this.tenders = new SaleTenders(this.ctx, this.settlement, () => this.kickDrawer());
    this.returns = new SaleReturns(this.ctx);
    this.abandoned = new AbandonedTenders(this.ctx, this.settlement, { onNotice: deps.onNotice ?? (() => {}) });
    this.createTx = db.transaction((actor: string, draft: SaleDraft, quote: Quote): string => {
      const id = deps.ids.orderId();
      const at = isoUtc(deps.clock.now());
      const { orders, sales } = this.ctx.deps;
      orders.insertOrder({ id, total: 0, created_at: at, actor }, []);
      sales.insert({ id, till_id: deps.settings.tillId, draft: JSON.stringify(emptyDraft(draft.origin)), quote: JSON.stringify(priceSale([], [], deps.settings.pricing)), opened_at: at, actor });
      if (draft.lines.length > 0) sales.writePricing({ id, ...pricingOf(draft, quote), at, actor });
      return id;
    });
  }

  /**
   * Follows the tenders' payments (a webhook or poll may pay a tender after
   * the screen moved on) and settles, once, every open sale that is in fact
   * paid (a crash between a tender's payment and the sale's close). Call
   * once, before the engine's recovery runs.
   */
  start(): void {
    this.unsubscribe ??= this.deps.payments.onUpdated((payment) => this.paymentChanged(payment.id));
    for (const id of this.settlement.settleOpen()) {
      this.log.info('sale settled at start-up', { saleId: id });
      this.ctx.changed(id);
    }
    // Cancels a previous run left queued (Midtrans was unreachable, or the till closed first).
    this.abandoned.retryAll();
  }

  /** Midtrans answers again: queued cancels of abandoned tenders go out now. */
  retryQueued(): void {
    this.abandoned.retryAll();
  }

  /** Stops following payments. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** The till's open sale (the newest one `sales.open` made), or null. */
  current(): SaleView | null {
    const row = this.currentRow();
    return row ? this.ctx.viewOf(row) : null;
  }

  /** The till's open sale if there is one, else a new empty sale opened by `actor`. */
  open(actor: string): SaleView {
    const row = this.currentRow();
    if (row) return this.ctx.viewOf(row);
    const id = this.createTx.immediate(actor, emptyDraft('till'), priceSale([], [], this.deps.settings.pricing));
    return this.ctx.changed(id);
  }

  /** One sale; NOT_FOUND if unknown. */
  get(saleId: string): SaleView {
    return this.ctx.view(saleId);
  }

  /** Recent sales, newest first; `day` (YYYY-MM-DD, shop zone) narrows to the sales opened or closed that day. */
  list(q: { day?: string; limit: number }): SaleSummary[] {
    const window = q.day ? dayWindow(q.day, this.deps.zone) : null;
    const rows = this.ctx.deps.sales.list({ limit: q.limit, ...(window ? { from: isoUtc(window.startUtc), to: isoUtc(window.endUtc) } : {}) });
    return rows.map((r) => saleSummaryOf(this.ctx.viewOf(r)));
  }

  /**
   * What the owner must approve in these lines and discounts (prices them
   * against the catalogue; writes nothing). Refuses first what `setLines`
   * would refuse anyway, so nobody is asked for a PIN for a locked sale.
   */
  discountApproval(req: LinesRequest): DiscountApproval {
    const sale = this.ctx.openRow(req.saleId);
    if (!isEditable(this.ctx.facts(sale.id))) throw saleErrors.tendered();
    const draft = { lines: linesFromCatalog(req.lines, this.deps.catalog), saleDiscounts: req.saleDiscounts };
    const quote = priceDraft(draft, this.deps.settings.pricing);
    const need = discountApprovalFor(quote, this.deps.ownerSettings.get().discountApprovalAbovePercent);
    // An approval the owner gave for these discounts still stands: no PIN for the next tap.
    return need.needed && approvalStands(parseDraft(sale.draft).approval, draft, quote) ? { ...need, needed: false } : need;
  }

  /**
   * Replaces the lines and sale discounts of an open sale with no tender
   * open or paid (CONFLICT `sale_tendered` otherwise) and prices it.
   * Discounts above the owner's threshold need `ownerApproved` (the caller
   * checked the owner: app/sale-handlers.ts); PIN_REQUIRED otherwise.
   */
  setLines(req: LinesRequest, actor: string, opts: { ownerApproved: boolean }): Promise<SaleView> {
    return this.ctx.locks.run(req.saleId, () => {
      const sale = this.ctx.openRow(req.saleId);
      if (!isEditable(this.ctx.facts(sale.id))) throw saleErrors.tendered();
      const before = parseDraft(sale.draft);
      const priced = { lines: linesFromCatalog(req.lines, this.deps.catalog), saleDiscounts: req.saleDiscounts };
      const quote = priceDraft(priced, this.deps.settings.pricing);
      const need = discountApprovalFor(quote, this.deps.ownerSettings.get().discountApprovalAbovePercent);
      if (need.needed && !opts.ownerApproved && !approvalStands(before.approval, priced, quote)) {
        throw staffErrors.pinRequired('sales.discount');
      }
      const approval = approvalAfter({ need, ownerApproved: opts.ownerApproved, standing: before.approval, draft: priced, quote });
      const draft: SaleDraft = { ...priced, origin: before.origin, ...(approval ? { approval } : {}) };
      this.ctx.deps.sales.writePricing({ id: sale.id, ...pricingOf(draft, quote), at: isoUtc(this.deps.clock.now()), actor });
      return this.ctx.changed(sale.id);
    });
  }

  /** Adds a tender (sale-tenders.ts): cash settles at once, an electronic charge is committed before any network call. */
  addTender(req: TenderRequest, actor: string): Promise<SaleView> {
    return this.tenders.add(req, actor);
  }

  /** Cancels an open electronic tender at the gateway; the sale stays open. */
  cancelTender(saleId: string, paymentId: string, actor: string): Promise<SaleView> {
    return this.tenders.cancel(saleId, paymentId, actor);
  }

  /**
   * The cashier stops waiting for an open tender (abandoned-tenders.ts): it
   * stops counting at once and is cancelled at the gateway in the background.
   */
  abandonTender(saleId: string, paymentId: string, actor: string): Promise<SaleView> {
    return this.abandoned.abandon(saleId, paymentId, actor);
  }

  /** Abandoned tenders paid anyway, awaiting the owner's decision. */
  latePayments(): LatePayment[] {
    return this.abandoned.latePayments();
  }

  /** The owner's decision on a late payment (keep / refund). Privileged. */
  resolveLatePayment(paymentId: string, decision: 'keep' | 'refund', actor: string): Promise<SaleView> {
    return this.abandoned.resolve(paymentId, decision, actor);
  }

  /** Voids an open sale (sale-returns.ts). Privileged: the router's guard decided. */
  void(saleId: string, reason: string, actor: string): Promise<SaleView> {
    return this.returns.void(saleId, reason, actor);
  }

  /** Pays a paid cash / VA / bill / store-code tender back from the drawer. Privileged. */
  refundToDrawer(req: DrawerRefundRequest, actor: string): Promise<{ sale: SaleView; amount: number }> {
    return this.returns.refundToDrawer(req, actor);
  }

  /**
   * `payments.create`: a new sale with these lines (already checked against
   * the catalogue) and one tender of the whole, by `method`. Refused before
   * anything is written when the method cannot carry the total. Answers the
   * tender's payment. The sale is never the till's current sale.
   */
  async quickSale(input: { items: CartItem[]; method: PaymentMethod }, actor: string): Promise<PaymentView> {
    if (input.items.length === 0) throw new KasirError('INVALID_INPUT', 'The cart is empty.', { params: { issue: 'cart_empty' } });
    const lines = input.items.map((item, i) => ({ id: `L${i + 1}`, sku: item.sku, quantity: item.quantity, discount: null }));
    const draft: SaleDraft = { lines: linesFromCatalog(lines, this.deps.catalog), saleDiscounts: [], origin: 'shortcut' };
    const quote = priceDraft(draft, this.deps.settings.pricing);
    if (input.method !== 'cash') planElectronic(input.method, quote.total, { quote, remaining: quote.total, seq: 1, saleRef: 'check' });
    const id = this.createTx.immediate(actor, draft, quote);
    const sale = await this.tenders.add({ saleId: id, method: input.method }, actor);
    const tender = sale.tenders.at(-1);
    if (!tender) throw new Error(`sale ${id} has no tender after its tender was added`);
    return this.deps.payments.get(tender.paymentId);
  }

  /** A paid sale (for its receipt); ILLEGAL_TRANSITION `sale_not_paid` otherwise. */
  paidSale(saleId: string): SaleView {
    const view = this.ctx.view(saleId);
    if (view.status !== 'paid') throw saleErrors.notPaid(saleId);
    return view;
  }

  /** Counts a printed receipt; returns how many have been printed (1 = the original). */
  notePrinted(saleId: string): number {
    return this.ctx.deps.sales.countPrint(saleId);
  }

  /** How many receipts of this sale were printed so far. */
  printCount(saleId: string): number {
    return this.ctx.row(saleId).print_count;
  }

  private currentRow(): SaleRow | null {
    return this.ctx.deps.sales.openFor(this.deps.settings.tillId).find((r) => parseDraft(r.draft).origin === 'till') ?? null;
  }

  private paymentChanged(paymentId: string): void {
    const tender = this.ctx.deps.sales.tenderOf(paymentId);
    if (!tender) return;
    try {
      if (this.settlement.settle(tender.sale_id)) this.log.info('sale paid', { saleId: tender.sale_id });
      this.ctx.changed(tender.sale_id);
      // An abandoned tender's next step: cancel it once it is pending, or tell the owner it was paid anyway.
      this.abandoned.follow(paymentId);
    } catch (e) {
      this.log.error('sale could not follow its payment', { saleId: tender.sale_id, paymentId, error: e });
    }
  }

  private kickDrawer(): void {
    void this.deps.receipts.kickDrawer().catch((e: unknown) => {
      // No printer is a normal set-up (the drawer is opened by hand); anything else the owner should see in the log.
      const notSetUp = e instanceof KasirError && e.code === 'PRINTER_UNAVAILABLE' && e.params?.reason === 'not_set_up';
      if (notSetUp) this.log.debug('no printer: the drawer is not kicked');
      else this.log.warn('cash drawer kick failed', { error: e });
    });
  }
}

/** The columns a priced draft writes. */
function pricingOf(draft: SaleDraft, quote: Quote) {
  return {
    draft: JSON.stringify(draft),
    quote: JSON.stringify(quote),
    subtotal: quote.subtotal,
    discountTotal: quote.discountTotal,
    serviceTotal: quote.serviceAmount,
    taxTotal: quote.taxTotal,
    total: quote.total,
  };
}
