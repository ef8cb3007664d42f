/**
 * One running Kasir per data directory. Two tills on one ledger disagree about
 * money (two partial refunds of one sale both pass the ledger's check), and two
 * bundled emulators on one state dir overwrite each other's state.
 *
 * The lock is an OS file lock, never a PID file: the operating system drops it
 * the moment the process dies, however it dies (the soak test SIGKILLs), so a
 * killed till restarts at once. It is taken through SQLite on a dedicated file
 * (`<dataDir>/kasir.lock`): with `PRAGMA locking_mode = EXCLUSIVE` a connection
 * that has written keeps its EXCLUSIVE lock until it closes
 * (https://www.sqlite.org/pragma.html#pragma_locking_mode). SQLite does the
 * portable part — fcntl byte-range locks on POSIX, LockFileEx on Windows — and
 * tracks locks per connection inside one process, so even a second acquire in
 * the same process is refused (a raw fcntl lock would not be: POSIX locks
 * belong to the process, not to the descriptor).
 *
 * Who holds it is written beside the lock, in `instance.json`, after the lock
 * is taken (the locked file itself cannot be read by anyone else); a refused
 * instance reads it to name the holder's pid, shell and start time.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { assertLedgerWritable, openFaultOf } from './ledger/storage-faults';

/** The file the OS lock is held on. */
export const LOCK_FILE = 'kasir.lock';
/** Who holds the lock (pid, shell, start time); informative only, the lock is the truth. */
export const HOLDER_FILE = 'instance.json';

/** Who runs Kasir on a data dir. */
export interface InstanceHolder {
  pid: number;
  /** `electron`, `browser`, or a tool such as `restore`. */
  shell: string;
  /** ISO-8601 UTC. */
  startedAt: string;
}

/** A held lock. `release()` is idempotent; dying releases it too. */
export interface InstanceLock {
  readonly dataDir: string;
  readonly holder: InstanceHolder;
  release(): void;
}

/** Another live process holds the data dir. */
export class InstanceLockedError extends Error {
  readonly code = 'INSTANCE_RUNNING';

  constructor(
    readonly dataDir: string,
    /** What `instance.json` says, when it names a live process. */
    readonly holder: InstanceHolder | null,
  ) {
    super(
      `Kasir is already running on ${dataDir}` +
        (holder ? ` (pid ${holder.pid}, ${holder.shell} shell, started ${holder.startedAt})` : ' (another process holds its lock)') +
        '. Close that Kasir first: two tills on one ledger would disagree about money.',
    );
    this.name = 'InstanceLockedError';
  }
}

export interface AcquireOptions {
  shell: string;
  /** Milliseconds since the epoch (the injected clock); default Date.now. */
  now?: () => number;
  pid?: number;
}

/**
 * Takes the data dir's instance lock or throws {@link InstanceLockedError}
 * at once (never waits). The directory must exist.
 */
export function acquireInstanceLock(dataDir: string, opts: AcquireOptions): InstanceLock {
  const lockFile = join(dataDir, LOCK_FILE);
  // A read-only data dir is named here, where the first write to it happens.
  assertLedgerWritable(lockFile);
  let db: BetterSqlite3.Database;
  try {
    // timeout 0: a held lock is an answer, not something to wait for.
    db = new BetterSqlite3(lockFile, { timeout: 0 });
  } catch (e) {
    throw openFaultOf(e, lockFile);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A write takes the EXCLUSIVE lock; in exclusive locking mode COMMIT keeps it.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS acquired (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);' +
      ' INSERT INTO acquired (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1; COMMIT');
  } catch (e) {
    db.close();
    if (isBusy(e)) throw new InstanceLockedError(dataDir, readHolder(dataDir));
    throw openFaultOf(e, lockFile);
  }
  const holder: InstanceHolder = {
    pid: opts.pid ?? process.pid,
    shell: opts.shell,
    startedAt: new Date((opts.now ?? Date.now)()).toISOString(),
  };
  try {
    writeHolder(dataDir, holder);
  } catch (e) {
    db.close();
    throw e;
  }
  let held = true;
  return {
    dataDir,
    holder,
    release() {
      if (!held) return;
      held = false;
      // Remove the note first: once the lock is gone another instance may write its own.
      const current = readHolderFile(dataDir);
      if (current && current.pid === holder.pid && current.startedAt === holder.startedAt) rmSync(join(dataDir, HOLDER_FILE), { force: true });
      db.close();
    },
  };
}

const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
};

/** Written to a temporary name and renamed, so a reader never sees half a file. */
function writeHolder(dataDir: string, holder: InstanceHolder): void {
  const tmp = join(dataDir, `${HOLDER_FILE}.${holder.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(holder) + '\n');
  renameSync(tmp, join(dataDir, HOLDER_FILE));
}

function readHolderFile(dataDir: string): InstanceHolder | null {
  try {
    const v = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')) as Partial<InstanceHolder>;
    if (typeof v.pid === 'number' && typeof v.shell === 'string' && typeof v.startedAt === 'string') {
      return { pid: v.pid, shell: v.shell, startedAt: v.startedAt };
    }
  } catch {
    // missing or unreadable: the holder is unknown
  }
  return null;
}

/**
 * The holder note, if it names a live process. A note left by a killed
 * instance (the lock died with it; the note did not) names a dead pid and is
 * not believed; the window between a new holder's lock and its note is the
 * one case where the holder is reported unknown.
 */
export function readHolder(dataDir: string): InstanceHolder | null {
  const h = readHolderFile(dataDir);
  return h && isAlive(h.pid) ? h : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
