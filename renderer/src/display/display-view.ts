/**
 * What the customer display shows, derived from main's `display.updated`
 * payload. Pure (no DOM), so a unit test can pin it.
 */
import type { PaymentAction } from '../../../shared/contract/schemas';
import type { DisplayUpdate } from '../../../shared/contract/display-client';

/** One line as the customer reads it. */
export interface DisplayLine {
  id: string;
  name: string;
  quantity: number;
  /** The line's price after its discounts. */
  net: number;
}

/** What to pay with, as shown to the customer: never a URL (a redirect link is useless across a counter). */
export type DisplayInstruction =
  | { kind: 'qr'; qrString: string }
  | { kind: 'va'; bank: string; vaNumber: string }
  | { kind: 'bill'; billerCode: string; billKey: string }
  | { kind: 'paycode'; store: string; paymentCode: string }
  | { kind: 'wait' };

export type DisplayScreen =
  | { kind: 'welcome' }
  | { kind: 'sale'; lines: DisplayLine[]; total: number; paid: number; due: number; instruction: DisplayInstruction | null; amount: number | null }
  | { kind: 'paid'; total: number; change: number };

/** The instruction for an open tender's action (a deeplink becomes "wait": the cashier's screen says what to do). */
export function instructionOf(action: PaymentAction | null): DisplayInstruction | null {
  if (!action) return { kind: 'wait' };
  switch (action.kind) {
    case 'qr':
      return { kind: 'qr', qrString: action.qrString };
    case 'va':
      return { kind: 'va', bank: action.bank, vaNumber: action.vaNumber };
    case 'bill':
      return { kind: 'bill', billerCode: action.billerCode, billKey: action.billKey };
    case 'paycode':
      return { kind: 'paycode', store: action.store, paymentCode: action.paymentCode };
    case 'deeplink':
      return { kind: 'wait' };
    case 'cash':
      return null;
  }
}

/** The screen for a payload: welcome (no sale, an empty or voided one), the sale with what to pay, or paid. */
export function screenOf(update: DisplayUpdate | null): DisplayScreen {
  const sale = update?.sale;
  if (!sale || sale.status === 'voided') return { kind: 'welcome' };
  if (sale.status === 'paid') return { kind: 'paid', total: sale.total, change: sale.change };
  if (sale.lines.length === 0) return { kind: 'welcome' };
  const open = sale.tenders.find((t) => t.counts === 'open') ?? null;
  return {
    kind: 'sale',
    lines: sale.quote.lines.map((l) => ({ id: l.id, name: l.name, quantity: l.quantity, net: l.net })),
    total: sale.total,
    paid: sale.paid,
    due: sale.total - sale.paid,
    instruction: open ? instructionOf(open.payment.action) : null,
    amount: open ? open.amount : null,
  };
}
