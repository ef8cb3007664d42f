/** Recent payments with their status, for finding a sale and refunding it. */
import { useEffect } from 'react';
import { formatRupiah } from '../../../../shared/domain/money';
import { isPaid } from '../../../../shared/domain/payment';
import { usePayments } from '../../stores/payment-store';
import { METHOD_LABEL, STATUS_LABEL } from '../../components/labels';

export function HistoryScreen() {
  const { recent, loadRecent, refund, busy, error } = usePayments();
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);
  return (
    <section className="history" data-testid="history">
      <h2>Recent payments</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <table>
        <thead>
          <tr><th>Time</th><th>Order</th><th>Method</th><th>Amount</th><th>Status</th><th /></tr>
        </thead>
        <tbody>
          {recent.map((p) => (
            <tr key={p.id} data-testid={`history-${p.orderId}`}>
              <td>{new Date(p.createdAt).toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' })}</td>
              <td>{p.orderId}</td>
              <td>{METHOD_LABEL[p.method]}</td>
              <td>{formatRupiah(p.amount)}</td>
              <td>{STATUS_LABEL[p.status]}</td>
              <td>
                {(isPaid(p.status) || p.status === 'partial_refund') && p.method !== 'cash' && (
                  <button disabled={busy} onClick={() => void refund(p.id)}>Refund</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
