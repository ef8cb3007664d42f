/**
 * Cash at the counter: what is due (rounded to the shop's step), quick
 * notes, the amount received and the change, live. Enter in the amount
 * confirms; less than due is taken as a part payment in cash.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../../../shared/domain/money';
import { ErrorMessage } from '../../components/error-message';
import { useCashTender } from './use-cash-tender';

/** The panel under the quote while the cashier takes cash. */
export function CashTender() {
  const { t } = useTranslation();
  const c = useCashTender();
  // A tapped note lands in the amount, and the keyboard stays there: Enter confirms it.
  const input = useRef<HTMLInputElement>(null);
  const short = c.result?.kind === 'short';
  return (
    <form
      className="cash-tender"
      data-testid="cash-tender"
      onSubmit={(e) => {
        e.preventDefault(); // no navigation: Enter confirms the amount
        c.confirm();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        c.back();
      }}
    >
      <div className="cash-due">
        <span>{t('cash.due')}</span>
        <strong data-testid="cash-due" data-amount={c.due}>{formatRupiah(c.due)}</strong>
      </div>
      {c.rounding < 0 && (
        <p className="muted small-note" data-testid="cash-rounding" data-amount={c.rounding}>
          {t('cash.rounded', { exact: formatRupiah(c.exact), rounding: formatRupiah(c.rounding) })}
        </p>
      )}
      <div className="quick-notes" role="group" aria-label={t('cash.quickNotes')}>
        {c.quickNotes.map((n) => (
          <button key={n} type="button" data-testid={`cash-note-${n}`} data-amount={n} onClick={() => {
              c.pickNote(n);
              input.current?.focus();
            }}>
            {n === c.due ? t('cash.exact') : formatRupiah(n)}
          </button>
        ))}
      </div>
      <label className="cash-received">
        {t('cash.received')}
        <input
          ref={input}
          data-testid="cash-received"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          placeholder={formatRupiah(c.due)}
          value={c.text}
          aria-invalid={c.invalid}
          aria-describedby="cash-change"
          disabled={c.busy}
          onChange={(e) => c.setText(e.target.value)}
        />
      </label>
      {c.invalid && <p className="error" data-testid="cash-received-error">{t('cash.invalid')}</p>}
      {c.result && (
        <div id="cash-change" className={`cash-change ${short ? 'short' : ''}`} data-testid="cash-change" data-kind={c.result.kind} data-amount={c.result.kind === 'change' ? c.result.change : c.result.short} aria-live="polite">
          <span>{short ? t('cash.short') : t('cash.change')}</span>
          <strong>{formatRupiah(c.result.kind === 'change' ? c.result.change : c.result.short)}</strong>
        </div>
      )}
      {short && <p className="muted small-note" data-testid="cash-part-note">{t('cash.partNote')}</p>}
      <ErrorMessage error={c.error} testId="cash-error" />
      <div className="form-actions">
        <button type="submit" className="primary charge" data-testid="cash-confirm" disabled={c.invalid || c.busy}>
          {c.busy ? t('cart.charging') : t(short ? 'cash.confirmPart' : 'cash.confirm', { amount: formatRupiah(c.received) })}
        </button>
        <button type="button" data-testid="cash-back" disabled={c.busy} onClick={c.back}>{t('sale.toSale')}</button>
      </div>
    </form>
  );
}
