/**
 * Storage faults, in words the cashier and the owner can act on: a ledger
 * that cannot be written (read-only file, folder or disk), a full disk, and a
 * damaged file. SQLite reports them as result codes on a `SqliteError`
 * (https://www.sqlite.org/rescode.html); without this mapping each one reached
 * the till as "Something went wrong".
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** The SQLite result code of an error thrown by better-sqlite3 (`SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`, …), else null. */
export function sqliteCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

const isCode = (code: string | null, base: string): boolean => code === base || (code?.startsWith(`${base}_`) ?? false);

/** What went wrong with storage while the till runs. */
export type StorageFaultCode = 'STORAGE_FULL' | 'STORAGE_READ_ONLY';

const STORAGE_WORDS: Record<StorageFaultCode, string> = {
  STORAGE_FULL: "The till's disk is full, so Kasir could not save this. Free some space on the disk (or ask the owner to), then try again.",
  STORAGE_READ_ONLY: 'Kasir cannot write to its ledger (the file, its folder or the disk became read-only), so this was not saved. Ask the owner to fix it, then restart Kasir.',
};

/**
 * A write the ledger refused for lack of space or of write access. The
 * router should answer it with its `code` (see the integration notes in
 * ledger/README.md); `message` is already in the cashier's words.
 */
export class LedgerStorageError extends Error {
  constructor(
    readonly code: StorageFaultCode,
    readonly file: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(STORAGE_WORDS[code], options);
    this.name = 'LedgerStorageError';
  }
}

/** `e` as a storage fault (SQLITE_FULL → STORAGE_FULL, SQLITE_READONLY* → STORAGE_READ_ONLY), or null for anything else. */
export function storageFaultOf(e: unknown, file?: string): LedgerStorageError | null {
  if (e instanceof LedgerStorageError) return e;
  const code = sqliteCode(e);
  if (isCode(code, 'SQLITE_FULL')) return new LedgerStorageError('STORAGE_FULL', file, { cause: e });
  if (isCode(code, 'SQLITE_READONLY')) return new LedgerStorageError('STORAGE_READ_ONLY', file, { cause: e });
  return null;
}

/** The ledger cannot be written at start: every sale would fail. Names the file or folder to fix. */
export class LedgerReadOnlyError extends Error {
  readonly code = 'LEDGER_READ_ONLY';

  constructor(
    /** The file or folder that is not writable. */
    readonly path: string,
    readonly what: 'file' | 'folder',
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Kasir cannot write to its ledger: the ${what} ${path} is read-only (${reason}), so every sale would fail. ` +
        `Give the user running Kasir write access to it (or move the data directory to a writable disk), then start Kasir again.`,
      options,
    );
    this.name = 'LedgerReadOnlyError';
  }
}

/** The ledger file fails SQLite's own check (or is not a database at all). Kasir will not write to it. */
export class LedgerDamagedError extends Error {
  readonly code = 'LEDGER_DAMAGED';

  constructor(
    readonly file: string,
    /** What SQLite reported (at most a few lines). */
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `The ledger ${file} is damaged (${problems.slice(0, 3).join('; ')}). Kasir will not write to a damaged ledger. ` +
        'Restore the newest backup with the restore command in electron/main/core/ledger/README.md ("Backup and restore"); the damaged file is kept aside.',
      options,
    );
    this.name = 'LedgerDamagedError';
  }
}

/**
 * Before SQLite opens `file`: its folder must be writable (WAL needs its
 * `-wal` and `-shm` files beside it) and so must the file, if it exists.
 * `access(2)` answers for the user Kasir runs as, read-only mounts included.
 */
export function assertLedgerWritable(file: string): void {
  if (file === '' || file === ':memory:') return; // nothing on disk
  const dir = dirname(file);
  const denied = (path: string): string | null => {
    try {
      accessSync(path, constants.W_OK);
      return null;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? 'not writable';
    }
  };
  const fileDenied = existsSync(file) ? denied(file) : null;
  if (fileDenied) throw new LedgerReadOnlyError(file, 'file', fileDenied);
  const dirDenied = denied(dir);
  if (dirDenied) throw new LedgerReadOnlyError(dir, 'folder', dirDenied);
}

/**
 * What an error thrown while opening `file` means for the owner: damaged,
 * read-only, full — or itself (already typed, or not a storage fault).
 */
export function openFaultOf(e: unknown, file: string): unknown {
  const code = sqliteCode(e);
  if (code === null) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (isCode(code, 'SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new LedgerDamagedError(file, [message], { cause: e });
  if (isCode(code, 'SQLITE_READONLY') || code === 'SQLITE_PERM' || isCode(code, 'SQLITE_CANTOPEN')) {
    return new LedgerReadOnlyError(file, 'file', message, { cause: e });
  }
  return storageFaultOf(e, file) ?? e;
}
