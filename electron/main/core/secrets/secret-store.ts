/**
 * The SecretStore port: gateway credentials per environment, kept in the OS
 * keychain in production (KeytarSecretStore) and in memory in unit tests.
 * Values are validated before they are stored; only `status()` may be shown to
 * the renderer, and it reveals at most the last four characters of an id/key.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { KasirError } from '../../../../shared/contract/result';

export { GATEWAY_ENVS, SECRET_NAMES, PEM_SECRETS } from '../../../../shared/domain/gateway';
export type { GatewayEnv, SecretName } from '../../../../shared/domain/gateway';
import { GATEWAY_ENVS, SECRET_NAMES, PEM_SECRETS, type GatewayEnv, type SecretName } from '../../../../shared/domain/gateway';

/** What the renderer may learn about a secret. */
export interface SecretStatus {
  configured: boolean;
  /** "…1234" (last four characters) for ids/keys of 8+ characters; null for PEMs and short values. */
  hint: string | null;
}

/** Port for reading and writing gateway secrets. */
export interface SecretStore {
  /** The stored value, or null when not configured. */
  get(env: GatewayEnv, name: SecretName): Promise<string | null>;
  /** Validates (see {@link validateSecret}) then stores; throws KasirError INVALID_INPUT when invalid. */
  set(env: GatewayEnv, name: SecretName, value: string): Promise<void>;
  /** Removes the value (no error when absent). */
  delete(env: GatewayEnv, name: SecretName): Promise<void>;
  /** Configured flag and a safe hint. */
  status(env: GatewayEnv, name: SecretName): Promise<SecretStatus>;
}

/** True for a known environment name. */
export function isGatewayEnv(value: unknown): value is GatewayEnv {
  return typeof value === 'string' && (GATEWAY_ENVS as readonly string[]).includes(value);
}

/** True for a known secret name. */
export function isSecretName(value: unknown): value is SecretName {
  return typeof value === 'string' && (SECRET_NAMES as readonly string[]).includes(value);
}

/** A refused value: the form shows it next to the value field, worded by `issue` (never the value itself). */
const invalidSecret = (
  issue: 'secret_unknown' | 'secret_empty' | 'secret_too_long' | 'secret_has_spaces' | 'secret_channel_id' | 'secret_pem',
  message: string,
  more: Record<string, string | number> = {},
) => new KasirError('INVALID_INPUT', message, { params: { issue, ...more }, field: 'value' });

const MAX_ID_LENGTH = 512;
const MAX_PEM_LENGTH = 16_384;

/**
 * Checks a value before it is stored and returns its normalized form (trimmed;
 * PEM line endings normalized). Throws KasirError('INVALID_INPUT') whose message
 * names the secret but never contains the value.
 */
export function validateSecret(name: SecretName, value: string): string {
  if (!isSecretName(name)) throw new KasirError('INVALID_INPUT', 'Unknown secret name.', { params: { issue: 'secret_unknown' }, field: 'name' });
  if (typeof value !== 'string') throw invalidSecret('secret_unknown', `${name} must be text.`);
  if (PEM_SECRETS.includes(name)) return validatePem(name, value);
  const v = value.trim();
  if (v.length === 0) throw invalidSecret('secret_empty', `${name} must not be empty.`);
  if (v.length > MAX_ID_LENGTH) throw invalidSecret('secret_too_long', `${name} is too long.`, { maximum: MAX_ID_LENGTH });
  if (/[\s\u0000-\u001f\u007f]/.test(v)) throw invalidSecret('secret_has_spaces', `${name} must not contain spaces or control characters.`);
  if (name === 'snapChannelId' && !/^\d{5}$/.test(v)) {
    throw invalidSecret('secret_channel_id', 'snapChannelId must be a 5-digit number.');
  }
  return v;
}

function validatePem(name: SecretName, value: string): string {
  const v = value.replace(/\r\n?/g, '\n').trim();
  if (v.length === 0) throw invalidSecret('secret_empty', `${name} must not be empty.`);
  if (v.length > MAX_PEM_LENGTH || !v.startsWith('-----BEGIN ')) {
    throw invalidSecret('secret_pem', `${name} must be a PEM key.`);
  }
  try {
    const key = name === 'snapPrivateKey' ? createPrivateKey(v) : createPublicKey(v);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not rsa');
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new Error('too short');
  } catch {
    const what = name === 'snapPrivateKey' ? 'an RSA private key (PEM, 2048 bits or more)' : 'an RSA public key (PEM, 2048 bits or more)';
    throw invalidSecret('secret_pem', `${name} must be ${what}.`);
  }
  return `${v}\n`;
}

/** The renderer-safe status of a stored value. */
export function secretStatusOf(name: SecretName, value: string | null): SecretStatus {
  if (value === null || value.length === 0) return { configured: false, hint: null };
  if (PEM_SECRETS.includes(name) || value.length < 8) return { configured: true, hint: null };
  return { configured: true, hint: `…${value.slice(-4)}` };
}
