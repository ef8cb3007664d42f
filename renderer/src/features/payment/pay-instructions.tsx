/** What the customer must do, per kind of payment action. */
import { useTranslation } from 'react-i18next';
import type { PaymentAction } from '../../../../shared/contract/schemas';
import { QrImage } from '../../components/qr-image';

/** Instructions (QR, VA number, bill key, store code…) for the payment's action. */
export function PayInstructions({ action }: { action: PaymentAction | null }) {
  const { t } = useTranslation();
  if (!action) return null;
  switch (action.kind) {
    case 'qr':
      return (
        <div className="instructions">
          <QrImage payload={action.qrString} />
          <p>{t('pay.qr')}</p>
          <code className="hidden-payload" data-testid="qr-string">{action.qrString}</code>
        </div>
      );
    case 'deeplink':
      return (
        <div className="instructions">
          <p>{t('pay.deeplink')}</p>
          <code className="small" data-testid="deeplink">{action.url}</code>
        </div>
      );
    case 'va':
      return (
        <div className="instructions">
          <p>{t('pay.va', { bank: action.bank.toUpperCase() })}</p>
          <p className="big-number" data-testid="va-number">{action.vaNumber}</p>
        </div>
      );
    case 'bill':
      return (
        <div className="instructions">
          <p>{t('pay.billerCode')}</p>
          <p className="big-number" data-testid="biller-code">{action.billerCode}</p>
          <p>{t('pay.billKey')}</p>
          <p className="big-number" data-testid="bill-key">{action.billKey}</p>
        </div>
      );
    case 'paycode':
      return (
        <div className="instructions">
          <p>{t('pay.paycode', { store: action.store === 'alfamart' ? 'Alfamart' : 'Indomaret' })}</p>
          <p className="big-number" data-testid="payment-code">{action.paymentCode}</p>
        </div>
      );
    case 'cash':
      return <p className="instructions">{t('pay.cash')}</p>;
  }
}
