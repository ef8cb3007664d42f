import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KasirError } from '../../shared/contract/result';
import { loadCredentials } from '../../electron/main/core/secrets/credentials';
import { KeytarSecretStore, type KeytarApi } from '../../electron/main/core/secrets/keytar-secret-store';
import { MemorySecretStore } from '../../electron/main/core/secrets/memory-secret-store';
import { SECRET_NAMES, secretStatusOf, validateSecret, type SecretName } from '../../electron/main/core/secrets/secret-store';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const VALID: Record<SecretName, string> = {
  coreServerKey: 'SB-Mid-server-abcdefgh1234',
  coreClientKey: 'SB-Mid-client-abcd5678',
  snapClientId: 'client-id-0001',
  snapClientSecret: 'secret-secret-9999',
  snapPartnerId: 'G123456789',
  snapChannelId: '12345',
  snapPrivateKey: PRIVATE_PEM,
  snapNotificationPublicKey: PUBLIC_PEM,
};

async function filled(): Promise<MemorySecretStore> {
  const s = new MemorySecretStore();
  for (const n of SECRET_NAMES) await s.set('sandbox', n, VALID[n]);
  return s;
}

describe('validateSecret', () => {
  it('accepts valid values and trims ids', () => {
    expect(validateSecret('coreServerKey', '  SB-Mid-server-x  ')).toBe('SB-Mid-server-x');
    expect(validateSecret('snapPrivateKey', PRIVATE_PEM.replace(/\n/g, '\r\n'))).toBe(PRIVATE_PEM);
    expect(validateSecret('snapNotificationPublicKey', PUBLIC_PEM)).toBe(PUBLIC_PEM);
  });

  it.each([
    ['coreServerKey', ''],
    ['coreServerKey', '   '],
    ['snapClientId', 'has space'],
    ['snapChannelId', '1234'],
    ['snapChannelId', 'abcde'],
    ['snapPrivateKey', 'not a pem'],
    ['snapPrivateKey', PUBLIC_PEM],
    ['snapNotificationPublicKey', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'],
  ] as [SecretName, string][])('rejects %s = %j without echoing the value', (name, value) => {
    try {
      validateSecret(name, value);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KasirError);
      expect((e as KasirError).code).toBe('INVALID_INPUT');
      if (value.trim().length > 3) expect((e as KasirError).message).not.toContain(value.trim());
    }
  });

  it('rejects a short RSA key', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => validateSecret('snapPrivateKey', small)).toThrow(KasirError);
  });
});

describe('secretStatusOf', () => {
  it('hints at most the last four characters, never for PEMs or short values', () => {
    expect(secretStatusOf('coreServerKey', null)).toEqual({ configured: false, hint: null });
    expect(secretStatusOf('coreServerKey', 'SB-Mid-server-abcd1234')).toEqual({ configured: true, hint: '…1234' });
    expect(secretStatusOf('snapPrivateKey', PRIVATE_PEM)).toEqual({ configured: true, hint: null });
    expect(secretStatusOf('snapChannelId', '12345')).toEqual({ configured: true, hint: null });
  });

  it('never reveals more than four characters (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECRET_NAMES), fc.string({ minLength: 1 }), (name, value) => {
        const s = secretStatusOf(name, value);
        if (s.hint !== null) {
          expect(s.hint.startsWith('…')).toBe(true);
          expect(s.hint.length).toBeLessThanOrEqual(5);
          expect(value.endsWith(s.hint.slice(1))).toBe(true);
        }
      }),
    );
  });
});

describe('MemorySecretStore', () => {
  it('stores per environment and deletes', async () => {
    const s = new MemorySecretStore();
    await s.set('sandbox', 'coreServerKey', VALID.coreServerKey);
    expect(await s.get('sandbox', 'coreServerKey')).toBe(VALID.coreServerKey);
    expect(await s.get('production', 'coreServerKey')).toBeNull();
    expect(await s.status('sandbox', 'coreServerKey')).toEqual({ configured: true, hint: '…1234' });
    await s.delete('sandbox', 'coreServerKey');
    expect(await s.get('sandbox', 'coreServerKey')).toBeNull();
    await expect(s.set('sandbox', 'snapPrivateKey', 'junk')).rejects.toThrow(KasirError);
  });
});

describe('KeytarSecretStore (fake backend: naming and error hygiene)', () => {
  function fake(fail = false): KeytarApi & { data: Map<string, string> } {
    const data = new Map<string, string>();
    const guard = () => {
      if (fail) throw new Error('DBus error: secret value was xyz');
    };
    return {
      data,
      getPassword: async (s, a) => (guard(), data.get(`${s}/${a}`) ?? null),
      setPassword: async (s, a, p) => void (guard(), data.set(`${s}/${a}`, p)),
      deletePassword: async (s, a) => (guard(), data.delete(`${s}/${a}`)),
    };
  }

  it('uses service kasir and account env:name', async () => {
    const backend = fake();
    const s = new KeytarSecretStore({ backend });
    await s.set('production', 'snapClientSecret', VALID.snapClientSecret);
    expect([...backend.data.keys()]).toEqual(['kasir/production:snapClientSecret']);
    expect(await s.status('production', 'snapClientSecret')).toEqual({ configured: true, hint: '…9999' });
  });

  it('wraps keychain failures without leaking the native message', async () => {
    const s = new KeytarSecretStore({ backend: fake(true) });
    const e = await s.get('sandbox', 'coreServerKey').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KasirError);
    expect((e as KasirError).message).not.toContain('xyz');
  });
});

describe('loadCredentials', () => {
  it('returns typed credentials when everything is configured', async () => {
    const r = await loadCredentials('sandbox', await filled(), { snapMerchantId: 'G000' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.core).toEqual({ serverKey: VALID.coreServerKey, clientKey: VALID.coreClientKey });
    expect(r.value.snapBi?.privateKeyPem).toBe(PRIVATE_PEM);
    expect(r.value.snapBi?.merchantId).toBe('G000');
  });

  it('reports NOT_CONFIGURED with the missing names only', async () => {
    const s = await filled();
    await s.delete('sandbox', 'snapClientSecret');
    const r = await loadCredentials('sandbox', s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('NOT_CONFIGURED');
    expect(r.missing).toEqual(['snapClientSecret']);
    expect(r.message).not.toContain(VALID.coreServerKey);
    const empty = await loadCredentials('production', s);
    expect(empty.ok).toBe(false);
  });

  it('allows an unused API to be absent when not required', async () => {
    const s = new MemorySecretStore();
    await s.set('sandbox', 'coreServerKey', VALID.coreServerKey);
    await s.set('sandbox', 'coreClientKey', VALID.coreClientKey);
    const r = await loadCredentials('sandbox', s, { require: ['core_api'] });
    expect(r.ok && r.value.snapBi === null && r.value.core !== null).toBe(true);
  });
});
