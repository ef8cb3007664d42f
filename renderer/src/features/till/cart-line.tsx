/** One line of the cart as main priced it: quantity buttons, its own discount, and (while building) discount / remove. Props only. */
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../../shared/contract/sale-schemas';
import { formatRupiah } from '../../../../shared/domain/money';
import { useRate } from './rate';

type QuoteLine = SaleView['quote']['lines'][number];
type QuoteDiscount = SaleView['quote']['discounts'][number];

export interface CartLineProps {
  line: QuoteLine;
  /** The line's own discount as applied (absent when none). */
  discount: QuoteDiscount | undefined;
  /** Quantities may change (an open sale with nothing tendered). */
  editable: boolean;
  /** Discount and remove are offered (building the basket, no panel open). */
  actions: boolean;
  onQuantity(quantity: number): void;
  onRemove(): void;
  onDiscount(): void;
}

/** The row. */
export function CartLine({ line: l, discount, editable, actions, onQuantity, onRemove, onDiscount }: CartLineProps) {
  const { t } = useTranslation();
  const rate = useRate();
  return (
    <>
      <div className="line-main">
        <span className="line-name">{l.name}</span>
        <span className="qty">
          <button aria-label={t('cart.less', { name: l.name })} data-testid={`less-${l.sku}`} disabled={!editable} onClick={() => onQuantity(l.quantity - 1)}>
            −
          </button>
          <span data-testid={`qty-${l.sku}`}>{l.quantity}</span>
          <button aria-label={t('cart.more', { name: l.name })} data-testid={`more-${l.sku}`} disabled={!editable} onClick={() => onQuantity(l.quantity + 1)}>
            +
          </button>
        </span>
        <span className="line-total" data-testid={`line-total-${l.sku}`} data-amount={l.gross}>
          {formatRupiah(l.gross)}
        </span>
      </div>
      {discount && (
        <div className="line-discount" data-testid={`line-discount-${l.sku}`} data-amount={discount.amount}>
          <span>{t('quote.lineDiscount', { reason: discount.reason, rate: discount.basisPoints !== null ? rate(discount.basisPoints) : '' }).trim()}</span>
          <span>{formatRupiah(-discount.amount)}</span>
        </div>
      )}
      {actions && (
        <div className="line-actions">
          <button className="link" data-testid={`discount-line-${l.sku}`} aria-label={t('discount.forLine', { name: l.name })} onClick={onDiscount}>
            {discount ? t('discount.change') : t('discount.add')}
          </button>
          <button className="link" data-testid={`remove-${l.sku}`} aria-label={t('sale.remove', { name: l.name })} onClick={onRemove}>
            {t('sale.removeShort')}
          </button>
        </div>
      )}
    </>
  );
}
