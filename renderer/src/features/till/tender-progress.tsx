/**
 * A split sale's progress: each tender that counts (paid, or waiting for
 * the customer), each tender the cashier left that is still being cancelled
 * at the gateway ("membatalkan…"), and what is paid, pending and still to
 * pay. Props only.
 */
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../../shared/contract/sale-schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { cancellingTenders, countingTenders } from './till-mode';

/** The tenders so far and the three sums. */
export function TenderProgress({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const cancelling = cancellingTenders(sale);
  return (
    <div className="tender-progress" data-testid="tender-progress" data-paid={sale.paid} data-pending={sale.pending} data-remaining={sale.remaining}>
      <ol className="tender-list">
        {countingTenders(sale).map((tender) => (
          <li key={tender.paymentId} data-testid={`sale-tender-${tender.seq}`} data-method={tender.method} data-status={tender.status} data-counts={tender.counts}>
            <span>
              {tender.seq}. {labels.method(tender.method)}
            </span>
            <span className="muted">{labels.status(tender.status)}</span>
            <span>{formatRupiah(tender.applied)}</span>
          </li>
        ))}
        {cancelling.map((tender) => (
          <li key={tender.paymentId} className="tender-cancelling" data-testid={`sale-tender-${tender.seq}`} data-method={tender.method} data-status={tender.status} data-counts={tender.counts} data-cancelling="true">
            <span>
              {tender.seq}. {labels.method(tender.method)}
            </span>
            <span className="muted" data-testid={`tender-cancelling-${tender.seq}`}>{t('tenderWait.cancelling')}</span>
            <span className="struck">{formatRupiah(tender.applied)}</span>
          </li>
        ))}
      </ol>
      {sale.paid > 0 && <div className="quote-row"><span>{t('split.paid')}</span><span data-testid="sale-paid-amount">{formatRupiah(sale.paid)}</span></div>}
      {sale.pending > 0 && <div className="quote-row"><span>{t('split.pending')}</span><span data-testid="sale-pending-amount">{formatRupiah(sale.pending)}</span></div>}
      <div className="quote-row quote-strong"><span>{t('split.remaining')}</span><span data-testid="sale-remaining" data-amount={sale.remaining}>{formatRupiah(sale.remaining)}</span></div>
    </div>
  );
}
