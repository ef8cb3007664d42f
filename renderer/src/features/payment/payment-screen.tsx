/**
 * The customer-facing step of an electronic tender: what to pay and how
 * (QR, VA number, store code…), flipping the moment main pushes the update.
 * A failed, expired or cancelled tender stays on screen with its status so
 * the cashier can pick another method (the sale stays open); in a split
 * sale the rest of the sale is shown under it.
 */
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { useFormatters } from '../../i18n/format';
import { TenderProgress } from '../till/tender-progress';
import { PayInstructions } from './pay-instructions';
import { expiryOnTillClock } from './till-expiry';
import { useTenderScreen } from './use-tender-screen';

/** The tender on screen; renders nothing when there is none. */
export function PaymentScreen() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { time, zoneName } = useFormatters();
  const p = useTenderScreen();
  if (!p.sale || !p.tender) return null;
  const { payment } = p.tender;
  const validUntil = expiryOnTillClock(payment);
  const withAction = p.waiting && payment.action !== null;

  return (
    <section
      className={`payment tender-screen${withAction ? ' with-action' : ''}`}
      data-testid="payment-screen"
      data-status={payment.status}
      data-sale-status={p.sale.status}
    >
      <div className="tender-info">
        <header>
          <span>{labels.method(p.tender.method)}</span>
          <span className="order" data-testid="order-id">{p.sale.id}</span>
        </header>
        {p.split && (
          <p className="muted" data-testid="tender-part">
            {t('split.tenderOf', { seq: p.tender.seq, total: formatRupiah(p.sale.total) })}
          </p>
        )}
        <p className="amount" data-testid="payment-amount" data-amount={payment.amount}>{formatRupiah(payment.amount)}</p>
        <p className={`status status-${payment.status}`} data-testid="payment-status" data-status={payment.status} role="status">
          {labels.status(payment.status)}
        </p>
        {p.waiting && validUntil && (
          <p className="muted" data-testid="valid-until">
            {t('payment.validUntil', { time: time(validUntil), zone: zoneName })}
          </p>
        )}
        {!p.waiting && payment.lastSource && (
          <p className="muted" data-testid="confirmed-by" data-source={payment.lastSource}>
            {t('payment.confirmedBy', { source: labels.source(payment.lastSource) })}
          </p>
        )}
        {!p.waiting && <p data-testid="tender-failed-hint">{t('split.failedHint')}</p>}
        {p.split && <TenderProgress sale={p.sale} />}
        <ErrorMessage error={p.error} testId="payment-error" />
        <footer>
          {p.waiting && payment.status === 'pending' && (
            <button data-testid="cancel-payment" disabled={p.busy} onClick={p.cancel}>
              {t('payment.cancel')}
            </button>
          )}
          {!p.waiting && (
            <button className="primary" data-testid="tender-retry" autoFocus onClick={p.retry}>
              {t('split.retry')}
            </button>
          )}
          {!p.waiting && p.canStartOver && (
            <button data-testid="new-sale" disabled={p.busy} onClick={p.newSale}>
              {t('payment.newSale')}
            </button>
          )}
        </footer>
      </div>
      {/* What the customer must do sits beside the amount, so the whole screen fits a 768-pixel-high till. */}
      {withAction && (
        <div className="tender-action">
          <PayInstructions action={payment.action} />
        </div>
      )}
    </section>
  );
}
