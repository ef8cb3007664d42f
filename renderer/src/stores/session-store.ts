/**
 * Who is signed in on this window, as main says (`session.current`), and the
 * session screens' switches: the sign-in pad over the till ("switch
 * cashier"), owner setup, and the recovery code waiting to be written down.
 * Main owns the session: this store only asks, and re-reads on
 * `session.changed` (idle sign-out, a sign-in elsewhere, the owner created).
 */
import { create } from 'zustand';
import type { SessionView } from '../../../shared/contract/staff-schemas';
import type { Err } from '../../../shared/contract/result';
import { call } from '../api';

interface SessionState {
  /** Null until the first answer from main. */
  session: SessionView | null;
  /** The sign-in pad is open over the till (switch cashier). */
  switching: boolean;
  /** Owner setup is open (from the top bar, Settings, or a call refused with OWNER_REQUIRED). */
  ownerSetupOpen: boolean;
  /** A recovery code to show once, until the owner says it is written down. Memory only, never stored. */
  recoveryCode: string | null;
  /**
   * Re-reads `session.current`; keeps the last answer if main does not reply.
   * `onAnswer` sees the answer before the store holds it: setting it re-renders
   * the whole app synchronously, and a caller's next calls need not wait for that.
   */
  load(onAnswer?: (session: SessionView) => void): Promise<void>;
  /** Signs `staffId` in on this window (switching from whoever was signed in); the error, or null. */
  signIn(staffId: string, pin: string): Promise<Err | null>;
  signOut(): Promise<void>;
  openSwitch(): void;
  closeSwitch(): void;
  /**
   * Opens owner setup; resolves true once the owner exists and has
   * acknowledged the recovery code (this window is then signed in as the
   * owner), false if setup was closed first.
   */
  openOwnerSetup(): Promise<boolean>;
  closeOwnerSetup(): void;
  /** Creates the owner (signing this window in as the owner) and keeps the recovery code to show. */
  createOwner(name: string, pin: string): Promise<Err | null>;
  /** "I have written it down": forgets the code and ends owner setup. */
  acknowledgeRecoveryCode(): void;
}

export const useSession = create<SessionState>((set, get) => {
  // Who is waiting for owner setup to finish (a privileged call that will retry).
  let setupWaiters: ((created: boolean) => void)[] = [];
  const settle = (created: boolean) => {
    const waiting = setupWaiters;
    setupWaiters = [];
    for (const resolve of waiting) resolve(created);
  };
  return {
    session: null,
    switching: false,
    ownerSetupOpen: false,
    recoveryCode: null,
    async load(onAnswer) {
      const res = await call('session.current');
      if (res.ok) onAnswer?.(res.value);
      // Signed out (idle, or elsewhere): the full-screen sign-in replaces any "switch cashier" overlay.
      if (res.ok) set(res.value.staff ? { session: res.value } : { session: res.value, switching: false });
    },
    async signIn(staffId, pin) {
      const res = await call('session.signIn', { staffId, pin });
      if (!res.ok) return res;
      set({ session: res.value, switching: false });
      return null;
    },
    async signOut() {
      const res = await call('session.signOut');
      if (res.ok) set({ session: res.value, switching: false });
      else await get().load();
    },
    openSwitch: () => set({ switching: true }),
    closeSwitch: () => set({ switching: false }),
    openOwnerSetup() {
      set({ ownerSetupOpen: true });
      return new Promise<boolean>((resolve) => setupWaiters.push(resolve));
    },
    closeOwnerSetup() {
      if (get().recoveryCode) return; // the code is shown once: it cannot be dismissed unread
      set({ ownerSetupOpen: false });
      settle(false);
    },
    async createOwner(name, pin) {
      const res = await call('staff.createOwner', { name, pin });
      if (!res.ok) return res;
      set({ session: res.value.session, recoveryCode: res.value.recoveryCode, ownerSetupOpen: true });
      return null;
    },
    acknowledgeRecoveryCode() {
      set({ recoveryCode: null, ownerSetupOpen: false });
      settle(true);
    },
  };
});
