/** The running sale: lines, quantities, total, method and the Charge button. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { cartTotal, useCart } from '../../stores/cart-store';
import { usePayments } from '../../stores/payment-store';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';

/** The cart beside the product grid; charging clears it once the payment exists. */
export function CartPanel({ methods }: { methods: PaymentMethod[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { lines, setQuantity, clear } = useCart(useShallow((s) => ({ lines: s.lines, setQuantity: s.setQuantity, clear: s.clear })));
  const { charge, busy, error } = usePayments(useShallow((s) => ({ charge: s.charge, busy: s.busy, error: s.error })));
  const [method, setMethod] = useState<PaymentMethod>(methods[0] ?? 'qris');
  const total = cartTotal(lines);

  const onCharge = async () => {
    if (await charge(lines, method)) clear();
  };

  return (
    <aside className="cart" data-testid="cart">
      <h2>{t('cart.title')}</h2>
      {lines.length === 0 && <p className="muted">{t('cart.empty')}</p>}
      <ul className="lines">
        {lines.map((l) => (
          <li key={l.sku} data-testid={`line-${l.sku}`}>
            <span className="line-name">{l.name}</span>
            <span className="qty">
              <button aria-label={t('cart.less', { name: l.name })} onClick={() => setQuantity(l.sku, l.quantity - 1)}>−</button>
              <span data-testid={`qty-${l.sku}`}>{l.quantity}</span>
              <button aria-label={t('cart.more', { name: l.name })} onClick={() => setQuantity(l.sku, l.quantity + 1)}>+</button>
            </span>
            <span className="line-total">{formatRupiah(l.price * l.quantity)}</span>
          </li>
        ))}
      </ul>
      <div className="total">
        <span>{t('cart.total')}</span>
        <strong data-testid="cart-total">{formatRupiah(total)}</strong>
      </div>
      <label className="method">
        {t('cart.method')}
        <select data-testid="method-select" value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
          {methods.map((m) => (
            <option key={m} value={m}>
              {labels.method(m)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} testId="charge-error" />
      <button className="primary charge" data-testid="charge" disabled={lines.length === 0 || busy} onClick={onCharge}>
        {busy ? t('cart.charging') : t('cart.charge', { amount: formatRupiah(total) })}
      </button>
    </aside>
  );
}
