/**
 * Opens (and migrates) the SQLite ledger. Durability first: WAL with
 * synchronous=FULL, so a commit has reached the disk when `run()` returns —
 * the webhook listener answers 200 only after that.
 */
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

/** The ledger handle every repository is built on. */
export type Database = BetterSqlite3.Database;

/** Tuning knobs; defaults are what the till uses. */
export interface LedgerOptions {
  /** How long a writer waits for a lock held by another connection (ms). */
  busyTimeoutMs?: number;
  /** FULL (default) survives power loss; NORMAL is only crash-safe for the process. */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens `file` (created if missing), applies pragmas and runs pending
 * migrations. Throws if the file was written by a newer Kasir.
 */
export function openLedger(file: string, opts: LedgerOptions = {}): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Current schema version of an open ledger. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration step newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Database, steps: readonly string[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  if (current > steps.length) {
    throw new Error(`ledger schema v${current} is newer than this app (v${steps.length})`);
  }
  for (let v = current; v < steps.length; v++) {
    db.transaction(() => {
      db.exec(steps[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
