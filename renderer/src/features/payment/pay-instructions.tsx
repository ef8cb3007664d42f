/**
 * What the customer must do, per kind of payment action: a QR to scan, or a
 * number to pay (VA number, biller code and bill key, store pay code) in
 * large digits with a copy button. A redirect link is never shown as a URL:
 * a customer at a counter cannot open it (the method should have been a QR).
 */
import { useTranslation } from 'react-i18next';
import type { PaymentAction } from '../../../../shared/contract/schemas';
import { QrImage } from '../../components/qr-image';
import { CopyButton } from './copy-button';

/** A number the customer types into their banking app, with its copy button. */
function Code({ value, testId, what }: { value: string; testId: string; what: string }) {
  return (
    <div className="code-row">
      <p className="big-number" data-testid={testId}>{value}</p>
      <CopyButton text={value} what={what} testId={`copy-${testId}`} />
    </div>
  );
}

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
      // The URL stays off the screen: only the customer's own phone can open it.
      return (
        <div className="instructions" data-testid="deeplink">
          <p>{t('pay.deeplink')}</p>
        </div>
      );
    case 'va':
      return (
        <div className="instructions">
          <p>{t('pay.va', { bank: action.bank.toUpperCase() })}</p>
          <Code value={action.vaNumber} testId="va-number" what={t('pay.va', { bank: action.bank.toUpperCase() })} />
        </div>
      );
    case 'bill':
      return (
        <div className="instructions">
          <p>{t('pay.billerCode')}</p>
          <Code value={action.billerCode} testId="biller-code" what={t('pay.billerCode')} />
          <p>{t('pay.billKey')}</p>
          <Code value={action.billKey} testId="bill-key" what={t('pay.billKey')} />
        </div>
      );
    case 'paycode': {
      const label = t('pay.paycode', { store: action.store === 'alfamart' ? 'Alfamart' : 'Indomaret' });
      return (
        <div className="instructions">
          <p>{label}</p>
          <Code value={action.paymentCode} testId="payment-code" what={label} />
        </div>
      );
    }
    case 'cash':
      return <p className="instructions">{t('pay.cash')}</p>;
  }
}
