/**
 * Where the transaction store keeps its transactions. `MemoryTxRepo` holds
 * them all (no state dir); `SqliteTxRepo` (sqlite-tx-repo.ts) keeps them in
 * the state database and only a bounded working set in memory.
 */
import type { Transaction } from '../types';

/** The store's view of its transactions. Orders: "oldest first" = insertion order. */
export interface TxRepo {
  get(id: string): Transaction | undefined;
  /** Every transaction with this order id, oldest first. */
  forOrder(orderId: string): Transaction[];
  /** Newest first; `keys` (tx-keys.ts) narrows the search when every match carries one of them. */
  findBy(predicate: (tx: Transaction) => boolean, keys?: readonly string[]): Transaction | undefined;
  /** The `limit` newest, newest first. */
  recent(limit: number): Transaction[];
  /** Every transaction, oldest first. */
  all(): Transaction[];
  /** A new transaction; throws `duplicate transaction id …` when the id is already present. */
  added(tx: Transaction): void;
  /** An in-place change of a transaction already present. */
  changed(tx: Transaction): void;
  /** Transactions still pending (their expiry timers are re-armed at start). */
  pending(): Transaction[];
}

/** Everything in memory (the emulator without persistence). */
export class MemoryTxRepo implements TxRepo {
  private readonly byId = new Map<string, Transaction>();
  private readonly byOrder = new Map<string, Transaction[]>();
  private readonly ordered: Transaction[] = [];

  get(id: string): Transaction | undefined {
    return this.byId.get(id);
  }

  forOrder(orderId: string): Transaction[] {
    return (this.byOrder.get(orderId) ?? []).slice();
  }

  findBy(predicate: (tx: Transaction) => boolean): Transaction | undefined {
    for (let i = this.ordered.length - 1; i >= 0; i--) {
      const tx = this.ordered[i] as Transaction;
      if (predicate(tx)) return tx;
    }
    return undefined;
  }

  recent(limit: number): Transaction[] {
    return this.ordered.slice(-limit).reverse();
  }

  all(): Transaction[] {
    return this.ordered.slice();
  }

  added(tx: Transaction): void {
    if (this.byId.has(tx.transactionId)) throw duplicateId(tx.transactionId);
    this.byId.set(tx.transactionId, tx);
    const list = this.byOrder.get(tx.orderId);
    if (list) list.push(tx);
    else this.byOrder.set(tx.orderId, [tx]);
    this.ordered.push(tx);
  }

  changed(): void {}

  pending(): Transaction[] {
    return this.ordered.filter((tx) => tx.status === 'pending');
  }
}

/** The error `added` throws for an id already present. */
export const duplicateId = (id: string): Error => new Error(`duplicate transaction id ${id}`);
