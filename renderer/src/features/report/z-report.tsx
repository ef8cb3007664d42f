/** One closed day (Z-report): totals, the cash drawer, the split by method and anything left open. */
import type { DayClosing } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { METHOD_LABEL, STATUS_LABEL } from '../../components/labels';
import { drawerDifference, shopTime } from './format';

/** Renders a closing exactly as recorded; it never recomputes anything. */
export function ZReport({ closing }: { closing: DayClosing }) {
  const c = closing;
  return (
    <article className="zreport" data-testid="zreport" data-day={c.day}>
      <h3>
        Z-report <span data-testid="zreport-day">{c.day}</span>{' '}
        <span className="muted">closed at {shopTime(c.closedAt, c.zone)} ({c.zone})</span>
      </h3>
      {c.forced && (
        <p className="error" data-testid="zreport-forced">
          Closed with {c.openCount} payment{c.openCount === 1 ? '' : 's'} still open ({formatRupiah(c.openTotal)}).
        </p>
      )}
      <div className="kpis">
        <div><span>Paid sales</span><strong data-testid="zreport-paid-count">{c.paidCount}</strong></div>
        <div><span>Takings</span><strong data-testid="zreport-paid-total">{formatRupiah(c.paidTotal)}</strong></div>
        <div><span>Refunded</span><strong data-testid="zreport-refunded">{formatRupiah(c.refundedTotal)}</strong></div>
        <div><span>Net</span><strong data-testid="zreport-net">{formatRupiah(c.netTotal)}</strong></div>
      </div>
      <table className="zreport-drawer">
        <caption>Cash drawer</caption>
        <tbody>
          <tr><th>Cash takings</th><td data-testid="zreport-cash-takings">{formatRupiah(c.cashTakings)}</td></tr>
          <tr><th>Cash refunds</th><td data-testid="zreport-cash-refunds">{formatRupiah(c.cashRefunds)}</td></tr>
          <tr><th>Expected in drawer</th><td data-testid="zreport-cash-expected">{formatRupiah(c.cashExpected)}</td></tr>
          <tr>
            <th>Counted</th>
            <td data-testid="zreport-counted-cash">{c.countedCash === null ? 'not counted' : formatRupiah(c.countedCash)}</td>
          </tr>
          {c.cashDifference !== null && (
            <tr className={c.cashDifference < 0 ? 'short' : ''}>
              <th>Difference</th>
              <td data-testid="zreport-cash-difference">{drawerDifference(c.cashDifference)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <table>
        <thead><tr><th>Method</th><th>Sales</th><th>Total</th><th>Refunded</th></tr></thead>
        <tbody>
          {c.byMethod.map((m) => (
            <tr key={m.method} data-testid={`zreport-method-${m.method}`}>
              <td>{METHOD_LABEL[m.method]}</td><td>{m.count}</td><td>{formatRupiah(m.total)}</td><td>{formatRupiah(m.refunded)}</td>
            </tr>
          ))}
          {c.byMethod.length === 0 && <tr><td colSpan={4} className="muted">No sales.</td></tr>}
        </tbody>
      </table>
      <p className="muted">
        Unpaid attempts (failed, expired or cancelled): <span data-testid="zreport-failed-count">{c.failedCount}</span>
      </p>
      {c.openPayments.length > 0 && (
        <table data-testid="zreport-open">
          <caption>Open when closed</caption>
          <thead><tr><th>Order</th><th>Method</th><th>Status</th><th>Amount</th></tr></thead>
          <tbody>
            {c.openPayments.map((p) => (
              <tr key={p.id}>
                <td>{p.orderId}</td><td>{METHOD_LABEL[p.method]}</td><td>{STATUS_LABEL[p.status]}</td><td>{formatRupiah(p.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
