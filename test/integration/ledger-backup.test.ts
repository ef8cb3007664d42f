/**
 * Backup and restore of the ledger (issue 9, item 10): online copies while the
 * till writes, verified and pruned to `keep`; a restore that checks the copy,
 * refuses to replace a ledger holding more money records unless forced, never
 * runs beside a live Kasir, keeps the replaced file — and a restart on the
 * restored ledger that reconciles with the gateway (the real emulator over
 * HTTPS, the real composition root).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../electron/main/core/catalog/catalog-service';
import { ManualClock } from '../../electron/main/core/clock';
import { buildServices } from '../../electron/main/core/container';
import { acquireInstanceLock, InstanceLockedError } from '../../electron/main/core/instance-lock';
import { MIGRATIONS, openLedger, type Database } from '../../electron/main/core/ledger';
import { BackupError, BackupService } from '../../electron/main/core/ledger/backup';
import { runBackupCli } from '../../electron/main/core/ledger/backup-cli';
import { backupFileName, listBackups, parseBackupName } from '../../electron/main/core/ledger/backup-files';
import { inspectLedgerCopy } from '../../electron/main/core/ledger/backup-inspect';
import { restoreLedger, RestoreRefusedError } from '../../electron/main/core/ledger/backup-restore';
import { silentLogger } from '../../electron/main/core/logger';
import { MemorySecretStore } from '../../electron/main/core/secrets/memory-secret-store';
import { startEngine } from '../fixtures/engine-harness';
import { cart, customerPays, pollUntil, quiesce, theCharge } from '../fixtures/engine-truth';
import { makeHarness } from '../fixtures/fake-gateway';

const REPO = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'kasir-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DAY = 24 * 60 * 60 * 1000;
const V = MIGRATIONS.length;
const product = (i: number) => ({ sku: `SKU-${i}`, name: `Product ${i} ${'z'.repeat(30)}`, price: 1_000 + i, category: 'Test', active: true });
const count = (db: Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const countIn = (file: string, table: string) => {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return count(db, table);
  } finally {
    db.close();
  }
};

/** A data dir with a ledger of `sales` cash sales (the real engine, a fake gateway, a ManualClock). */
async function shopWithSales(name: string, sales: number, clock = new ManualClock()) {
  const dataDir = mkdtempSync(join(root, `${name}-`));
  const file = join(dataDir, 'kasir.sqlite');
  const h = makeHarness({ dir: dataDir, file, clock });
  for (let i = 0; i < sales; i++) await h.service.create({ items: cart(10_000 + i), method: 'cash' });
  return {
    dataDir,
    file,
    h,
    /** Rings up more sales on the same ledger. */
    more: async (n: number) => {
      for (let i = 0; i < n; i++) await h.service.create({ items: cart(20_000 + i), method: 'cash' });
    },
    shut: () => {
      h.stop();
      if (h.db.open) h.db.close();
    },
  };
}

describe('online backup', () => {
  it('copies the ledger while the till keeps writing, and the copy holds every write made until it finished', async () => {
    const dataDir = mkdtempSync(join(root, 'online-'));
    const db = openLedger(join(dataDir, 'kasir.sqlite'));
    try {
      const clock = new ManualClock();
      const catalog = new CatalogService({ db, clock });
      for (let i = 0; i < 400; i++) catalog.save(product(i));
      const before = count(db, 'products');
      const dir = join(dataDir, 'backups');
      // Two pages per step: the event loop runs between steps, and the till writes there.
      const service = new BackupService({ db, dir, keep: 14, clock, pagesPerStep: 2 });
      let writes = 0;
      let done = false;
      const writer = (async () => {
        while (!done) {
          catalog.save(product(10_000 + writes++));
          await new Promise<void>((r) => setImmediate(r));
        }
      })();
      const made = await service.backupNow('manual');
      done = true;
      await writer;
      expect(writes).toBeGreaterThan(5);
      expect(made).toMatchObject({ schemaVersion: V, reason: 'manual', seq: 1, name: backupFileName(clock.now(), V, 'manual') });
      expect(made.name).toMatch(/^kasir-20261126T030000\.000Z-v\d+-manual\.sqlite$/);
      // Writes on the till's own connection go into the copy as they happen: it is the ledger as of the finish.
      const copied = countIn(made.file, 'products');
      expect(copied).toBeGreaterThan(before);
      expect(copied).toBe(count(db, 'products'));
      // One self-contained, intact file: no -wal/-shm beside it, nothing half-written left.
      expect(readdirSync(dir)).toEqual([made.name]);
      expect(inspectLedgerCopy(made.file).schemaVersion).toBe(V);
    } finally {
      db.close();
    }
  });

  it('keeps the newest `keep` copies and touches nothing else in the folder', async () => {
    const shop = await shopWithSales('prune', 2);
    try {
      const dir = join(shop.dataDir, 'backups');
      mkdirSync(dir);
      writeFileSync(join(dir, 'notes.txt'), 'the owner keeps notes here');
      writeFileSync(join(dir, 'kasir-old-export.sqlite'), 'not one of ours');
      const service = new BackupService({ db: shop.h.db, dir, keep: 3, clock: shop.h.clock });
      const made: string[] = [];
      const pruned: string[][] = [];
      for (let day = 0; day < 5; day++) {
        const r = await service.backupNow('day-close');
        made.push(r.name);
        pruned.push(r.pruned);
        shop.h.clock.advance(DAY);
      }
      expect(pruned).toEqual([[], [], [], [made[0]], [made[1]]]);
      expect(service.list().map((b) => b.name)).toEqual([made[4], made[3], made[2]]);
      expect(readdirSync(dir).sort()).toEqual([...made.slice(2), 'kasir-old-export.sqlite', 'notes.txt'].sort());
      // Two copies in one millisecond do not overwrite each other.
      const a = await service.backupNow('manual');
      const b = await service.backupNow('manual');
      expect([a.seq, b.seq]).toEqual([1, 2]);
      expect(parseBackupName(b.name)).toMatchObject({ reason: 'manual', seq: 2, schemaVersion: V });
      expect(service.list().map((x) => x.name)).toEqual([b.name, a.name, made[4]]);
    } finally {
      shop.shut();
    }
  });

  it('fails with the folder named, and creates nothing, when the backup disk is not there', async () => {
    const shop = await shopWithSales('nodisk', 1);
    try {
      const dir = join(shop.dataDir, 'usb-disk-not-mounted', 'kasir-backup');
      const service = new BackupService({ db: shop.h.db, dir, keep: 3, clock: shop.h.clock });
      const e = await service.backupNow('day-close').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(BackupError);
      expect(e).toMatchObject({ code: 'BACKUP_FAILED', reason: 'folder_missing', dir });
      expect((e as Error).message).toContain(`backed up to ${dir}`);
      expect((e as Error).message).toMatch(/is the backup disk connected/);
      expect(existsSync(join(shop.dataDir, 'usb-disk-not-mounted'))).toBe(false);
      // The service is not stuck: the next backup to a real folder works.
      const ok = new BackupService({ db: shop.h.db, dir: join(shop.dataDir, 'b'), keep: 3, clock: shop.h.clock });
      expect((await ok.backupNow('manual')).schemaVersion).toBe(V);
    } finally {
      shop.shut();
    }
  });
});

describe('restore', () => {
  it('refuses a ledger that holds more than the copy unless forced, and keeps the replaced ledger aside', async () => {
    const shop = await shopWithSales('newer', 3);
    const service = new BackupService({ db: shop.h.db, dir: join(shop.dataDir, 'backups'), keep: 14, clock: shop.h.clock });
    const copy = await service.backupNow('day-close');
    shop.h.clock.advance(60_000);
    await shop.more(2); // sold after the backup
    shop.shut();

    const refused = await restoreLedger({ dataDir: shop.dataDir, from: copy.file }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RestoreRefusedError);
    expect(refused).toMatchObject({ reason: 'ledger_holds_more' });
    expect((refused as Error).message).toMatch(/records money the copy does not \(ledger: 5 payment\(s\).*copy: 3 payment\(s\)/);
    expect((refused as Error).message).toMatch(/--force/);
    expect(countIn(shop.file, 'payments')).toBe(5); // untouched

    const r = await restoreLedger({ dataDir: shop.dataDir, from: copy.file, force: true, now: () => Date.UTC(2026, 10, 27, 1, 2, 3) });
    expect(r.keptAside).toBe(`${shop.file}.replaced-20261127T010203.000Z`);
    expect(countIn(shop.file, 'payments')).toBe(3);
    expect(countIn(r.keptAside!, 'payments')).toBe(5);
    expect(readdirSync(shop.dataDir).filter((n) => n.startsWith('kasir.sqlite')).sort()).toEqual(['kasir.sqlite', 'kasir.sqlite.replaced-20261127T010203.000Z']);
    // The restored ledger opens and takes sales.
    const again = makeHarness({ dir: shop.dataDir, file: shop.file, clock: shop.h.clock });
    await again.service.create({ items: cart(5_000), method: 'cash' });
    expect(count(again.db, 'payments')).toBe(4);
    again.stop();
    again.db.close();
  });

  it('restores over a ledger that holds nothing newer (and over no ledger at all) without asking', async () => {
    const shop = await shopWithSales('same', 2);
    const service = new BackupService({ db: shop.h.db, dir: join(shop.dataDir, 'backups'), keep: 14, clock: shop.h.clock });
    const copy = await service.backupNow('manual');
    shop.shut();
    expect((await restoreLedger({ dataDir: shop.dataDir, from: copy.file })).copy.payments).toBe(2);
    // A new machine: nothing in the data dir but the copy the owner brought.
    const fresh = mkdtempSync(join(root, 'fresh-'));
    const r = await restoreLedger({ dataDir: fresh, from: copy.file });
    expect(r.keptAside).toBeNull();
    expect(countIn(join(fresh, 'kasir.sqlite'), 'payments')).toBe(2);
    // A till started once on the new machine (catalogue seeded, no sales) is not "newer" either.
    const started = mkdtempSync(join(root, 'started-'));
    const seeded = openLedger(join(started, 'kasir.sqlite'));
    new CatalogService({ db: seeded, clock: new ManualClock(Date.now()) }).seedIfEmpty();
    seeded.close();
    expect((await restoreLedger({ dataDir: started, from: copy.file })).keptAside).toMatch(/kasir\.sqlite\.replaced-/);
  });

  it('checks the copy: damaged, written by a newer Kasir, or not a ledger at all is refused and nothing changes', async () => {
    const shop = await shopWithSales('badcopy', 2);
    const service = new BackupService({ db: shop.h.db, dir: join(shop.dataDir, 'backups'), keep: 14, clock: shop.h.clock });
    const good = await service.backupNow('manual');
    shop.shut();
    const bad = join(root, 'bad-copies');
    mkdirSync(bad, { recursive: true });

    const tooNew = join(bad, 'too-new.sqlite');
    copyFileSync(good.file, tooNew);
    const t = new BetterSqlite3(tooNew);
    t.pragma(`user_version = ${V + 1}`);
    t.close();

    const notLedger = join(bad, 'other-app.sqlite');
    const o = new BetterSqlite3(notLedger);
    o.exec('CREATE TABLE notes (text TEXT)');
    o.close();

    const damaged = join(bad, 'damaged.sqlite');
    writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));

    const cases: [string, RegExp][] = [
      [tooNew, /written by a newer Kasir \(schema v\d+; this Kasir knows v\d+ at most\)/],
      [notLedger, /no Kasir ledger tables/],
      [damaged, /not a usable Kasir ledger|cannot be opened/],
      [join(bad, 'missing.sqlite'), /cannot be opened/],
    ];
    for (const [from, why] of cases) {
      const e = await restoreLedger({ dataDir: shop.dataDir, from, force: true }).catch((x: unknown) => x);
      expect(e, from).toBeInstanceOf(RestoreRefusedError);
      expect((e as RestoreRefusedError).reason).toBe('copy_invalid');
      expect((e as Error).message).toContain(from);
      expect((e as Error).message).toMatch(why);
    }
    expect(countIn(shop.file, 'payments')).toBe(2);
    expect(readdirSync(shop.dataDir).filter((n) => n.startsWith('kasir.sqlite.'))).toEqual([]);
  });

  it('never runs while a Kasir holds the data dir', async () => {
    const shop = await shopWithSales('running', 1);
    const service = new BackupService({ db: shop.h.db, dir: join(shop.dataDir, 'backups'), keep: 14, clock: shop.h.clock });
    const copy = await service.backupNow('manual');
    const lock = acquireInstanceLock(shop.dataDir, { shell: 'electron' });
    try {
      const e = await restoreLedger({ dataDir: shop.dataDir, from: copy.file, force: true }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InstanceLockedError);
      expect((e as Error).message).toContain(`pid ${process.pid}, electron shell`);
    } finally {
      lock.release();
      shop.shut();
    }
  });

  it('refuses to replace a damaged ledger without --force (it cannot be compared), and keeps it aside with its WAL when forced', async () => {
    const shop = await shopWithSales('damagedcurrent', 2);
    const service = new BackupService({ db: shop.h.db, dir: join(shop.dataDir, 'backups'), keep: 14, clock: shop.h.clock });
    const copy = await service.backupNow('manual');
    shop.shut();
    writeFileSync(shop.file, Buffer.alloc(8192, 0x33));
    const e = await restoreLedger({ dataDir: shop.dataDir, from: copy.file }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'ledger_unreadable' });
    expect((e as Error).message).toMatch(/cannot be read .*--force/);
    const r = await restoreLedger({ dataDir: shop.dataDir, from: copy.file, force: true });
    expect(r.replaced).toBeNull();
    expect(existsSync(r.keptAside!)).toBe(true);
    expect(countIn(shop.file, 'payments')).toBe(2);
  });
});

describe('the backup command', () => {
  it('backs up beside a running till, lists, and restores through the CLI', async () => {
    const shop = await shopWithSales('cli', 2);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} };
    const backupTo = join(shop.dataDir, 'second-disk');
    mkdirSync(backupTo);
    writeFileSync(join(shop.dataDir, 'settings.json'), JSON.stringify({ backup: { dir: backupTo, keep: 2 } }));
    const lock = acquireInstanceLock(shop.dataDir, { shell: 'browser' });
    try {
      // The till is running (lock held, ledger open): a backup still works, a restore does not.
      expect(await runBackupCli(['backup', '--data-dir', shop.dataDir], io), err.join('\n')).toBe(0);
      const made = JSON.parse(out.at(-1)!) as { backup: string; schemaVersion: number };
      expect(made.schemaVersion).toBe(V);
      expect(made.backup.startsWith(join(backupTo, 'kasir-'))).toBe(true);
      expect(countIn(made.backup, 'payments')).toBe(2);
      expect(await runBackupCli(['restore', '--data-dir', shop.dataDir, '--from', made.backup], io)).toBe(2);
      expect(err.at(-1)).toMatch(/Kasir is already running on .*browser shell/);
      expect(await runBackupCli(['list', '--data-dir', shop.dataDir], io)).toBe(0);
      expect((JSON.parse(out.at(-1)!) as { backups: { file: string }[] }).backups.map((b) => b.file)).toEqual([made.backup]);
    } finally {
      lock.release();
      shop.shut();
    }
    expect(await runBackupCli(['restore', '--data-dir', shop.dataDir, '--from', listBackups(backupTo)[0]!.file], io)).toBe(0);
    expect(await runBackupCli(['restore', '--data-dir', shop.dataDir], io)).toBe(1);
    expect(err.at(-1)).toMatch(/restore needs --from/);
  });

  it('runs as a script with npx tsx', () => {
    const dataDir = mkdtempSync(join(root, 'script-'));
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'electron/main/core/ledger/backup-cli.ts'), 'list', '--data-dir', dataDir], {
      cwd: REPO,
      encoding: 'utf8',
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KASIR_'))),
    });
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({ dir: join(dataDir, 'backups'), backups: [] });
  });
});

describe('restore, then restart: the restored ledger reconciles with the gateway', () => {
  it('a payment pending in the copy and paid at Midtrans afterwards becomes settlement through recovery', async () => {
    const dataDir = mkdtempSync(join(root, 'reconcile-'));
    const ledger = join(dataDir, 'kasir.sqlite');
    // The till, polling only (no webhook), on the data dir and the emulator's state in it.
    const h = await startEngine({ dataDir, listener: false });
    let copyFile: string;
    let paymentId: string;
    let orderId: string;
    try {
      const p = await h.payments.create({ items: cart(25_000), method: 'qris' });
      paymentId = p.id;
      orderId = p.orderId;
      await quiesce(h);
      const backups = new BackupService({ db: h.db, dir: join(dataDir, 'backups'), keep: 14, clock: h.clock });
      copyFile = (await backups.backupNow('day-close')).file;
      // After the backup: the customer pays, and the till learns it.
      await customerPays(h, p);
      await pollUntil(h, p.id, 'settlement');
      expect(theCharge(h, orderId).status).toBe('settlement');
    } finally {
      await h.close({ keepData: true });
    }
    const statusIn = () => {
      const db = new BetterSqlite3(ledger, { readonly: true, fileMustExist: true });
      try {
        return db.prepare('SELECT status, last_source FROM payments WHERE id = ?').get(paymentId) as { status: string; last_source: string };
      } finally {
        db.close();
      }
    };
    // Disk trouble: the owner restores last night's copy over the newer ledger.
    await expect(restoreLedger({ dataDir, from: copyFile })).rejects.toMatchObject({ reason: 'ledger_holds_more' });
    await restoreLedger({ dataDir, from: copyFile, force: true });
    expect(statusIn().status).toBe('pending');

    // The next start — the real composition root, emulator mode, same data dir — asks the gateway.
    const services = await buildServices({ shell: 'browser', version: 'test', dataDir, env: {}, logger: silentLogger, secretStore: new MemorySecretStore() });
    try {
      await expect.poll(() => statusIn(), { timeout: 15_000, interval: 50 }).toEqual({ status: 'settlement', last_source: 'recovery' });
    } finally {
      await services.close();
    }
  });
});
