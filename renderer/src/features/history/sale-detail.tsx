/**
 * One sale opened in the Payments list: what was sold, who rang it up, each
 * tender (a QRIS / e-wallet one refundable through Midtrans; cash, VA and
 * store codes go back from the drawer), and the receipt marked as a copy.
 * Props only: the data and actions are `useHistory`'s.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleReceipt, SaleView, TenderView } from '../../../../shared/contract/sale-schemas';
import type { Err } from '../../../../shared/contract/result';
import { formatRupiah } from '../../../../shared/domain/money';
import { canRefundViaGateway } from '../../../../shared/domain/payment';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { ReceiptView } from '../payment/receipt-view';
import { ThermalPrintButton, ThermalPrintStatus, type useThermalPrint } from '../payment/thermal-print';
import { RefundForm, refundableOf } from './refund-form';

export interface SaleDetailProps {
  sale: SaleView | null;
  error: Err | null;
  receipt: SaleReceipt | null;
  receiptError: Err | null;
  /** The thermal printer's job for this sale; null when the till has no receipt printer. */
  thermal: ReturnType<typeof useThermalPrint> | null;
  /** The tender whose refund form is open ("<sale>-<seq>"). */
  refunding: string | null;
  onRefunding(key: string | null): void;
  onRefund(paymentId: string, amount: number, reason: string): Promise<Err | null>;
  onPrint(): void;
}

/** A tender's key in test ids and the open refund form: "<sale>-<seq>". */
export const tenderKey = (saleId: string, t: Pick<TenderView, 'seq'>) => `${saleId}-${t.seq}`;

// Cash, VA and convenience-store payments go back outside Midtrans: no button for them here.
const canRefund = (t: TenderView): boolean => canRefundViaGateway(t.payment) && refundableOf(t.payment) > 0;

/** The opened sale, under its row. */
export function SaleDetail({ sale, error, receipt, receiptError, thermal, refunding, onRefunding, onRefund, onPrint }: SaleDetailProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (error) return <ErrorMessage error={error} testId="sale-detail-error" />;
  if (!sale) return <p className="muted">{t('saleHistory.loading')}</p>;
  return (
    <div className="sale-detail" data-testid={`sale-detail-${sale.id}`}>
      <div className="sale-detail-main">
        {/* The sale's own item copies: still right after a product is repriced or taken off the till. */}
        <p data-testid={`history-items-${sale.id}`}>{sale.quote.lines.map((l) => `${l.name} × ${l.quantity}`).join(', ')}</p>
        {sale.actorName && <p className="muted small-note" data-testid={`history-actor-${sale.id}`}>{t('actor.soldBy', { name: sale.actorName })}</p>}
        {sale.voidReason && <p className="muted small-note">{t('voidSale.reasonShown', { reason: sale.voidReason })}</p>}
        <table className="tenders">
          <caption>{t('saleHistory.tenders')}</caption>
          <tbody>
            {sale.tenders.length === 0 && (
              <tr><td className="muted">{t('saleHistory.noTenders')}</td></tr>
            )}
            {sale.tenders.map((tender) => {
              const key = tenderKey(sale.id, tender);
              const p = tender.payment;
              return (
                <Fragment key={tender.paymentId}>
                  <tr data-testid={`tender-${key}`} data-status={p.status} data-refunded={p.refundedAmount} data-method={tender.method}>
                    <td>{tender.seq}.</td>
                    <td>{labels.method(tender.method)}</td>
                    <td>
                      {formatRupiah(p.amount)}
                      {tender.change !== null && tender.change > 0 && (
                        <div className="muted small-note">{t('saleHistory.cashChange', { received: formatRupiah(tender.received ?? 0), change: formatRupiah(tender.change) })}</div>
                      )}
                      {p.refundedAmount > 0 && (
                        <div className="muted small-note" data-testid={`tender-refunded-${key}`}>{t('history.refunded', { amount: formatRupiah(p.refundedAmount) })}</div>
                      )}
                      {tender.drawerRefunded > 0 && (
                        <div className="muted small-note">{t('saleHistory.drawerRefunded', { amount: formatRupiah(tender.drawerRefunded) })}</div>
                      )}
                    </td>
                    <td data-testid={`tender-status-${key}`}>{labels.status(p.status)}</td>
                    <td>
                      {canRefund(tender) && refunding !== key && (
                        <button data-testid={`refund-${key}`} onClick={() => onRefunding(key)}>{t('history.refund')}</button>
                      )}
                    </td>
                  </tr>
                  {refunding === key && canRefund(tender) && (
                    <tr className="refund-row">
                      <td colSpan={5}>
                        {/* Keyed by what is left: after a partial refund the default amount starts afresh. */}
                        <RefundForm key={p.refundedAmount} payment={p} formKey={key} onRefund={onRefund} onDone={() => onRefunding(null)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {sale.status === 'paid' && (
        <div className="sale-detail-receipt">
          <ReceiptView receipt={receipt} error={receiptError} testId="history-receipt" />
          <div className="form-actions">
            <button data-testid="history-print" disabled={!receipt} onClick={onPrint}>{t('saleHistory.print')}</button>
            {thermal && <ThermalPrintButton testId="history-thermal-print" busy={thermal.busy} onPrint={() => void thermal.print()} />}
          </div>
          {thermal && <ThermalPrintStatus testId="history-thermal-print" error={thermal.error} printed={thermal.printed} copy={thermal.copy} />}
        </div>
      )}
    </div>
  );
}
