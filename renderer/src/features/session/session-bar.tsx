/**
 * Who is on duty, in the top bar: name and role, "Switch cashier" and "Sign
 * out" — or, on a first-run till still run by the default cashier, "Create
 * owner account". Reads the session store only.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../../stores/session-store';

/** The top-bar block; nothing until main has said who is signed in. */
export function SessionBar() {
  const { t } = useTranslation();
  const { session, openSwitch, signOut, openOwnerSetup } = useSession(
    useShallow((s) => ({ session: s.session, openSwitch: s.openSwitch, signOut: s.signOut, openOwnerSetup: s.openOwnerSetup })),
  );
  const staff = session?.staff;
  if (!session || !staff) return null;
  return (
    <div className="session-bar" data-testid="session-bar" data-staff-id={staff.id} data-role={staff.role} data-default={session.isDefault}>
      <span className="session-who" data-testid="session-who" title={t('session.who')}>
        <strong>{session.isDefault ? t('session.defaultCashier') : staff.name}</strong>
        <span className="muted">{session.isDefault ? t('session.noOwnerYet') : t(`role.${staff.role}`)}</span>
      </span>
      {session.isDefault ? (
        <button data-testid="session-owner-setup" onClick={() => void openOwnerSetup()}>{t('session.setUpOwner')}</button>
      ) : (
        <>
          <button data-testid="session-switch" onClick={openSwitch}>{t('session.switch')}</button>
          <button data-testid="session-sign-out" onClick={() => void signOut()}>{t('session.signOut')}</button>
        </>
      )}
    </div>
  );
}
