/**
 * Transactions in the state database, with a bounded working set in memory:
 * every pending transaction (its expiry timer holds it anyway) plus the most
 * recently used others (LRU). Final and old transactions are read back on
 * demand, so the emulator's memory stays flat however many charges it has
 * answered. Each change is written at once into the open batch (state-db.ts).
 */
import type { Transaction } from '../types';
import type { StateDb, TxRow } from './state-db';
import { lookupKeys } from './tx-keys';
import { duplicateId, type TxRepo } from './tx-repo';

/** Non-pending transactions kept in memory. */
const DEFAULT_CACHE = 1000;

/** See module doc. */
export class SqliteTxRepo implements TxRepo {
  private readonly pinned = new Map<string, Transaction>();
  private readonly lru = new Map<string, Transaction>();
  private seq: number;

  constructor(
    private readonly db: StateDb,
    private readonly cacheSize = DEFAULT_CACHE,
  ) {
    this.seq = db.maxSeq();
  }

  get(id: string): Transaction | undefined {
    const hot = this.pinned.get(id) ?? this.touchLru(id);
    if (hot) return hot;
    const row = this.db.txById(id);
    return row ? this.adopt(row) : undefined;
  }

  forOrder(orderId: string): Transaction[] {
    return this.db.txsByOrder(orderId).map((r) => this.adopt(r));
  }

  findBy(predicate: (tx: Transaction) => boolean, keys?: readonly string[]): Transaction | undefined {
    if (keys) {
      const rows = keys.flatMap((k) => this.db.txsByKey(k)).sort((a, b) => b.seq - a.seq);
      for (const row of rows) {
        const tx = this.adopt(row);
        if (predicate(tx)) return tx;
      }
      return undefined;
    }
    // No key: every row, newest first (rare: the simulator's free-form searches).
    for (const row of this.db.iterateTxs(true)) {
      const tx = this.peek(row);
      if (predicate(tx)) return this.adopt(row);
    }
    return undefined;
  }

  recent(limit: number): Transaction[] {
    return this.db.recentTxs(limit).map((r) => this.adopt(r));
  }

  all(): Transaction[] {
    return [...this.db.iterateTxs()].map((r) => this.peek(r));
  }

  added(tx: Transaction): void {
    const id = tx.transactionId;
    // The UNIQUE id answers "already there?" as part of the insert, so a charge costs no read.
    const fresh = !this.pinned.has(id) && !this.lru.has(id) && this.db.insertTx(this.seq + 1, id, tx.orderId, tx.status, JSON.stringify(tx), lookupKeys(tx));
    if (!fresh) throw duplicateId(id);
    this.seq++;
    this.hold(tx);
  }

  changed(tx: Transaction): void {
    this.db.updateTx(tx.transactionId, tx.status, JSON.stringify(tx));
    this.hold(tx);
  }

  pending(): Transaction[] {
    return this.db.pendingTxs().map((r) => this.adopt(r));
  }

  /** The in-memory object for a row, or a fresh one (not cached). */
  private peek(row: TxRow): Transaction {
    return this.pinned.get(row.id) ?? this.lru.get(row.id) ?? (JSON.parse(row.json) as Transaction);
  }

  /** The one object callers share for this row (so a change made through it is the one stored). */
  private adopt(row: TxRow): Transaction {
    const hot = this.pinned.get(row.id) ?? this.touchLru(row.id);
    if (hot) return hot;
    const tx = JSON.parse(row.json) as Transaction;
    this.hold(tx);
    return tx;
  }

  private touchLru(id: string): Transaction | undefined {
    const tx = this.lru.get(id);
    if (tx) {
      this.lru.delete(id);
      this.lru.set(id, tx);
    }
    return tx;
  }

  private hold(tx: Transaction): void {
    const id = tx.transactionId;
    if (tx.status === 'pending') {
      this.lru.delete(id);
      this.pinned.set(id, tx);
      return;
    }
    this.pinned.delete(id);
    this.lru.delete(id);
    this.lru.set(id, tx);
    while (this.lru.size > this.cacheSize) {
      const oldest = this.lru.keys().next().value as string;
      this.lru.delete(oldest);
    }
  }
}
