/**
 * "Close day" on the Today screen: count the drawer, close the shop's day
 * (Z-report), see past closings and export a day's payments as CSV. The main
 * process decides everything (what the day is, whether it may be closed);
 * this panel only asks and shows the answer.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DayClosing, DayReport } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { ClosingsList } from './closings-list';
import { downloadText } from './download';
import { parseRupiahInput } from './format';
import { ZReport } from './z-report';
import './close-day.css';

/** Enough history for a month of Z-reports on screen; older ones stay in the ledger. */
const HISTORY_LIMIT = 31;

type Step = 'idle' | 'confirm';

/** The owner's end-of-day panel, under the day's live totals. */
export function CloseDayPanel({ report }: { report: DayReport }) {
  const [closings, setClosings] = useState<DayClosing[]>([]);
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  const [counted, setCounted] = useState('');
  const [step, setStep] = useState<Step>('idle');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Err | null>(null);

  const loadClosings = useCallback(async () => {
    const r = await call('reports.closings', { limit: HISTORY_LIMIT });
    if (r.ok) setClosings(r.value);
    else setProblem(r);
  }, []);
  useEffect(() => {
    void loadClosings();
  }, [loadClosings]);

  const today = closings.find((c) => c.day === report.day) ?? null;
  const shown = closings.find((c) => c.day === (selectedDay ?? report.day)) ?? null;
  const countedCash = parseRupiahInput(counted);
  const countInvalid = Number.isNaN(countedCash);

  const close = async (force: boolean) => {
    if (countInvalid) return;
    setBusy(true);
    setProblem(null);
    const r = await call('reports.closeDay', { ...(countedCash !== null ? { countedCash } : {}), ...(force ? { force } : {}) });
    setBusy(false);
    if (r.ok) {
      setStep('idle');
      setCounted('');
      setSelectedDay(r.value.day);
    } else {
      setProblem(r);
      // OPEN_PAYMENTS keeps the confirm step open so "Close anyway" sits next to the reason.
      if (r.code !== 'OPEN_PAYMENTS') setStep('idle');
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

  // Sales rung up after the close belong to no Z-report; say so rather than hide it.
  const afterClose = today ? report.paidCount - today.paidCount : 0;

  return (
    <section className="close-day" data-testid="close-day">
      <h2>Close day</h2>
      {today ? (
        <p className="muted" data-testid="day-closed">
          {report.day} is closed.
          {afterClose > 0 && (
            <span data-testid="sales-after-close"> {afterClose} sale{afterClose === 1 ? '' : 's'} after the close are not in its Z-report.</span>
          )}
        </p>
      ) : (
        <div className="close-day-form">
          <label>
            Counted cash in drawer (optional)
            <input
              data-testid="counted-cash"
              inputMode="numeric"
              placeholder="e.g. 150.000"
              value={counted}
              disabled={busy}
              aria-invalid={countInvalid}
              onChange={(e) => setCounted(e.target.value)}
            />
          </label>
          {step === 'idle' ? (
            <button className="primary" data-testid="close-day-button" disabled={busy || countInvalid} onClick={() => setStep('confirm')}>
              Close day {report.day}…
            </button>
          ) : (
            <>
              <span>Closing cannot be undone.</span>
              <button className="primary" data-testid="close-day-confirm" disabled={busy || countInvalid} onClick={() => void close(false)}>
                Confirm close
              </button>
              <button data-testid="close-day-cancel" disabled={busy} onClick={() => { setStep('idle'); setProblem(null); }}>
                Back
              </button>
            </>
          )}
          {countInvalid && <p className="error" data-testid="counted-cash-error">Enter whole rupiah, e.g. 150.000.</p>}
        </div>
      )}
      {problem && (
        <div className={problem.code === 'OPEN_PAYMENTS' ? 'close-day-warning' : 'error'} role="alert" data-testid="close-day-error" data-code={problem.code}>
          <span>{problem.message}</span>
          {problem.code === 'OPEN_PAYMENTS' && step === 'confirm' && (
            <button data-testid="close-day-force" disabled={busy} onClick={() => void close(true)}>
              Close anyway (record as open)
            </button>
          )}
        </div>
      )}
      <div>
        <button data-testid="export-csv" disabled={busy} onClick={() => void exportCsv(selectedDay ?? report.day)}>
          Export CSV ({selectedDay ?? report.day})
        </button>
      </div>
      {shown && <ZReport closing={shown} />}
      <h3>Past closings</h3>
      <ClosingsList closings={closings} selectedDay={shown?.day ?? null} busy={busy} onSelect={setSelectedDay} onExport={(d) => void exportCsv(d)} />
    </section>
  );
}
