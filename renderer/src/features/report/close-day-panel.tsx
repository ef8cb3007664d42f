/**
 * "Close day" on the Today screen: count the drawer, close the shop's day
 * (Z-report) — or an earlier day still open, as when the shop closes after
 * midnight — see past closings and export a day's payments as CSV.
 * Presentational: its data and actions come from one hook, `useCloseDay`.
 */
import { useTranslation } from 'react-i18next';
import type { DayReport } from '../../../../shared/contract/schemas';
import { ErrorMessage } from '../../components/error-message';
import { errorFieldOf } from '../../components/error-text';
import { ClosingsList } from './closings-list';
import { useCloseDay } from './use-close-day';
import { ZReport } from './z-report';
import './close-day.css';

/** The owner's end-of-day panel, under the day's live totals. */
export function CloseDayPanel({ report }: { report: DayReport }) {
  const { t } = useTranslation();
  const {
    closings, todayClosing, closable, target, earlierOpen, shown, exportDay, salesAfterClose,
    counted, countInvalid, confirming, busy, problem,
    setCounted, pickDay, selectClosing, askConfirm, back, close, exportCsv,
  } = useCloseDay(report);
  // A refused day or count is shown next to its input (while that input is shown); anything else
  // (OPEN_PAYMENTS with "Close anyway") below the form.
  const inputs = target === null ? [] : earlierOpen ? (['day', 'countedCash'] as const) : (['countedCash'] as const);
  const problemField = errorFieldOf(problem, inputs);

  return (
    <section className="close-day" data-testid="close-day">
      <h2>{t('closeDay.title')}</h2>
      {todayClosing && (
        <p className="muted" data-testid="day-closed" data-day={report.day}>
          {t('closeDay.closed', { day: report.day })}
          {salesAfterClose > 0 && (
            <span data-testid="sales-after-close" data-count={salesAfterClose}> {t('closeDay.salesAfterClose', { count: salesAfterClose })}</span>
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
                  disabled={busy || confirming}
                  onChange={(e) => pickDay(e.target.value)}
                >
                  {closable.map((day) => (
                    <option key={day} value={day}>{day === report.day ? t('closeDay.todayOption', { day }) : day}</option>
                  ))}
                </select>
              </label>
              <ErrorMessage error={problemField === 'day' ? problem : null} testId="close-day-error" />
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
              aria-invalid={countInvalid || problemField === 'countedCash'}
              onChange={(e) => setCounted(e.target.value)}
            />
          </label>
          <ErrorMessage error={problemField === 'countedCash' ? problem : null} testId="close-day-error" />
          {!confirming ? (
            <button className="primary" data-testid="close-day-button" disabled={busy || countInvalid} onClick={askConfirm}>
              {t('closeDay.button', { day: target })}
            </button>
          ) : (
            <>
              <span>{t('closeDay.cannotUndo')}</span>
              <button className="primary" data-testid="close-day-confirm" disabled={busy || countInvalid} onClick={() => void close(false)}>
                {t('closeDay.confirm')}
              </button>
              <button data-testid="close-day-cancel" disabled={busy} onClick={back}>
                {t('closeDay.back')}
              </button>
            </>
          )}
          {countInvalid && <p className="error" data-testid="counted-cash-error">{t('closeDay.countInvalid')}</p>}
        </div>
      )}
      <ErrorMessage error={problemField === null ? problem : null} testId="close-day-error" className={problem?.code === 'OPEN_PAYMENTS' ? 'close-day-warning' : 'error'}>
        {problem?.code === 'OPEN_PAYMENTS' && confirming && (
          <button data-testid="close-day-force" disabled={busy} onClick={() => void close(true)}>
            {t('closeDay.force')}
          </button>
        )}
      </ErrorMessage>
      <div>
        <button data-testid="export-csv" disabled={busy} onClick={() => void exportCsv(exportDay)}>
          {t('closeDay.exportDay', { day: exportDay })}
        </button>
      </div>
      {shown && <ZReport closing={shown} />}
      <h3>{t('closeDay.pastClosings')}</h3>
      <ClosingsList closings={closings} selectedDay={shown?.day ?? null} busy={busy} onSelect={selectClosing} onExport={(day) => void exportCsv(day)} />
    </section>
  );
}
