/**
 * Which payment-method buttons the till shows and which of them work now,
 * pure (unit-tested in plain Node). Every method of the registry gets a
 * button in the registry's order; one the till cannot use says why:
 * - `not_configured`: main does not offer it (no Midtrans keys, or routed nowhere: `app.info.methods`);
 * - `redirect_only`: the customer could only pay through a link (registry `counter`), so QRIS instead;
 * - `offline`: Midtrans is unreachable (`app.connection`): electronic methods wait, cash works.
 * Cash and QRIS are the big buttons (one key each); the rest sit smaller under them.
 */
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { PAYMENT_METHODS, PAYMENT_METHOD_SPECS } from '../../../../shared/domain/payment-methods';

/** Why a method's button is disabled. */
export type MethodBlock = 'not_configured' | 'redirect_only' | 'offline';

export interface MethodButton {
  method: PaymentMethod;
  /** null: usable now. */
  blocked: MethodBlock | null;
  /** One of the two big buttons (cash, QRIS). */
  primary: boolean;
}

/** The big buttons, in this order. */
export const PRIMARY_METHODS: readonly PaymentMethod[] = ['cash', 'qris'];

/** Midtrans' reachability as the till last heard it. */
export type Reachability = 'online' | 'offline' | 'unknown';

/** Why `method` cannot be charged now, or null. Cash is never blocked. */
export function methodBlock(method: PaymentMethod, offered: readonly PaymentMethod[], connection: Reachability): MethodBlock | null {
  const spec = PAYMENT_METHOD_SPECS[method];
  if (spec.family === 'cash') return null;
  if (!offered.includes(method)) return 'not_configured';
  if (spec.counter === 'redirect_only') return 'redirect_only';
  // "unknown" (no call yet) is not offline: the first charge is what finds out.
  if (connection === 'offline') return 'offline';
  return null;
}

/** Every method's button: the big ones first, then the registry's order. */
export function methodButtons(offered: readonly PaymentMethod[], connection: Reachability): MethodButton[] {
  const rest = PAYMENT_METHODS.filter((m) => !PRIMARY_METHODS.includes(m));
  return [...PRIMARY_METHODS, ...rest].map((method) => ({
    method,
    blocked: methodBlock(method, offered, connection),
    primary: PRIMARY_METHODS.includes(method),
  }));
}

/**
 * The method Charge uses: the cashier's choice while it works, else the first
 * usable of QRIS, then cash (cash always works).
 */
export function effectiveMethod(chosen: PaymentMethod | null, offered: readonly PaymentMethod[], connection: Reachability): PaymentMethod {
  if (chosen && methodBlock(chosen, offered, connection) === null) return chosen;
  return methodBlock('qris', offered, connection) === null ? 'qris' : 'cash';
}
