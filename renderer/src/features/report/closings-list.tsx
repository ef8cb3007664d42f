/** Past closings, most recent first; each can be opened as its Z-report or exported as CSV. */
import { useTranslation } from 'react-i18next';
import type { DayClosing } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useFormatters } from '../../i18n/format';
import { DrawerDifference } from './drawer-difference';
import { shopTime } from './format';

export interface ClosingsListProps {
  closings: DayClosing[];
  selectedDay: string | null;
  busy: boolean;
  onSelect(day: string): void;
  onExport(day: string): void;
}

/** The history of Z-reports. */
export function ClosingsList({ closings, selectedDay, busy, onSelect, onExport }: ClosingsListProps) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  if (closings.length === 0) return <p className="muted" data-testid="closings-empty">{t('closings.empty')}</p>;
  return (
    <table className="closings" data-testid="closings-list">
      <thead>
        <tr>
          <th>{t('closings.day')}</th><th>{t('closings.closedAt')}</th><th>{t('report.sales')}</th><th>{t('report.net')}</th>
          <th>{t('closings.cashExpected')}</th><th>{t('closings.drawer')}</th><th />
        </tr>
      </thead>
      <tbody>
        {closings.map((c) => (
          <tr key={c.day} data-testid={`closing-row-${c.day}`} data-forced={c.forced} className={c.day === selectedDay ? 'selected' : ''}>
            <td>
              <button className="link" onClick={() => onSelect(c.day)} aria-pressed={c.day === selectedDay}>{c.day}</button>
              {c.forced && <span className="muted"> {t('closings.forced')}</span>}
            </td>
            <td>{shopTime(c.closedAt, c.zone, locale)}</td>
            {/* Sales since v9; a closing from before counted payments only. */}
            <td>{c.saleCount ?? c.paidCount}</td>
            <td>{formatRupiah(c.netTotal)}</td>
            <td>{formatRupiah(c.cashExpected)}</td>
            <td>{c.cashDifference === null ? t('zreport.notCounted') : <DrawerDifference diff={c.cashDifference} />}</td>
            <td>
              <button data-testid={`closing-export-${c.day}`} disabled={busy} onClick={() => onExport(c.day)}>{t('report.exportCsv')}</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
