/** Past closings, most recent first; each can be opened as its Z-report or exported as CSV. */
import type { DayClosing } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { drawerDifference, shopTime } from './format';

export interface ClosingsListProps {
  closings: DayClosing[];
  selectedDay: string | null;
  busy: boolean;
  onSelect(day: string): void;
  onExport(day: string): void;
}

/** The history of Z-reports. */
export function ClosingsList({ closings, selectedDay, busy, onSelect, onExport }: ClosingsListProps) {
  if (closings.length === 0) return <p className="muted" data-testid="closings-empty">No day has been closed yet.</p>;
  return (
    <table className="closings" data-testid="closings-list">
      <thead>
        <tr><th>Day</th><th>Closed at</th><th>Sales</th><th>Net</th><th>Cash expected</th><th>Drawer</th><th /></tr>
      </thead>
      <tbody>
        {closings.map((c) => (
          <tr key={c.day} data-testid={`closing-row-${c.day}`} className={c.day === selectedDay ? 'selected' : ''}>
            <td>
              <button className="link" onClick={() => onSelect(c.day)} aria-pressed={c.day === selectedDay}>{c.day}</button>
              {c.forced && <span className="muted"> (forced)</span>}
            </td>
            <td>{shopTime(c.closedAt, c.zone)}</td>
            <td>{c.paidCount}</td>
            <td>{formatRupiah(c.netTotal)}</td>
            <td>{formatRupiah(c.cashExpected)}</td>
            <td>{c.cashDifference === null ? 'not counted' : drawerDifference(c.cashDifference)}</td>
            <td>
              <button data-testid={`closing-export-${c.day}`} disabled={busy} onClick={() => onExport(c.day)}>Export CSV</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
