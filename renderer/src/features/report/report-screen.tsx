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
import { CashDrawerRows } from './cash-drawer-rows';
import { CloseDayPanel } from './close-day-panel';
import { SalesChart } from './sales-chart';
import './report.css';

/**
 * The Today tab: the day's live totals (sales and the payments that paid them
 * counted apart: a split sale is one "Transaksi", two "Pembayaran"), the cash
 * drawer so far, takings per hour and per method, then closing the day.
 */
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
      <div className="kpis five">
        <div><span>{t('report.saleCount')}</span><strong data-testid="report-sale-count">{report.saleCount}</strong></div>
        <div><span>{t('report.tenderCount')}</span><strong data-testid="report-paid-count">{report.tenderCount}</strong></div>
        <div><span>{t('report.takings')}</span><strong data-testid="report-paid-total">{formatRupiah(report.paidTotal)}</strong></div>
        <div><span>{t('report.refunded')}</span><strong data-testid="report-refunded-total">{formatRupiah(report.refundedTotal)}</strong></div>
        <div><span>{t('report.waiting')}</span><strong data-testid="report-pending-count">{report.pendingCount}</strong></div>
      </div>
      <table className="report-drawer" data-testid="report-drawer">
        <caption>{t('report.drawerSoFar')}</caption>
        <tbody><CashDrawerRows figures={report.drawer} testId="report-drawer" /></tbody>
      </table>
      <SalesChart
        testId="report-hourly"
        title={t('report.byHourTitle')}
        summary={t('report.byHourSummary', { zone: report.zone, count: report.paidCount, amount: formatRupiah(report.paidTotal) })}
        headings={{ label: t('report.hour'), count: t('report.tenderCount'), total: t('report.total') }}
        rows={report.byHour.map((h) => {
          const hour = String(h.hour).padStart(2, '0');
          return { key: hour, label: t('report.hourLabel', { hour }), count: h.count, total: h.total };
        })}
      />
      <SalesChart
        testId="report-method"
        horizontal
        tableVisible
        title={t('report.byMethodTitle')}
        summary={t('report.byMethodSummary', { count: report.paidCount, amount: formatRupiah(report.paidTotal) })}
        headings={{ label: t('report.method'), count: t('report.tenderCount'), total: t('report.total') }}
        rows={report.byMethod.map((m) => ({ key: m.method, label: labels.method(m.method), count: m.count, total: m.total }))}
      />
      <CloseDayPanel report={report} />
    </section>
  );
}
