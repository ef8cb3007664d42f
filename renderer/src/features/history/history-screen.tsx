/** Recent payments with their status, for finding a sale and refunding it. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { isPaid } from '../../../../shared/domain/payment';
import { usePayments } from '../../stores/payment-store';
import { useLabels } from '../../components/labels';
import { useFormatters } from '../../i18n/format';

/** The Payments tab: the last 100 payments, newest first. */
export function HistoryScreen() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { time } = useFormatters();
  const { recent, loadRecent, refund, busy, error } = usePayments();
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);
  return (
    <section className="history" data-testid="history">
      <h2>{t('history.title')}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('history.time')}</th>
            <th>{t('history.order')}</th>
            <th>{t('history.method')}</th>
            <th>{t('history.amount')}</th>
            <th>{t('history.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {recent.map((p) => (
            <tr key={p.id} data-testid={`history-${p.orderId}`} data-status={p.status}>
              <td>{time(p.createdAt)}</td>
              <td>{p.orderId}</td>
              <td>{labels.method(p.method)}</td>
              <td>{formatRupiah(p.amount)}</td>
              <td data-testid={`history-status-${p.orderId}`}>{labels.status(p.status)}</td>
              <td>
                {(isPaid(p.status) || p.status === 'partial_refund') && p.method !== 'cash' && (
                  <button disabled={busy} onClick={() => void refund(p.id)}>{t('history.refund')}</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
