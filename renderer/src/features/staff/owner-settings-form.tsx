/** The owner's settings: idle sign-out minutes and the discount approval threshold. Props only. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnerSettingsView } from '../../../../shared/contract/staff-schemas';
import type { Err } from '../../../../shared/contract/result';
import { ErrorMessage } from '../../components/error-message';

export interface OwnerSettingsFormProps {
  settings: OwnerSettingsView;
  busy: boolean;
  saved: boolean;
  onSave(values: OwnerSettingsView): Promise<Err | null>;
}

/** Whole numbers within [min, max], or null. */
const wholeIn = (text: string, min: number, max: number): number | null => {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
};

/** The form, under the staff table. Keyed by the settings it was opened with. */
export function OwnerSettingsForm({ settings, busy, saved, onSave }: OwnerSettingsFormProps) {
  const { t } = useTranslation();
  const [idle, setIdle] = useState(String(settings.idleMinutes));
  const [discount, setDiscount] = useState(String(settings.discountApprovalAbovePercent));
  const [error, setError] = useState<Err | null>(null);
  const idleMinutes = wholeIn(idle, 1, 480);
  const discountApprovalAbovePercent = wholeIn(discount, 0, 100);
  const invalid = idleMinutes === null || discountApprovalAbovePercent === null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    setError(await onSave({ idleMinutes, discountApprovalAbovePercent }));
  };

  return (
    <form className="staff-form owner-settings" data-testid="owner-settings" onSubmit={(e) => void submit(e)}>
      <h3>{t('staff.settingsTitle')}</h3>
      <label>
        {t('staff.idleMinutes')}
        <input data-testid="owner-settings-idle" inputMode="numeric" value={idle} aria-invalid={idleMinutes === null} onChange={(e) => setIdle(e.target.value)} />
      </label>
      <label>
        {t('staff.discountAbove')}
        <input
          data-testid="owner-settings-discount"
          inputMode="numeric"
          value={discount}
          aria-invalid={discountApprovalAbovePercent === null}
          onChange={(e) => setDiscount(e.target.value)}
        />
      </label>
      {invalid && <p className="error" role="alert" data-testid="owner-settings-invalid">{t('staff.settingsInvalid')}</p>}
      <ErrorMessage error={error} testId="owner-settings-error" />
      <div className="staff-form-actions">
        <button type="submit" className="primary" data-testid="owner-settings-save" disabled={busy || invalid}>{t('staff.settingsSave')}</button>
        {saved && <span className="muted" role="status" data-testid="owner-settings-saved">{t('staff.settingsSaved')}</span>}
      </div>
    </form>
  );
}
