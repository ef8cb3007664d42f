/**
 * Owner setup: the owner's name, a PIN chosen twice (at least 6 digits),
 * then the recovery code, shown once. Creating the owner signs this window
 * in as the owner; the code stays in the session store (memory only) until
 * the owner ticks "written down", so a session change meanwhile cannot lose it.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Err } from '../../../../shared/contract/result';
import { useSession } from '../../stores/session-store';
import { useNewPin, type NewPin } from './use-new-pin';

/** Longest staff name (the contract's). */
const MAX_NAME = 50;

/** Everything the owner-setup dialog shows, and what its controls do. */
export interface OwnerSetup {
  step: 'name' | 'pin' | 'code';
  name: string;
  nameMissing: boolean;
  newPin: NewPin;
  busy: boolean;
  error: Err | null;
  recoveryCode: string | null;
  /** False on a till that may not run without an owner (real Midtrans keys), or while the code is shown. */
  cancellable: boolean;
  setName(name: string): void;
  /** From the name to the PIN. */
  next(): void;
  /** From the PIN back to the name. */
  back(): void;
  create(pin: string): Promise<void>;
  acknowledge(): void;
  cancel(): void;
}

/** Hook: the owner-setup dialog. */
export function useOwnerSetup(): OwnerSetup {
  const { session, recoveryCode, createOwner, acknowledge, close } = useSession(
    useShallow((s) => ({
      session: s.session,
      recoveryCode: s.recoveryCode,
      createOwner: s.createOwner,
      acknowledge: s.acknowledgeRecoveryCode,
      close: s.closeOwnerSetup,
    })),
  );
  const [step, setStep] = useState<'name' | 'pin'>('name');
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Err | null>(null);
  const newPin = useNewPin('owner');
  const trimmed = name.trim();

  return {
    step: recoveryCode ? 'code' : step,
    name, nameMissing, newPin, busy, error, recoveryCode,
    cancellable: !recoveryCode && !session?.ownerSetupRequired,
    setName,
    next() {
      const missing = trimmed.length < 1 || trimmed.length > MAX_NAME;
      setNameMissing(missing);
      if (!missing) setStep('pin');
    },
    back() {
      newPin.reset();
      setError(null);
      setStep('name');
    },
    async create(pin) {
      if (busy) return;
      setBusy(true);
      setError(null);
      const failure = await createOwner(trimmed, pin);
      setBusy(false);
      if (!failure) return;
      setError(failure);
      newPin.reset(); // a refused PIN (e.g. PIN_WEAK) is chosen again; the error says why
      if (failure.field === 'name') setStep('name');
    },
    acknowledge,
    cancel: close,
  };
}
