/**
 * Puts a backup copy back as the data dir's ledger. Run with no Kasir on the
 * data dir (it takes the instance lock itself, so none can start meanwhile).
 *
 * 1. The copy is read through SQLite into a staging file beside the ledger
 *    (the copy itself is never written) and checked there: `integrity_check`,
 *    a schema this Kasir knows (an older one is migrated at the next start),
 *    Kasir's tables.
 * 2. The current ledger, if any, is compared with it. If it records money the
 *    copy does not (a later money write, or more payments, payment events or
 *    day closings: backup-inspect `holdsMoreThan`) — or cannot be read at all —
 *    the restore is refused unless `force`.
 * 3. The current ledger is kept aside as `kasir.sqlite.replaced-<UTC time>`
 *    (checkpointed first; its `-wal` moves with it if it cannot be), and the
 *    staging file takes its place.
 *
 * The next start reconciles the restored ledger with the gateway: recovery
 * asks Midtrans about every payment still open in it, so a payment pending in
 * the copy and paid since becomes `settlement`. Payments made after the copy
 * was taken are not in it — that is what the refusal in step 2 protects.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acquireInstanceLock } from '../instance-lock';
import { holdsMoreThan, inspectLedgerCopy, LedgerCopyError, type LedgerSummary } from './backup-inspect';

/** The ledger's file name in a data dir (container.ts opens the same). */
export const LEDGER_FILE = 'kasir.sqlite';

export interface RestoreOptions {
  dataDir: string;
  /** The backup copy to restore. */
  from: string;
  /** Replace a ledger that holds more than the copy, or cannot be read. */
  force?: boolean;
  /** Milliseconds since the epoch, for the aside name; default Date.now. */
  now?: () => number;
}

export interface RestoreResult {
  ledger: string;
  from: string;
  copy: LedgerSummary;
  /** The replaced ledger's summary; null if there was none or it could not be read. */
  replaced: LedgerSummary | null;
  /** Where the replaced ledger was kept; null if there was none. */
  keptAside: string | null;
}

/** Why a restore did not happen; nothing was changed. */
export type RestoreRefusal = 'copy_invalid' | 'ledger_holds_more' | 'ledger_unreadable';

/** A restore refused; the message says why and what to do. */
export class RestoreRefusedError extends Error {
  readonly code = 'RESTORE_REFUSED';

  constructor(
    readonly reason: RestoreRefusal,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RestoreRefusedError';
  }
}

const describe = (s: LedgerSummary): string =>
  `${s.payments} payment(s), ${s.events} payment event(s), ${s.closings} day closing(s), last money write ${s.lastWriteAt ?? 'never'}`;

/**
 * Restores `from` into `dataDir`. Throws InstanceLockedError while a Kasir
 * runs there, RestoreRefusedError when the copy is unusable or the ledger
 * holds more without `force`.
 */
export async function restoreLedger(opts: RestoreOptions): Promise<RestoreResult> {
  // A new machine's data dir may not exist yet.
  mkdirSync(opts.dataDir, { recursive: true });
  const lock = acquireInstanceLock(opts.dataDir, { shell: 'restore', ...(opts.now ? { now: opts.now } : {}) });
  const ledger = join(opts.dataDir, LEDGER_FILE);
  const staging = `${ledger}.restoring`;
  try {
    removeWithSidecars(staging);
    const from = resolve(opts.from);
    if (from === resolve(ledger)) throw new RestoreRefusedError('copy_invalid', `${from} is the ledger itself; name a backup copy.`);
    const copy = await stage(from, staging);

    let replaced: LedgerSummary | null = null;
    if (existsSync(ledger)) {
      try {
        replaced = inspectLedgerCopy(ledger, 'quick_check');
      } catch (e) {
        if (!opts.force) {
          throw new RestoreRefusedError(
            'ledger_unreadable',
            `The current ledger ${ledger} cannot be read (${e instanceof Error ? e.message : String(e)}), so it cannot be compared with the copy. ` +
              'Restore with --force to replace it; it is kept aside, not deleted.',
            { cause: e },
          );
        }
      }
      if (replaced && holdsMoreThan(replaced, copy) && !opts.force) {
        throw new RestoreRefusedError(
          'ledger_holds_more',
          `The current ledger ${ledger} records money the copy does not (ledger: ${describe(replaced)}; copy: ${describe(copy)}). ` +
            'Restoring would lose those records. Restore with --force only if that is what you want; the current ledger is kept aside, not deleted.',
        );
      }
    }

    const keptAside = existsSync(ledger) ? keepAside(ledger, (opts.now ?? Date.now)(), replaced !== null) : null;
    renameSync(staging, ledger);
    return { ledger, from, copy, replaced, keptAside };
  } finally {
    removeWithSidecars(staging);
    lock.release();
  }
}

/** Reads the copy through SQLite into `staging` (one self-contained file) and checks it there. */
async function stage(from: string, staging: string): Promise<LedgerSummary> {
  let src: BetterSqlite3.Database;
  try {
    src = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new RestoreRefusedError('copy_invalid', `${from} cannot be opened (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
  try {
    await src.backup(staging);
  } catch (e) {
    throw new RestoreRefusedError('copy_invalid', `${from} is not a usable Kasir ledger: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    src.close();
  }
  const db = new BetterSqlite3(staging, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  try {
    return inspectLedgerCopy(staging, 'integrity_check');
  } catch (e) {
    if (e instanceof LedgerCopyError) {
      // Name the copy the owner chose, not the staging file.
      throw new RestoreRefusedError('copy_invalid', e.message.replace(staging, from), { cause: e });
    }
    throw e;
  }
}

/**
 * Moves the ledger aside under a dated name. A readable ledger is
 * checkpointed and taken out of WAL first, so it moves as one file; otherwise
 * its `-wal` moves with it (SQLite finds a WAL by the database's name plus `-wal`).
 */
function keepAside(ledger: string, at: number, readable: boolean): string {
  if (readable) {
    const db = new BetterSqlite3(ledger, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      // One file that reads anywhere, even read-only, without -wal/-shm beside it.
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
  }
  const stamp = `${ledger}.replaced-${new Date(at).toISOString().replace(/[-:]/g, '')}`;
  let aside = stamp;
  // Never over an earlier restore's file (rename replaces silently).
  for (let n = 2; existsSync(aside); n++) aside = `${stamp}.${n}`;
  renameSync(ledger, aside);
  if (existsSync(`${ledger}-wal`)) renameSync(`${ledger}-wal`, `${aside}-wal`);
  rmSync(`${ledger}-shm`, { force: true });
  rmSync(`${ledger}-journal`, { force: true });
  return aside;
}

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
