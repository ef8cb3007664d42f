/** The owner's view of the shop's day (in the shop's time zone). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayReport } from '../../../../shared/contract/schemas';
import type { Err } from '../../../../shared/contract/result';
import { formatRupiah } from '../../../../shared/domain/money';
import { call } from '../../api';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { usePayments } from '../../stores/payment-store';
import { CloseDayPanel } from './close-day-panel';

/** The Today tab: the day's live totals, then closing the day. */
export function ReportScreen() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [report, setReport] = useState<DayReport | null>(null);
  const [error, setError] = useState<Err | null>(null);
  const recent = usePayments((s) => s.recent);
  useEffect(() => {
    void call('reports.today').then((r) => (r.ok ? setReport(r.value) : setError(r)));
  }, [recent]);
  if (error) return <ErrorMessage error={error} testId="report-error" />;
  if (!report) return <p className="muted">{t('report.loading')}</p>;
  return (
    <section className="report" data-testid="report" data-day={report.day}>
      <h2>{t('report.title', { day: report.day })} <span className="muted">({report.zone})</span></h2>
      <div className="kpis">
        <div><span>{t('report.paidSales')}</span><strong data-testid="report-paid-count">{report.paidCount}</strong></div>
        <div><span>{t('report.takings')}</span><strong data-testid="report-paid-total">{formatRupiah(report.paidTotal)}</strong></div>
        <div><span>{t('report.refunded')}</span><strong data-testid="report-refunded-total">{formatRupiah(report.refundedTotal)}</strong></div>
        <div><span>{t('report.waiting')}</span><strong data-testid="report-pending-count">{report.pendingCount}</strong></div>
      </div>
      <table>
        <thead><tr><th>{t('report.method')}</th><th>{t('report.sales')}</th><th>{t('report.total')}</th></tr></thead>
        <tbody>
          {report.byMethod.map((m) => (
            <tr key={m.method} data-testid={`report-method-${m.method}`}>
              <td>{labels.method(m.method)}</td><td>{m.count}</td><td>{formatRupiah(m.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CloseDayPanel report={report} />
    </section>
  );
}
