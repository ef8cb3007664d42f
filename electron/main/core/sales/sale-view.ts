/**
 * A sale's rows as the renderer sees them (`SaleView`, `SaleSummary`): pure
 * mapping, given the sale row, its tenders with their payments' views, its
 * drawer movements and the till's cash rounding step. What is still due in
 * cash (rounding, quick notes) comes from `shared/domain/pricing`.
 */
import type { DrawerMovementView, SaleSummary, SaleView, TenderView } from '../../../../shared/contract/sale-schemas';
import type { PaymentView } from '../../../../shared/contract/schemas';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { cashRounding, quickNotes, type CashRoundingStep, type Quote } from '../../../../shared/domain/pricing';
import type { DrawerMovementRow, SaleRow, SaleTenderRow } from '../ledger/rows';
import { parseStoredDraft } from './sale-draft';
import { countsOf, isEditable, saleTotals, tenderCounts } from './tender-state';

/** A tender row with its payment as the engine shows it. */
export interface TenderParts {
  row: SaleTenderRow;
  payment: PaymentView;
}

/** Everything a sale's view is made of. */
export interface SaleViewParts {
  sale: SaleRow;
  tenders: readonly TenderParts[];
  movements: readonly DrawerMovementRow[];
  step: CashRoundingStep;
  /** The staff member's name now (null for the till or someone unknown). */
  actorName: (actorId: string) => string | null;
  /** Emulator money. */
  demo: boolean;
}

/** "K1-000042": the till id and the number, zero-padded to six digits. */
export function formatReceiptNo(tillId: string, n: number): string {
  return `${tillId}-${String(n).padStart(6, '0')}`;
}

/** The quote stored with the sale. */
export function quoteOf(sale: SaleRow): Quote {
  return JSON.parse(sale.quote) as Quote;
}

function movementView(m: DrawerMovementRow, actorName: (id: string) => string | null): DrawerMovementView {
  return { id: m.id, kind: m.kind, saleId: m.sale_id, paymentId: m.payment_id, amount: m.amount, reason: m.reason, createdAt: m.created_at, actorName: actorName(m.actor) };
}

function tenderView(t: TenderParts, movements: readonly DrawerMovementRow[]): TenderView {
  const drawerRefunded = movements
    .filter((m) => m.payment_id === t.row.payment_id && (m.kind === 'refund' || m.kind === 'void_return'))
    .reduce((sum, m) => sum + m.amount, 0);
  return {
    seq: t.row.seq,
    paymentId: t.row.payment_id,
    method: t.payment.method,
    status: t.payment.status,
    counts: countsOf(factsOf(t)),
    applied: t.row.applied,
    rounding: t.row.rounding,
    amount: t.payment.amount,
    received: t.row.received,
    change: t.row.change_given,
    drawerRefunded,
    abandoned: t.row.abandoned_at != null,
    // Abandoned and still open at the gateway: the background cancel has not finished.
    cancelling: t.row.abandoned_at != null && tenderCounts(t.payment.status) === 'open',
    payment: t.payment,
  };
}

/** What the totals need of a tender and its payment's view. */
function factsOf(t: TenderParts) {
  return {
    paymentId: t.row.payment_id, method: t.payment.method, status: t.payment.status, applied: t.row.applied, rounding: t.row.rounding, change: t.row.change_given,
    abandoned: t.row.abandoned_at != null, lateDecision: t.row.late_decision ?? null,
  };
}

/** The full view of one sale. */
export function saleViewOf(p: SaleViewParts): SaleView {
  const { sale } = p;
  // A closed sale's draft may be compacted (its lines are then the quote's: sale-draft.ts).
  const draft = parseStoredDraft(sale.draft, () => quoteOf(sale));
  const facts = p.tenders.map(factsOf);
  const totals = saleTotals(sale.total, facts);
  const open = sale.status === 'open';
  const cash = open && totals.remaining > 0 ? cashDue(totals.remaining, p.step) : null;
  return {
    id: sale.id,
    tillId: sale.till_id,
    status: sale.status,
    receiptNo: sale.receipt_no === null ? null : formatReceiptNo(sale.till_id, sale.receipt_no),
    lines: draft.lines,
    saleDiscounts: draft.saleDiscounts,
    quote: quoteOf(sale),
    total: sale.total,
    paid: totals.paid,
    pending: totals.pending,
    remaining: open ? totals.remaining : 0,
    rounding: totals.rounding,
    change: totals.change,
    tenders: p.tenders.map((t) => tenderView(t, p.movements)),
    cash,
    editable: open && isEditable(facts),
    drawerMovements: p.movements.map((m) => movementView(m, p.actorName)),
    openedAt: sale.opened_at,
    updatedAt: sale.updated_at,
    closedAt: sale.closed_at,
    voidReason: sale.void_reason,
    actorName: p.actorName(sale.actor),
    demo: p.demo,
  };
}

/** What settling `exact` in cash takes. */
function cashDue(exact: number, step: CashRoundingStep): NonNullable<SaleView['cash']> {
  const { due, adjustment } = cashRounding(exact, step);
  return { step, exact, due, rounding: adjustment, quickNotes: quickNotes(due) };
}

/** A sale as a history line. */
export function saleSummaryOf(view: SaleView): SaleSummary {
  const counted = view.tenders.filter((t) => t.counts !== 'no');
  const methods = [...new Set(counted.map((t) => t.method))] as PaymentMethod[];
  return {
    id: view.id,
    status: view.status,
    receiptNo: view.receiptNo,
    total: view.total,
    methods,
    tenderCount: counted.length,
    openedAt: view.openedAt,
    closedAt: view.closedAt,
    drawerRefunded: view.tenders.reduce((sum, t) => sum + t.drawerRefunded, 0),
  };
}
