/**
 * Online backups of the ledger to a second place the owner chooses
 * (settings.json `backup.dir`, another disk or folder), taken when a day is
 * closed and on demand, keeping the newest `backup.keep` copies.
 *
 * A copy is made with SQLite's online backup API (better-sqlite3
 * `db.backup()`): the till keeps selling while it runs. Taken through the
 * till's own connection, every write the till makes meanwhile is carried into
 * the copy at once (https://www.sqlite.org/backup.html), so the copy is the
 * ledger as of the moment the backup finished. Each copy is written under a
 * `.partial` name, switched out of WAL (a copy is one self-contained file),
 * checked (`integrity_check`, schema, Kasir's tables) and only then renamed to
 * its final name; the oldest copies beyond `keep` are then deleted.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { backupFileName, listBackups, PARTIAL_SUFFIX, pruneBackups, removePartials, type BackupFile } from './backup-files';
import { inspectLedgerCopy, type LedgerSummary } from './backup-inspect';
import { schemaVersion, type Database } from './open-ledger';
import { storageFaultOf } from './storage-faults';

/** A verified copy, and what making it pruned. */
export interface BackupResult extends BackupFile {
  summary: LedgerSummary;
  /** Names of older copies deleted to keep `keep`. */
  pruned: string[];
}

/** Why a backup failed, for the owner's words: the folder's disk is absent, it is full, or writing/checking the copy failed. */
export type BackupFailure = 'folder_missing' | 'disk_full' | 'write_failed' | 'verify_failed';

/** A backup could not be made; nothing half-written is left behind. */
export class BackupError extends Error {
  readonly code = 'BACKUP_FAILED';

  constructor(
    readonly dir: string,
    readonly reason: BackupFailure,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`The ledger could not be backed up to ${dir}: ${detail}`, options);
    this.name = 'BackupError';
  }
}

export interface BackupServiceDeps {
  /** The till's ledger connection (the copy follows its writes while it runs). */
  db: Database;
  /** Where copies go (settings `backupDir()`). */
  dir: string;
  /** How many copies to keep (settings `backup.keep`). */
  keep: number;
  clock: Clock;
  logger?: Logger;
  /**
   * Pages copied per step; between steps the event loop runs. Default 100
   * (better-sqlite3's). `Infinity`: one step, one read snapshot — for a
   * separate connection (the CLI beside a running till), whose copy would
   * otherwise restart on every write the till makes.
   */
  pagesPerStep?: number;
}

/** Takes, verifies and prunes backups; one at a time. */
export class BackupService {
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: BackupServiceDeps) {}

  /** Where copies go. */
  get dir(): string {
    return this.deps.dir;
  }

  /**
   * Makes one verified copy now. `reason`: `day-close`, `manual`, …
   * (lowercase words joined by `-`; it goes into the file name).
   * @throws BackupError naming the folder and why.
   */
  backupNow(reason: string): Promise<BackupResult> {
    const next = this.running.then(() => this.take(reason));
    // A failed backup must not block the next one.
    this.running = next.catch(() => {});
    return next;
  }

  /** Copies in the backup folder, newest first. */
  list(): BackupFile[] {
    return listBackups(this.deps.dir);
  }

  /** Waits for a running backup (before the ledger connection closes). */
  async close(): Promise<void> {
    await this.running;
  }

  private async take(reason: string): Promise<BackupResult> {
    const { db, dir, clock } = this.deps;
    ensureFolder(dir);
    removePartials(dir);
    const at = clock.now();
    const version = schemaVersion(db);
    let seq = 1;
    while (existsSync(join(dir, backupFileName(at, version, reason, seq)))) seq++;
    const name = backupFileName(at, version, reason, seq);
    const partial = join(dir, name + PARTIAL_SUFFIX);
    const final = join(dir, name);
    try {
      const step = this.deps.pagesPerStep ?? 100;
      await db.backup(partial, { progress: () => (Number.isFinite(step) ? Math.max(1, Math.trunc(step)) : 0x7fffffff) });
      toSingleFile(partial);
      let summary: LedgerSummary;
      try {
        summary = inspectLedgerCopy(partial, 'integrity_check');
      } catch (e) {
        throw new BackupError(dir, 'verify_failed', `the copy failed its check: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      if (summary.schemaVersion !== version) {
        throw new BackupError(dir, 'verify_failed', `the copy reads schema v${summary.schemaVersion}, the ledger is v${version}`);
      }
      renameSync(partial, final);
      const pruned = pruneBackups(dir, this.deps.keep);
      const made = listBackups(dir).find((b) => b.name === name)!;
      this.deps.logger?.info('ledger backed up', { file: final, reason, bytes: made.bytes, pruned: pruned.length });
      return { ...made, summary, pruned };
    } catch (e) {
      for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
      const why = e instanceof Error ? e.message : String(e);
      this.deps.logger?.error('ledger backup failed', { dir, reason, error: why });
      if (e instanceof BackupError) throw e;
      throw new BackupError(dir, storageFaultOf(e)?.code === 'STORAGE_FULL' || (e as NodeJS.ErrnoException).code === 'ENOSPC' ? 'disk_full' : 'write_failed', why, { cause: e });
    }
  }
}

/**
 * Creates the backup folder itself but never its parent: a folder on a disk
 * that is not plugged in must fail, not quietly appear on the system disk.
 */
function ensureFolder(dir: string): void {
  if (existsSync(dir)) return;
  if (!existsSync(dirname(dir))) throw new BackupError(dir, 'folder_missing', `${dirname(dir)} does not exist (is the backup disk connected?)`);
  mkdirSync(dir);
}

/**
 * The copy carries the ledger's WAL flag in its header; switched to a
 * rollback journal it is one file, which reads without `-wal`/`-shm` beside it.
 */
function toSingleFile(file: string): void {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}
