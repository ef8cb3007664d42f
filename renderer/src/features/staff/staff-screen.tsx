/**
 * The Staff tab (the owner's): everyone who can sign in, with their status
 * and the owner's actions, "Add cashier", and the owner settings.
 * Presentational: its data and actions come from one hook, `useStaff`.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { AddCashierForm } from './add-cashier-form';
import { OwnerSettingsForm } from './owner-settings-form';
import { StaffRow } from './staff-row';
import { useStaff } from './use-staff';
import './staff.css';

/** The screen. */
export function StaffScreen() {
  const { t } = useTranslation();
  const { rows, settings, error, saved, busy, addCashier, change, unlock, saveSettings } = useStaff();
  const [adding, setAdding] = useState(false);
  return (
    <section className="staff" data-testid="staff">
      <header className="staff-header">
        <h2>{t('staff.title')}</h2>
        <button className="primary" data-testid="staff-add" disabled={adding || rows === null} onClick={() => setAdding(true)}>
          {t('staff.add')}
        </button>
      </header>
      <p className="muted">{t('staff.intro')}</p>
      {adding && <AddCashierForm busy={busy} onAdd={addCashier} onClose={() => setAdding(false)} />}
      {saved && saved !== 'settings' && (
        <p className="muted" role="status" data-testid="staff-saved">{t('staff.saved', { name: saved.name })}</p>
      )}
      <ErrorMessage error={error} testId="staff-error" />
      {rows && rows.length === 0 && <p className="muted">{t('staff.empty')}</p>}
      {rows && rows.length > 0 && (
        <table className="staff-table" data-testid="staff-table">
          <thead>
            <tr>
              <th>{t('staff.name')}</th>
              <th>{t('staff.role')}</th>
              <th>{t('staff.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <StaffRow key={m.id} member={m} busy={busy} onChange={change} onUnlock={(member) => void unlock(member)} />
            ))}
          </tbody>
        </table>
      )}
      {settings && (
        <OwnerSettingsForm
          key={`${settings.idleMinutes}/${settings.discountApprovalAbovePercent}`}
          settings={settings}
          busy={busy}
          saved={saved === 'settings'}
          onSave={saveSettings}
        />
      )}
    </section>
  );
}
