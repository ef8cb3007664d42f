/**
 * The Payments tab: recent sales, newest first. Opening one shows its lines,
 * each tender with its status (QRIS / e-wallet tenders refundable through
 * Midtrans from here), and its receipt marked as a copy, to reprint.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { useFormatters } from '../../i18n/format';
import { useHistory } from './use-history';
import { SaleDetail } from './sale-detail';
import './history.css';

/** Columns in a row; the opened sale spans them all. */
const COLUMNS = 6;

/** The tab; `printer` from app.info (the thermal reprint shows only with one). */
export function HistoryScreen({ printer }: { printer: 'none' | 'tcp' | 'device' }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { time } = useFormatters();
  const h = useHistory();
  return (
    <section className="history" data-testid="history">
      <h2>{t('saleHistory.title')}</h2>
      <ErrorMessage error={h.listError} testId="history-error" />
      {h.sales && h.sales.length === 0 && <p className="muted" data-testid="history-empty">{t('saleHistory.empty')}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('history.time')}</th>
            <th>{t('saleHistory.receiptNo')}</th>
            <th>{t('history.method')}</th>
            <th>{t('history.amount')}</th>
            <th>{t('history.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(h.sales ?? []).map((s) => {
            const open = h.openId === s.id;
            return (
              <Fragment key={s.id}>
                <tr className={open ? 'selected' : ''} data-testid={`history-${s.id}`} data-status={s.status} data-receipt-no={s.receiptNo ?? ''} data-total={s.total}>
                  <td>{time(s.closedAt ?? s.openedAt)}</td>
                  <td>
                    {s.receiptNo ?? '—'}
                    <div className="muted small-note">{s.id}</div>
                  </td>
                  <td>{s.methods.map((m) => labels.method(m)).join(' + ')}</td>
                  <td>
                    {formatRupiah(s.total)}
                    {s.drawerRefunded > 0 && (
                      <div className="muted small-note" data-testid={`history-drawer-refunded-${s.id}`}>
                        {t('saleHistory.drawerRefunded', { amount: formatRupiah(s.drawerRefunded) })}
                      </div>
                    )}
                  </td>
                  <td data-testid={`history-status-${s.id}`}>{t(`saleStatus.${s.status}`)}</td>
                  <td>
                    <button data-testid={`history-open-${s.id}`} aria-expanded={open} onClick={() => h.toggle(s.id)}>
                      {open ? t('saleHistory.close') : t('saleHistory.open')}
                    </button>
                  </td>
                </tr>
                {open && (
                  <tr className="sale-detail-row">
                    <td colSpan={COLUMNS}>
                      <SaleDetail
                        sale={h.detail}
                        error={h.detailError}
                        receipt={h.receipt}
                        receiptError={h.receiptError}
                        thermal={printer === 'none' ? null : h.thermal}
                        refunding={h.refunding}
                        onRefunding={h.setRefunding}
                        onRefund={h.refund}
                        onPrint={h.print}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
