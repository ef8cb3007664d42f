/**
 * Which Midtrans a till talks to. The settings pick one, the secret store
 * keys credentials by it, and the ledger records on every payment the
 * environment it was made against (so demo and sandbox sales are never
 * mistaken for real takings).
 */

/** Every environment, in the order the settings screen offers them. */
export const GATEWAY_ENVS = ['emulator', 'sandbox', 'production'] as const;
/** The bundled emulator, Midtrans' sandbox, or real money. */
export type GatewayEnv = (typeof GATEWAY_ENVS)[number];

/** True when `value` names an environment. */
export function isGatewayEnv(value: unknown): value is GatewayEnv {
  return typeof value === 'string' && (GATEWAY_ENVS as readonly string[]).includes(value);
}
