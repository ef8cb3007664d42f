/**
 * Handlers of the sale channels (`sales.*`, `drawer.open`): they delegate to
 * the SaleService and the receipt printer. Who is calling comes from the
 * caller's session (access.ts); `sales.void` and `sales.refundToDrawer` are
 * privileged (the guard already decided and strips their approval). A
 * discount above the owner's threshold is the one check made here: the
 * approval travels in `sales.setLines`' input and goes to the guard as the
 * action `sales.discount`, audited like any privileged action.
 */
import type { Channel } from '../../../../shared/contract/channels';
import { KasirError } from '../../../../shared/contract/result';
import type { SaleView } from '../../../../shared/contract/sale-schemas';
import type { DiscountApproval } from '../../../../shared/domain/pricing';
import type { ReceiptLanguage, ReceiptLine } from '../receipts';
import type { DrawerCaller, LinesRequest, SaleService } from '../sales';
import type { Approval, Authorization } from '../staff';
import { TILL_ACTOR } from '../staff';
import { actorIdOf, type AppHandlers, type CallContext } from './call-context';

/** What the sale handlers need from the receipt printer (ReceiptService satisfies it). */
export interface SaleReceiptsApi {
  /** The roll's width in characters (32 without a printer). */
  readonly columns: number;
  printLines(lines: readonly ReceiptLine[]): Promise<{ printed: true; bytes: number }>;
}

/** What these handlers are built from. */
export interface SaleHandlerDeps {
  sales: Pick<
    SaleService,
    | 'current' | 'open' | 'get' | 'list' | 'discountApproval' | 'setLines' | 'addTender' | 'cancelTender' | 'void' | 'refundToDrawer'
    | 'abandonTender' | 'latePayments' | 'resolveLatePayment'
    | 'paidSale' | 'notePrinted' | 'printCount'
  >;
  /** The owner's approval of a discount above the threshold: the guard's `run` (audited as `privileged.sales.discount`). */
  approveDiscount: <T>(callerId: string, approval: Approval | undefined, fn: (auth: Authorization) => T | Promise<T>, target: string, details: Record<string, unknown>) => Promise<T>;
  receipts: SaleReceiptsApi;
  /**
   * True when an electronic tender may be tried now; false while Midtrans is
   * unreachable (the connection monitor): refused before anything is written.
   */
  gatewayUsable?: () => boolean;
  /** Lays a sale's receipt out (receipts/ `layoutSaleReceipt` with the shop's name, zone, NPWP and demo flag). */
  layout: (sale: SaleView, language: ReceiptLanguage, copy: boolean, columns: number) => ReceiptLine[];
  /** "No sale": kicks the drawer, then records the movement and its audit row (sales/drawer-opening.ts). */
  openDrawer: (reason: string, who: DrawerCaller) => Promise<{ opened: true }>;
}

/** An electronic tender refused while Midtrans is unreachable: nothing was written or sent. */
const offline = (): KasirError =>
  new KasirError('GATEWAY_UNAVAILABLE', 'Midtrans cannot be reached right now; only cash works until it is back.', {
    params: { outcome: 'not_sent', reason: 'offline' },
  });

/** The channels these handlers answer. */
export type SaleChannel = Extract<Channel, `sales.${string}` | 'drawer.open'>;

/** What the audit row of an approved discount says: which discounts, and whether they only stacked up. */
const approvalDetails = (need: DiscountApproval): Record<string, unknown> => ({ discounts: need.discounts.length, stacked: need.stacked });

/** The sale handler table. */
export function createSaleHandlers(deps: SaleHandlerDeps): AppHandlers<SaleChannel> {
  const { sales } = deps;
  const who = (ctx: CallContext): DrawerCaller => ({
    actor: ctx.staff ? { id: ctx.staff.id, name: ctx.staff.name } : TILL_ACTOR,
    callerId: ctx.callerId,
  });

  return {
    'sales.current': () => sales.current(),
    'sales.open': (_input, ctx) => sales.open(actorIdOf(ctx)),
    'sales.get': ({ saleId }) => sales.get(saleId),
    'sales.list': (input) => sales.list({ day: input?.day, limit: input?.limit ?? 50 }),
    'sales.setLines': async ({ approval, ...input }, ctx) => {
      const req: LinesRequest = input;
      const need = sales.discountApproval(req);
      if (!need.needed) return sales.setLines(req, actorIdOf(ctx), { ownerApproved: false });
      // The owner's session, or a one-time owner PIN in `approval`; refused (and audited) otherwise.
      return deps.approveDiscount(ctx.callerId, approval, () => sales.setLines(req, actorIdOf(ctx), { ownerApproved: true }), req.saleId, approvalDetails(need));
    },
    'sales.addTender': (input, ctx) => {
      // Offline: an electronic charge would only hang or fail; cash still works.
      if (input.method !== 'cash' && deps.gatewayUsable && !deps.gatewayUsable()) throw offline();
      return sales.addTender(input, actorIdOf(ctx));
    },
    'sales.cancelTender': ({ saleId, paymentId }, ctx) => sales.cancelTender(saleId, paymentId, actorIdOf(ctx)),
    'sales.abandonTender': ({ saleId, paymentId }, ctx) => sales.abandonTender(saleId, paymentId, actorIdOf(ctx)),
    'sales.latePayments': () => sales.latePayments(),
    'sales.resolveLatePayment': async ({ paymentId, decision }, ctx) => {
      const sale = await sales.resolveLatePayment(paymentId, decision, actorIdOf(ctx));
      ctx.note({ details: { decision, saleId: sale.id } });
      return sale;
    },
    'sales.void': async ({ saleId, reason }, ctx) => {
      const sale = await sales.void(saleId, reason, actorIdOf(ctx));
      ctx.note({ details: { why: reason, total: sale.total, tenders: sale.tenders.length } });
      return sale;
    },
    'sales.refundToDrawer': async ({ saleId, paymentId, amount, reason }, ctx) => {
      const done = await sales.refundToDrawer({ saleId, paymentId, amount, reason }, actorIdOf(ctx));
      ctx.note({ details: { paymentId, amount: done.amount, why: reason } });
      return done.sale;
    },
    'sales.receipt': ({ saleId, language, copy }) => {
      const sale = sales.paidSale(saleId);
      const columns = deps.receipts.columns;
      return { saleId, receiptNo: sale.receiptNo ?? '', copy, columns, lines: deps.layout(sale, language, copy, columns) };
    },
    'sales.printReceipt': async ({ saleId, language }) => {
      const sale = sales.paidSale(saleId);
      // Every print after the first is marked as a copy; a failed print does not count.
      const copy = sales.printCount(saleId) > 0;
      const printed = await deps.receipts.printLines(deps.layout(sale, language, copy, deps.receipts.columns));
      sales.notePrinted(saleId);
      return { ...printed, copy };
    },
    'drawer.open': ({ reason }, ctx) => deps.openDrawer(reason, who(ctx)),
  };
}
