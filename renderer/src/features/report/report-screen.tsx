/** The owner's view of the shop's day (in the shop's time zone). */
import { useEffect, useState } from 'react';
import type { DayReport } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { call } from '../../api';
import { METHOD_LABEL } from '../../components/labels';
import { usePayments } from '../../stores/payment-store';
import { CloseDayPanel } from './close-day-panel';

/** The Today tab: the day's live totals, then closing the day. */
export function ReportScreen() {
  const [report, setReport] = useState<DayReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recent = usePayments((s) => s.recent);
  useEffect(() => {
    void call('reports.today').then((r) => (r.ok ? setReport(r.value) : setError(r.message)));
  }, [recent]);
  if (error) return <p className="error">{error}</p>;
  if (!report) return <p className="muted">Loading…</p>;
  return (
    <section className="report" data-testid="report">
      <h2>Today, {report.day} <span className="muted">({report.zone})</span></h2>
      <div className="kpis">
        <div><span>Paid sales</span><strong data-testid="report-paid-count">{report.paidCount}</strong></div>
        <div><span>Takings</span><strong data-testid="report-paid-total">{formatRupiah(report.paidTotal)}</strong></div>
        <div><span>Refunded</span><strong>{formatRupiah(report.refundedTotal)}</strong></div>
        <div><span>Waiting</span><strong>{report.pendingCount}</strong></div>
      </div>
      <table>
        <thead><tr><th>Method</th><th>Sales</th><th>Total</th></tr></thead>
        <tbody>
          {report.byMethod.map((m) => (
            <tr key={m.method}><td>{METHOD_LABEL[m.method]}</td><td>{m.count}</td><td>{formatRupiah(m.total)}</td></tr>
          ))}
        </tbody>
      </table>
      <CloseDayPanel report={report} />
    </section>
  );
}
