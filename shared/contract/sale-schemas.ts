/**
 * The sale as it crosses the boundary (issue 10): what the cashier sends to
 * build one (`sales.*` inputs) and main's view of it (`SaleView`), which the
 * till and the customer display render. Main prices every sale; the view
 * carries the priced quote, each tender and what is still due.
 */
import { z } from 'zod';
import { discountSchema } from '../domain/pricing/schemas';
import { PRICING_LIMITS } from '../domain/pricing/limits';
import { PRICE_MODES, TAX_CLASSES } from '../domain/pricing/types';
import { paymentId, paymentMethod, paymentView, printableText, rupiah } from './schemas';

/** A sale's id (its order id). */
export const saleId = z.string().regex(/^[A-Za-z0-9_~.-]{1,50}$/, 'sale id has invalid characters');

/** A line id: chosen by the renderer (unique within the sale), kept by main. */
export const saleLineId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'line id has invalid characters');

/**
 * One line as the cashier builds it: which product (by SKU) and how many,
 * with an optional discount. Name, shelf price and tax class come from the
 * catalogue in main: the renderer never sets a price.
 */
export const saleLineInput = z.strictObject({
  id: saleLineId,
  sku: z.string().trim().min(1).max(50),
  quantity: z.number().int('quantities are whole units').min(1).max(PRICING_LIMITS.quantityMax),
  discount: discountSchema.nullable().default(null),
});
export type SaleLineInput = z.input<typeof saleLineInput>;

/** A draft line as main recorded it (catalogue values copied in when the line was set). */
export const saleLine = z.strictObject({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  unitPrice: rupiah,
  quantity: z.number().int().min(1),
  taxClass: z.enum(TAX_CLASSES),
  discount: discountSchema.nullable(),
});
export type SaleLine = z.infer<typeof saleLine>;

const quoteLine = z.strictObject({
  ...saleLine.omit({ discount: true }).shape,
  gross: rupiah,
  lineDiscount: rupiah,
  saleDiscountShare: rupiah,
  net: rupiah,
});

const quoteDiscount = z.strictObject({
  scope: z.enum(['line', 'sale']),
  lineId: z.string().nullable(),
  reason: z.string(),
  kind: z.enum(['percent', 'amount']),
  basisPoints: z.number().int().nullable(),
  amount: rupiah,
  appliedTo: rupiah,
  shares: z.array(rupiah),
});

const quoteTax = z.strictObject({
  taxClass: z.enum(['standard', 'luxury']),
  kind: z.enum(['pb1', 'ppn']),
  rateBasisPoints: z.number().int().min(0),
  base: rupiah,
  dpp: rupiah,
  tax: rupiah,
  included: rupiah,
  added: rupiah,
});

/** pricing's `Quote` (shared/domain/pricing/types.ts), as a schema. */
export const quoteSchema = z.strictObject({
  priceMode: z.enum(PRICE_MODES),
  taxKind: z.enum(['none', 'pb1', 'ppn']),
  lines: z.array(quoteLine),
  subtotal: rupiah,
  discounts: z.array(quoteDiscount),
  lineDiscountTotal: rupiah,
  saleDiscountTotal: rupiah,
  discountTotal: rupiah,
  afterDiscounts: rupiah,
  service: z.strictObject({ rateBasisPoints: z.number().int(), taxed: z.boolean(), base: rupiah, amount: rupiah }).nullable(),
  serviceAmount: rupiah,
  taxes: z.array(quoteTax),
  taxBase: rupiah,
  taxTotal: rupiah,
  taxIncluded: rupiah,
  taxAdded: rupiah,
  total: rupiah,
});

/**
 * One tender of a sale: a payment (cash or electronic) covering `applied`
 * rupiah of the total. `amount` is what was charged (cash: `applied` plus
 * the rounding, which is ≤ 0); `received` and `change` are cash only.
 */
export const tenderView = z.strictObject({
  seq: z.number().int().min(1),
  paymentId: z.string(),
  method: paymentMethod,
  /** The payment's own status; `counts` says whether it covers its part now. */
  status: paymentView.shape.status,
  /** paid (settlement/capture, also after a later refund) or still open; a failed/expired/cancelled tender does not count. */
  counts: z.enum(['paid', 'open', 'no']),
  applied: rupiah,
  rounding: z.number().int().max(0),
  amount: rupiah,
  received: rupiah.nullable(),
  change: rupiah.nullable(),
  /** Returned from the drawer for this tender (drawer refunds / void returns). */
  drawerRefunded: rupiah,
  /** The cashier stopped waiting for it (`sales.abandonTender`): it no longer counts as open; main cancels it in the background. */
  abandoned: z.boolean(),
  /** Abandoned and not yet final at the gateway: the background cancel is still trying ("membatalkan…"). */
  cancelling: z.boolean(),
  payment: paymentView,
});
export type TenderView = z.infer<typeof tenderView>;

/** Cash taken out of the drawer: a refund from the drawer, cash handed back on a void, a "no sale" opening. */
export const drawerMovementView = z.strictObject({
  id: z.number().int(),
  kind: z.enum(['refund', 'void_return', 'no_sale']),
  saleId: z.string().nullable(),
  paymentId: z.string().nullable(),
  amount: rupiah,
  reason: z.string(),
  createdAt: z.string(),
  actorName: z.string().nullable(),
});
export type DrawerMovementView = z.infer<typeof drawerMovementView>;

/** What settling the rest of the sale in cash would take (absent when nothing is due). */
export const cashDueView = z.strictObject({
  /** The shop's rounding step (0: none). */
  step: z.number().int().min(0),
  /** The rest of the sale, to the rupiah. */
  exact: rupiah,
  /** What the cashier asks for in cash (rounded down to the step). */
  due: rupiah,
  /** due − exact (≤ 0): printed as "Pembulatan". */
  rounding: z.number().int().max(0),
  /** Exact, then the next Rp 5.000 / 10.000 / 20.000 / 50.000 / 100.000 that covers it. */
  quickNotes: z.array(rupiah),
});

/**
 * Main's view of a sale. `open`: being built or tendered; `paid`: every
 * tender paid and the total covered (receipt number drawn); `voided`.
 */
export const saleView = z.strictObject({
  id: saleId,
  tillId: z.string(),
  status: z.enum(['open', 'paid', 'voided']),
  /** "K1-000042" once paid; null before (and for voided sales). */
  receiptNo: z.string().nullable(),
  lines: z.array(saleLine),
  saleDiscounts: z.array(discountSchema),
  quote: quoteSchema,
  total: rupiah,
  /** Σ applied of paid tenders. */
  paid: rupiah,
  /** Σ applied of open (pending/creating) tenders. */
  pending: rupiah,
  /** total − paid − pending: what no tender covers yet. */
  remaining: rupiah,
  /** Σ cash rounding of the sale's tenders (≤ 0). */
  rounding: z.number().int().max(0),
  /** Σ change handed out. */
  change: rupiah,
  tenders: z.array(tenderView),
  cash: cashDueView.nullable(),
  /** Lines and discounts may change: open, and no tender open or paid. */
  editable: z.boolean(),
  drawerMovements: z.array(drawerMovementView),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** Who opened it (staff name as it is now); null for the till. */
  actorName: z.string().nullable(),
  /** Emulator sales are demo money. */
  demo: z.boolean(),
});
export type SaleView = z.infer<typeof saleView>;

/**
 * A tender the cashier abandoned that its customer paid anyway, waiting for
 * the owner's decision (`sales.resolveLatePayment`).
 */
export const latePayment = z.strictObject({
  saleId,
  /** The sale's receipt number when it was settled (by this or another tender); null while open or voided. */
  receiptNo: z.string().nullable(),
  paymentId: z.string(),
  method: paymentMethod,
  amount: rupiah,
  paidAt: z.string().nullable(),
});
export type LatePayment = z.infer<typeof latePayment>;

/** A line of a sale list (history). */
export const saleSummary = z.strictObject({
  id: saleId,
  status: saleView.shape.status,
  receiptNo: z.string().nullable(),
  total: rupiah,
  methods: z.array(paymentMethod),
  tenderCount: z.number().int().min(0),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  drawerRefunded: rupiah,
});
export type SaleSummary = z.infer<typeof saleSummary>;

/** One laid-out receipt line: the screen shows exactly what the printer prints. */
export const receiptLine = z.strictObject({
  text: z.string(),
  align: z.enum(['left', 'center']),
  bold: z.boolean(),
});

/** A sale's receipt, laid out in main for a roll of `columns` characters. */
export const saleReceipt = z.strictObject({
  saleId,
  receiptNo: z.string(),
  copy: z.boolean(),
  columns: z.number().int(),
  lines: z.array(receiptLine),
});
export type SaleReceipt = z.infer<typeof saleReceipt>;

const reason = printableText('reason', 255);

/** Inputs of the sales channels (spread into channels.ts). */
export const saleInputs = {
  setLines: z.strictObject({
    saleId,
    lines: z.array(saleLineInput).max(PRICING_LIMITS.linesMax),
    saleDiscounts: z.array(discountSchema).max(PRICING_LIMITS.saleDiscountsMax).default([]),
  }),
  addTender: z.strictObject({
    saleId,
    method: paymentMethod,
    /** Electronic: the part to charge (default: all that remains). Cash: ignored (use `received`). */
    amount: rupiah.min(1).optional(),
    /** Cash: what the customer handed over (default: exactly what is due). Less than due = a partial cash tender. */
    received: rupiah.optional(),
  }),
  cancelTender: z.strictObject({ saleId, paymentId }),
  abandonTender: z.strictObject({ saleId, paymentId }),
  resolveLatePayment: z.strictObject({ paymentId, decision: z.enum(['keep', 'refund']) }),
  void: z.strictObject({ saleId, reason }),
  refundToDrawer: z.strictObject({ saleId, paymentId, amount: rupiah.min(1).optional(), reason }),
  openDrawer: z.strictObject({ reason }),
};

