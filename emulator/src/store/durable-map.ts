/**
 * The durable twin of `ExpiringMap`: entries live in one namespace of the
 * state database's `kv` table (JSON values), so nothing grows in memory and
 * every set is part of the current group-committed batch.
 */
import type { EmuClock } from '../types';
import type { KeyValueMap } from './expiring-map';
import type { StateDb } from './state-db';

/** See module doc. Expired rows read as absent and are pruned at commits. */
export class DurableMap<V> implements KeyValueMap<V> {
  constructor(
    private readonly db: StateDb,
    private readonly ns: string,
    private readonly clock: EmuClock,
  ) {}

  get(key: string): V | undefined {
    const row = this.db.kvGet(this.ns, key);
    if (!row || (row.expiresAt !== null && row.expiresAt <= this.clock.now())) return undefined;
    return JSON.parse(row.value) as V;
  }

  set(key: string, value: V, ttlSeconds: number | null): void {
    const expiresAt = ttlSeconds === null ? null : this.clock.now() + ttlSeconds * 1000;
    this.db.kvSet(this.ns, key, JSON.stringify(value), expiresAt);
  }

  delete(key: string): void {
    this.db.kvDelete(this.ns, key);
  }
}
