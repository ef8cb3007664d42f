/**
 * The staff screen's data and actions: everyone on the staff (`staff.list`),
 * adding a cashier, renaming, (de)activating, a new PIN, unlocking, and the
 * owner settings (idle sign-out, discount approval threshold). Every change
 * is the owner's: it goes through `withApproval`, so a cashier at the till
 * gets the owner-PIN prompt and an owner session goes straight through.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OwnerSettingsView, StaffMember } from '../../../../shared/contract/staff-schemas';
import type { Err, Result } from '../../../../shared/contract/result';
import { call } from '../../api';
import { withApproval, type Attempt } from '../../stores/approval-store';

/** A change to one account, as the row's controls ask for it. */
export type StaffChange = { name: string } | { active: boolean } | { pin: string };

/** Everything the staff screen shows, and what its controls do. */
export interface StaffScreenState {
  /** Null until loaded (or while the owner has not approved). */
  rows: StaffMember[] | null;
  settings: OwnerSettingsView | null;
  /** The last failure of a load or a row action (a form's own failure is returned to it). */
  error: Err | null;
  /** What was saved last, for a short confirmation: a staff member's name, or the owner settings. */
  saved: { name: string } | 'settings' | null;
  busy: boolean;
  reload(): Promise<void>;
  addCashier(name: string, pin: string): Promise<Err | null>;
  change(member: StaffMember, change: StaffChange): Promise<Err | null>;
  unlock(member: StaffMember): Promise<void>;
  saveSettings(values: OwnerSettingsView): Promise<Err | null>;
}

/** Hook: the staff screen. */
export function useStaff(): StaffScreenState {
  const [rows, setRows] = useState<StaffMember[] | null>(null);
  const [settings, setSettings] = useState<OwnerSettingsView | null>(null);
  const [error, setError] = useState<Err | null>(null);
  const [saved, setSaved] = useState<StaffScreenState['saved']>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const [list, current] = await Promise.all([withApproval((approval) => call('staff.list', approval)), call('owner.settings')]);
    setError(!list.ok ? list : !current.ok ? current : null);
    if (list.ok) setRows(list.value);
    if (current.ok) setSettings(current.value);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs one privileged change, then re-reads the list; resolves to the failure, or null. */
  const run = async <T>(what: StaffScreenState['saved'], attempt: Attempt<T>, after?: (value: T) => void): Promise<Err | null> => {
    setBusy(true);
    setSaved(null);
    const res: Result<T> = await withApproval(attempt);
    setBusy(false);
    if (!res.ok) return res;
    after?.(res.value);
    setSaved(what);
    await reload();
    return null;
  };

  return {
    rows, settings, error, saved, busy, reload,
    addCashier: (name, pin) =>
      run({ name }, (approval) => call('staff.create', { name, pin, role: 'cashier', ...approval })),
    change: (member, change) =>
      run({ name: 'name' in change ? change.name : member.name }, (approval) =>
        call('staff.update', { id: member.id, ...change, ...approval }),
      ),
    async unlock(member) {
      const failure = await run({ name: member.name }, (approval) => call('staff.unlock', { id: member.id, ...approval }));
      setError(failure);
    },
    saveSettings: (values) =>
      run('settings', (approval) => call('owner.updateSettings', { ...values, ...approval }), (value) => setSettings(value)),
  };
}
