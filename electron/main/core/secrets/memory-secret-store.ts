/**
 * In-memory SecretStore for unit tests only (production uses the OS keychain).
 */
import { secretStatusOf, validateSecret, type GatewayEnv, type SecretName, type SecretStatus, type SecretStore } from './secret-store';

/** A SecretStore backed by a Map; same validation as the keychain adapter. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  async get(env: GatewayEnv, name: SecretName): Promise<string | null> {
    return this.values.get(`${env}:${name}`) ?? null;
  }

  async set(env: GatewayEnv, name: SecretName, value: string): Promise<void> {
    this.values.set(`${env}:${name}`, validateSecret(name, value));
  }

  async delete(env: GatewayEnv, name: SecretName): Promise<void> {
    this.values.delete(`${env}:${name}`);
  }

  async status(env: GatewayEnv, name: SecretName): Promise<SecretStatus> {
    return secretStatusOf(name, await this.get(env, name));
  }
}
