/**
 * Audit action and privileged-channel names (`session.sign_in`,
 * `privileged.payments.refund`, `payments.refund`) in the reader's language.
 * Pure: the translator is passed in, so the mapping is unit-tested against
 * the real resources. A name this renderer has no words for (a newer main
 * process) is shown as it is, never hidden.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIVILEGED_CHANNELS } from '../../../shared/contract/privileged-channels';
import { idStaff } from '../i18n/id-staff';

type AuditActionKey = keyof typeof idStaff.auditAction;
type PrivilegedKey = keyof typeof idStaff.privilegedAction;

/** The i18n keys this module uses. */
export type ActionWordKey = `auditAction.${AuditActionKey}` | `privilegedAction.${PrivilegedKey}`;
export type ActionTranslate = (key: ActionWordKey, params?: Record<string, string>) => string;

/** Prefix of the audit rows main writes for a guarded call. */
export const PRIVILEGED_PREFIX = 'privileged.';

// i18next reads dots as nesting, so `a.b` is written `a_b` in the resources.
const keyOf = (name: string): string => name.replace(/\./g, '_');
const isAuditKey = (key: string): key is AuditActionKey => Object.prototype.hasOwnProperty.call(idStaff.auditAction, key);
const isPrivilegedKey = (key: string): key is PrivilegedKey => Object.prototype.hasOwnProperty.call(idStaff.privilegedAction, key);

/** A privileged channel (`payments.refund`) as words ("pengembalian dana"). */
export function privilegedWords(channel: string, translate: ActionTranslate): string {
  const key = keyOf(channel);
  return isPrivilegedKey(key) ? translate(`privilegedAction.${key}`) : channel;
}

/** An audit action as words; `privileged.<channel>` reads "Owner action: <channel words>". */
export function actionWords(action: string, translate: ActionTranslate): string {
  if (action.startsWith(PRIVILEGED_PREFIX)) {
    return translate('auditAction.privileged', { what: privilegedWords(action.slice(PRIVILEGED_PREFIX.length), translate) });
  }
  const key = keyOf(action);
  return isAuditKey(key) && key !== 'privileged' ? translate(`auditAction.${key}`) : action;
}

/**
 * The audit actions main writes (electron/main/core/audit/actions.ts; a unit
 * test keeps the two lists equal), then one `privileged.<channel>` per guarded
 * channel: the audit screen's action filter offers them all.
 */
export const AUDIT_ACTION_NAMES: readonly string[] = [
  'staff.owner_create', 'staff.create', 'staff.update', 'staff.unlock', 'staff.pin_change', 'staff.pin_reset',
  'pin.failed', 'pin.throttled', 'pin.locked', 'pin.refused', 'recovery.use',
  'session.sign_in', 'session.sign_out', 'session.idle_sign_out', 'session.switch', 'session.default_cashier',
  'approval', 'settings.update', 'drawer.no_sale',
  ...PRIVILEGED_CHANNELS.map((c) => `${PRIVILEGED_PREFIX}${c}`),
];

/** Hook: both functions bound to the current language. */
export function useActionWords(): { action(name: string): string; privileged(channel: string): string } {
  const { t } = useTranslation();
  // i18next's key types read `_x` as a context suffix (`audit_list`); ActionWordKey and the unit test check these keys instead.
  const translate = useCallback<ActionTranslate>((key, params) => (t as unknown as ActionTranslate)(key, params), [t]);
  return {
    action: useCallback((name: string) => actionWords(name, translate), [translate]),
    privileged: useCallback((channel: string) => privilegedWords(channel, translate), [translate]),
  };
}
