/**
 * Creating the owner account from a first-run till: from the top bar, from
 * Settings, or when a privileged call answered OWNER_REQUIRED (which then
 * goes through as the new owner). On a till with real Midtrans keys and no
 * owner, this is the first screen and cannot be skipped.
 */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Modal } from '../../components/modal';
import { NewPinEntry } from './new-pin-entry';
import { RecoveryCodeNotice } from './recovery-code-notice';
import { useOwnerSetup } from './use-owner-setup';
import './session.css';

/** The dialog; `fullScreen` when nothing else may be used first. */
export function OwnerSetupDialog({ fullScreen }: { fullScreen: boolean }) {
  const { t } = useTranslation();
  const { step, name, nameMissing, newPin, busy, error, recoveryCode, cancellable, setName, next, back, create, acknowledge, cancel } =
    useOwnerSetup();
  return (
    <Modal title={t('ownerSetup.title')} testId="owner-setup" fullScreen={fullScreen} onClose={cancellable ? cancel : undefined}>
      {step === 'code' && recoveryCode ? (
        <RecoveryCodeNotice code={recoveryCode} onDone={acknowledge} />
      ) : (
        <>
          <p className="muted">{t('ownerSetup.intro')}</p>
          {step === 'name' ? (
            <form
              className="owner-setup-name"
              onSubmit={(e) => {
                e.preventDefault();
                next();
              }}
            >
              <label>
                {t('ownerSetup.name')}
                <input
                  data-testid="owner-setup-name"
                  value={name}
                  maxLength={50}
                  autoFocus
                  autoComplete="off"
                  placeholder={t('ownerSetup.namePlaceholder')}
                  aria-invalid={nameMissing}
                  onChange={(e) => setName(e.target.value)}
                />
              </label>
              {nameMissing && <p className="error" role="alert" data-testid="owner-setup-name-missing">{t('ownerSetup.nameMissing')}</p>}
              <div className="modal-actions">
                {cancellable && (
                  <button type="button" data-testid="owner-setup-cancel" onClick={cancel}>
                    {t('ownerSetup.cancel')}
                  </button>
                )}
                <button type="submit" className="primary" data-testid="owner-setup-next">
                  {t('ownerSetup.next')}
                </button>
              </div>
            </form>
          ) : (
            <>
              <NewPinEntry
                newPin={newPin}
                testId="owner-setup-pin"
                firstLabel={t('ownerSetup.pin', { min: newPin.min })}
                againLabel={t('ownerSetup.pinAgain')}
                submitLabel={t('ownerSetup.create')}
                busy={busy}
                onChosen={(pin) => void create(pin)}
              />
              {busy && <p className="muted" role="status">{t('ownerSetup.working')}</p>}
              <div className="modal-actions">
                <button type="button" data-testid="owner-setup-back" disabled={busy} onClick={back}>
                  {t('ownerSetup.back')}
                </button>
                {cancellable && (
                  <button type="button" data-testid="owner-setup-cancel" disabled={busy} onClick={cancel}>
                    {t('ownerSetup.cancel')}
                  </button>
                )}
              </div>
            </>
          )}
          <ErrorMessage error={error} testId="owner-setup-error" />
        </>
      )}
    </Modal>
  );
}
