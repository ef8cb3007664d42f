/**
 * Main's priced quote under the basket: subtotal, the sale's discounts,
 * service, tax (added on top, or included in the prices), the total, and for
 * cash the rounding and what the customer hands over. Props only; every
 * amount is main's (`sale.quote`, `sale.cash`), none is computed here.
 */
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../../shared/contract/sale-schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useRate } from './rate';

export interface QuoteSummaryProps {
  sale: SaleView | null;
  /** The cash tender is the one being chosen: show the rounding and the cash due. */
  cash: boolean;
  /** A tender panel is open under it (it shows what is due): the total only. */
  compact?: boolean;
}

/** One "label … amount" row; `data-amount` carries the rupiah for tests. */
function Row({ label, amount, testId, className }: { label: string; amount: number; testId: string; className?: string }) {
  return (
    <div className={`quote-row ${className ?? ''}`} data-testid={testId} data-amount={amount}>
      <span>{label}</span>
      <span>{formatRupiah(amount)}</span>
    </div>
  );
}

/** The money block of the cart. */
export function QuoteSummary({ sale, cash, compact = false }: QuoteSummaryProps) {
  const { t } = useTranslation();
  const rate = useRate();
  const quote = sale?.quote;
  const total = sale?.total ?? 0;
  const shows = !compact && quote && (quote.discountTotal > 0 || quote.serviceAmount > 0 || quote.taxTotal > 0);
  const rounding = !compact && cash && sale?.cash && sale.paid === 0 && sale.pending === 0 ? sale.cash : null;
  return (
    <div className="quote" data-testid="quote">
      {quote && shows && (
        <>
          <Row label={t('quote.subtotal')} amount={quote.subtotal} testId="quote-subtotal" />
          {quote.lineDiscountTotal > 0 && <Row label={t('quote.itemDiscounts')} amount={-quote.lineDiscountTotal} testId="quote-item-discounts" />}
          {quote.discounts.map((d, i) =>
            d.scope === 'sale' && d.amount > 0 ? (
              <Row
                key={i}
                label={t('quote.discount', { reason: d.reason, rate: d.basisPoints !== null ? rate(d.basisPoints) : '' }).trim()}
                amount={-d.amount}
                testId="quote-sale-discount"
              />
            ) : null,
          )}
          {quote.service && quote.serviceAmount > 0 && (
            <Row label={t('quote.service', { rate: rate(quote.service.rateBasisPoints) })} amount={quote.serviceAmount} testId="quote-service" />
          )}
          {quote.taxes.map((tax) => {
            const name = t(tax.kind === 'pb1' ? 'quote.pb1' : tax.taxClass === 'luxury' ? 'quote.ppnLuxury' : 'quote.ppn', { rate: rate(tax.rateBasisPoints) });
            return (
              <div key={tax.taxClass} className="quote-taxes">
                {tax.included > 0 && (
                  <Row label={t('quote.taxIncluded', { name })} amount={tax.included} testId={`quote-tax-included-${tax.taxClass}`} className="quote-included" />
                )}
                {tax.added > 0 && <Row label={name} amount={tax.added} testId={`quote-tax-${tax.taxClass}`} />}
              </div>
            );
          })}
        </>
      )}
      <div className="total">
        <span>{t('cart.total')}</span>
        <strong data-testid="cart-total" data-amount={total}>{formatRupiah(total)}</strong>
      </div>
      {rounding && rounding.rounding < 0 && (
        <>
          <Row label={t('quote.rounding')} amount={rounding.rounding} testId="quote-rounding" />
          <Row label={t('quote.cashDue')} amount={rounding.due} testId="quote-cash-due" className="quote-strong" />
        </>
      )}
    </div>
  );
}
