/**
 * When a payment stops being payable, as the cashier should read it. Main
 * sends Midtrans' instant (`expiresAt`, decided on Midtrans' clock) and the
 * offset it measured (`clockOffsetMs`, Midtrans minus this till); the cashier
 * compares with this computer's clock, so the screen shows the same instant on
 * it. A till 3 minutes fast then still shows the QR's full window, not 3 minutes less.
 */
import type { PaymentView } from '../../../../shared/contract/schemas';

/** `expiresAt` on this till's clock (ISO UTC), or null when there is none. */
export function expiryOnTillClock(view: Pick<PaymentView, 'expiresAt' | 'clockOffsetMs'>): string | null {
  if (!view.expiresAt) return null;
  const at = Date.parse(view.expiresAt);
  if (!Number.isFinite(at)) return view.expiresAt;
  return new Date(at - (view.clockOffsetMs ?? 0)).toISOString();
}
