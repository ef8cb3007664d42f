/**
 * The sale was voided: what went back to the customer (cash from the
 * drawer, a gateway refund — "diajukan, belum diproses" while Midtrans has
 * not confirmed it), and "Transaksi baru" (Enter).
 */
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { usePaidSale } from './use-paid-sale';

/** The voided screen. */
export function SaleVoided() {
  const { t } = useTranslation();
  const labels = useLabels();
  const p = usePaidSale();
  if (!p.sale) return null;
  const { sale } = p;
  const cashBack = sale.drawerMovements.filter((m) => m.kind === 'void_return').reduce((sum, m) => sum + m.amount, 0);
  const refunded = sale.tenders.filter((x) => x.payment.refundedAmount > 0 || x.payment.refundQueued === true);
  return (
    <section className="payment" data-testid="sale-voided" data-sale-status={sale.status}>
      <header>
        <span>{t('voidSale.title')}</span>
        <span className="order" data-testid="order-id">{sale.id}</span>
      </header>
      <p className="status status-cancel" role="status">{t('saleStatus.voided')}</p>
      {sale.voidReason && <p data-testid="void-reason-shown">{t('voidSale.reasonShown', { reason: sale.voidReason })}</p>}
      {cashBack > 0 && (
        <p className="change" data-testid="void-cash-back" data-amount={cashBack}>
          {t('voidSale.cashBack', { amount: formatRupiah(cashBack) })}
        </p>
      )}
      {refunded.map((x) => (
        <p key={x.paymentId} className="muted" data-testid={`void-refunded-${x.seq}`}>
          {t('voidSale.refunded', { amount: formatRupiah(x.payment.refundedAmount || x.applied), method: labels.method(x.method) })}
          {x.payment.refundQueued && <span className="refund-queued" data-testid={`void-refund-queued-${x.seq}`}> ({t('refundState.queued')})</span>}
        </p>
      ))}
      <footer>
        <button className="primary" data-testid="new-sale" title={t('payment.newSaleHint')} disabled={p.busy} onClick={p.newSale}>
          {t('payment.newSale')}
        </button>
      </footer>
    </section>
  );
}
