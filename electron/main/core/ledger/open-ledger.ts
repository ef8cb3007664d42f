/**
 * Opens (and migrates) the SQLite ledger. Durability first: WAL with
 * synchronous=FULL, so a commit has reached the disk when `run()` returns —
 * the webhook listener answers 200 only after that.
 */
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { LedgerMigrationError, LedgerTooNewError } from './ledger-errors';
import { MIGRATIONS, type MigrationStep } from './migrations';
import { registerPackedText } from './packed-text';
import { assertLedgerWritable, LedgerDamagedError, openFaultOf } from './storage-faults';

/** The ledger handle every repository is built on. */
export type Database = BetterSqlite3.Database;

/** Tuning knobs; defaults are what the till uses. */
export interface LedgerOptions {
  /** How long a writer waits for a lock held by another connection (ms). */
  busyTimeoutMs?: number;
  /** FULL (default) survives power loss; NORMAL is only crash-safe for the process. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * When `PRAGMA quick_check` runs before the ledger is used (see {@link IntegrityCheckPolicy}).
   * Default 'after-unclean-shutdown'.
   */
  integrityCheck?: IntegrityCheckPolicy;
}

/**
 * When the whole-file check runs at open. `quick_check` reads every page —
 * O(file size): ~1.5 s for a year of a busy shop (500k payments), on every
 * start — so by default it runs only when the last run did not close the
 * ledger (a `-wal` file left beside it: SQLite deletes it when the last
 * connection closes cleanly), i.e. after a crash or a power cut, when damage
 * is likeliest. A ledger closed cleanly is checked in the background instead:
 * every backup copy gets `integrity_check` (backup.ts), and the scheduled
 * maintenance after a day is closed can call {@link checkLedgerIntact}.
 * Header damage (not a database at all) is still refused at every open.
 * - 'after-unclean-shutdown' (default): as above.
 * - 'always': every open (the old behaviour; tools and tests).
 * - 'never': callers that check themselves (backup inspection).
 */
export type IntegrityCheckPolicy = 'after-unclean-shutdown' | 'always' | 'never';

/** A `-wal` beside the ledger at open: the last connection did not close (crash, kill, power cut). */
export function closedUncleanly(file: string): boolean {
  if (file === '' || file === ':memory:') return false;
  const wal = `${file}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}

/**
 * Opens `file` (created if missing), applies pragmas and runs pending
 * migrations. Refuses, leaving the file untouched: a ledger written by a newer
 * Kasir (LedgerTooNewError), a damaged one (LedgerDamagedError: a header that
 * is not SQLite, or — after an unclean shutdown, see {@link IntegrityCheckPolicy}
 * — what `PRAGMA quick_check` finds), one that cannot be written
 * (LedgerReadOnlyError, naming the file or folder); a full disk during a
 * migration is LedgerStorageError `STORAGE_FULL`.
 */
export function openLedger(file: string, opts: LedgerOptions = {}): Database {
  // Found at start, with the path named — not as "Something went wrong" on every sale.
  assertLedgerWritable(file);
  // Looked at before SQLite opens the file: opening it replays and keeps the -wal.
  const policy = opts.integrityCheck ?? 'after-unclean-shutdown';
  const check = policy === 'always' || (policy === 'after-unclean-shutdown' && closedUncleanly(file));
  if (check && existsSync(file)) checkReadOnly(file);
  let db: Database;
  try {
    db = new BetterSqlite3(file);
  } catch (e) {
    throw openFaultOf(e, file);
  }
  try {
    // Refuse a newer ledger before touching it (not even its journal mode).
    const version = schemaVersion(db);
    if (version > MIGRATIONS.length) throw new LedgerTooNewError(version, MIGRATIONS.length, file);
    probeWritable(db, version);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
    // Before the steps: SQL that reads packed columns goes through them.
    registerPackedText(db);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw openFaultOf(e, file);
  }
}

/**
 * The open-time check, on a read-only connection of its own: closing the
 * read-write one checkpoints the -wal into the file and deletes it, which would
 * change a refused ledger and erase the sign that the next start must check too.
 */
function checkReadOnly(file: string): void {
  let probe: Database;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw openFaultOf(e, file);
  }
  try {
    checkLedgerIntact(probe, file);
  } catch (e) {
    throw openFaultOf(e, file);
  } finally {
    probe.close();
  }
}

/**
 * A write rolled back: SQLITE_READONLY here, at start, not on the first sale.
 * (SQLite quietly opens a file it may not write read-only; in WAL mode even
 * BEGIN IMMEDIATE succeeds on it, so the probe must really write a page.)
 */
function probeWritable(db: Database, version: number): void {
  try {
    db.exec(`BEGIN IMMEDIATE; PRAGMA user_version = ${version}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/**
 * `PRAGMA quick_check`: every page and b-tree readable and well formed
 * (https://www.sqlite.org/pragma.html#pragma_quick_check — integrity_check
 * without the index-content cross-check, O(N) in the file size). Throws
 * LedgerDamagedError naming the file and SQLite's findings. For open (after an
 * unclean shutdown) and for scheduled maintenance on an open ledger.
 */
export function checkLedgerIntact(db: Database, file: string = db.name): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  // A row may hold several lines, headed by "*** in database main ***".
  const problems = rows.flatMap((r) => r.quick_check.split('\n')).filter((p) => p !== 'ok' && !p.startsWith('***'));
  if (problems.length > 0) throw new LedgerDamagedError(file, problems);
}

/** Current schema version of an open ledger. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration step newer than the file's `user_version`, each in
 * its own IMMEDIATE transaction together with the new `user_version`, so a
 * failed step leaves the file at the version before it.
 */
export function migrate(db: Database, steps: readonly MigrationStep[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  if (current > steps.length) throw new LedgerTooNewError(current, steps.length, db.name);
  for (let v = current; v < steps.length; v++) {
    const step = steps[v]!;
    if (step.kind === 'rebuild') runRebuild(db, step, v);
    else runPlain(db, step, v);
  }
}

function runPlain(db: Database, step: MigrationStep, from: number): void {
  db.transaction(() => {
    db.exec(step.sql);
    db.pragma(`user_version = ${from + 1}`);
  }).immediate();
}

/**
 * SQLite's procedure for changes ALTER TABLE cannot make
 * (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys off
 * *outside* the transaction (the pragma is a no-op inside one), the step —
 * create the new tables, copy, drop the old, rename, recreate indexes and
 * triggers — in one transaction, `PRAGMA foreign_key_check` before commit
 * (any violation aborts and rolls everything back), then foreign keys on again.
 */
function runRebuild(db: Database, step: MigrationStep, from: number): void {
  if (db.inTransaction) {
    throw new LedgerMigrationError(from, from + 1, 'a table-rebuild step cannot run inside an open transaction');
  }
  const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(step.sql);
      const violations = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (violations.length > 0) {
        const sample = violations.slice(0, 3).map((x) => `${x.table} row ${x.rowid} → ${x.parent}`).join('; ');
        throw new LedgerMigrationError(from, from + 1, `${violations.length} foreign key violation(s): ${sample}`);
      }
      db.pragma(`user_version = ${from + 1}`);
    }).immediate();
  } finally {
    if (fkWasOn) db.pragma('foreign_keys = ON');
  }
}
