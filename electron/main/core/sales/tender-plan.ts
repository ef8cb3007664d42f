/**
 * Planning one tender (pure): what a cash tender takes, rounds and gives back,
 * and what an electronic tender charges and sends to Midtrans. Every amount
 * comes from `shared/domain/pricing` (cashRounding, changeDue, itemDetailsFor);
 * this file only decides which rule applies.
 *
 * - **Cash** pays the rest: `exact` = what no tender covers yet, rounded DOWN
 *   by the shop's step to `due` (cash only, and only on the tender that
 *   settles the rest). Received ≥ due: it covers `exact` (applied), the
 *   drawer keeps `due` (the payment's amount) and the change is received − due.
 *   Received < due: a partial cash tender of exactly what was handed over,
 *   never rounded, no change. Nothing received is refused.
 * - **Electronic** charges `amount` (default: the rest), 1 ≤ amount ≤ rest,
 *   within the method's limits: above its per-payment maximum (QRIS:
 *   Rp 10.000.000) the cashier is told to split (`split_needed`). A tender of
 *   the whole total sends the full breakdown; a smaller one sends one line
 *   "Pembayaran sebagian <sale> (i/n)" with i = the tender's sequence number
 *   and n = i when it pays the rest, else i + 1 (at least one more part is
 *   needed; how many is unknown until they are made).
 */
import { amountLimitViolation, type PaymentMethod } from '../../../../shared/domain/payment-methods';
import { cashRounding, changeDue, itemDetailsFor, type CashRoundingStep, type MidtransItem, type Quote, type TenderPart } from '../../../../shared/domain/pricing';
import { refuseAmountOutsideLimits } from '../payments/amount-limit';
import { saleErrors } from './sale-errors';

/** A cash tender as planned. */
export interface CashPlan {
  /** Part of the sale total it covers. */
  applied: number;
  /** What the drawer keeps (the payment's amount): applied + rounding. */
  amount: number;
  /** Cash rounding (≤ 0), only when it settles the rest. */
  rounding: number;
  received: number;
  change: number;
  /** True when nothing is left uncovered after it. */
  settlesRest: boolean;
}

/**
 * Plans cash against `exact` (≥ 1: what no tender covers yet). `received`
 * defaults to exactly what is due.
 */
export function planCash(exact: number, received: number | undefined, step: CashRoundingStep): CashPlan {
  if (!Number.isSafeInteger(exact) || exact < 1) throw new RangeError(`nothing to pay in cash: ${exact}`);
  const { due, adjustment } = cashRounding(exact, step);
  const given = received ?? due;
  if (given <= 0) throw saleErrors.cashZero();
  const outcome = changeDue(given, due);
  if (outcome.kind === 'change') {
    return { applied: exact, amount: due, rounding: adjustment, received: given, change: outcome.change, settlesRest: true };
  }
  // Partial cash: taken as typed, never rounded (the rounding belongs to the tender that settles the rest).
  return { applied: given, amount: given, rounding: 0, received: given, change: 0, settlesRest: false };
}

/** An electronic tender as planned. */
export interface ElectronicPlan {
  amount: number;
  /** Exactly what Midtrans gets as item_details (Σ price × quantity = amount). */
  items: MidtransItem[];
  /** Its place in a split sale; null when it pays the whole total. */
  part: TenderPart | null;
}

/** Where the sale stands when an electronic tender is planned. */
export interface ElectronicContext {
  quote: Quote;
  /** What no tender covers yet. */
  remaining: number;
  /** This tender's sequence number. */
  seq: number;
  /** The sale's reference for the partial line (its id). */
  saleRef: string;
}

/** Plans an electronic tender of `amount` (default: the rest); refuses what the method cannot carry before anything is written. */
export function planElectronic(method: PaymentMethod, requested: number | undefined, ctx: ElectronicContext): ElectronicPlan {
  if (ctx.remaining < 1) throw saleErrors.nothingDue();
  const amount = requested ?? ctx.remaining;
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > ctx.remaining) throw saleErrors.tenderRange(ctx.remaining);
  const violation = amountLimitViolation(method, amount);
  if (violation && violation.max !== null && amount > violation.max) throw saleErrors.splitNeeded(method, violation.max, amount);
  refuseAmountOutsideLimits(method, amount);
  const part = amount === ctx.quote.total ? null : partOf(ctx.seq, ctx.remaining - amount, ctx.saleRef);
  return { amount, items: itemDetailsFor(ctx.quote, amount, part ?? undefined), part };
}

/** "i of n": n = i when nothing is left after this part, else i + 1; always at least 2 parts. */
export function partOf(seq: number, restAfter: number, saleRef: string): TenderPart {
  const count = restAfter === 0 ? Math.max(seq, 2) : seq + 1;
  return { saleRef, index: Math.min(seq, count), count };
}
