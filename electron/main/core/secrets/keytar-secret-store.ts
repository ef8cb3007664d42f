/**
 * SecretStore adapter over the OS keychain (keytar: Secret Service on Linux,
 * Keychain on macOS, Credential Vault on Windows). Service `kasir`, account
 * `${env}:${name}`. Keychain failures become KasirError INTERNAL with a generic
 * message (the native error text is not passed on).
 */
import keytar from 'keytar';
import { KasirError } from '../../../../shared/contract/result';
import type { Logger } from '../logger';
import { secretStatusOf, validateSecret, type GatewayEnv, type SecretName, type SecretStatus, type SecretStore } from './secret-store';

/** The part of keytar this adapter uses (injectable for tests). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  /** Keychain service name (default `kasir`). */
  service?: string;
  /** keytar itself by default. */
  backend?: KeytarApi;
  logger?: Logger;
}

/** The keychain account name for a secret. */
export const keychainAccount = (env: GatewayEnv, name: SecretName): string => `${env}:${name}`;

/** SecretStore backed by the OS keychain. */
export class KeytarSecretStore implements SecretStore {
  private readonly service: string;
  private readonly backend: KeytarApi;
  private readonly logger: Logger | undefined;

  constructor(opts: KeytarSecretStoreOptions = {}) {
    this.service = opts.service ?? 'kasir';
    this.backend = opts.backend ?? keytar;
    this.logger = opts.logger;
  }

  async get(env: GatewayEnv, name: SecretName): Promise<string | null> {
    return this.call('read', env, name, () => this.backend.getPassword(this.service, keychainAccount(env, name)));
  }

  async set(env: GatewayEnv, name: SecretName, value: string): Promise<void> {
    const clean = validateSecret(name, value);
    await this.call('write', env, name, () => this.backend.setPassword(this.service, keychainAccount(env, name), clean));
  }

  async delete(env: GatewayEnv, name: SecretName): Promise<void> {
    await this.call('delete', env, name, () => this.backend.deletePassword(this.service, keychainAccount(env, name)));
  }

  async status(env: GatewayEnv, name: SecretName): Promise<SecretStatus> {
    return secretStatusOf(name, await this.get(env, name));
  }

  private async call<T>(op: string, env: GatewayEnv, name: SecretName, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      // Only the operation and the secret's name are logged, never a value.
      this.logger?.error('keychain operation failed', { op, env, name, error: e instanceof Error ? e.name : 'unknown' });
      throw new KasirError('INTERNAL', `The system keychain could not ${op} ${name}. Is the keychain unlocked?`, { params: { reason: 'keychain' } });
    }
  }
}
