/**
 * Names shared by the settings screen and the secret store: which Midtrans
 * environment the till talks to, and which credentials each one needs.
 */

export { GATEWAY_ENVS, type GatewayEnv } from './gateway-env';

/** Core API v2 credentials. */
export const CORE_SECRET_NAMES = ['coreServerKey', 'coreClientKey'] as const;
/** SNAP-BI credentials (the private key and Midtrans' notification key are PEM). */
export const SNAP_SECRET_NAMES = [
  'snapClientId',
  'snapClientSecret',
  'snapPartnerId',
  'snapChannelId',
  'snapPrivateKey',
  'snapNotificationPublicKey',
] as const;
export const SECRET_NAMES = [...CORE_SECRET_NAMES, ...SNAP_SECRET_NAMES] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Secrets stored as PEM text: validated by node:crypto, never hinted. */
export const PEM_SECRETS: readonly SecretName[] = ['snapPrivateKey', 'snapNotificationPublicKey'];
