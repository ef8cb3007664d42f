/** The two PIN pads of choosing a PIN (first entry, then the same again), with the reason an entry was sent back. */
import { useTranslation } from 'react-i18next';
import { PinPad } from '../../components/pin-pad';
import type { NewPin } from './use-new-pin';

export interface NewPinEntryProps {
  newPin: NewPin;
  /** Labels of the two entries (already translated). */
  firstLabel: string;
  againLabel: string;
  /** The second ✓'s name, e.g. "Create owner account". */
  submitLabel: string;
  busy: boolean;
  /** data-testid prefix: `<id>-first`, `<id>-again`, `<id>-problem`. */
  testId: string;
  /** Called with the PIN once it was typed the same twice. */
  onChosen(pin: string): void;
}

/** Presentational: the state lives in `useNewPin`. */
export function NewPinEntry({ newPin, firstLabel, againLabel, submitLabel, busy, testId, onChosen }: NewPinEntryProps) {
  const { t } = useTranslation();
  const first = newPin.step === 'first';
  return (
    <div className="new-pin" data-testid={testId} data-step={newPin.step}>
      <p className="new-pin-label" id={`${testId}-label`}>{first ? firstLabel : againLabel}</p>
      {newPin.problem && (
        <p className="error" role="alert" data-testid={`${testId}-problem`} data-problem={newPin.problem}>
          {t(`newPin.${newPin.problem === 'too_short' ? 'tooShort' : 'mismatch'}`, { min: newPin.min })}
        </p>
      )}
      {first ? (
        <PinPad
          key="first"
          testId={`${testId}-first`}
          label={firstLabel}
          value={newPin.pin}
          onChange={newPin.setPin}
          onSubmit={newPin.confirmFirst}
          submitLabel={t('ownerSetup.next')}
          disabled={busy}
        />
      ) : (
        <PinPad
          key="again"
          testId={`${testId}-again`}
          label={againLabel}
          value={newPin.again}
          onChange={newPin.setAgain}
          onSubmit={() => {
            const chosen = newPin.confirmAgain();
            if (chosen) onChosen(chosen);
          }}
          submitLabel={submitLabel}
          disabled={busy}
        />
      )}
    </div>
  );
}
