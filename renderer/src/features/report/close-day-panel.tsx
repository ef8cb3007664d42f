/**
 * "Close day" on the Today screen: count the drawer, close the shop's day
 * (Z-report) — or an earlier day still open, as when the shop closes after
 * midnight — see past closings and export a day's payments as CSV. The main
 * process decides everything (what the day is, whether it may be closed);
 * this panel only asks and shows the answer.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayClosing, DayReport } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { ErrorMessage } from '../../components/error-message';
import { parseRupiah } from '../../components/rupiah-input';
import { ClosingsList } from './closings-list';
import { downloadText } from './download';
import { ZReport } from './z-report';
import './close-day.css';

/** Enough history for a month of Z-reports on screen; older ones stay in the ledger. */
const HISTORY_LIMIT = 31;

type Step = 'idle' | 'confirm';

/** The owner's end-of-day panel, under the day's live totals. */
export function CloseDayPanel({ report }: { report: DayReport }) {
  const { t } = useTranslation();
  const [closings, setClosings] = useState<DayClosing[]>([]);
  const [unclosed, setUnclosed] = useState<string[]>([]);
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  /** The day the owner picked to close; null follows the default. */
  const [pickedDay, setPickedDay] = useState<string | null>(null);
  const [counted, setCounted] = useState('');
  const [step, setStep] = useState<Step>('idle');
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

  const today = closings.find((c) => c.day === report.day) ?? null;
  // Earlier days still open come first, oldest first (the order a shop closes them in); today last,
  // offered even without sales. A day newer than the report's is skipped until the report catches up.
  const closable = [
    ...unclosed.filter((d) => d < report.day && !closings.some((c) => c.day === d)).sort(),
    ...(today ? [] : [report.day]),
  ];
  const target = pickedDay !== null && closable.includes(pickedDay) ? pickedDay : (closable[0] ?? null);
  const earlierOpen = closable.some((d) => d !== report.day);
  const shown = closings.find((c) => c.day === (selectedDay ?? report.day)) ?? null;
  // Counting the drawer is optional: empty means "not counted", anything else must be whole rupiah.
  const countedCash = counted.trim() === '' ? null : parseRupiah(counted);
  const countInvalid = counted.trim() !== '' && countedCash === null;

  const close = async (force: boolean) => {
    if (countInvalid || target === null) return;
    setBusy(true);
    setProblem(null);
    const r = await call('reports.closeDay', {
      day: target,
      ...(countedCash !== null ? { countedCash } : {}),
      ...(force ? { force } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setStep('idle');
      setCounted('');
      setPickedDay(null);
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
      <h2>{t('closeDay.title')}</h2>
      {today && (
        <p className="muted" data-testid="day-closed" data-day={report.day}>
          {t('closeDay.closed', { day: report.day })}
          {afterClose > 0 && (
            <span data-testid="sales-after-close" data-count={afterClose}> {t('closeDay.salesAfterClose', { count: afterClose })}</span>
          )}
        </p>
      )}
      {target !== null && (
        <div className="close-day-form">
          {earlierOpen && (
            <>
              <p className="close-day-warning" data-testid="earlier-unclosed">{t('closeDay.earlierUnclosed')}</p>
              <label>
                {t('closeDay.dayToClose')}
                <select
                  data-testid="close-day-day"
                  value={target}
                  // Locked while confirming, so the day confirmed is the day the button named.
                  disabled={busy || step === 'confirm'}
                  onChange={(e) => setPickedDay(e.target.value)}
                >
                  {closable.map((d) => (
                    <option key={d} value={d}>{d === report.day ? t('closeDay.todayOption', { day: d }) : d}</option>
                  ))}
                </select>
              </label>
            </>
          )}
          <label>
            {t('closeDay.countedCash')}
            <input
              data-testid="counted-cash"
              inputMode="numeric"
              placeholder={t('closeDay.countedPlaceholder')}
              value={counted}
              disabled={busy}
              aria-invalid={countInvalid}
              onChange={(e) => setCounted(e.target.value)}
            />
          </label>
          {step === 'idle' ? (
            <button className="primary" data-testid="close-day-button" disabled={busy || countInvalid} onClick={() => setStep('confirm')}>
              {t('closeDay.button', { day: target })}
            </button>
          ) : (
            <>
              <span>{t('closeDay.cannotUndo')}</span>
              <button className="primary" data-testid="close-day-confirm" disabled={busy || countInvalid} onClick={() => void close(false)}>
                {t('closeDay.confirm')}
              </button>
              <button data-testid="close-day-cancel" disabled={busy} onClick={() => { setStep('idle'); setProblem(null); }}>
                {t('closeDay.back')}
              </button>
            </>
          )}
          {countInvalid && <p className="error" data-testid="counted-cash-error">{t('closeDay.countInvalid')}</p>}
        </div>
      )}
      <ErrorMessage error={problem} testId="close-day-error" className={problem?.code === 'OPEN_PAYMENTS' ? 'close-day-warning' : 'error'}>
        {problem?.code === 'OPEN_PAYMENTS' && step === 'confirm' && (
          <button data-testid="close-day-force" disabled={busy} onClick={() => void close(true)}>
            {t('closeDay.force')}
          </button>
        )}
      </ErrorMessage>
      <div>
        <button data-testid="export-csv" disabled={busy} onClick={() => void exportCsv(selectedDay ?? report.day)}>
          {t('closeDay.exportDay', { day: selectedDay ?? report.day })}
        </button>
      </div>
      {shown && <ZReport closing={shown} />}
      <h3>{t('closeDay.pastClosings')}</h3>
      <ClosingsList closings={closings} selectedDay={shown?.day ?? null} busy={busy} onSelect={setSelectedDay} onExport={(d) => void exportCsv(d)} />
    </section>
  );
}
