/**
 * What keeps a charge's write to the emulator's state file small and off the
 * event loop: WAL checkpoints on their own thread (falling back when that
 * thread cannot run), time-ordered v4 transaction ids, QR strings found by the
 * id they carry, and a duplicate id refused by the insert itself.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildQrisString, qrisTransactionId } from '../../emulator/src/core-api/qris';
import { SqliteTxRepo } from '../../emulator/src/store/sqlite-tx-repo';
import { StateDb } from '../../emulator/src/store/state-db';
import { MemoryTxRepo } from '../../emulator/src/store/tx-repo';
import { WalCheckpointer } from '../../emulator/src/store/wal-checkpointer';
import type { Transaction } from '../../emulator/src/types';
import { newTransactionId } from '../../emulator/src/util/ids';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'kasir-emu-writes-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tx = (id: string): Transaction => ({
  transactionId: id, orderId: `order-${id}`, source: 'core', paymentType: 'qris', grossAmount: 10_000, status: 'pending',
  createdAt: 0, updatedAt: 0, expiresAt: 0, settledAt: null, refunds: [], notificationUrls: [], request: {},
});

describe('WAL checkpoints on their own thread', () => {
  it('copies every committed frame into the database file without the writer checkpointing', async () => {
    const file = join(tempDir(), 'db.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run('x'.repeat(500));
    })();
    expect(statSync(file).size).toBeLessThan(250_000);
    const failures: unknown[] = [];
    const checkpointer = new WalCheckpointer(file, (err) => failures.push(err));
    try {
      checkpointer.request();
      await checkpointer.whenIdle();
      expect(failures).toEqual([]);
      // Until a checkpoint, the rows are only in the WAL; the worker's pass put them in the file.
      expect(statSync(file).size).toBeGreaterThan(250_000);
    } finally {
      await checkpointer.close();
      db.close();
    }
  });

  it('never creates the file it checkpoints: a worker that starts after the folder was emptied fails', async () => {
    const file = join(tempDir(), 'gone.sqlite');
    const failed = new Promise<unknown>((resolve) => new WalCheckpointer(file, resolve).request());
    // Before fileMustExist, the worker's open created an empty file here and then succeeded.
    expect(await failed).toMatchObject({ code: 'SQLITE_CANTOPEN' });
    expect(existsSync(file)).toBe(false);
  });

  it('reports a worker that cannot open the file, so the writer checkpoints itself', async () => {
    const failed = new Promise<unknown>((resolve) => {
      const c = new WalCheckpointer(join(tempDir(), 'no-such-dir', 'db.sqlite'), resolve);
      c.request();
    });
    expect(String(await failed)).toMatch(/directory|unable to open|SQLITE_CANTOPEN/i);
  });

  it('StateDb stores and reads back through both connections', async () => {
    const dir = tempDir();
    const db = new StateDb(dir, Date.now);
    expect(db.insertTx(1, 'a', 'o-a', 'pending', '{}', [])).toBe(true);
    db.commitNow();
    await db.close();
    const again = new StateDb(dir, Date.now, undefined, { backgroundCheckpoints: false });
    expect(again.txById('a')).toMatchObject({ seq: 1, id: 'a' });
    await again.close();
  });
});

describe('transaction ids and QR strings', () => {
  it('are UUID v4 in shape, unique, and ordered by creation time', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = Array.from({ length: 1000 }, (_, i) => newTransactionId(1_760_000_000_000 + i));
    for (const id of ids) expect(id).toMatch(v4);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => newTransactionId(5))).size).toBe(1000);
  });

  it('a QRIS payload gives back the transaction id it was built with; other text gives none', () => {
    const id = newTransactionId();
    const qr = buildQrisString({ transactionId: id, merchantId: 'G000000001', amount: 25_000, acquirer: 'gopay' });
    expect(qrisTransactionId(qr)).toBe(id);
    expect(qrisTransactionId('legacy-qr-string')).toBeUndefined();
    expect(qrisTransactionId('')).toBeUndefined();
  });
});

describe('a duplicate transaction id', () => {
  it('is refused by both repos, the durable one through its insert', async () => {
    const memory = new MemoryTxRepo();
    memory.added(tx('dup'));
    expect(() => memory.added(tx('dup'))).toThrow(/duplicate transaction id dup/);

    const db = new StateDb(tempDir(), Date.now, undefined, { backgroundCheckpoints: false });
    try {
      const repo = new SqliteTxRepo(db);
      repo.added(tx('dup'));
      db.commitNow();
      // Out of the in-memory working set, so only the UNIQUE index can tell.
      const cold = new SqliteTxRepo(db);
      expect(() => cold.added(tx('dup'))).toThrow(/duplicate transaction id dup/);
      expect(db.txsByOrder('order-dup')).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
