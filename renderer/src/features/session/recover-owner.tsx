/** The "forgot the owner PIN" form inside the sign-in screen. */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { NewPinEntry } from './new-pin-entry';
import { RecoveryCodeNotice } from './recovery-code-notice';
import { useRecoverOwner } from './use-recover-owner';

/** `onDone` goes back to signing in (with the new PIN). */
export function RecoverOwner({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const { step, code, newPin, busy, error, newCode, setCode, next, back, submit } = useRecoverOwner();
  if (step === 'done' && newCode) return <RecoveryCodeNotice code={newCode} lead={t('recover.done')} onDone={onDone} />;
  return (
    <div className="recover-owner" data-testid="recover-owner">
      <h3>{t('recover.title')}</h3>
      <p className="muted">{t('recover.intro')}</p>
      {step === 'code' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            next();
          }}
        >
          <label className="recover-code-field">
            {t('recover.code')}
            <input
              data-testid="recover-code"
              value={code}
              maxLength={64}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder={t('recover.codePlaceholder')}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <div className="modal-actions">
            <button type="button" data-testid="recover-cancel" onClick={onDone}>{t('recover.cancel')}</button>
            <button type="submit" className="primary" data-testid="recover-next" disabled={code.trim() === ''}>{t('recover.next')}</button>
          </div>
        </form>
      ) : (
        <>
          <NewPinEntry
            newPin={newPin}
            testId="recover-pin"
            firstLabel={t('recover.pin', { min: newPin.min })}
            againLabel={t('recover.pinAgain')}
            submitLabel={t('recover.submit')}
            busy={busy}
            onChosen={(pin) => void submit(pin)}
          />
          {busy && <p className="muted" role="status">{t('recover.working')}</p>}
          <div className="modal-actions">
            <button type="button" data-testid="recover-back" disabled={busy} onClick={back}>{t('recover.back')}</button>
          </div>
        </>
      )}
      <ErrorMessage error={error} testId="recover-error" />
    </div>
  );
}
