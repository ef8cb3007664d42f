/**
 * One account in the staff table: name, role, status (active, locked, a
 * wrong-PIN wait), and the owner's actions on it: rename, a new PIN,
 * (de)activate, unlock. The row's open editor is its own UI state; every
 * change goes to the hook through props.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../../shared/contract/staff-schemas';
import type { Err } from '../../../../shared/contract/result';
import { ErrorMessage } from '../../components/error-message';
import { digitsOnly, MIN_PIN_DIGITS } from '../../components/pin-entry';
import type { StaffChange } from './use-staff';

export interface StaffRowProps {
  member: StaffMember;
  busy: boolean;
  onChange(member: StaffMember, change: StaffChange): Promise<Err | null>;
  onUnlock(member: StaffMember): void;
}

type Editing = 'none' | 'name' | 'pin';

/** A table row, with an inline editor under the name when open. */
export function StaffRow({ member, busy, onChange, onUnlock }: StaffRowProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>('none');
  const [value, setValue] = useState('');
  const [error, setError] = useState<Err | null>(null);
  const id = member.id;
  const min = MIN_PIN_DIGITS[member.role];
  const valid = editing === 'name' ? value.trim() !== '' : value.length >= min;

  const open = (what: Editing) => {
    setEditing(what);
    setValue(what === 'name' ? member.name : '');
    setError(null);
  };
  const save = async () => {
    if (!valid) return;
    const failure = await onChange(member, editing === 'name' ? { name: value.trim() } : { pin: value });
    if (editing === 'pin') setValue('');
    setError(failure);
    if (!failure) setEditing('none');
  };
  const toggle = async () => setError(await onChange(member, { active: !member.active }));

  return (
    <tr data-testid={`staff-row-${id}`} data-role={member.role} data-active={member.active} data-locked={member.locked} className={member.active ? '' : 'inactive'}>
      <td>
        <span data-testid={`staff-name-${id}`}>{member.name}</span>
        {editing !== 'none' && (
          <form
            className="staff-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <input
              data-testid={`staff-edit-${id}`}
              aria-label={editing === 'name' ? t('staff.rename') : t('staff.pin', { min })}
              autoFocus
              autoComplete="off"
              type={editing === 'pin' ? 'password' : 'text'}
              inputMode={editing === 'pin' ? 'numeric' : 'text'}
              maxLength={editing === 'pin' ? undefined : 50}
              onChange={(e) => setValue(editing === 'pin' ? digitsOnly(e.target.value) : e.target.value)}
              value={value}
            />
            <button type="submit" className="primary" data-testid={`staff-edit-save-${id}`} disabled={busy || !valid}>{t('staff.save')}</button>
            <button type="button" data-testid={`staff-edit-cancel-${id}`} onClick={() => open('none')}>{t('staff.cancel')}</button>
          </form>
        )}
        <ErrorMessage error={error} testId={`staff-error-${id}`} />
      </td>
      <td>{t(`role.${member.role}`)}</td>
      <td data-testid={`staff-status-${id}`}>
        {member.active ? t('staff.active') : t('staff.inactive')}
        {member.locked && <span className="staff-locked"> · {t('staff.locked')}</span>}
        {!member.locked && member.retryAfterSeconds !== null && (
          <span className="muted"> · {t('staff.waiting', { seconds: member.retryAfterSeconds })}</span>
        )}
      </td>
      <td>
        <div className="staff-actions">
          <button data-testid={`staff-rename-${id}`} disabled={busy} onClick={() => open('name')}>{t('staff.rename')}</button>
          <button data-testid={`staff-pin-${id}`} disabled={busy} onClick={() => open('pin')}>{t('staff.resetPin')}</button>
          {member.locked && (
            <button data-testid={`staff-unlock-${id}`} disabled={busy} onClick={() => onUnlock(member)}>{t('staff.unlock')}</button>
          )}
          {member.role !== 'owner' && (
            <button data-testid={`staff-toggle-${id}`} disabled={busy} onClick={() => void toggle()}>
              {member.active ? t('staff.deactivate') : t('staff.activate')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
