/**
 * The customer-facing step of an electronic tender: what to pay and how
 * (QR, VA number with a copy button, store code…), the time left to pay,
 * flipping the moment main pushes the update. Never locked: while it waits
 * the cashier can change method keeping the sale, take cash at once, start
 * the next sale (nothing paid yet) or void it. A failed, expired or
 * cancelled tender stays on screen with its status so the cashier can pick
 * another method (the sale stays open); in a split sale the rest of the sale
 * is shown under it.
 */
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { TenderProgress } from '../till/tender-progress';
import { VoidSale } from '../till/void-sale';
import { ExpiryCountdown } from './expiry-countdown';
import { PayInstructions } from './pay-instructions';
import { expiryOnTillClock } from './till-expiry';
import { useTenderScreen } from './use-tender-screen';

/** The tender on screen; renders nothing when there is none. */
export function PaymentScreen() {
  const { t } = useTranslation();
  const labels = useLabels();
  const p = useTenderScreen();
  if (!p.sale || !p.tender) return null;
  const { payment } = p.tender;
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
        {p.waiting && payment.status === 'pending' && <ExpiryCountdown until={expiryOnTillClock(payment)} />}
        {p.slow && (
          <p className="small-note" data-testid="slow-charge" role="status">
            {t('tenderWait.slow')}
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
        {p.waiting && !p.voiding && (
          <footer className="leave-tender">
            {p.slow && (
              <button className="primary" data-testid="stop-waiting" disabled={p.leaving} onClick={p.switchMethod}>
                {t('tenderWait.stopWaiting')}
              </button>
            )}
            <button className="big-action" data-testid="pay-cash-instead" disabled={p.leaving} onClick={p.payCash}>
              {t('tenderWait.payCash')}
            </button>
            <button className="big-action" data-testid="switch-method" disabled={p.leaving} onClick={p.switchMethod}>
              {t('tenderWait.switchMethod')}
            </button>
            {payment.status === 'pending' && (
              <button data-testid="cancel-payment" disabled={p.busy} onClick={p.cancel}>
                {t('payment.cancel')}
              </button>
            )}
            {p.canStartOver && (
              <button data-testid="new-sale" disabled={p.leaving} onClick={p.newSale}>
                {t('tenderWait.newCustomer')}
              </button>
            )}
            {p.canVoid && (
              <button className="link void-open" data-testid="void-open" onClick={() => p.openVoid(true)}>
                {t('voidSale.open')}
              </button>
            )}
          </footer>
        )}
        {p.waiting && p.voiding && <VoidSale onClose={() => p.openVoid(false)} />}
        {!p.waiting && (
          <footer>
            <button className="primary" data-testid="tender-retry" autoFocus onClick={p.retry}>
              {t('split.retry')}
            </button>
            {p.canStartOver && (
              <button data-testid="new-sale" disabled={p.busy} onClick={p.newSale}>
                {t('payment.newSale')}
              </button>
            )}
          </footer>
        )}
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
