/**
 * Upgrade from the emulator's old whole-state JSON file: a `<stateDir>/state.json`
 * written by an earlier version (debounced snapshots of charges, replays,
 * kv entries and the clock offset) is imported into the state database once,
 * then renamed `state.json.imported`, so a till's emulator history survives
 * the upgrade. Re-running after a crash between the commit and the rename
 * is harmless: rows already present are kept.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { EmuResponse, Transaction } from '../types';
import { readIfExists, writeFileAtomic } from '../util/files';
import type { ExpiringEntry } from './expiring-map';
import type { StateDb } from './state-db';
import { lookupKeys } from './tx-keys';

/** The old state file's shape (version 1). */
export interface LegacyState {
  version: 1;
  clockOffsetMs: number;
  transactions: Transaction[];
  replay: ExpiringEntry<{ bodyHash: string; response: EmuResponse }>[];
  kv: ExpiringEntry<unknown>[];
}

/** Namespaces of the kv table used by `startEmulator`. */
export const KV_NS = { replay: 'replay', kv: 'kv' } as const;

/** Meta key of the clock offset. */
export const CLOCK_OFFSET_KEY = 'clockOffsetMs';

/** Imports `state.json` if present; returns how many transactions it added. */
export function importLegacyState(stateDir: string, db: StateDb): number {
  const path = join(stateDir, 'state.json');
  if (!existsSync(path)) return 0;
  const text = readIfExists(path) ?? '';
  let state: LegacyState | undefined;
  try {
    const parsed = JSON.parse(text) as LegacyState;
    if (parsed.version === 1 && Array.isArray(parsed.transactions)) state = parsed;
  } catch {
    state = undefined;
  }
  if (!state) {
    // Unreadable: keep a copy to inspect; never stop the emulator from starting.
    process.stderr.write(`[emulator] ignoring unreadable ${path}\n`);
    writeFileAtomic(`${path}.corrupt`, text);
    renameSync(path, `${path}.imported`);
    return 0;
  }
  let seq = db.maxSeq();
  let added = 0;
  for (const tx of state.transactions) {
    if (db.txById(tx.transactionId)) continue;
    db.insertTx(++seq, tx.transactionId, tx.orderId, tx.status, JSON.stringify(tx), lookupKeys(tx));
    added++;
  }
  for (const e of state.replay ?? []) db.kvSet(KV_NS.replay, e.key, JSON.stringify(e.value), e.expiresAt, true);
  for (const e of state.kv ?? []) db.kvSet(KV_NS.kv, e.key, JSON.stringify(e.value), e.expiresAt, true);
  if (db.meta(CLOCK_OFFSET_KEY) === undefined) db.setMeta(CLOCK_OFFSET_KEY, String(state.clockOffsetMs ?? 0));
  db.commitNow();
  renameSync(path, `${path}.imported`);
  process.stderr.write(`[emulator] imported ${added} transaction(s) from ${path}\n`);
  return added;
}
