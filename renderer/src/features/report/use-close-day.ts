/**
 * The close-day panel's data and actions: past closings and days still open
 * (reloaded when the shop day turns over), the counted drawer, the confirm
 * step, closing a day and exporting one as CSV. The main process decides
 * everything (what the day is, whether it may be closed); this hook only asks
 * and keeps the answers, and `close-day-panel.tsx` only shows them.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DayClosing, DayReport } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { withApproval } from '../../stores/approval-store';
import { parseCountedCash, planCloseDay, type CloseDayPlan } from './close-day-plan';
import { downloadText } from './download';

/** Enough history for a month of Z-reports on screen; older ones stay in the ledger. */
const HISTORY_LIMIT = 31;

/** Everything the close-day panel shows, and what its controls do. */
export interface CloseDay extends CloseDayPlan {
  /** Past closings, most recent first. */
  closings: DayClosing[];
  /** The counted drawer as typed. */
  counted: string;
  /** The count is not whole rupiah: closing is blocked until it is fixed or cleared. */
  countInvalid: boolean;
  /** The owner pressed "Close day" and is asked to confirm. */
  confirming: boolean;
  /** A call is in flight: buttons are off. */
  busy: boolean;
  /** The last failed call, worded by `ErrorMessage`. */
  problem: Err | null;
  setCounted(text: string): void;
  /** Picks which open day to close. */
  pickDay(day: string): void;
  /** Opens a past closing's Z-report. */
  selectClosing(day: string): void;
  /** "Close day": ask for confirmation. */
  askConfirm(): void;
  /** "Back" from the confirm step. */
  back(): void;
  /** Closes the target day; `force` closes it with payments still open. */
  close(force: boolean): Promise<void>;
  exportCsv(day: string): Promise<void>;
}

/** Hook: the close-day panel for the day `report` is about. */
export function useCloseDay(report: DayReport): CloseDay {
  const [closings, setClosings] = useState<DayClosing[]>([]);
  const [unclosed, setUnclosed] = useState<string[]>([]);
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  const [pickedDay, setPickedDay] = useState<string | null>(null);
  const [counted, setCounted] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Err | null>(null);

  const loadClosings = useCallback(async () => {
    const [r, u] = await Promise.all([call('reports.closings', { limit: HISTORY_LIMIT }), call('reports.unclosedDays')]);
    if (r.ok) setClosings(r.value);
    else setProblem(r);
    if (u.ok) setUnclosed(u.value);
    else setProblem(u);
  }, []);
  // Reloaded when the shop day turns over: yesterday may now be the one left to close.
  useEffect(() => {
    void loadClosings();
  }, [loadClosings, report.day]);

  const plan = planCloseDay({ report, closings, unclosed, pickedDay, selectedDay });
  const { countedCash, invalid: countInvalid } = parseCountedCash(counted);

  const close = async (force: boolean) => {
    if (countInvalid || plan.target === null) return;
    setBusy(true);
    setProblem(null);
    const input = { day: plan.target, ...(countedCash !== null ? { countedCash } : {}), ...(force ? { force } : {}) };
    // Closing the day is the owner's: a cashier is asked for the owner PIN.
    const r = await withApproval((approval) => call('reports.closeDay', { ...input, ...approval }));
    setBusy(false);
    if (r.ok) {
      setConfirming(false);
      setCounted('');
      setPickedDay(null);
      setSelectedDay(r.value.day);
    } else {
      setProblem(r);
      // OPEN_PAYMENTS keeps the confirm step open so "Close anyway" sits next to the reason.
      if (r.code !== 'OPEN_PAYMENTS') setConfirming(false);
    }
    await loadClosings();
  };

  const exportCsv = async (day: string) => {
    setBusy(true);
    const r = await call('reports.exportCsv', { day });
    setBusy(false);
    if (r.ok) downloadText(r.value.filename, r.value.csv);
    else setProblem(r);
  };

  return {
    ...plan,
    closings,
    counted,
    countInvalid,
    confirming,
    busy,
    problem,
    setCounted,
    pickDay: setPickedDay,
    selectClosing: setSelectedDay,
    askConfirm: () => setConfirming(true),
    back: () => {
      setConfirming(false);
      setProblem(null);
    },
    close,
    exportCsv,
  };
}
