/** Recent payments with their status, for finding a sale and refunding it. */
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { canRefundViaGateway } from '../../../../shared/domain/payment';
import type { PaymentView } from '../../../../shared/contract/schemas';
import { usePayments } from '../../stores/payment-store';
import { useLabels } from '../../components/labels';
import { useFormatters } from '../../i18n/format';
import { RefundForm, refundableOf } from './refund-form';
import './history.css';

/** Columns in a row; the refund form spans them all. */
const COLUMNS = 6;

// Cash, VA and convenience-store payments go back outside Midtrans: no button for them.
const canRefund = (p: PaymentView): boolean => canRefundViaGateway(p) && refundableOf(p) > 0;

/** The Payments tab: the last 100 payments, newest first. */
export function HistoryScreen() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { time } = useFormatters();
  const recent = usePayments((s) => s.recent);
  const loadRecent = usePayments((s) => s.loadRecent);
  const [refunding, setRefunding] = useState<string | null>(null);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);
  return (
    <section className="history" data-testid="history">
      <h2>{t('history.title')}</h2>
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
            <Fragment key={p.id}>
              <tr data-testid={`history-${p.orderId}`} data-status={p.status} data-refunded={p.refundedAmount}>
                <td>{time(p.createdAt)}</td>
                <td>
                  {p.orderId}
                  {/* The sale's own item copies: still right after a product is repriced or taken off the till. */}
                  <div className="muted small-note" data-testid={`history-items-${p.orderId}`}>
                    {p.items.map((i) => `${i.name} × ${i.quantity}`).join(', ')}
                  </div>
                  {p.actorName && (
                    <div className="muted small-note" data-testid={`history-actor-${p.orderId}`}>{t('actor.soldBy', { name: p.actorName })}</div>
                  )}
                </td>
                <td>{labels.method(p.method)}</td>
                <td>
                  {formatRupiah(p.amount)}
                  {p.refundedAmount > 0 && (
                    <div className="muted small-note" data-testid={`history-refunded-${p.orderId}`}>
                      {t('history.refunded', { amount: formatRupiah(p.refundedAmount) })}
                    </div>
                  )}
                </td>
                <td data-testid={`history-status-${p.orderId}`}>{labels.status(p.status)}</td>
                <td>
                  {canRefund(p) && refunding !== p.id && (
                    <button data-testid={`refund-${p.orderId}`} onClick={() => setRefunding(p.id)}>{t('history.refund')}</button>
                  )}
                </td>
              </tr>
              {refunding === p.id && canRefund(p) && (
                <tr className="refund-row">
                  <td colSpan={COLUMNS}>
                    {/* Keyed by what is left: after a partial refund the default amount starts afresh. */}
                    <RefundForm key={p.refundedAmount} payment={p} onDone={() => setRefunding(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
