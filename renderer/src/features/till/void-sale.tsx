/** "Batalkan penjualan": the reason, then the owner's approval; Escape closes. */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { useVoidSale } from './use-void-sale';

/** The inline void form, at the foot of the cart or the tender screen. */
export function VoidSale({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const v = useVoidSale(onClose);
  return (
    <form
      className="void-sale"
      data-testid="void-sale"
      onSubmit={(e) => {
        e.preventDefault();
        void v.confirm();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <label>
        {t('voidSale.reason')}
        <input
          data-testid="void-reason"
          maxLength={255}
          autoComplete="off"
          autoFocus
          placeholder={t('voidSale.reasonPlaceholder')}
          value={v.reason}
          aria-invalid={v.missing}
          disabled={v.busy}
          onChange={(e) => v.setReason(e.target.value)}
        />
      </label>
      {v.missing && <p className="error" data-testid="void-reason-error">{t('voidSale.reasonMissing')}</p>}
      <p className="muted small-note">{t('voidSale.explain')}</p>
      <ErrorMessage error={v.refusal} testId="void-error" />
      <div className="form-actions">
        <button type="submit" className="danger" data-testid="void-confirm" disabled={v.busy}>{t('voidSale.confirm')}</button>
        <button type="button" data-testid="void-back" disabled={v.busy} onClick={onClose}>{t('sale.back')}</button>
      </div>
    </form>
  );
}
