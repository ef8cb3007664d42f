/**
 * The running sale beside the product grid, as main priced it: lines with
 * their discounts, the quote, what is already paid in a split sale, and the
 * tender controls (the method buttons, Charge, "Bayar sebagian", or the cash
 * panel). The lines scroll inside the panel; the total, the methods and
 * Charge stay in view whatever the number of lines (1024×768 included).
 */
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { ErrorMessage } from '../../components/error-message';
import { useCartPanel } from './use-cart-panel';
import { CartLine } from './cart-line';
import { QuoteSummary } from './quote-summary';
import { DiscountEditor } from './discount-editor';
import { CashTender } from './cash-tender';
import { PartTender } from './part-tender';
import { TenderProgress } from './tender-progress';
import { VoidSale } from './void-sale';
import { MethodPad } from './method-pad';

/** The cart; every change goes to main, which answers the priced sale. */
export function CartPanel({ methods }: { methods: PaymentMethod[] }) {
  const { t } = useTranslation();
  const p = useCartPanel(methods);
  const building = p.editable && p.mode.kind === 'cart';
  const discounts = p.sale?.quote.discounts ?? [];
  const saleDiscount = p.sale?.saleDiscounts[0] ?? null;

  return (
    <aside className="cart" data-testid="cart" data-sale-id={p.sale?.id} data-editable={p.editable} aria-busy={p.syncing}>
      <div className="cart-head">
        <h2>{t('cart.title')}</h2>
        {p.lines.length > 0 && <span className="muted line-count" data-testid="line-count" data-count={p.lines.length}>{t('cartTools.lines', { count: p.lines.length })}</span>}
        {p.canClear && !p.clearing && (
          <button className="link clear-sale" data-testid="clear-sale" aria-label={t('cartTools.clearLabel')} onClick={() => p.askClear(true)}>
            {t('cartTools.clear')}
          </button>
        )}
        {p.canClear && p.clearing && (
          <span className="clear-confirm">
            <button className="danger" data-testid="clear-sale-confirm" autoFocus onClick={p.clear}>{t('cartTools.confirmClear')}</button>
            <button data-testid="clear-sale-back" onClick={() => p.askClear(false)}>{t('sale.back')}</button>
          </span>
        )}
      </div>
      {/* The lines scroll; the money and the tender controls below them stay in view. */}
      <div className="cart-lines">
        {p.lines.length === 0 && <p className="muted">{t('cart.empty')}</p>}
        <ul className="lines">
          {p.lines.map((l) => (
            <li key={l.id} data-testid={`line-${l.sku}`} data-line-id={l.id}>
              <CartLine
                line={l}
                discount={discounts.find((d) => d.scope === 'line' && d.lineId === l.id && d.amount > 0)}
                editable={p.editable}
                actions={building}
                onQuantity={(q) => p.setQuantity(l.id, q)}
                onRemove={() => p.remove(l.id)}
                onDiscount={() => p.openDiscount({ scope: 'line', lineId: l.id })}
              />
              {p.editing?.scope === 'line' && p.editing.lineId === l.id && (
                <DiscountEditor
                  title={t('discount.lineTitle', { name: l.name })}
                  target={p.editing}
                  current={p.sale?.lines.find((x) => x.id === l.id)?.discount ?? null}
                  onClose={() => p.openDiscount(null)}
                />
              )}
            </li>
          ))}
        </ul>
        {/* An open discount editor shows its own refusal next to its fields. */}
        <ErrorMessage error={p.editing ? null : p.linesError} testId="lines-error" />
        {building && p.lines.length > 0 && p.editing?.scope !== 'sale' && (
          <button className="link sale-discount" data-testid="discount-sale" onClick={() => p.openDiscount({ scope: 'sale' })}>
            {saleDiscount ? t('discount.changeSale') : t('discount.addSale')}
          </button>
        )}
        {p.editing?.scope === 'sale' && (
          <DiscountEditor title={t('discount.saleTitle')} target={p.editing} current={saleDiscount} onClose={() => p.openDiscount(null)} />
        )}
      </div>
      <div className="cart-foot">
        <QuoteSummary sale={p.sale} cash={p.cash} compact={p.mode.kind !== 'cart'} />
        {p.sale && p.showTenders && <TenderProgress sale={p.sale} />}
        {p.mode.kind === 'cash' && <CashTender />}
        {p.mode.kind === 'part' && <PartTender method={p.method} />}
        {p.mode.kind === 'cart' && (
          <div className="tender-controls">
            <MethodPad buttons={p.buttons} chosen={p.method} disabled={p.busy} onChoose={p.chooseMethod} />
            <ErrorMessage error={p.tenderError} testId="charge-error" />
            <button className="primary charge" data-testid="charge" data-amount={p.chargeAmount} data-method={p.method} disabled={!p.canCharge} onClick={p.charge}>
              {p.busy ? t('cart.charging') : t(p.tendered ? 'split.chargeRest' : 'cart.charge', { amount: formatRupiah(p.chargeAmount) })}
            </button>
            {p.slow && (
              <div className="slow-charge" data-testid="slow-charge" role="status">
                <p className="small-note">{t('tenderWait.slow')}</p>
                <button className="primary" data-testid="stop-waiting" onClick={p.stopWaiting}>{t('tenderWait.stopWaiting')}</button>
              </div>
            )}
            {(!p.cash || p.canVoid) && !p.voiding && (
              <div className="tender-secondary">
                {!p.cash && (
                  <button data-testid="part-pay" disabled={!p.canPart} onClick={p.openPart}>
                    {t('split.partPay')}
                  </button>
                )}
                {p.canVoid && (
                  <button className="link void-open" data-testid="void-open" onClick={() => p.openVoid(true)}>
                    {t('voidSale.open')}
                  </button>
                )}
              </div>
            )}
          </div>
        )}
        {p.canVoid && p.mode.kind === 'cart' && p.voiding && <VoidSale onClose={() => p.openVoid(false)} />}
      </div>
    </aside>
  );
}
