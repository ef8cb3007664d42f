/**
 * The customer's receipt ("struk") for a paid sale: shop, time in the shop's
 * zone, order, lines, total, method and "Lunas". Printed with the page's own
 * `window.print()` (no network, nothing leaves the till); `receipt.css`
 * hides everything else on paper. The view carries no Midtrans transaction
 * reference, so none is printed.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { useFormatters } from '../../i18n/format';
import './receipt.css';

export interface ReceiptProps {
  payment: PaymentView;
  shopName: string;
  onPrint(): void;
  onClose(): void;
}

/** A modal receipt over the payment screen; Escape closes it. */
export function Receipt({ payment, shopName, onPrint, onClose }: ReceiptProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { dateTime } = useFormatters();
  const printButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    printButton.current?.focus(); // Enter prints again, Escape closes: the keyboard never lands on the till behind
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  // updatedAt is when the payment became paid (the receipt is only offered while it is paid).
  const paidAt = payment.updatedAt;
  return (
    <div className="receipt-backdrop">
      <div className="receipt-dialog" role="dialog" aria-modal="true" aria-labelledby="receipt-shop">
        <article className="receipt" data-testid="receipt" data-order-id={payment.orderId} data-status={payment.status}>
          <h2 id="receipt-shop" data-testid="receipt-shop">{shopName}</h2>
          <p className="receipt-title">{t('receipt.title')}</p>
          <dl className="receipt-meta">
            <dt>{t('receipt.time')}</dt>
            <dd data-testid="receipt-time">{dateTime(paidAt)}</dd>
            <dt>{t('receipt.order')}</dt>
            <dd data-testid="receipt-order-id">{payment.orderId}</dd>
            {payment.referenceNo && (
              <>
                <dt>{t('receipt.reference')}</dt>
                <dd data-testid="receipt-reference">{payment.referenceNo}</dd>
              </>
            )}
          </dl>
          <table className="receipt-lines">
            <thead>
              <tr><th>{t('receipt.item')}</th><th>{t('receipt.qty')}</th><th>{t('receipt.price')}</th><th>{t('receipt.subtotal')}</th></tr>
            </thead>
            <tbody>
              {payment.items.map((item) => (
                <tr key={item.sku} data-testid={`receipt-line-${item.sku}`} data-quantity={item.quantity} data-price={item.price}>
                  <td>{item.name}</td>
                  <td>{item.quantity}</td>
                  <td>{formatRupiah(item.price)}</td>
                  <td>{formatRupiah(item.price * item.quantity)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={3}>{t('receipt.total')}</th>
                <td data-testid="receipt-total" data-amount={payment.amount}>{formatRupiah(payment.amount)}</td>
              </tr>
            </tfoot>
          </table>
          <dl className="receipt-meta">
            <dt>{t('receipt.method')}</dt>
            <dd data-testid="receipt-method" data-method={payment.method}>{labels.method(payment.method)}</dd>
            <dt>{t('receipt.status')}</dt>
            <dd data-testid="receipt-status" className="receipt-paid">{labels.status(payment.status)}</dd>
          </dl>
          <p className="receipt-thanks">{t('receipt.thanks')}</p>
        </article>
        <footer className="receipt-actions">
          <button ref={printButton} className="primary" data-testid="receipt-print" onClick={onPrint}>{t('receipt.print')}</button>
          <button data-testid="receipt-close" onClick={onClose}>{t('receipt.close')}</button>
        </footer>
      </div>
    </div>
  );
}
