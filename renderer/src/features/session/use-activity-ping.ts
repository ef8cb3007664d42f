/**
 * Tells main "someone is working here" while the cashier taps and types, so
 * the owner's idle sign-out counts real idleness, not the time since the last
 * call to main (ringing up a long order makes no calls until Charge). Main
 * decides; this only reports activity, at most once per PING_EVERY_MS.
 */
import { useEffect } from 'react';
import { call } from '../../api';
import { pingDue } from './activity-ping';

/** While `active` (someone is signed in), taps and keys in this window keep the session alive. */
export function useActivityPing(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let lastPingAt: number | null = null;
    const onActivity = (): void => {
      const now = Date.now();
      if (!pingDue(lastPingAt, now)) return;
      lastPingAt = now;
      void call('session.touch');
    };
    window.addEventListener('pointerdown', onActivity, { capture: true, passive: true });
    window.addEventListener('keydown', onActivity, { capture: true, passive: true });
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true });
      window.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, [active]);
}
