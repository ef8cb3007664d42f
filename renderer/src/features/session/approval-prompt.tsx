/**
 * The owner-PIN prompt, opened by `withApproval` when a privileged call
 * answers PIN_REQUIRED: what it is for, the owner's name, the PIN pad, and
 * the wrong-PIN answers (PIN_INVALID; LOCKED with the seconds to wait, or
 * until the owner unlocks) in the reader's language. Cancel leaves the call refused.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useActionWords } from '../../components/action-words';
import { ErrorMessage } from '../../components/error-message';
import { Modal } from '../../components/modal';
import { MIN_PIN_DIGITS } from '../../components/pin-entry';
import { PinPad } from '../../components/pin-pad';
import { useApproval } from '../../stores/approval-store';
import './session.css';

/** Renders nothing unless a call waits for the owner. */
export function ApprovalPrompt() {
  const { t } = useTranslation();
  const words = useActionWords();
  const { pending, setPin, submit, cancel } = useApproval(
    useShallow((s) => ({ pending: s.pending, setPin: s.setPin, submit: s.submit, cancel: s.cancel })),
  );
  if (!pending) return null;
  const { owner, action, pin, busy, error } = pending;
  return (
    <Modal title={t('approval.title')} testId="approval" narrow onClose={cancel}>
      <div className="approval" data-action={action ?? undefined}>
        {action && <p data-testid="approval-for">{t('approval.for', { action: words.privileged(action) })}</p>}
        {owner ? (
          <>
            <p className="muted">{t('approval.intro', { name: owner.name })}</p>
            <PinPad
              testId="approval-pin"
              label={t('approval.pinFor', { name: owner.name })}
              value={pin}
              onChange={setPin}
              onSubmit={() => void submit()}
              submitLabel={t('approval.submit')}
              minLength={MIN_PIN_DIGITS.owner}
              disabled={busy}
            />
            {busy && <p className="muted" role="status">{t('approval.working')}</p>}
          </>
        ) : (
          !busy && !error && <p className="error" data-testid="approval-no-owner">{t('approval.noOwner')}</p>
        )}
        <ErrorMessage error={error} testId="approval-error" />
        <div className="modal-actions">
          <button data-testid="approval-cancel" onClick={cancel}>{t('approval.cancel')}</button>
        </div>
      </div>
    </Modal>
  );
}
