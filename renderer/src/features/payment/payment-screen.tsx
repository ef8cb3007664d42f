/**
 * The customer-facing step of a sale: what to pay and how, flipping to "Paid"
 * ("Lunas") the moment the main process pushes the update.
 */
import { useTranslation } from 'react-i18next';
import { isPaid } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { usePayments } from '../../stores/payment-store';
import { useLabels } from '../../components/labels';
import { useFormatters } from '../../i18n/format';
import { PayInstructions } from './pay-instructions';

/** The payment on screen; renders nothing when there is none. */
export function PaymentScreen() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { time, zoneName } = useFormatters();
  const { current, lastSource, busy, error, cancel, dismiss } = usePayments();
  if (!current) return null;
  const paid = isPaid(current.status);
  const waiting = current.status === 'pending' || current.status === 'creating';
  return (
    <section className={`payment ${paid ? 'paid' : ''}`} data-testid="payment-screen" data-status={current.status}>
      <header>
        <span>{labels.method(current.method)}</span>
        <span className="order" data-testid="order-id">{current.orderId}</span>
      </header>
      <p className="amount" data-testid="payment-amount">{formatRupiah(current.amount)}</p>
      <p className={`status status-${current.status}`} data-testid="payment-status" data-status={current.status} role="status">
        {labels.status(current.status)}
      </p>
      {waiting && <PayInstructions action={current.action} />}
      {waiting && current.expiresAt && (
        <p className="muted" data-testid="valid-until">
          {t('payment.validUntil', { time: time(current.expiresAt), zone: zoneName })}
        </p>
      )}
      {!waiting && lastSource && (
        <p className="muted" data-testid="confirmed-by" data-source={lastSource}>
          {t('payment.confirmedBy', { source: labels.source(lastSource) })}
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <footer>
        {current.status === 'pending' && (
          <button data-testid="cancel-payment" disabled={busy} onClick={() => void cancel()}>
            {t('payment.cancel')}
          </button>
        )}
        {!waiting && (
          <button className="primary" data-testid="new-sale" onClick={dismiss}>
            {t('payment.newSale')}
          </button>
        )}
      </footer>
    </section>
  );
}
