/**
 * "Forgot the owner PIN": the recovery code, a new owner PIN chosen twice,
 * then the new recovery code (the old one stops working), shown once.
 * Main unlocks the owner and checks the code; a wrong code is refused with
 * RECOVERY_CODE_INVALID (and audited there).
 */
import { useState } from 'react';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { useNewPin, type NewPin } from './use-new-pin';

/** Everything the recovery form shows, and what its controls do. */
export interface RecoverOwner {
  step: 'code' | 'pin' | 'done';
  code: string;
  newPin: NewPin;
  busy: boolean;
  error: Err | null;
  /** The new recovery code, once the PIN is reset. */
  newCode: string | null;
  setCode(code: string): void;
  next(): void;
  back(): void;
  submit(pin: string): Promise<void>;
}

/** Hook: the recovery form. */
export function useRecoverOwner(): RecoverOwner {
  const [step, setStep] = useState<'code' | 'pin' | 'done'>('code');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Err | null>(null);
  const [newCode, setNewCode] = useState<string | null>(null);
  const newPin = useNewPin('owner');
  return {
    step, code, newPin, busy, error, newCode, setCode,
    next() {
      if (code.trim() !== '') setStep('pin');
    },
    back() {
      newPin.reset();
      setStep('code');
    },
    async submit(pin) {
      if (busy) return;
      setBusy(true);
      setError(null);
      const res = await call('staff.recoverOwner', { recoveryCode: code.trim(), newPin: pin });
      setBusy(false);
      if (res.ok) {
        setNewCode(res.value.recoveryCode);
        setCode('');
        setStep('done');
        return;
      }
      setError(res);
      newPin.reset();
      if (res.code === 'RECOVERY_CODE_INVALID' || res.field === 'recoveryCode') setStep('code');
    },
  };
}
