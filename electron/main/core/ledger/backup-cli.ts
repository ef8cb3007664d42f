/**
 * The owner's backup and restore commands (see ledger/README.md, "Backup and restore"):
 *
 *   npx tsx electron/main/core/ledger/backup-cli.ts backup  [--data-dir D] [--reason manual]
 *   npx tsx electron/main/core/ledger/backup-cli.ts list    [--data-dir D]
 *   npx tsx electron/main/core/ledger/backup-cli.ts restore --from FILE [--data-dir D] [--force]
 *
 * The data dir defaults to KASIR_DATA_DIR, else ~/.kasir (the browser shell's;
 * the Electron app's is the OS user-data dir, give it with --data-dir).
 * `backup` reads the ledger through its own read-only connection in one
 * snapshot, so it works beside a running till; `restore` refuses while a
 * Kasir runs on the data dir. Prints one JSON line on success; on failure one
 * line on stderr and exit code 2 (refused: nothing changed) or 1.
 */
import BetterSqlite3 from 'better-sqlite3';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SystemClock } from '../clock';
import { InstanceLockedError } from '../instance-lock';
import { backupDir, loadSettings } from '../settings/settings';
import { BackupService } from './backup';
import { listBackups } from './backup-files';
import { LedgerCopyError } from './backup-inspect';
import { LEDGER_FILE, restoreLedger, RestoreRefusedError } from './backup-restore';

/** Where the CLI writes; a test passes its own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

const USAGE = 'usage: backup-cli.ts backup|list|restore [--data-dir D] [--reason R] [--from FILE] [--force]';

/** Runs one command; resolves with the exit code. */
export async function runBackupCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        from: { type: 'string' },
        reason: { type: 'string', default: 'manual' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const dataDir = resolve(values['data-dir'] ?? io.env.KASIR_DATA_DIR ?? join(homedir(), '.kasir'));
  try {
    switch (positionals[0]) {
      case 'backup': {
        const settings = loadSettings(dataDir, io.env);
        const db = new BetterSqlite3(join(dataDir, LEDGER_FILE), { readonly: true, fileMustExist: true });
        try {
          const service = new BackupService({ db, dir: backupDir(settings, dataDir), keep: settings.backup.keep, clock: new SystemClock(), pagesPerStep: Infinity });
          const made = await service.backupNow(values.reason);
          io.out(JSON.stringify({ backup: made.file, schemaVersion: made.schemaVersion, bytes: made.bytes, pruned: made.pruned }));
        } finally {
          db.close();
        }
        return 0;
      }
      case 'list': {
        const settings = loadSettings(dataDir, io.env);
        io.out(JSON.stringify({ dir: backupDir(settings, dataDir), backups: listBackups(backupDir(settings, dataDir)) }));
        return 0;
      }
      case 'restore': {
        if (!values.from) {
          io.err(`restore needs --from FILE\n${USAGE}`);
          return 1;
        }
        const r = await restoreLedger({ dataDir, from: values.from, force: values.force });
        io.out(JSON.stringify({ restored: r.ledger, from: r.from, schemaVersion: r.copy.schemaVersion, keptAside: r.keptAside, next: 'start Kasir: it reconciles open payments with Midtrans' }));
        return 0;
      }
      default:
        io.err(USAGE);
        return 1;
    }
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e));
    return e instanceof RestoreRefusedError || e instanceof InstanceLockedError || e instanceof LedgerCopyError ? 2 : 1;
  }
}

// Run as a script (not when a test imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runBackupCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    env: process.env,
  });
}
