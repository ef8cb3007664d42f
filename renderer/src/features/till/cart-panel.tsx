/** The running sale: lines, quantities, total, method and the Charge button. */
import { useState } from 'react';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { cartTotal, useCart } from '../../stores/cart-store';
import { usePayments } from '../../stores/payment-store';
import { METHOD_LABEL } from '../../components/labels';

export function CartPanel({ methods }: { methods: PaymentMethod[] }) {
  const { lines, setQuantity, clear } = useCart();
  const { charge, busy, error } = usePayments();
  const [method, setMethod] = useState<PaymentMethod>(methods[0] ?? 'qris');
  const total = cartTotal(lines);

  const onCharge = async () => {
    if (await charge(lines, method)) clear();
  };

  return (
    <aside className="cart" data-testid="cart">
      <h2>Current sale</h2>
      {lines.length === 0 && <p className="muted">Tap a product to start a sale.</p>}
      <ul className="lines">
        {lines.map((l) => (
          <li key={l.sku} data-testid={`line-${l.sku}`}>
            <span className="line-name">{l.name}</span>
            <span className="qty">
              <button aria-label={`Less ${l.name}`} onClick={() => setQuantity(l.sku, l.quantity - 1)}>−</button>
              <span data-testid={`qty-${l.sku}`}>{l.quantity}</span>
              <button aria-label={`More ${l.name}`} onClick={() => setQuantity(l.sku, l.quantity + 1)}>+</button>
            </span>
            <span className="line-total">{formatRupiah(l.price * l.quantity)}</span>
          </li>
        ))}
      </ul>
      <div className="total">
        <span>Total</span>
        <strong data-testid="cart-total">{formatRupiah(total)}</strong>
      </div>
      <label className="method">
        Payment method
        <select data-testid="method-select" value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
          {methods.map((m) => (
            <option key={m} value={m}>
              {METHOD_LABEL[m]}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" role="alert" data-testid="charge-error">
          {error}
        </p>
      )}
      <button className="primary charge" data-testid="charge" disabled={lines.length === 0 || busy} onClick={onCharge}>
        {busy ? 'Charging…' : `Charge ${formatRupiah(total)}`}
      </button>
    </aside>
  );
}
