/** "Bayar sebagian" with an electronic method: the amount of this tender; the sale stays open for the rest. */
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { formatRupiah } from '../../../../shared/domain/money';
import { useLabels } from '../../components/labels';
import { ErrorMessage } from '../../components/error-message';
import { usePartTender } from './use-part-tender';

/** The panel under the quote. */
export function PartTender({ method }: { method: PaymentMethod }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const p = usePartTender(method);
  return (
    <form
      className="part-tender"
      data-testid="part-tender"
      onSubmit={(e) => {
        e.preventDefault();
        p.confirm();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        p.back();
      }}
    >
      <strong>{t('split.partTitle', { method: labels.method(method) })}</strong>
      <label>
        {t('split.partAmount', { remaining: formatRupiah(p.remaining) })}
        <input
          data-testid="part-amount"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          placeholder={t('split.partPlaceholder')}
          value={p.text}
          aria-invalid={p.invalid || p.amountRefused}
          disabled={p.busy}
          onChange={(e) => p.setText(e.target.value)}
        />
      </label>
      {p.invalid && <p className="error" data-testid="part-amount-invalid">{t('split.partInvalid', { max: formatRupiah(p.remaining) })}</p>}
      <ErrorMessage error={p.error} testId="part-error" />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="part-confirm" disabled={p.busy}>
          {p.busy ? t('cart.charging') : t('split.partConfirm', { amount: formatRupiah(p.amount ?? 0), method: labels.method(method) })}
        </button>
        <button type="button" data-testid="part-back" disabled={p.busy} onClick={p.back}>{t('sale.toSale')}</button>
      </div>
    </form>
  );
}
