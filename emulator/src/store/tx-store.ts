/**
 * The in-memory transaction store shared by every front end. It owns expiry
 * timers (on the emulator clock) and hands every state change to the
 * notification dispatcher through the formatter registered for the
 * transaction's source, so front ends never send notifications themselves.
 */
import type { EmuClock, NotificationFormatter, Transaction, TxSource, TxStatus, TxStore } from '../types';

/** Receives each state change with the formatter that renders it. */
export type NotifySink = (tx: Transaction, formatter: NotificationFormatter) => void;

/** The store as `startEmulator` sees it: the shared surface plus lifecycle hooks. */
export interface EmuTxStore extends TxStore {
  /** Every transaction, oldest first (persistence, simulator search). */
  all(): Transaction[];
  /** The registered formatter for a source, if any. */
  formatter(source: TxSource): NotificationFormatter | undefined;
  /** Every transaction with this order id, oldest first (an order id is reusable after cancel/expire). */
  forOrder(orderId: string): Transaction[];
  /** Re-inserts persisted transactions without notifying; re-arms expiry timers. */
  restore(txs: Transaction[]): void;
  /** Cancels every expiry timer. */
  close(): void;
}

/** Statuses in which a transaction never changes by itself again. */
export const FINAL_STATUSES: ReadonlySet<TxStatus> = new Set(['deny', 'cancel', 'expire', 'failure', 'refund']);

/**
 * Creates the store.
 * @param notify receives every insert/transition (the dispatcher).
 * @param onChange called after every mutation (schedules a state-file save).
 */
export function createTxStore(clock: EmuClock, notify: NotifySink, onChange: () => void = () => {}): EmuTxStore {
  const byId = new Map<string, Transaction>();
  const byOrder = new Map<string, Transaction[]>();
  const ordered: Transaction[] = [];
  const expiryTimers = new Map<string, () => void>();
  const formatters = new Map<TxSource, NotificationFormatter>();
  const warned = new Set<TxSource>();

  const index = (tx: Transaction): void => {
    byId.set(tx.transactionId, tx);
    const list = byOrder.get(tx.orderId);
    if (list) list.push(tx);
    else byOrder.set(tx.orderId, [tx]);
    ordered.push(tx);
  };

  const armExpiry = (tx: Transaction): void => {
    expiryTimers.get(tx.transactionId)?.();
    expiryTimers.delete(tx.transactionId);
    if (tx.status !== 'pending' || !Number.isFinite(tx.expiresAt) || tx.expiresAt <= 0) return;
    const cancel = clock.at(tx.expiresAt, () => {
      expiryTimers.delete(tx.transactionId);
      // Paid or cancelled in the meantime: the timer is stale.
      if (tx.status === 'pending') store.transition(tx, 'expire');
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
      if (byId.has(tx.transactionId)) throw new Error(`duplicate transaction id ${tx.transactionId}`);
      index(tx);
      armExpiry(tx);
      onChange();
      sendNotifications(tx);
      return tx;
    },
    find(idOrOrderId: string): Transaction | undefined {
      const direct = byId.get(idOrOrderId);
      if (direct) return direct;
      const list = byOrder.get(idOrOrderId);
      return list ? list[list.length - 1] : undefined;
    },
    findBy(predicate: (tx: Transaction) => boolean): Transaction | undefined {
      for (let i = ordered.length - 1; i >= 0; i--) {
        const tx = ordered[i] as Transaction;
        if (predicate(tx)) return tx;
      }
      return undefined;
    },
    transition(tx: Transaction, to: TxStatus, opts: { notify?: boolean } = {}): Transaction {
      const now = clock.now();
      tx.status = to;
      tx.updatedAt = now;
      if ((to === 'settlement' || to === 'capture') && tx.settledAt === null) tx.settledAt = now;
      armExpiry(tx);
      onChange();
      if (opts.notify !== false) sendNotifications(tx);
      return tx;
    },
    touch(): void {
      onChange();
    },
    list(limit = 50): Transaction[] {
      return ordered.slice(-limit).reverse();
    },
    setFormatter(source: TxSource, formatter: NotificationFormatter): void {
      formatters.set(source, formatter);
    },
    formatter: (source) => formatters.get(source),
    all: () => ordered.slice(),
    forOrder: (orderId) => (byOrder.get(orderId) ?? []).slice(),
    restore(txs: Transaction[]): void {
      for (const tx of txs) {
        if (byId.has(tx.transactionId)) continue;
        index(tx);
        armExpiry(tx);
      }
    },
    close(): void {
      for (const cancel of expiryTimers.values()) cancel();
      expiryTimers.clear();
    },
  };
  return store;
}
