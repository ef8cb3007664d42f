/**
 * The credentials the emulator accepts, generated once per state dir so a
 * restarted emulator keeps accepting the keys the app already stored.
 */
import { join } from 'node:path';
import type { EmuCredentials } from '../types';
import { readIfExists, writeFileAtomic } from '../util/files';
import { randomDigits, randomToken } from '../util/ids';
import { loadOrCreateRsaPair } from './keys';

/** Credentials plus the key file paths the CLI prints. */
export interface CredentialFiles {
  credentials: EmuCredentials;
  merchantPrivateKeyPath: string;
  notificationPublicKeyPath: string;
}

interface StoredSecrets {
  serverKey: string;
  clientKey: string;
  merchantId: string;
  snapBi: { clientId: string; clientSecret: string; partnerId: string; channelId: string; merchantId: string };
}

function generateSecrets(): StoredSecrets {
  // Same shapes as sandbox keys so format checks in the app pass unchanged.
  const merchantId = `G${randomDigits(9)}`;
  return {
    serverKey: `SB-Mid-server-${randomToken(24)}`,
    clientKey: `SB-Mid-client-${randomToken(16)}`,
    merchantId,
    snapBi: {
      clientId: `EMU-${randomToken(20)}`,
      clientSecret: randomToken(32),
      partnerId: merchantId,
      channelId: randomDigits(5),
      merchantId,
    },
  };
}

/**
 * Loads `credentials.json` and the two RSA key pairs from `stateDir`, creating
 * what is missing. `overrides` pins the server/client key (e.g. a test that
 * wants a known key) and is persisted like a generated one.
 */
export async function loadOrCreateCredentials(
  stateDir: string,
  overrides: { serverKey?: string; clientKey?: string } = {},
): Promise<CredentialFiles> {
  const path = join(stateDir, 'credentials.json');
  const text = readIfExists(path);
  let secrets: StoredSecrets = text ? (JSON.parse(text) as StoredSecrets) : generateSecrets();
  const changed = !text || (overrides.serverKey && overrides.serverKey !== secrets.serverKey) ||
    (overrides.clientKey && overrides.clientKey !== secrets.clientKey);
  secrets = { ...secrets, ...definedOnly(overrides) };
  if (changed) writeFileAtomic(path, `${JSON.stringify(secrets, null, 2)}\n`, 0o600);

  const [merchant, notification] = await Promise.all([
    loadOrCreateRsaPair(stateDir, 'merchant'),
    loadOrCreateRsaPair(stateDir, 'notification'),
  ]);
  return {
    credentials: {
      serverKey: secrets.serverKey,
      clientKey: secrets.clientKey,
      merchantId: secrets.merchantId,
      snapBi: {
        ...secrets.snapBi,
        merchantPrivateKeyPem: merchant.privateKeyPem,
        merchantPublicKeyPem: merchant.publicKeyPem,
        notificationPrivateKeyPem: notification.privateKeyPem,
        notificationPublicKeyPem: notification.publicKeyPem,
      },
    },
    merchantPrivateKeyPath: merchant.privateKeyPath,
    notificationPublicKeyPath: notification.publicKeyPath,
  };
}

function definedOnly(o: { serverKey?: string; clientKey?: string }): Partial<StoredSecrets> {
  const out: Partial<StoredSecrets> = {};
  if (o.serverKey) out.serverKey = o.serverKey;
  if (o.clientKey) out.clientKey = o.clientKey;
  return out;
}
