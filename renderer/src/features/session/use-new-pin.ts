/**
 * Choosing a PIN on the pad: type it, then type it again. Too short or two
 * different PINs go back to the first entry with the reason; the main
 * process still checks the PIN for weakness (PIN_WEAK) when it is sent.
 */
import { useState } from 'react';
import { MIN_PIN_DIGITS, newPinProblem, type NewPinProblem } from '../../components/pin-entry';

/** State and actions of a two-entry PIN choice. */
export interface NewPin {
  step: 'first' | 'again';
  pin: string;
  again: string;
  /** Why the last entry was sent back, or null. */
  problem: NewPinProblem | null;
  /** Shortest PIN for the role. */
  min: number;
  setPin(pin: string): void;
  setAgain(pin: string): void;
  /** ✓ on the first entry. */
  confirmFirst(): void;
  /** ✓ on the second entry: the chosen PIN, or null (back to the first entry, with the reason). */
  confirmAgain(): string | null;
  /** Starts over (e.g. after main refused the PIN as weak). */
  reset(): void;
}

/** Hook: a PIN chosen twice, for `role`'s length rule. */
export function useNewPin(role: keyof typeof MIN_PIN_DIGITS): NewPin {
  const min = MIN_PIN_DIGITS[role];
  const [step, setStep] = useState<'first' | 'again'>('first');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<NewPinProblem | null>(null);
  const restart = (why: NewPinProblem | null) => {
    setStep('first');
    setPin('');
    setAgain('');
    setProblem(why);
  };
  return {
    step, pin, again, problem, min, setPin, setAgain,
    confirmFirst() {
      if (pin.length < min) return restart('too_short');
      setProblem(null);
      setStep('again');
    },
    confirmAgain() {
      const why = newPinProblem(pin, again, role);
      if (why) {
        restart(why);
        return null;
      }
      return pin;
    },
    reset: () => restart(null),
  };
}
