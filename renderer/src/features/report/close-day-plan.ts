/**
 * What the close-day panel offers, worked out from the main process's answers
 * (the day's report, past closings, days still open) and the owner's picks.
 * Pure (no React, no `window.kasir`) so the rules are unit-tested in plain Node;
 * `use-close-day.ts` holds the state and calls.
 */
import type { DayClosing, DayReport } from '../../../../shared/contract/schemas';
import { parseRupiah } from '../../components/rupiah-input';

/** Everything the plan is derived from. */
export interface CloseDayFacts {
  report: Pick<DayReport, 'day' | 'paidCount'> & Partial<Pick<DayReport, 'saleCount'>>;
  /** Past closings as `reports.closings` returned them. */
  closings: readonly DayClosing[];
  /** `reports.unclosedDays`: earlier days with payments and no closing. */
  unclosed: readonly string[];
  /** The day the owner picked to close; null follows the default. */
  pickedDay: string | null;
  /** The closing the owner opened; null shows the report's day. */
  selectedDay: string | null;
}

/** What the panel shows and which day each button acts on. */
export interface CloseDayPlan {
  /** The report's day's own closing, once that day is closed. */
  todayClosing: DayClosing | null;
  /** Days that may be closed now, in the order offered. */
  closable: string[];
  /** The day "Close day" closes; null when nothing is left to close. */
  target: string | null;
  /** An earlier day than the report's is still open (the panel then offers a choice of day). */
  earlierOpen: boolean;
  /** The Z-report on show, if the selected day is closed. */
  shown: DayClosing | null;
  /** The day "Export" exports: the selected closing, else the report's day. */
  exportDay: string;
  /**
   * Paid sales rung up after the report's day was closed: they belong to no
   * Z-report. Sales when both sides counted them, else payments (a closing
   * written before v9).
   */
  salesAfterClose: number;
}

/** Derives the plan; never calls anything. */
export function planCloseDay({ report, closings, unclosed, pickedDay, selectedDay }: CloseDayFacts): CloseDayPlan {
  const todayClosing = closings.find((c) => c.day === report.day) ?? null;
  // Earlier days still open come first, oldest first (the order a shop closes them in); today last,
  // offered even without sales. A day newer than the report's is skipped until the report catches up.
  const closable = [
    ...unclosed.filter((d) => d < report.day && !closings.some((c) => c.day === d)).sort(),
    ...(todayClosing ? [] : [report.day]),
  ];
  const target = pickedDay !== null && closable.includes(pickedDay) ? pickedDay : (closable[0] ?? null);
  const exportDay = selectedDay ?? report.day;
  return {
    todayClosing,
    closable,
    target,
    earlierOpen: closable.some((d) => d !== report.day),
    shown: closings.find((c) => c.day === exportDay) ?? null,
    exportDay,
    salesAfterClose: todayClosing ? salesSince(report, todayClosing) : 0,
  };
}

function salesSince(report: CloseDayFacts['report'], closing: DayClosing): number {
  if (report.saleCount !== undefined && closing.saleCount != null) return report.saleCount - closing.saleCount;
  return report.paidCount - closing.paidCount;
}

/** The counted drawer as typed: empty means "not counted", anything else must be whole rupiah. */
export function parseCountedCash(text: string): { countedCash: number | null; invalid: boolean } {
  if (text.trim() === '') return { countedCash: null, invalid: false };
  const countedCash = parseRupiah(text);
  return { countedCash, invalid: countedCash === null };
}
