/**
 * Cash at the counter: rounding the amount due (cash tenders only), the quick
 * note buttons, and change. Electronic tenders are never rounded: QRIS and the
 * rest are charged to the rupiah, so rounding can never become a surcharge.
 */
import { PAYMENT_METHOD_SPECS, type PaymentMethod } from '../payment-methods';

/** The cash rounding steps a shop may choose (0: none). */
export const CASH_ROUNDING_STEPS = [0, 100, 500, 1_000] as const;
export type CashRoundingStep = (typeof CASH_ROUNDING_STEPS)[number];

/** The note values the quick buttons round up to. */
export const QUICK_NOTE_VALUES = [5_000, 10_000, 20_000, 50_000, 100_000] as const;

/** An amount due after cash rounding. `adjustment` (≤ 0) is printed on the receipt as "Pembulatan". */
export interface RoundedDue {
  due: number;
  adjustment: number;
}

/**
 * Rounds a cash amount DOWN to the step, in the customer's favour: the
 * customer never pays more than the price (consumer protection, UU 8/1999,
 * and the long-running complaints about shops keeping small change), and the
 * shop absorbs at most step − 1 rupiah. An amount smaller than one step is not
 * rounded (rounding it to Rp 0 would give the goods away).
 */
export function cashRounding(total: number, step: CashRoundingStep): RoundedDue {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`not a rupiah amount: ${total}`);
  if (!CASH_ROUNDING_STEPS.includes(step)) throw new RangeError(`not a cash rounding step: ${step}`);
  if (step === 0 || total < step) return { due: total, adjustment: 0 };
  const due = total - (total % step);
  return { due, adjustment: due - total };
}

/**
 * What a tender of `amount` by `method` asks the customer for: cash is
 * rounded by the shop's step, every other family is charged exactly.
 */
export function tenderDue(amount: number, method: PaymentMethod, step: CashRoundingStep): RoundedDue {
  if (PAYMENT_METHOD_SPECS[method].family !== 'cash') return cashRounding(amount, 0);
  return cashRounding(amount, step);
}

/**
 * The quick-cash buttons for an amount due (pass the cash-rounded due):
 * exact, then for each of Rp 5.000 / 10.000 / 20.000 / 50.000 / 100.000 the
 * smallest multiple that covers the amount; ascending, no duplicates.
 */
export function quickNotes(total: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`not a rupiah amount: ${total}`);
  const options = [total, ...QUICK_NOTE_VALUES.map((note) => roundUpTo(total, note))];
  return [...new Set(options)].sort((a, b) => a - b);
}

function roundUpTo(amount: number, note: number): number {
  const rest = amount % note;
  return rest === 0 ? amount : amount + (note - rest);
}

/** Cash handed over against what was due: the change to give, or how much is still short. */
export type CashChange = { kind: 'change'; change: number } | { kind: 'short'; short: number };

/** Change due for `received` against `due` (both whole rupiah). */
export function changeDue(received: number, due: number): CashChange {
  for (const v of [received, due]) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`not a rupiah amount: ${v}`);
  }
  return received >= due ? { kind: 'change', change: received - due } : { kind: 'short', short: due - received };
}
