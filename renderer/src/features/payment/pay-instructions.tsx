/** What the customer must do, per kind of payment action. */
import type { PaymentAction } from '../../../../shared/contract/schemas';
import { QrImage } from '../../components/qr-image';

export function PayInstructions({ action }: { action: PaymentAction | null }) {
  if (!action) return null;
  switch (action.kind) {
    case 'qr':
      return (
        <div className="instructions">
          <QrImage payload={action.qrString} />
          <p>Scan with any QRIS app (GoPay, OVO, DANA, ShopeePay, mobile banking).</p>
          <code className="hidden-payload" data-testid="qr-string">{action.qrString}</code>
        </div>
      );
    case 'deeplink':
      return (
        <div className="instructions">
          <p>Customer approves the payment in their e-wallet app.</p>
          <code className="small" data-testid="deeplink">{action.url}</code>
        </div>
      );
    case 'va':
      return (
        <div className="instructions">
          <p>Transfer to {action.bank.toUpperCase()} virtual account</p>
          <p className="big-number" data-testid="va-number">{action.vaNumber}</p>
        </div>
      );
    case 'bill':
      return (
        <div className="instructions">
          <p>Mandiri Bill — company code</p>
          <p className="big-number" data-testid="biller-code">{action.billerCode}</p>
          <p>Bill key</p>
          <p className="big-number" data-testid="bill-key">{action.billKey}</p>
        </div>
      );
    case 'paycode':
      return (
        <div className="instructions">
          <p>Pay at any {action.store === 'alfamart' ? 'Alfamart' : 'Indomaret'} with this code</p>
          <p className="big-number" data-testid="payment-code">{action.paymentCode}</p>
        </div>
      );
    case 'cash':
      return <p className="instructions">Cash received.</p>;
  }
}
