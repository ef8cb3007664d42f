/**
 * Signing in on the till: tap your name, type your PIN on the pad (or the
 * keyboard). Full screen when nobody is signed in; over the till for a
 * quick "switch cashier" (cancellable, and the current session stays if the
 * PIN is wrong). The owner's "forgot PIN" path uses the recovery code.
 */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Modal } from '../../components/modal';
import { PinPad } from '../../components/pin-pad';
import { RecoverOwner } from './recover-owner';
import { useSignIn } from './use-sign-in';
import './session.css';

/** The screen. */
export function SignInScreen() {
  const { t } = useTranslation();
  const { roster, picked, pin, busy, error, recovering, overlay, currentId, pick, unpick, setPin, submit, forgotPin, endRecovery, cancel } =
    useSignIn();
  return (
    <Modal title={t('signIn.title')} testId="sign-in" fullScreen={!overlay} onClose={overlay ? cancel : undefined}>
      {recovering ? (
        <RecoverOwner onDone={endRecovery} />
      ) : (
        <div className="sign-in">
          <div className="sign-in-roster">
            <p className="sign-in-label">{t('signIn.pick')}</p>
            {roster?.length === 0 && <p className="muted">{t('signIn.empty')}</p>}
            <ul role="list">
              {roster?.map((s) => (
                <li key={s.id}>
                  <button
                    className={`sign-in-person${picked?.id === s.id ? ' active' : ''}`}
                    data-testid={`sign-in-staff-${s.id}`}
                    data-name={s.name}
                    aria-pressed={picked?.id === s.id}
                    disabled={busy}
                    onClick={() => pick(s)}
                  >
                    <span className="sign-in-name">{s.name}</span>
                    <span className="muted">{t(`role.${s.role}`)}{s.id === currentId ? ` · ${t('session.who')}` : ''}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div className="sign-in-pad">
            {picked ? (
              <>
                <p className="sign-in-label" data-testid="sign-in-picked">{t('signIn.pinFor', { name: picked.name })}</p>
                <PinPad
                  key={picked.id}
                  testId="sign-in-pin"
                  label={t('signIn.pinFor', { name: picked.name })}
                  value={pin}
                  onChange={setPin}
                  onSubmit={() => void submit()}
                  submitLabel={t('signIn.submit')}
                  disabled={busy}
                />
                {busy && <p className="muted" role="status">{t('signIn.working')}</p>}
                <ErrorMessage error={error} testId="sign-in-error" />
                <div className="modal-actions">
                  <button data-testid="sign-in-other" disabled={busy} onClick={unpick}>{t('signIn.other')}</button>
                  {picked.role === 'owner' && (
                    <button data-testid="sign-in-forgot" disabled={busy} onClick={forgotPin}>{t('signIn.forgotPin')}</button>
                  )}
                </div>
              </>
            ) : (
              <ErrorMessage error={error} testId="sign-in-error" />
            )}
          </div>
        </div>
      )}
      {overlay && !recovering && (
        <div className="modal-actions">
          <button data-testid="sign-in-cancel" onClick={cancel}>{t('signIn.cancel')}</button>
        </div>
      )}
    </Modal>
  );
}
