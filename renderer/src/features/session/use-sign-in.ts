/**
 * The sign-in screen: who may sign in (`session.roster`), the person picked,
 * their PIN, and the "forgot the owner PIN" path. Wrong PINs are answered by
 * main (PIN_INVALID; LOCKED, with the seconds to wait or until unlocked) and
 * shown as they come; the PIN is cleared after every try.
 */
import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SessionStaff } from '../../../../shared/contract/staff-schemas';
import type { Err } from '../../../../shared/contract/result';
import { call } from '../../api';
import { useSession } from '../../stores/session-store';

/** Everything the sign-in screen shows, and what its controls do. */
export interface SignIn {
  /** Null while loading. */
  roster: SessionStaff[] | null;
  picked: SessionStaff | null;
  pin: string;
  busy: boolean;
  error: Err | null;
  /** Showing the owner's recovery form instead of the PIN pad. */
  recovering: boolean;
  /** Over the till (switch cashier): it can be cancelled. */
  overlay: boolean;
  /** Who is signed in now, when switching. */
  currentId: string | null;
  pick(staff: SessionStaff): void;
  unpick(): void;
  setPin(pin: string): void;
  submit(): Promise<void>;
  forgotPin(): void;
  endRecovery(): void;
  cancel(): void;
}

/** Hook: the sign-in screen (full screen when nobody is signed in, or over the till to switch). */
export function useSignIn(): SignIn {
  const { switching, signIn, closeSwitch, currentId } = useSession(
    useShallow((s) => ({
      switching: s.switching && Boolean(s.session?.staff),
      signIn: s.signIn,
      closeSwitch: s.closeSwitch,
      currentId: s.session?.staff?.id ?? null,
    })),
  );
  const [roster, setRoster] = useState<SessionStaff[] | null>(null);
  const [picked, setPicked] = useState<SessionStaff | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Err | null>(null);
  const [recovering, setRecovering] = useState(false);

  const loadRoster = useCallback(async () => {
    const res = await call('session.roster');
    if (res.ok) setRoster(res.value);
    else setError(res);
  }, []);
  useEffect(() => {
    void loadRoster();
  }, [loadRoster]);

  return {
    roster, picked, pin, busy, error, recovering, overlay: switching, currentId,
    pick(staff) {
      setPicked(staff);
      setPin('');
      setError(null);
    },
    unpick() {
      setPicked(null);
      setPin('');
      setError(null);
    },
    setPin,
    async submit() {
      if (!picked || busy || pin === '') return;
      setBusy(true);
      setError(null);
      const failure = await signIn(picked.id, pin);
      setBusy(false);
      setPin('');
      setError(failure);
    },
    forgotPin() {
      setError(null);
      setRecovering(true);
    },
    endRecovery() {
      setRecovering(false);
      setPin('');
      void loadRoster();
    },
    cancel: closeSwitch,
  };
}
