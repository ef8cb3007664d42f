/**
 * The payment methods as buttons under the total: Tunai and QRIS large (one
 * key each), the others smaller beneath. A method the till cannot use now is
 * disabled and says why (offline, not set up, link only). Props only.
 */
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';
import { useLabels } from '../../components/labels';
import type { MethodBlock, MethodButton } from './method-buttons';

const BLOCK_KEY = {
  offline: 'methodPad.offline',
  not_configured: 'methodPad.notConfigured',
  redirect_only: 'methodPad.redirectOnly',
} as const satisfies Record<MethodBlock, string>;

export interface MethodPadProps {
  buttons: readonly MethodButton[];
  chosen: PaymentMethod;
  disabled: boolean;
  onChoose(method: PaymentMethod): void;
}

/** The pad. */
export function MethodPad({ buttons, chosen, disabled, onChoose }: MethodPadProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const one = (b: MethodButton) => {
    const spec = PAYMENT_METHOD_SPECS[b.method];
    // Brands are not translated (the registry's short name); cash is a word ("Tunai").
    const name = b.primary || spec.family === 'cash' ? labels.method(b.method) : spec.name;
    return (
      <button
        key={b.method}
        type="button"
        className={`method-button${b.primary ? ' primary-method' : ''}${chosen === b.method ? ' chosen' : ''}`}
        data-testid={`method-${b.method}`}
        data-blocked={b.blocked ?? undefined}
        aria-pressed={chosen === b.method}
        title={labels.method(b.method)}
        disabled={disabled || b.blocked !== null}
        onClick={() => onChoose(b.method)}
      >
        <span className="method-name">{name}</span>
        {b.blocked && <span className="method-blocked" data-testid={`method-${b.method}-blocked`}>{t(BLOCK_KEY[b.blocked])}</span>}
      </button>
    );
  };
  return (
    <div className="method-pad" role="group" aria-label={t('methodPad.label')} data-testid="method-pad">
      <div className="method-primary">{buttons.filter((b) => b.primary).map(one)}</div>
      <div className="method-others" role="group" aria-label={t('methodPad.others')}>{buttons.filter((b) => !b.primary).map(one)}</div>
    </div>
  );
}
