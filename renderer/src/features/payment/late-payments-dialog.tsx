/**
 * "Pembayaran masuk setelah ditinggalkan": a tender the cashier left was
 * paid anyway. The owner decides per payment: keep it for its sale, or give
 * the money back (through Midtrans for QRIS/e-wallets, else from the drawer).
 */
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { Modal } from '../../components/modal';
import { useFormatters } from '../../i18n/format';
import { useLatePayments } from './use-late-payments';

/** The dialog over the till; nothing while no late payment waits (or after "Nanti saja"). */
export function LatePaymentsDialog() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { dateTime } = useFormatters();
  const l = useLatePayments();
  if (!l.open) return null;
  return (
    <Modal title={t('latePaid.title')} testId="late-payments" onClose={l.later}>
      <p>{t('latePaid.intro')}</p>
      <ul className="late-payments">
        {l.items.map((x) => (
          <li key={x.paymentId} data-testid={`late-payment-${x.paymentId}`} data-sale-id={x.saleId}>
            <strong>{t('latePaid.row', { method: labels.method(x.method), amount: formatRupiah(x.amount) })}</strong>
            <span className="muted">
              {t('latePaid.sale', { sale: x.receiptNo ?? x.saleId })}
              {x.paidAt ? ` · ${t('latePaid.paidAt', { time: dateTime(x.paidAt) })}` : ''}
            </span>
            <span className="form-actions">
              <button className="primary" data-testid="late-keep" disabled={l.working !== null} onClick={() => l.keep(x.paymentId)}>
                {/* A sale already settled another way was paid twice: keeping this payment hands the same amount back from the drawer. */}
                {l.working === x.paymentId ? t('latePaid.working') : x.receiptNo ? t('latePaid.keepSettled', { amount: formatRupiah(x.amount) }) : t('latePaid.keep')}
              </button>
              <button data-testid="late-refund" disabled={l.working !== null} onClick={() => l.refund(x.paymentId)}>
                {t('latePaid.refund')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <ErrorMessage error={l.error} testId="late-error" />
      <div className="form-actions">
        <button data-testid="late-later" onClick={l.later}>{t('latePaid.later')}</button>
      </div>
    </Modal>
  );
}
