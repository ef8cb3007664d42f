/**
 * The sale is paid: unmistakable from across the counter (the whole panel
 * green, a large tick and a large "Lunas"), the receipt number, the change to hand over,
 * the receipt exactly as it prints, printing, and "Transaksi baru" (Enter).
 * The thermal button shows only when the till has a receipt printer.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { ReceiptView } from './receipt-view';
import { ThermalPrintButton, ThermalPrintStatus } from './thermal-print';
import { usePaidSale } from './use-paid-sale';

/** The paid screen. */
export function SalePaid({ printer }: { printer: 'none' | 'tcp' | 'device' }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const p = usePaidSale();
  // "Transaksi baru" holds the focus (Enter = next sale), and takes it back after printing.
  const next = useRef<HTMLButtonElement>(null);
  if (!p.sale) return null;
  const { sale, last } = p;
  const offerThermal = printer !== 'none';
  return (
    <section className="payment paid sale-done paid-panel" data-testid="payment-screen" data-status={last?.status ?? 'settlement'} data-sale-status={sale.status}>
      <div className="sale-done-summary">
        <header>
          <span data-testid="sale-methods">{[...new Set(sale.tenders.filter((x) => x.counts === 'paid').map((x) => labels.method(x.method)))].join(' + ')}</span>
          <span className="order" data-testid="order-id">{sale.id}</span>
        </header>
        <div className="paid-mark" data-testid="paid-mark">
          <svg className="paid-tick" viewBox="0 0 52 52" role="img" aria-label={t('paidPanel.tickLabel')} data-testid="paid-tick">
            <circle cx="26" cy="26" r="25" />
            <path d="M14 27 l8 8 l16 -18" />
          </svg>
          <p className="status status-settlement paid-word" data-testid="payment-status" data-status={last?.status ?? 'settlement'} role="status">
            {t('saleStatus.paid')}
          </p>
        </div>
        <p className="receipt-no" data-testid="receipt-no">{t('paid.receiptNo', { no: sale.receiptNo ?? '' })}</p>
        <p className="amount" data-testid="payment-amount" data-amount={sale.total}>{formatRupiah(sale.total)}</p>
        {sale.rounding < 0 && (
          <p className="muted" data-testid="sale-rounded" data-amount={sale.total + sale.rounding}>
            {t('paid.rounded', { amount: formatRupiah(sale.total + sale.rounding), rounding: formatRupiah(sale.rounding) })}
          </p>
        )}
        {sale.change > 0 && (
          <p className="change" data-testid="sale-change" data-amount={sale.change}>
            {t('paid.change', { amount: formatRupiah(sale.change) })}
          </p>
        )}
        {last?.payment.lastSource && (
          <p className="muted" data-testid="confirmed-by" data-source={last.payment.lastSource}>
            {t('payment.confirmedBy', { source: labels.source(last.payment.lastSource) })}
          </p>
        )}
        <ErrorMessage error={p.error} testId="payment-error" />
        {offerThermal && <ThermalPrintStatus error={p.thermal.error} printed={p.thermal.printed} copy={p.thermal.copy} />}
        <footer>
          <button
            data-testid="print-receipt"
            disabled={!p.receipt}
            onClick={() => {
              p.print();
              next.current?.focus();
            }}
          >
            {t('payment.printReceipt')}
          </button>
          {offerThermal && <ThermalPrintButton busy={p.thermal.busy} onPrint={() => void p.thermal.print()} />}
          <button ref={next} className="primary" data-testid="new-sale" title={t('payment.newSaleHint')} autoFocus disabled={p.busy} onClick={p.newSale}>
            {t('payment.newSale')}
          </button>
        </footer>
      </div>
      <ReceiptView receipt={p.receipt} error={p.receiptError} />
    </section>
  );
}
