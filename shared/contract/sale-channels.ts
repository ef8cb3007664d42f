/**
 * The sales channels (issue 10): main owns the current sale. The renderer
 * sends what the cashier did (lines by SKU, discounts, a tender) and renders
 * the `SaleView` main answers and pushes (`sale.updated`). Spread into
 * `channels` (channels.ts); `sales.void` and `sales.refundToDrawer` are
 * privileged there.
 */
import { z } from 'zod';
import { approval } from './staff-schemas';
import { latePayment, saleId, saleInputs, saleReceipt, saleSummary, saleView } from './sale-schemas';
import { shopDay } from './schemas';

const withApproval = { approval: approval.optional() };
const language = z.enum(['id', 'en']);

export const saleChannels = {
  /** The till's open sale, or null when there is none (after a paid or voided sale, before the next). */
  'sales.current': {
    input: z.strictObject({}).optional(),
    output: saleView.nullable(),
  },
  /** The till's open sale if there is one, else a new empty sale. */
  'sales.open': {
    input: z.strictObject({}).optional(),
    output: saleView,
  },
  /** One sale by id (history, receipts). NOT_FOUND if unknown. */
  'sales.get': {
    input: z.strictObject({ saleId }),
    output: saleView,
  },
  /** Recent sales, newest first; `day` narrows to one shop day. */
  'sales.list': {
    input: z.strictObject({ day: shopDay.optional(), limit: z.number().int().min(1).max(500).default(50) }).optional(),
    output: z.array(saleSummary),
  },
  /**
   * Replaces the lines and sale discounts of an open sale with no tender open
   * or paid (CONFLICT otherwise) and answers the priced sale. A discount
   * above the owner's threshold needs the owner (PIN_REQUIRED unless the
   * caller is the owner or `approval` is the owner's).
   */
  'sales.setLines': {
    input: saleInputs.setLines.extend(withApproval),
    output: saleView,
  },
  /**
   * Adds a tender: cash (settles at once; rounding, change and a drawer kick)
   * or an electronic charge of `amount` (default: the rest). Refused before
   * any network call when the method cannot carry the amount (a QRIS tender
   * above Rp 10.000.000: AMOUNT_INVALID, split it) or another tender is open.
   * A sale that totals Rp 0 is completed by a cash tender of nothing.
   */
  'sales.addTender': {
    input: saleInputs.addTender,
    output: saleView,
  },
  /** Cancels an open electronic tender at the gateway; the sale stays open for another tender. */
  'sales.cancelTender': {
    input: saleInputs.cancelTender,
    output: saleView,
  },
  /**
   * The cashier stops waiting for an open tender (creating or pending), or
   * switches method: the tender stops counting at once (its part is due
   * again; lines editable again if nothing is paid) and main cancels it at
   * the gateway in the background (retried while Midtrans is unreachable; a
   * charge that never answered is first resolved by status, never sent
   * twice). If its customer pays it anyway: `app.notice` `abandoned_tender_paid`
   * and `sales.latePayments` lists it until the owner decides.
   */
  'sales.abandonTender': {
    input: saleInputs.abandonTender,
    output: saleView,
  },
  /** Abandoned tenders that were paid anyway and await the owner's decision, oldest first. */
  'sales.latePayments': {
    input: z.strictObject({}).optional(),
    output: z.array(latePayment),
  },
  /**
   * The owner's decision on a late payment: `refund` (through Midtrans for
   * QRIS/e-wallet, else from the drawer) or `keep` (it counts against its
   * sale if still open; if the sale was settled otherwise the same amount
   * goes back to the customer from the drawer). Owner. Answers the sale.
   */
  'sales.resolveLatePayment': {
    input: saleInputs.resolveLatePayment.extend(withApproval),
    output: saleView,
  },
  /**
   * Voids an open sale (before the goods are handed over): open electronic
   * tenders cancelled at the gateway, paid ones refunded (QRIS/e-wallet
   * through Midtrans, cash and VA/store codes from the drawer). Owner.
   */
  'sales.void': {
    input: saleInputs.void.extend(withApproval),
    output: saleView,
  },
  /**
   * Pays a paid cash, VA or store-code tender back from the drawer (all or
   * `amount`), recorded as a drawer movement with who and why; QRIS and
   * e-wallet refunds go through `payments.refund`. Owner.
   */
  'sales.refundToDrawer': {
    input: saleInputs.refundToDrawer.extend(withApproval),
    output: saleView,
  },
  /** A paid sale's receipt laid out for the till's roll (`copy`: marked as a copy, for reprints). */
  'sales.receipt': {
    input: z.strictObject({ saleId, language, copy: z.boolean().default(false) }),
    output: saleReceipt,
  },
  /** Prints a paid sale's receipt; every print after the first is marked as a copy. PRINTER_UNAVAILABLE without a printer. */
  'sales.printReceipt': {
    input: z.strictObject({ saleId, language }),
    output: z.strictObject({ printed: z.literal(true), bytes: z.number().int().min(1), copy: z.boolean() }),
  },
  /** "No sale": opens the cash drawer with a reason, audited. PRINTER_UNAVAILABLE when no printer (the drawer hangs off it). */
  'drawer.open': {
    input: saleInputs.openDrawer,
    output: z.strictObject({ opened: z.literal(true) }),
  },
} as const;
