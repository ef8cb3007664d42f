/**
 * Values the owner sets on the till itself, kept in the ledger's
 * `owner_settings` table (one JSON value per key) rather than settings.json,
 * so they are audited and will travel with the ledger. Unset keys read as
 * their defaults. Every change writes one `settings.update` audit row with
 * before/after of the keys that changed, in the same transaction.
 *
 * Defaults: cashiers are signed out after 10 idle minutes (1–480), and any
 * discount above 0 % needs the owner until the owner allows more (0–100).
 */
import { z } from 'zod';
import { isoUtc, type Clock } from '../clock';
import type { Database } from '../ledger';
import { AUDIT_ACTIONS, type AuditLog } from '../audit';
import type { Actor } from './types';

/** The schema of each owner-set value. */
export const OWNER_SETTINGS_SCHEMA = z.object({
  /** Minutes without a call before a signed-in cashier (or owner) is signed out. */
  idleSignOutMinutes: z.number().int().min(1).max(480),
  /** Discounts up to this percentage of a line or sale need no owner approval. */
  discountApprovalAbovePercent: z.number().int().min(0).max(100),
});
export type OwnerSettingsValues = z.infer<typeof OWNER_SETTINGS_SCHEMA>;

/** What a fresh till uses. */
export const OWNER_SETTINGS_DEFAULTS: Readonly<OwnerSettingsValues> = {
  idleSignOutMinutes: 10,
  discountApprovalAbovePercent: 0,
};

/** A partial update, validated per key. */
export const OWNER_SETTINGS_PATCH = OWNER_SETTINGS_SCHEMA.partial().strict();
export type OwnerSettingsPatch = z.infer<typeof OWNER_SETTINGS_PATCH>;

type Key = keyof OwnerSettingsValues;
const KEYS = Object.keys(OWNER_SETTINGS_DEFAULTS) as Key[];

/** What OwnerSettings is built from. */
export interface OwnerSettingsDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
}

/** Reads and changes the owner-set values; listeners hear every change. */
export class OwnerSettings {
  private readonly sel;
  private readonly upsert;
  private readonly listeners = new Set<(v: OwnerSettingsValues) => void>();

  constructor(private readonly deps: OwnerSettingsDeps) {
    this.sel = deps.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM owner_settings');
    this.upsert = deps.db.prepare<[{ key: string; value: string; at: string; actor: string }]>(
      `INSERT INTO owner_settings (key, value, updated_at, actor) VALUES (@key, @value, @at, @actor)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, actor = excluded.actor`,
    );
  }

  /** Current values; a stored value that no longer fits its schema reads as the default. */
  get(): OwnerSettingsValues {
    const out: OwnerSettingsValues = { ...OWNER_SETTINGS_DEFAULTS };
    for (const { key, value } of this.sel.all()) {
      if (!(KEYS as string[]).includes(key)) continue;
      const k = key as Key;
      const parsed = OWNER_SETTINGS_SCHEMA.shape[k].safeParse(JSON.parse(value));
      if (parsed.success) out[k] = parsed.data;
    }
    return out;
  }

  /**
   * Applies `patch` (throws a ZodError on a bad value, which the router turns
   * into INVALID_INPUT) for `by`, who must already be authorized as the owner.
   */
  update(by: Actor, patch: OwnerSettingsPatch, callerId?: string): OwnerSettingsValues {
    const valid = OWNER_SETTINGS_PATCH.parse(patch);
    const result = this.deps.db
      .transaction(() => {
        const before = this.get();
        const after = { ...before, ...valid };
        const changed = KEYS.filter((k) => after[k] !== before[k]);
        if (changed.length === 0) return { after, changed };
        const at = isoUtc(this.deps.clock.now());
        for (const k of changed) this.upsert.run({ key: k, value: JSON.stringify(after[k]), at, actor: by.id });
        this.deps.audit.append({
          action: AUDIT_ACTIONS.settingsUpdate,
          outcome: 'ok',
          actor: by,
          target: 'owner_settings',
          caller: callerId ?? null,
          details: {
            before: Object.fromEntries(changed.map((k) => [k, before[k]])),
            after: Object.fromEntries(changed.map((k) => [k, after[k]])),
          },
        });
        return { after, changed };
      })
      .immediate();
    if (result.changed.length > 0) for (const l of this.listeners) l(result.after);
    return result.after;
  }

  /** Calls `listener` after each change; returns an unsubscribe function. */
  onChange(listener: (v: OwnerSettingsValues) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
