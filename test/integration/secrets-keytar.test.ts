/**
 * KeytarSecretStore against a real Secret Service (gnome-keyring in a private
 * D-Bus session). Run with:
 *   test/keyring/with-keyring.sh npx vitest run --project integration test/integration/secrets-keytar.test.ts
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { KasirError } from '../../shared/contract/result';
import { loadCredentials } from '../../electron/main/core/secrets/credentials';
import { KeytarSecretStore } from '../../electron/main/core/secrets/keytar-secret-store';
import { SECRET_NAMES, type SecretName } from '../../electron/main/core/secrets/secret-store';

const inKeyring = process.env.KASIR_KEYRING_READY === '1';
const service = `kasir-test-${randomUUID()}`;
const store = new KeytarSecretStore({ service });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const VALUES: Record<SecretName, string> = {
  coreServerKey: 'SB-Mid-server-keychain-0042',
  coreClientKey: 'SB-Mid-client-keychain-0043',
  snapClientId: 'client-id-keychain',
  snapClientSecret: 'client-secret-keychain-7777',
  snapPartnerId: 'G000000042',
  snapChannelId: '95221',
  snapPrivateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  snapNotificationPublicKey: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};

afterAll(async () => {
  if (!inKeyring) return;
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
});

describe.skipIf(!inKeyring)('KeytarSecretStore (real keychain)', () => {
  it('writes every secret under service/account env:name and reads it back', async () => {
    for (const n of SECRET_NAMES) await store.set('sandbox', n, VALUES[n]);
    const accounts = (await keytar.findCredentials(service)).map((c) => c.account).sort();
    expect(accounts).toEqual(SECRET_NAMES.map((n) => `sandbox:${n}`).sort());
    for (const n of SECRET_NAMES) expect(await store.get('sandbox', n)).toBe(VALUES[n]);
  });

  it('keeps environments apart and reports safe status', async () => {
    expect(await store.get('production', 'coreServerKey')).toBeNull();
    expect(await store.status('sandbox', 'coreServerKey')).toEqual({ configured: true, hint: '…0042' });
    expect(await store.status('sandbox', 'snapPrivateKey')).toEqual({ configured: true, hint: null });
    expect(await store.status('production', 'snapPrivateKey')).toEqual({ configured: false, hint: null });
  });

  it('loads typed credentials from the keychain', async () => {
    const r = await loadCredentials('sandbox', store);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.snapBi?.clientSecret).toBe(VALUES.snapClientSecret);
    const missing = await loadCredentials('production', store);
    expect(missing).toMatchObject({ ok: false, code: 'NOT_CONFIGURED' });
  });

  it('rejects invalid values before touching the keychain', async () => {
    await expect(store.set('sandbox', 'snapPrivateKey', 'garbage')).rejects.toBeInstanceOf(KasirError);
    expect(await store.get('sandbox', 'snapPrivateKey')).toBe(VALUES.snapPrivateKey);
  });

  it('deletes, and deleting twice is fine', async () => {
    await store.delete('sandbox', 'coreServerKey');
    await store.delete('sandbox', 'coreServerKey');
    expect(await store.status('sandbox', 'coreServerKey')).toEqual({ configured: false, hint: null });
  });
});

// The real keychain is part of the contract of this suite: outside the wrapper it fails loudly.
if (!inKeyring) {
  it('runs inside test/keyring/with-keyring.sh (a private D-Bus session + throwaway gnome-keyring)', () => {
    throw new Error('Run integration tests through `npm test` or test/keyring/with-keyring.sh');
  });
}
