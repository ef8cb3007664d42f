/** "Add cashier": a name and a PIN of at least 4 digits. Props only; the hook sends it. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Err } from '../../../../shared/contract/result';
import { ErrorMessage } from '../../components/error-message';
import { digitsOnly, MIN_PIN_DIGITS } from '../../components/pin-entry';

export interface AddCashierFormProps {
  busy: boolean;
  onAdd(name: string, pin: string): Promise<Err | null>;
  onClose(): void;
}

/** The form, above the staff table. */
export function AddCashierForm({ busy, onAdd, onClose }: AddCashierFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<Err | null>(null);
  const [checked, setChecked] = useState(false);
  const nameMissing = name.trim() === '';
  const pinShort = pin.length < MIN_PIN_DIGITS.cashier;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (nameMissing || pinShort) return;
    const failure = await onAdd(name.trim(), pin);
    setPin(''); // a PIN never stays on screen after it was sent
    setError(failure);
    if (!failure) onClose();
  };

  return (
    <form className="staff-form" data-testid="staff-add-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('staff.addTitle')}</h3>
      <label>
        {t('staff.name')}
        <input data-testid="staff-add-name" value={name} maxLength={50} autoFocus autoComplete="off" aria-invalid={checked && nameMissing} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('staff.pin', { min: MIN_PIN_DIGITS.cashier })}
        <input
          data-testid="staff-add-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          aria-invalid={checked && pinShort}
          onChange={(e) => setPin(digitsOnly(e.target.value))}
        />
      </label>
      {checked && nameMissing && <p className="error" role="alert" data-testid="staff-add-name-missing">{t('staff.nameMissing')}</p>}
      {checked && pinShort && <p className="error" role="alert" data-testid="staff-add-pin-short">{t('staff.pinInvalid', { min: MIN_PIN_DIGITS.cashier })}</p>}
      <ErrorMessage error={error} testId="staff-add-error" />
      <div className="staff-form-actions">
        <button type="submit" className="primary" data-testid="staff-add-save" disabled={busy}>{busy ? t('staff.saving') : t('staff.save')}</button>
        <button type="button" data-testid="staff-add-cancel" onClick={onClose}>{t('staff.cancel')}</button>
      </div>
    </form>
  );
}
