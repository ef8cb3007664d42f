/**
 * A string-keyed map whose entries expire on the emulator clock; backs
 * Idempotency-Key / X-EXTERNAL-ID replays and the generic `ctx.kv`.
 */
import type { EmuClock } from '../types';

/** One stored entry as persisted: `expiresAt` null = never. */
export interface ExpiringEntry<V> {
  key: string;
  value: V;
  expiresAt: number | null;
}

/** What the emulator needs of a key/value map with expiry (in memory, or durable-map.ts). */
export interface KeyValueMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, ttlSeconds: number | null): void;
  delete(key: string): void;
}

/** See module doc. Expired entries are dropped lazily on read and on `entries()`. */
export class ExpiringMap<V> implements KeyValueMap<V> {
  private readonly map = new Map<string, ExpiringEntry<V>>();

  /** @param onChange called after every write, so the owner can schedule a save. */
  constructor(
    private readonly clock: EmuClock,
    private readonly onChange: () => void = () => {},
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= this.clock.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V, ttlSeconds: number | null): void {
    const expiresAt = ttlSeconds === null ? null : this.clock.now() + ttlSeconds * 1000;
    this.map.set(key, { key, value, expiresAt });
    this.onChange();
  }

  delete(key: string): void {
    if (this.map.delete(key)) this.onChange();
  }

  /** Live entries, for persistence. */
  entries(): ExpiringEntry<V>[] {
    const now = this.clock.now();
    const out: ExpiringEntry<V>[] = [];
    for (const [k, e] of this.map) {
      if (e.expiresAt !== null && e.expiresAt <= now) this.map.delete(k);
      else out.push(e);
    }
    return out;
  }

  /** Restores persisted entries (without triggering a save). */
  load(entries: ExpiringEntry<V>[]): void {
    for (const e of entries) this.map.set(e.key, e);
  }
}
