/** One closed day (Z-report, "Laporan Z"): totals, the cash drawer, the split by method and anything left open. */
import { useTranslation } from 'react-i18next';
import type { DayClosing } from '../../../../shared/contract/schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { useFormatters } from '../../i18n/format';
import { CashDrawerRows } from './cash-drawer-rows';
import { DrawerDifference } from './drawer-difference';
import { shopTime } from './format';

/**
 * Renders a closing exactly as recorded; it never recomputes anything. A
 * closing written before sales and tenders were counted apart (saleCount
 * null) shows its one count as before.
 */
export function ZReport({ closing }: { closing: DayClosing }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { locale } = useFormatters();
  const c = closing;
  return (
    <article className="zreport" data-testid="zreport" data-day={c.day}>
      <h3>
        {t('zreport.title')} <span data-testid="zreport-day">{c.day}</span>{' '}
        <span className="muted">{t('zreport.closedAt', { time: shopTime(c.closedAt, c.zone, locale), zone: c.zone })}</span>
        {c.closedByName && <span className="muted" data-testid="zreport-closed-by"> · {t('actor.closedBy', { name: c.closedByName })}</span>}
      </h3>
      {c.forced && (
        <p className="error" data-testid="zreport-forced" data-open-count={c.openCount} data-open-total={c.openTotal}>
          {t('zreport.forced', { count: c.openCount, amount: formatRupiah(c.openTotal) })}
        </p>
      )}
      <div className={c.saleCount == null ? 'kpis' : 'kpis five'}>
        {c.saleCount == null ? (
          <div><span>{t('report.paidSales')}</span><strong data-testid="zreport-paid-count">{c.paidCount}</strong></div>
        ) : (
          <>
            <div><span>{t('report.saleCount')}</span><strong data-testid="zreport-sale-count">{c.saleCount}</strong></div>
            <div><span>{t('report.tenderCount')}</span><strong data-testid="zreport-paid-count">{c.paidCount}</strong></div>
          </>
        )}
        <div><span>{t('report.takings')}</span><strong data-testid="zreport-paid-total">{formatRupiah(c.paidTotal)}</strong></div>
        <div><span>{t('report.refunded')}</span><strong data-testid="zreport-refunded">{formatRupiah(c.refundedTotal)}</strong></div>
        <div><span>{t('report.net')}</span><strong data-testid="zreport-net">{formatRupiah(c.netTotal)}</strong></div>
      </div>
      <table className="zreport-drawer">
        <caption>{t('zreport.drawer')}</caption>
        <tbody>
          <CashDrawerRows figures={c} testId="zreport" />
          <tr>
            <th>{t('zreport.counted')}</th>
            <td data-testid="zreport-counted-cash" data-counted={c.countedCash !== null}>
              {c.countedCash === null ? t('zreport.notCounted') : formatRupiah(c.countedCash)}
            </td>
          </tr>
          {c.cashDifference !== null && (
            <tr className={c.cashDifference < 0 ? 'short' : ''}>
              <th>{t('zreport.difference')}</th>
              <td><DrawerDifference diff={c.cashDifference} testId="zreport-cash-difference" /></td>
            </tr>
          )}
        </tbody>
      </table>
      <table>
        <thead><tr><th>{t('report.method')}</th><th>{t('report.tenderCount')}</th><th>{t('report.total')}</th><th>{t('report.refunded')}</th></tr></thead>
        <tbody>
          {c.byMethod.map((m) => (
            <tr key={m.method} data-testid={`zreport-method-${m.method}`}>
              <td>{labels.method(m.method)}</td><td>{m.count}</td><td>{formatRupiah(m.total)}</td><td>{formatRupiah(m.refunded)}</td>
            </tr>
          ))}
          {c.byMethod.length === 0 && <tr><td colSpan={4} className="muted">{t('zreport.noSales')}</td></tr>}
        </tbody>
      </table>
      <p className="muted">
        {t('zreport.failed')} <span data-testid="zreport-failed-count">{c.failedCount}</span>
      </p>
      {c.openPayments.length > 0 && (
        <table data-testid="zreport-open">
          <caption>{t('zreport.open')}</caption>
          <thead><tr><th>{t('report.order')}</th><th>{t('report.method')}</th><th>{t('report.status')}</th><th>{t('report.amount')}</th></tr></thead>
          <tbody>
            {c.openPayments.map((p) => (
              <tr key={p.id} data-status={p.status}>
                <td>{p.orderId}</td><td>{labels.method(p.method)}</td><td>{labels.status(p.status)}</td><td>{formatRupiah(p.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
