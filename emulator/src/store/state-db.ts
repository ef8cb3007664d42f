/**
 * The emulator's durable state: `<stateDir>/emulator.sqlite` holding
 * transactions, Idempotency-Key / X-EXTERNAL-ID replays, `ctx.kv` entries
 * (SNAP-BI tokens) and the test clock's offset, written incrementally.
 *
 * Group commit: the first change in an event-loop turn opens a transaction
 * (BEGIN IMMEDIATE); every change made until `setImmediate` fires joins it; then one
 * COMMIT makes the whole batch durable. `durable()` hands out that batch's
 * promise, and the HTTP server and the notification dispatcher await it, so
 * nothing that reflects a change leaves the emulator before the change is
 * stored. Reads on the same connection see the open batch's rows.
 *
 * WAL with synchronous=NORMAL: a COMMIT is in the WAL file (the OS's page
 * cache) before it returns, so it survives the process being killed
 * (SIGKILL, a crash of the app); only an OS crash or power cut can lose the
 * last commits. That is the guarantee a stand-in for Midtrans needs, at a
 * fraction of the cost of an fsync per batch. Checkpoints (which do fsync)
 * run on their own thread (wal-checkpointer.ts), off the event loop.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { WalCheckpointer } from './wal-checkpointer';

/** File name inside the state dir. */
export const STATE_DB_FILE = 'emulator.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tx (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  order_id TEXT NOT NULL,
  status TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tx_order ON tx(order_id, seq);
CREATE INDEX IF NOT EXISTS tx_pending ON tx(seq) WHERE status = 'pending';
CREATE TABLE IF NOT EXISTS tx_key (key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kv (
  ns TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (ns, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** One stored transaction row. */
export interface TxRow {
  seq: number;
  id: string;
  json: string;
}

/** A stored key/value entry (`expiresAt` null = never). */
export interface KvRow {
  key: string;
  value: string;
  expiresAt: number | null;
}

/** How often (real time) expired kv rows are deleted, at a commit. */
const PRUNE_EVERY_MS = 60_000;

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

/** See module doc. */
export class StateDb {
  private readonly db: Database.Database;
  private batch: Batch | null = null;
  private closed = false;
  private lastPrune = 0;
  private readonly st;
  private readonly checkpointer: WalCheckpointer | undefined;

  /**
   * @param now emulator time, for pruning expired kv rows.
   * @param onCommitFailed told when a batch could not be stored (its answers fail).
   * @param options.backgroundCheckpoints checkpoint on a worker thread (default true) rather than inside COMMITs.
   */
  constructor(
    stateDir: string,
    private readonly now: () => number,
    private readonly onCommitFailed: (err: unknown) => void = () => {},
    options: { backgroundCheckpoints?: boolean } = {},
  ) {
    const file = join(stateDir, STATE_DB_FILE);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // A WAL reset by a checkpoint is cut back to this size, so a burst leaves no large file behind.
    this.db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
    if (options.backgroundCheckpoints ?? true) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(file, (err) => {
        process.stderr.write(`[emulator] background WAL checkpoints stopped (${String(err)}); checkpointing in COMMITs\n`);
        if (!this.closed) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
    this.db.exec(SCHEMA);
    this.db.pragma('user_version = 1');
    const db = this.db;
    this.st = {
      insertTx: db.prepare('INSERT OR IGNORE INTO tx (seq, id, order_id, status, json) VALUES (?, ?, ?, ?, ?)'),
      updateTx: db.prepare('UPDATE tx SET status = ?, json = ? WHERE id = ?'),
      insertKey: db.prepare('INSERT OR IGNORE INTO tx_key (key, seq) VALUES (?, ?)'),
      byId: db.prepare('SELECT seq, id, json FROM tx WHERE id = ?'),
      byOrder: db.prepare('SELECT seq, id, json FROM tx WHERE order_id = ? ORDER BY seq'),
      byKey: db.prepare('SELECT t.seq, t.id, t.json FROM tx_key k JOIN tx t ON t.seq = k.seq WHERE k.key = ? ORDER BY k.seq DESC'),
      recent: db.prepare('SELECT seq, id, json FROM tx ORDER BY seq DESC LIMIT ?'),
      all: db.prepare('SELECT seq, id, json FROM tx ORDER BY seq'),
      allDesc: db.prepare('SELECT seq, id, json FROM tx ORDER BY seq DESC'),
      pending: db.prepare("SELECT seq, id, json FROM tx WHERE status = 'pending' ORDER BY seq"),
      maxSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM tx').pluck(),
      kvGet: db.prepare('SELECT value, expires_at AS expiresAt FROM kv WHERE ns = ? AND key = ?'),
      kvSet: db.prepare('INSERT OR REPLACE INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)'),
      kvAdd: db.prepare('INSERT OR IGNORE INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)'),
      kvDelete: db.prepare('DELETE FROM kv WHERE ns = ? AND key = ?'),
      kvPrune: db.prepare('DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?'),
      kvAll: db.prepare('SELECT key, value, expires_at AS expiresAt FROM kv WHERE ns = ? AND (expires_at IS NULL OR expires_at > ?)'),
      metaGet: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      metaSet: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
  }

  /** The batch holding every change made so far, or undefined when all of them are stored. */
  durable(): Promise<void> | undefined {
    return this.batch?.promise;
  }

  /** Commits the open batch now (close, tests). */
  commitNow(): void {
    const b = this.batch;
    if (!b) return;
    this.batch = null;
    try {
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        this.st.kvPrune.run(this.now());
      }
      this.db.exec('COMMIT');
      b.resolve();
      this.checkpointer?.request();
    } catch (err) {
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        // Already rolled back by SQLite.
      }
      process.stderr.write(`[emulator] could not store state: ${String(err)}\n`);
      b.reject(err);
      this.onCommitFailed(err);
    }
  }

  // --- transactions -------------------------------------------------------

  maxSeq(): number {
    return this.st.maxSeq.get() as number;
  }

  /** False when a row with this id (or seq) exists already: nothing is written then. */
  insertTx(seq: number, id: string, orderId: string, status: string, json: string, keys: readonly string[]): boolean {
    if (!this.write()) return true;
    if (this.st.insertTx.run(seq, id, orderId, status, json).changes === 0) return false;
    for (const k of keys) this.st.insertKey.run(k, seq);
    return true;
  }

  updateTx(id: string, status: string, json: string): void {
    if (!this.write()) return;
    this.st.updateTx.run(status, json, id);
  }

  txById(id: string): TxRow | undefined {
    return this.st.byId.get(id) as TxRow | undefined;
  }

  txsByOrder(orderId: string): TxRow[] {
    return this.st.byOrder.all(orderId) as TxRow[];
  }

  /** Newest first. */
  txsByKey(key: string): TxRow[] {
    return this.st.byKey.all(key) as TxRow[];
  }

  recentTxs(limit: number): TxRow[] {
    return this.st.recent.all(limit) as TxRow[];
  }

  /** Every row, oldest first (or newest first), read lazily. */
  iterateTxs(newestFirst = false): IterableIterator<TxRow> {
    return (newestFirst ? this.st.allDesc : this.st.all).iterate() as IterableIterator<TxRow>;
  }

  pendingTxs(): TxRow[] {
    return this.st.pending.all() as TxRow[];
  }

  // --- key/value ----------------------------------------------------------

  kvGet(ns: string, key: string): { value: string; expiresAt: number | null } | undefined {
    return this.st.kvGet.get(ns, key) as { value: string; expiresAt: number | null } | undefined;
  }

  /** `onlyIfAbsent`: keep an existing row (the state.json import). */
  kvSet(ns: string, key: string, value: string, expiresAt: number | null, onlyIfAbsent = false): void {
    if (!this.write()) return;
    (onlyIfAbsent ? this.st.kvAdd : this.st.kvSet).run(ns, key, value, expiresAt);
  }

  kvDelete(ns: string, key: string): void {
    if (!this.write()) return;
    this.st.kvDelete.run(ns, key);
  }

  kvLive(ns: string): KvRow[] {
    return this.st.kvAll.all(ns, this.now()) as KvRow[];
  }

  // --- meta ---------------------------------------------------------------

  meta(key: string): string | undefined {
    return this.st.metaGet.get(key) as string | undefined;
  }

  setMeta(key: string, value: string): void {
    if (!this.write()) return;
    this.st.metaSet.run(key, value);
  }

  /**
   * Stores what is pending and closes the file. Later writes are ignored.
   * Resolves once the checkpoint thread's connection is closed too.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.commitNow();
    this.closed = true;
    // Whichever connection closes last checkpoints what is left and removes the WAL.
    const worker = this.checkpointer?.close();
    this.db.close();
    await worker;
  }

  /** Joins (or opens) this turn's batch; false once closed. */
  private write(): boolean {
    if (this.closed) return false;
    if (this.batch) return true;
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Marked handled here: a batch nobody waits for must not become an unhandled rejection.
    promise.catch(() => {});
    // IMMEDIATE: the write lock is taken (or waited for) before the batch reads anything. A deferred BEGIN would
    // read first, then need the write lock while the checkpoint thread's RESTART holds it waiting for that very read
    // to end — SQLite breaks the deadlock with SQLITE_BUSY, a failed charge (seen after ~50k charges under load).
    this.db.exec('BEGIN IMMEDIATE');
    this.batch = { promise, resolve, reject };
    setImmediate(() => this.commitNow());
    return true;
  }
}
