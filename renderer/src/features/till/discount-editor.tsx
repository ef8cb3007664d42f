/** A line's or the sale's discount: % or Rp, with a reason. Enter applies, Escape closes. */
import { useTranslation } from 'react-i18next';
import type { Discount } from '../../../../shared/domain/pricing';
import { ErrorMessage } from '../../components/error-message';
import { useDiscountEditor } from './use-discount-editor';
import type { DiscountTarget } from './use-cart-panel';

export interface DiscountEditorProps {
  title: string;
  target: DiscountTarget;
  current: Discount | null;
  onClose(): void;
}

/** The inline form, under its line or under the basket. */
export function DiscountEditor({ title, target, current, onClose }: DiscountEditorProps) {
  const { t } = useTranslation();
  const d = useDiscountEditor(target, current, onClose);
  const percent = d.fields.kind === 'percent';
  return (
    <form
      className="discount-editor"
      data-testid="discount-editor"
      data-scope={target.scope}
      onSubmit={(e) => {
        e.preventDefault(); // no navigation: the form calls main
        d.apply();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <strong>{title}</strong>
      <div className="segmented" role="group" aria-label={t('discount.kind')}>
        <button type="button" data-testid="discount-kind-percent" aria-pressed={percent} className={percent ? 'active' : ''} onClick={() => d.setKind('percent')}>%</button>
        <button type="button" data-testid="discount-kind-amount" aria-pressed={!percent} className={!percent ? 'active' : ''} onClick={() => d.setKind('amount')}>Rp</button>
      </div>
      <label>
        {percent ? t('discount.percent') : t('discount.amount')}
        <input
          data-testid="discount-value"
          inputMode="decimal"
          autoComplete="off"
          autoFocus
          placeholder={percent ? t('discount.percentPlaceholder') : t('discount.amountPlaceholder')}
          value={d.fields.value}
          aria-invalid={d.problem === 'value'}
          disabled={d.sending}
          onChange={(e) => d.setValue(e.target.value)}
        />
      </label>
      {d.problem === 'value' && <p className="error" data-testid="discount-value-error">{percent ? t('discount.percentInvalid') : t('discount.amountInvalid')}</p>}
      <label>
        {t('discount.reason')}
        <input
          data-testid="discount-reason"
          maxLength={100}
          autoComplete="off"
          placeholder={t('discount.reasonPlaceholder')}
          value={d.fields.reason}
          aria-invalid={d.problem === 'reason'}
          disabled={d.sending}
          onChange={(e) => d.setReason(e.target.value)}
        />
      </label>
      {d.problem === 'reason' && <p className="error" data-testid="discount-reason-error">{t('discount.reasonInvalid')}</p>}
      <ErrorMessage error={d.refusal} testId="discount-error" />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="discount-apply" disabled={d.sending}>{t('discount.apply')}</button>
        {d.canRemove && <button type="button" data-testid="discount-remove" disabled={d.sending} onClick={d.remove}>{t('discount.remove')}</button>}
        <button type="button" data-testid="discount-cancel" disabled={d.sending} onClick={onClose}>{t('discount.cancel')}</button>
      </div>
    </form>
  );
}
