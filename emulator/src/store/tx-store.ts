/**
 * The transaction store shared by every front end. It owns expiry timers (on
 * the emulator clock) and hands every state change to the notification
 * dispatcher through the formatter registered for the transaction's source,
 * so front ends never send notifications themselves. Where the transactions
 * live is the repo's business (tx-repo.ts: all in memory, or durable).
 */
import type { EmuClock, NotificationFormatter, Transaction, TxSource, TxStatus, TxStore } from '../types';
import { MemoryTxRepo, type TxRepo } from './tx-repo';

/** Receives each state change with the formatter that renders it. */
export type NotifySink = (tx: Transaction, formatter: NotificationFormatter) => void;

/** The store as `startEmulator` sees it: the shared surface plus lifecycle hooks. */
export interface EmuTxStore extends TxStore {
  /** Every transaction, oldest first (persistence, simulator search). */
  all(): Transaction[];
  /** The registered formatter for a source, if any. */
  formatter(source: TxSource): NotificationFormatter | undefined;
  /** Re-inserts persisted transactions without notifying; re-arms expiry timers. */
  restore(txs: Transaction[]): void;
  /** Re-arms the expiry timers of the repo's pending transactions (a durable store at start). */
  resume(): void;
  /** Cancels every expiry timer. */
  close(): void;
}

/** Statuses in which a transaction never changes by itself again. */
export const FINAL_STATUSES: ReadonlySet<TxStatus> = new Set(['deny', 'cancel', 'expire', 'failure', 'refund']);

/**
 * Creates the store.
 * @param notify receives every insert/transition (the dispatcher).
 * @param repo where transactions are kept (default: all in memory).
 */
export function createTxStore(clock: EmuClock, notify: NotifySink, repo: TxRepo = new MemoryTxRepo()): EmuTxStore {
  const expiryTimers = new Map<string, () => void>();
  const formatters = new Map<TxSource, NotificationFormatter>();
  const warned = new Set<TxSource>();

  const armExpiry = (tx: Transaction): void => {
    const previous = expiryTimers.get(tx.transactionId);
    // A new charge has none: one lookup in a map as large as the pending charges, not two.
    if (previous) {
      previous();
      expiryTimers.delete(tx.transactionId);
    }
    if (tx.status !== 'pending' || !Number.isFinite(tx.expiresAt) || tx.expiresAt <= 0) return;
    const id = tx.transactionId;
    const cancel = clock.at(tx.expiresAt, () => {
      expiryTimers.delete(id);
      // Paid or cancelled in the meantime: the timer is stale.
      const current = repo.get(id) ?? tx;
      if (current.status === 'pending') store.transition(current, 'expire');
    });
    expiryTimers.set(tx.transactionId, cancel);
  };

  const sendNotifications = (tx: Transaction): void => {
    const formatter = formatters.get(tx.source);
    if (!formatter) {
      if (!warned.has(tx.source)) {
        warned.add(tx.source);
        process.stderr.write(`[emulator] no notification formatter for source "${tx.source}"; not notifying\n`);
      }
      return;
    }
    notify(tx, formatter);
  };

  const store: EmuTxStore = {
    insert(tx: Transaction): Transaction {
      // The repo refuses a duplicate id itself (a durable one by its UNIQUE index, without a read first).
      repo.added(tx);
      armExpiry(tx);
      sendNotifications(tx);
      return tx;
    },
    find(idOrOrderId: string): Transaction | undefined {
      const direct = repo.get(idOrOrderId);
      if (direct) return direct;
      const list = repo.forOrder(idOrOrderId);
      return list[list.length - 1];
    },
    findBy: (predicate, keys) => repo.findBy(predicate, keys),
    transition(tx: Transaction, to: TxStatus, opts: { notify?: boolean } = {}): Transaction {
      const now = clock.now();
      tx.status = to;
      tx.updatedAt = now;
      if ((to === 'settlement' || to === 'capture') && tx.settledAt === null) tx.settledAt = now;
      repo.changed(tx);
      armExpiry(tx);
      if (opts.notify !== false) sendNotifications(tx);
      return tx;
    },
    touch(tx: Transaction): void {
      repo.changed(tx);
    },
    list(limit = 50): Transaction[] {
      return repo.recent(limit);
    },
    setFormatter(source: TxSource, formatter: NotificationFormatter): void {
      formatters.set(source, formatter);
    },
    formatter: (source) => formatters.get(source),
    all: () => repo.all(),
    forOrder: (orderId) => repo.forOrder(orderId),
    restore(txs: Transaction[]): void {
      for (const tx of txs) {
        if (repo.get(tx.transactionId)) continue;
        repo.added(tx);
        armExpiry(tx);
      }
    },
    resume(): void {
      for (const tx of repo.pending()) armExpiry(tx);
    },
    close(): void {
      for (const cancel of expiryTimers.values()) cancel();
      expiryTimers.clear();
    },
  };
  return store;
}
