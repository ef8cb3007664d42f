/**
 * Domain events: what a ledger write did, appended to the `outbox` table in
 * the same transaction as the write, so an event exists exactly when its
 * write committed. The multi-till sync will read the outbox in `id` order
 * and mark rows published; nothing reads it yet.
 *
 * There is ONE hook, `LedgerWriter.write(write, eventOf)`: a repository runs
 * its statement through it, and the writer appends the event the write's
 * result describes (or none) inside one transaction — the caller's, if one
 * is open (better-sqlite3 nests it as a savepoint).
 */
import type { Database } from './open-ledger';
import { TILL_ACTOR_ID } from './vocabulary';

/**
 * What can happen. Named `<aggregate>.<past tense>`; the aggregate id is the
 * row's key (order id, payment id, refund key, shop day, SKU, sale id; a
 * drawer movement's id).
 */
export const DOMAIN_EVENT_TYPES = [
  'order.placed',
  'payment.created',
  'payment.status_changed',
  'refund.requested',
  'refund.status_changed',
  'day.closed',
  'product.created',
  'product.updated',
  'product.active_changed',
  'order.repriced',
  'sale.opened',
  'sale.priced',
  'sale.tendered',
  'sale.paid',
  'sale.voided',
  'sale.tender_abandoned',
  'sale.late_payment_decided',
  'drawer.moved',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** One event, as a repository describes its write. */
export interface DomainEvent {
  type: DomainEventType;
  aggregateId: string;
  /** What changed, JSON-safe; never a secret, a PIN or a raw gateway body. */
  payload: Readonly<Record<string, unknown>>;
  /** ISO-8601 UTC: the write's own time. */
  at: string;
  /** Who caused it (a staff id); 'till' when not given. */
  actor?: string;
}

/** The port: appends one event inside the current transaction. */
export interface DomainEvents {
  append(event: DomainEvent): void;
}

/** An `outbox` row, exactly the columns. */
export interface OutboxRow {
  id: number;
  type: string;
  aggregate_id: string;
  /** JSON object. */
  payload: string;
  at: string;
  actor: string;
  published_at: string | null;
}

/** The outbox table behind the port (statements prepared on first use). */
export class OutboxDomainEvents implements DomainEvents {
  private insert: ReturnType<Database['prepare']> | null = null;

  constructor(private readonly db: Database) {}

  append(event: DomainEvent): void {
    // Outside a transaction an event could commit without its write, or the write without it.
    if (!this.db.inTransaction) throw new Error(`domain event ${event.type} appended outside a transaction`);
    this.insert ??= this.db.prepare(
      'INSERT INTO outbox (type, aggregate_id, payload, at, actor) VALUES (@type, @aggregateId, @payload, @at, @actor)',
    );
    this.insert.run({
      type: event.type,
      aggregateId: event.aggregateId,
      payload: JSON.stringify(event.payload),
      at: event.at,
      actor: event.actor ?? TILL_ACTOR_ID,
    });
  }
}

/** The one transactional hook every repository write goes through. */
export class LedgerWriter {
  private readonly inTransaction;

  constructor(db: Database, events: DomainEvents = new OutboxDomainEvents(db)) {
    this.inTransaction = db.transaction((write: () => unknown, eventOf: (result: unknown) => DomainEvent | null): unknown => {
      const result = write();
      const event = eventOf(result);
      if (event) events.append(event);
      return result;
    });
  }

  /**
   * Runs `write` and appends the event `eventOf` makes of its result (null:
   * nothing happened, e.g. an UPDATE that matched no row) in one transaction.
   */
  write<T>(write: () => T, eventOf: (result: T) => DomainEvent | null): T {
    return this.inTransaction(write, eventOf as (result: unknown) => DomainEvent | null) as T;
  }
}

/** Reads the outbox (tests today; the sync relay later). */
export class OutboxReader {
  private readonly selAfter;

  constructor(db: Database) {
    this.selAfter = db.prepare<[number, number], OutboxRow>('SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?');
  }

  /** Events after `afterId`, oldest first. */
  after(afterId = 0, limit = 500): OutboxRow[] {
    return this.selAfter.all(afterId, limit);
  }
}
