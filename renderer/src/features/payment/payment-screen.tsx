/**
 * The customer-facing step of a sale: what to pay and how, flipping to "Paid"
 * the moment the main process pushes the update.
 */
import { isPaid } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { usePayments } from '../../stores/payment-store';
import { METHOD_LABEL, SOURCE_LABEL, STATUS_LABEL } from '../../components/labels';
import { PayInstructions } from './pay-instructions';

export function PaymentScreen() {
  const { current, lastSource, busy, error, cancel, dismiss } = usePayments();
  if (!current) return null;
  const paid = isPaid(current.status);
  const waiting = current.status === 'pending' || current.status === 'creating';
  return (
    <section className={`payment ${paid ? 'paid' : ''}`} data-testid="payment-screen" data-status={current.status}>
      <header>
        <span>{METHOD_LABEL[current.method]}</span>
        <span className="order" data-testid="order-id">{current.orderId}</span>
      </header>
      <p className="amount" data-testid="payment-amount">{formatRupiah(current.amount)}</p>
      <p className={`status status-${current.status}`} data-testid="payment-status" role="status">
        {STATUS_LABEL[current.status]}
      </p>
      {waiting && <PayInstructions action={current.action} />}
      {waiting && current.expiresAt && (
        <p className="muted">Valid until {new Date(current.expiresAt).toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' })} WIB</p>
      )}
      {!waiting && lastSource && (
        <p className="muted" data-testid="confirmed-by">Confirmed by {SOURCE_LABEL[lastSource]}</p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <footer>
        {current.status === 'pending' && (
          <button data-testid="cancel-payment" disabled={busy} onClick={() => void cancel()}>
            Cancel payment
          </button>
        )}
        {!waiting && (
          <button className="primary" data-testid="new-sale" onClick={dismiss}>
            New sale
          </button>
        )}
      </footer>
    </section>
  );
}
