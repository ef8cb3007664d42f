/**
 * Gateway credentials as the clients need them, loaded from a SecretStore.
 * Missing secrets come back as a typed NOT_CONFIGURED error naming what is
 * missing (names only, never values).
 */
import { CORE_SECRET_NAMES, SNAP_SECRET_NAMES } from '../../../../shared/domain/gateway';
import type { GatewayEnv, SecretName, SecretStore } from './secret-store';

/** Core API v2 credentials. */
export interface CoreCredentials {
  serverKey: string;
  clientKey: string;
}

/** SNAP-BI credentials (the private key and Midtrans' notification key as PEM). */
export interface SnapBiCredentials {
  clientId: string;
  clientSecret: string;
  partnerId: string;
  channelId: string;
  privateKeyPem: string;
  notificationPublicKeyPem: string;
  /** Merchant id put in SNAP-BI bodies; not a secret. Defaults to `partnerId` when not given. */
  merchantId?: string;
}

/** Everything the gateway clients need; an API is null when not required and not configured. */
export interface GatewayCredentials {
  env: GatewayEnv;
  core: CoreCredentials | null;
  snapBi: SnapBiCredentials | null;
}

/** Failure of {@link loadCredentials}. */
export interface CredentialsNotConfigured {
  ok: false;
  code: 'NOT_CONFIGURED';
  message: string;
  /** Names of the missing secrets. */
  missing: SecretName[];
}

export type LoadCredentialsResult = { ok: true; value: GatewayCredentials } | CredentialsNotConfigured;


export interface LoadCredentialsOptions {
  /** APIs that must be fully configured (default: both, since default routing uses both). */
  require?: readonly ('core_api' | 'snap_bi')[];
  /** SNAP-BI merchant id (configuration, not a secret). */
  snapMerchantId?: string;
}

/**
 * Reads every gateway secret of `env`. An API whose secrets are all absent and
 * that is not required yields null; a partly configured or required-but-missing
 * API yields NOT_CONFIGURED.
 */
export async function loadCredentials(
  env: GatewayEnv,
  store: SecretStore,
  opts: LoadCredentialsOptions = {},
): Promise<LoadCredentialsResult> {
  const required = new Set(opts.require ?? ['core_api', 'snap_bi']);
  const read = async <N extends SecretName>(names: readonly N[]) => {
    const entries = await Promise.all(names.map(async (n) => [n, await store.get(env, n)] as const));
    return new Map<N, string | null>(entries);
  };
  const core = await read(CORE_SECRET_NAMES);
  const snap = await read(SNAP_SECRET_NAMES);
  const missing: SecretName[] = [];
  const check = <N extends SecretName>(api: 'core_api' | 'snap_bi', values: Map<N, string | null>): boolean => {
    const absent = [...values].filter(([, v]) => !v).map(([n]) => n);
    if (absent.length === values.size && !required.has(api)) return false;
    missing.push(...absent);
    return absent.length === 0;
  };
  const coreOk = check('core_api', core);
  const snapOk = check('snap_bi', snap);
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'NOT_CONFIGURED',
      message: `Gateway keys for ${env} are not fully configured (missing: ${missing.join(', ')}).`,
      missing,
    };
  }
  const must = (v: string | null | undefined): string => v ?? '';
  return {
    ok: true,
    value: {
      env,
      core: coreOk ? { serverKey: must(core.get('coreServerKey')), clientKey: must(core.get('coreClientKey')) } : null,
      snapBi: snapOk
        ? {
            clientId: must(snap.get('snapClientId')),
            clientSecret: must(snap.get('snapClientSecret')),
            partnerId: must(snap.get('snapPartnerId')),
            channelId: must(snap.get('snapChannelId')),
            privateKeyPem: must(snap.get('snapPrivateKey')),
            notificationPublicKeyPem: must(snap.get('snapNotificationPublicKey')),
            ...(opts.snapMerchantId ? { merchantId: opts.snapMerchantId } : {}),
          }
        : null,
    },
  };
}
