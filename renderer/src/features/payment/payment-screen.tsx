/**
 * The customer-facing step of a sale: what to pay and how, flipping to "Paid"
 * ("Lunas") the moment the main process pushes the update. Once paid, the
 * cashier can print a receipt; Enter starts the next sale.
 */
import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { isPaid } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { usePayments } from '../../stores/payment-store';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { useFormatters } from '../../i18n/format';
import { PayInstructions } from './pay-instructions';
import { Receipt } from './receipt';
import { ThermalPrintButton, ThermalPrintStatus, useThermalPrint } from './thermal-print';
import { expiryOnTillClock } from './till-expiry';

/** Elements that already do something with Enter themselves; the shortcut must not fire twice. */
const HANDLES_ENTER = 'button, a[href], input, select, textarea, [contenteditable="true"]';

/** True for a plain Enter that no focused control is about to handle. */
function isBareEnter(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.repeat || e.isComposing || e.defaultPrevented) return false;
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return false;
  return !(e.target instanceof Element && e.target.closest(HANDLES_ENTER));
}

export interface PaymentScreenProps {
  shopName: string;
  /** The till's receipt printer (from app.info); 'none' hides "Cetak ke printer struk". */
  printer?: 'none' | 'tcp' | 'device';
}

/** The payment on screen; renders nothing when there is none. */
export function PaymentScreen({ shopName, printer = 'none' }: PaymentScreenProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { time, zoneName } = useFormatters();
  const { current, lastSource, busy, error, cancel, dismiss } = usePayments(
    useShallow((s) => ({ current: s.current, lastSource: s.lastSource, busy: s.busy, error: s.error, cancel: s.cancel, dismiss: s.dismiss })),
  );
  const [receiptOpen, setReceiptOpen] = useState(false);
  const paid = current !== null && isPaid(current.status);
  const waiting = current !== null && (current.status === 'pending' || current.status === 'creating');
  const closeReceipt = useCallback(() => setReceiptOpen(false), []);
  const thermal = useThermalPrint(current?.id ?? '');
  const offerThermal = paid && printer !== 'none';
  const validUntil = current ? expiryOnTillClock(current) : null;

  // Enter = next sale whenever "New sale" is offered and the receipt is not in front.
  useEffect(() => {
    if (!current || waiting || receiptOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isBareEnter(e)) return;
      e.preventDefault();
      dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [current, waiting, receiptOpen, dismiss]);

  // A receipt belongs to one paid payment: a refund pushed meanwhile, or the next sale, closes it.
  useEffect(() => {
    if (!paid) setReceiptOpen(false);
  }, [paid, current?.id]);

  if (!current) return null;

  const printReceipt = () => {
    // The receipt must be in the DOM before the print snapshot is taken.
    flushSync(() => setReceiptOpen(true));
    window.print();
  };

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
      {waiting && validUntil && (
        <p className="muted" data-testid="valid-until">
          {t('payment.validUntil', { time: time(validUntil), zone: zoneName })}
        </p>
      )}
      {!waiting && lastSource && (
        <p className="muted" data-testid="confirmed-by" data-source={lastSource}>
          {t('payment.confirmedBy', { source: labels.source(lastSource) })}
        </p>
      )}
      <ErrorMessage error={error} testId="payment-error" />
      {offerThermal && <ThermalPrintStatus error={thermal.error} printed={thermal.printed} />}
      <footer>
        {current.status === 'pending' && (
          <button data-testid="cancel-payment" disabled={busy} onClick={() => void cancel()}>
            {t('payment.cancel')}
          </button>
        )}
        {paid && (
          <button data-testid="print-receipt" onClick={printReceipt}>
            {t('payment.printReceipt')}
          </button>
        )}
        {offerThermal && <ThermalPrintButton busy={thermal.busy} onPrint={() => void thermal.print()} />}
        {!waiting && (
          <button className="primary" data-testid="new-sale" title={t('payment.newSaleHint')} onClick={dismiss}>
            {t('payment.newSale')}
          </button>
        )}
      </footer>
      {paid && receiptOpen && <Receipt payment={current} shopName={shopName} onPrint={() => window.print()} onClose={closeReceipt} />}
    </section>
  );
}
