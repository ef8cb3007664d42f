/**
 * A ticking countdown to a tender's expiry (on the till's clock): re-rendered
 * once a second while it runs, stopped once it is over or unmounted.
 */
import { useEffect, useState } from 'react';
import { useShopZone } from '../../i18n/format';
import { countdown, type CountdownView } from './countdown';

/** Hook: the countdown to `untilIso` (null: no expiry known). */
export function useCountdown(untilIso: string | null): CountdownView | null {
  const zone = useShopZone((s) => s.zone);
  const [now, setNow] = useState(() => Date.now());
  const until = untilIso ? Date.parse(untilIso) : NaN;
  const running = Number.isFinite(until) && until > now;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  if (!Number.isFinite(until)) return null;
  return countdown(until, now, zone);
}
