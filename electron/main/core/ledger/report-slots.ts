/**
 * The day reports' numbers as the ledger keeps them per 15-minute UTC slot
 * (v15: `report_method_slots`, `report_slots`, `report_bare_paid`, kept by
 * triggers in the same transaction as every change to a payment, tender or
 * sale). A report of whole slots reads a day's ~100 rows instead of every
 * payment of it, so its cost does not grow with the day (30,000 payments a
 * day: ~50–60 ms → ~1 ms). SalesQueries answers from here when its window
 * is whole slots (a shop's day always is) and from the payments otherwise;
 * test/unit/ledger-report-slots.test.ts checks that both agree.
 */
import type { Database } from './open-ledger';
import type { PaymentMethod } from '../../../../shared/domain/payment';

/** The length of a slot: 15 minutes, in seconds (every zone offset in use is a whole number of them). */
export const SLOT_SECONDS = 900;

const SLOT_MS = SLOT_SECONDS * 1000;

/** A window [from, to) as slot numbers (Unix seconds / 900), or null when either end is not on a slot boundary. */
export function slotSpan(fromIso: string, toIso: string): { from: number; to: number } | null {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from % SLOT_MS !== 0 || to % SLOT_MS !== 0) return null;
  return { from: from / SLOT_MS, to: to / SLOT_MS };
}

/** Tenders paid in one slot with one method. */
export type MethodSlot = [method: PaymentMethod, slot: number, count: number, total: number];

/** Prepared reads of the slot tables, over [from, to) in slot numbers. */
export class ReportSlots {
  private readonly paid;
  private readonly slotCounts;
  private readonly bareOrders;
  private readonly cash;

  constructor(db: Database) {
    // A slot whose tenders were all un-paid again (a reversal) keeps a row of zeros: it is not a paid slot.
    this.paid = db.prepare<[number, number], MethodSlot>(
      'SELECT method, slot, count, total FROM report_method_slots WHERE slot >= ? AND slot < ? AND count <> 0',
    ).raw();
    this.slotCounts = db.prepare<[number, number], { open: number; failed: number; sales: number }>(
      `SELECT COALESCE(SUM(open_count), 0) AS open, COALESCE(SUM(failed_count), 0) AS failed, COALESCE(SUM(sale_count), 0) AS sales
       FROM report_slots WHERE slot >= ? AND slot < ?`,
    );
    // An order without a sale is counted once however many of its payments were paid in the window.
    this.bareOrders = db.prepare<[string, string], number>(
      'SELECT COUNT(DISTINCT order_id) FROM report_bare_paid WHERE paid_at >= ? AND paid_at < ?',
    ).pluck();
    this.cash = db.prepare<[number, number], { received: number; change: number; rounding: number }>(
      `SELECT COALESCE(SUM(cash_received), 0) AS received, COALESCE(SUM(cash_change), 0) AS change,
         COALESCE(SUM(cash_rounding), 0) AS rounding
       FROM report_method_slots WHERE method = 'cash' AND slot >= ? AND slot < ?`,
    );
  }

  /** Paid tenders per method and slot (no row for a slot and method with none). */
  paidByMethodAndSlot(from: number, to: number): MethodSlot[] {
    return this.paid.all(from, to);
  }

  /**
   * Payments started in the window that are open / ended unpaid, and sales
   * closed as paid in it plus the orders without a sale paid in it (`fromIso`
   * and `toIso` are the same window as text).
   */
  counts(from: number, to: number, fromIso: string, toIso: string): { pending: number; failed: number; sales: number } {
    const c = this.slotCounts.get(from, to) ?? { open: 0, failed: 0, sales: 0 };
    return { pending: c.open, failed: c.failed, sales: c.sales + (this.bareOrders.get(fromIso, toIso) ?? 0) };
  }

  /** Cash received, change and rounding of the cash tenders paid in the window. */
  cashFlow(from: number, to: number): { received: number; change: number; rounding: number } {
    return this.cash.get(from, to) ?? { received: 0, change: 0, rounding: 0 };
  }
}
