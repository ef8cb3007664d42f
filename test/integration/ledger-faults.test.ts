/**
 * Start-up and storage faults get clear answers (issue 9, item 9): a ledger
 * Kasir cannot write is refused at start with the file or folder named
 * (checked by a child running as an unprivileged user — root writes through
 * any permission bit), a full disk is STORAGE_FULL in the cashier's words
 * (SQLite's `max_page_count` stands in for the disk), and a damaged file is
 * refused by `PRAGMA quick_check` before anything writes to it — at start after
 * an unclean shutdown (the check reads the whole file, so a cleanly closed
 * ledger is not re-read at every start), and by the scheduled check otherwise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../electron/main/core/catalog/catalog-service';
import { ManualClock } from '../../electron/main/core/clock';
import { checkLedgerIntact, closedUncleanly, openLedger } from '../../electron/main/core/ledger/open-ledger';
import { LedgerDamagedError, storageFaultOf } from '../../electron/main/core/ledger/storage-faults';

const REPO = resolve(import.meta.dirname, '../..');
const CHILD = join(REPO, 'test/fixtures/ledger-open-child.ts');
const root = mkdtempSync(join(tmpdir(), 'kasir-ledger-faults-'));
chmodSync(root, 0o755); // an unprivileged child must be able to reach the cases

afterAll(() => {
  // A non-root run leaves 0555 folders behind it; give them back before removing.
  for (const dir of ['ro-file', 'ro-folder', 'writable']) {
    try {
      chmodSync(join(root, dir), 0o755);
    } catch {
      // not created
    }
  }
  rmSync(root, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;

/** uid:gid of `nobody` when running as root; null if there is no such user. */
function unprivilegedUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) && uid !== 0 ? { uid, gid } : null;
  } catch {
    return null;
  }
}
const runAs = isRoot ? unprivilegedUser() : null;
const canDropPrivileges = !isRoot || runAs !== null;
if (!canDropPrivileges) process.stdout.write('ledger-faults: read-only cases skipped: running as root and no "nobody" user exists to run the child as\n');

/** Opens `file` with the real openLedger in a child as the unprivileged user. */
function openAsUser(file: string, what: 'ledger' | 'lock' = 'ledger'): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, what], {
    cwd: REPO,
    env: { ...process.env, ...(runAs ? { KASIR_RUN_AS: `${runAs.uid}:${runAs.gid}` } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((res, rej) =>
    child.once('exit', (code) => {
      const line = /^KASIR-OPEN (.*)$/m.exec(out);
      if (line) res(JSON.parse(line[1]!) as Record<string, unknown>);
      else rej(new Error(`ledger child exited ${String(code)} without a line:\n${err}`));
    }),
  );
}

/** A migrated ledger in a new folder under root, owned by the unprivileged user (when root). */
function ledgerIn(name: string): { dir: string; file: string } {
  const dir = join(root, name);
  mkdirSync(dir);
  const file = join(dir, 'kasir.sqlite');
  openLedger(file).close();
  if (runAs) {
    chownSync(dir, runAs.uid, runAs.gid);
    chownSync(file, runAs.uid, runAs.gid);
  }
  return { dir, file };
}

describe.runIf(canDropPrivileges)('a ledger Kasir cannot write is refused at start, naming what to fix', () => {
  it('opens normally for the same user when file and folder are writable (the control)', async () => {
    const { file } = ledgerIn('writable');
    const res = await openAsUser(file);
    expect(res).toMatchObject({ ok: true });
    if (runAs) expect(res.uid).toBe(runAs.uid);
  });

  it('names the read-only ledger file', async () => {
    const { file } = ledgerIn('ro-file');
    chmodSync(file, 0o444);
    const res = await openAsUser(file);
    expect(res).toMatchObject({ ok: false, name: 'LedgerReadOnlyError', code: 'LEDGER_READ_ONLY' });
    expect(res.message).toContain(`the file ${file} is read-only`);
    expect(res.message).toMatch(/every sale would fail/);
  });

  it('names the read-only folder (WAL needs to create files beside the ledger)', async () => {
    const { dir, file } = ledgerIn('ro-folder');
    if (runAs) chownSync(dir, 0, 0); // root's folder, 0755: the user can read it, not write it
    else chmodSync(dir, 0o555);
    const res = await openAsUser(file);
    expect(res).toMatchObject({ ok: false, name: 'LedgerReadOnlyError', code: 'LEDGER_READ_ONLY' });
    expect(res.message).toContain(`the folder ${dir} is read-only`);
    // The instance lock, the first thing a start writes in the data dir, names it the same way.
    const lock = await openAsUser(file, 'lock');
    expect(lock).toMatchObject({ ok: false, name: 'LedgerReadOnlyError' });
    expect(lock.message).toContain(`the folder ${dir} is read-only`);
  });
});

describe('a full disk', () => {
  it('answers STORAGE_FULL in words the cashier understands, and the ledger takes writes again once there is room', () => {
    const dir = mkdtempSync(join(root, 'full-'));
    const file = join(dir, 'kasir.sqlite');
    const db = openLedger(file);
    try {
      const catalog = new CatalogService({ db, clock: new ManualClock() });
      const pages = db.pragma('page_count', { simple: true }) as number;
      // The connection may not grow the file past this: what ENOSPC looks like to SQLite (SQLITE_FULL).
      db.pragma(`max_page_count = ${pages + 1}`);
      let thrown: unknown = null;
      let saved = 0;
      for (let i = 0; i < 2_000 && thrown === null; i++) {
        try {
          catalog.save({ sku: `SKU-${i}`, name: `Product ${i} ${'x'.repeat(30)}`, price: 1_000 + i, category: 'Test', active: true });
          saved++;
        } catch (e) {
          thrown = e;
        }
      }
      expect((thrown as { code?: string }).code).toBe('SQLITE_FULL');
      const fault = storageFaultOf(thrown, file);
      expect(fault?.code).toBe('STORAGE_FULL');
      expect(fault?.message).toBe("The till's disk is full, so Kasir could not save this. Free some space on the disk (or ask the owner to), then try again.");
      // The failed write left nothing half done.
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect(catalog.all().filter((p) => p.sku.startsWith('SKU-'))).toHaveLength(saved);
      db.pragma('max_page_count = 1073741823');
      catalog.save({ sku: 'AFTER', name: 'After space was freed', price: 5_000, category: 'Test', active: true });
      expect(catalog.all().some((p) => p.sku === 'AFTER')).toBe(true);
    } finally {
      db.close();
    }
  });

  it('leaves other errors alone', () => {
    expect(storageFaultOf(new Error('boom'))).toBeNull();
    expect(storageFaultOf(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_CHECK' }))).toBeNull();
    expect(storageFaultOf(Object.assign(new Error('ro'), { code: 'SQLITE_READONLY_DBMOVED' }))?.code).toBe('STORAGE_READ_ONLY');
  });
});

describe('a damaged ledger', () => {
  /** A ledger with some rows, closed cleanly (WAL checkpointed into the file); and where the catalogue's b-tree starts. */
  function ledgerWithData(): { file: string; productsRoot: number } {
    const file = join(mkdtempSync(join(root, 'damaged-')), 'kasir.sqlite');
    const db = openLedger(file);
    const catalog = new CatalogService({ db, clock: new ManualClock() });
    for (let i = 0; i < 300; i++) catalog.save({ sku: `SKU-${i}`, name: `Product ${i} ${'y'.repeat(30)}`, price: 1_000 + i, category: 'Test', active: true });
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'products'").get() as { rootpage: number };
    db.close();
    return { file, productsRoot: rootpage };
  }
  const overwrite = (file: string, at: number, bytes: Buffer) => {
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, bytes, 0, bytes.length, at);
    } finally {
      closeSync(fd);
    }
  };
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  /** Garbage over the header of the catalogue's root b-tree page: the file opens, the tree does not hold. */
  const damageProducts = (file: string, productsRoot: number) => overwrite(file, (productsRoot - 1) * 4096, Buffer.alloc(12, 0xa5));

  /** What `fn` threw (null if nothing). */
  const thrownBy = (fn: () => void): unknown => {
    try {
      fn();
      return null;
    } catch (e) {
      return e;
    }
  };

  /** The damage is named in the owner's words: the file, SQLite's findings (one line each), what to do. */
  const expectNamedDamage = (thrown: unknown, file: string, productsRoot: number) => {
    expect(thrown).toBeInstanceOf(LedgerDamagedError);
    expect((thrown as LedgerDamagedError).code).toBe('LEDGER_DAMAGED');
    expect((thrown as Error).message).toContain(`The ledger ${file} is damaged (Tree ${productsRoot} page ${productsRoot}: `);
    expect((thrown as LedgerDamagedError).problems.every((p) => !p.includes('\n') && !p.startsWith('***'))).toBe(true);
    expect((thrown as Error).message).toMatch(/Restore the newest backup/);
  };

  it('after an unclean shutdown (a -wal left beside it) is refused by quick_check at start, with the file and SQLite\'s findings named, and left as it was', () => {
    const { file, productsRoot } = ledgerWithData();
    // The image a crash leaves: the ledger and its -wal as they are while a connection is still open.
    const crashed = join(mkdtempSync(join(root, 'crashed-')), 'kasir.sqlite');
    const live = new BetterSqlite3(file);
    live.pragma('journal_mode = WAL');
    live.exec('CREATE TABLE after_crash (x); INSERT INTO after_crash VALUES (1)');
    copyFileSync(file, crashed);
    copyFileSync(`${file}-wal`, `${crashed}-wal`);
    live.close();
    damageProducts(crashed, productsRoot);
    expect(closedUncleanly(crashed)).toBe(true);
    const before = sha(crashed);
    expectNamedDamage(thrownBy(() => openLedger(crashed).close()), crashed, productsRoot);
    expect(sha(crashed)).toBe(before);
    // Still marked: the next start checks (and refuses) again rather than taking the ledger for clean.
    expect(closedUncleanly(crashed)).toBe(true);
    expect(thrownBy(() => openLedger(crashed).close())).toBeInstanceOf(LedgerDamagedError);
  });

  it('closed cleanly, opens without reading the whole file; the scheduled check (checkLedgerIntact) names the damage in the same words', () => {
    const { file, productsRoot } = ledgerWithData();
    damageProducts(file, productsRoot);
    expect(closedUncleanly(file)).toBe(false);
    const db = openLedger(file);
    try {
      expectNamedDamage(thrownBy(() => checkLedgerIntact(db)), file, productsRoot);
    } finally {
      db.close();
    }
    // SQLite removed the -wal again on a clean close: the next start is not taken for a crash.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("with integrityCheck: 'always' is refused at every start, and left as it was", () => {
    const { file, productsRoot } = ledgerWithData();
    damageProducts(file, productsRoot);
    const before = sha(file);
    expectNamedDamage(thrownBy(() => openLedger(file, { integrityCheck: 'always' }).close()), file, productsRoot);
    expect(sha(file)).toBe(before);
  });

  it('is refused when its header is not SQLite at all', () => {
    const { file } = ledgerWithData();
    overwrite(file, 0, Buffer.from('this is not a ledger any more'));
    expect(() => openLedger(file)).toThrow(LedgerDamagedError);
    expect(() => openLedger(file)).toThrow(/damaged \(file is not a database\)/);
  });
});
