/**
 * The ledger's vocabulary columns (payment methods, statuses, update sources,
 * APIs, gateway environments, refund statuses, sale statuses, drawer movement
 * kinds) are checked here, in code,
 * against the shared constants — not by CHECK (… IN (…)) lists in SQL, which
 * a shipped till can only change by rebuilding its tables. SQL keeps a shape
 * check (a short lowercase identifier); which identifiers exist is decided by
 * the code that runs, so adding a method or a status needs no migration.
 *
 * Repositories check every value they write and every value they read: a
 * value this Kasir does not know is refused with a LedgerValueError that names
 * the table, column and value (on read that means a newer Kasir wrote the row).
 */
import { PAYMENT_METHODS, PAYMENT_STATUSES, UPDATE_SOURCES, type GatewayApi } from '../../../../shared/domain/payment';
import { GATEWAY_ENVS } from '../../../../shared/domain/gateway-env';

/** Refund request lifecycle in the `refunds` table. */
export const REFUND_STATUSES = ['requested', 'succeeded', 'failed', 'unknown'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * A sale's status (`sales.status`, v9): `open` while it is built or tendered,
 * `paid` once its tenders cover the total (its receipt number drawn),
 * `voided` when it was called off before the goods were handed over.
 */
export const SALE_STATUSES = ['open', 'paid', 'voided'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

/**
 * Why cash left the drawer (`drawer_movements.kind`, v9): a refund paid from
 * the drawer, cash handed back when a sale was voided, a "no sale" opening.
 */
export const DRAWER_MOVEMENT_KINDS = ['refund', 'void_return', 'no_sale'] as const;
export type DrawerMovementKind = (typeof DRAWER_MOVEMENT_KINDS)[number];

/** Every Midtrans API a payment can be routed to, plus `none` (cash). */
export const GATEWAY_APIS = ['snap_bi', 'core_api', 'none'] as const satisfies readonly GatewayApi[];
// A GatewayApi missing from the list above fails here, at compile time.
const _everyApiListed: Exclude<GatewayApi, (typeof GATEWAY_APIS)[number]> extends never ? true : never = true;
void _everyApiListed;

/** `actor` of writes made when nobody is signed in (and of every row written before v4). */
export const TILL_ACTOR_ID = 'till';

/** The values each vocabulary column may hold. Injectable so a test can show what adding one takes. */
export interface LedgerVocabulary {
  readonly methods: readonly string[];
  readonly statuses: readonly string[];
  readonly sources: readonly string[];
  readonly apis: readonly string[];
  readonly gatewayEnvs: readonly string[];
  readonly refundStatuses: readonly string[];
  readonly saleStatuses: readonly string[];
  readonly drawerKinds: readonly string[];
}

/** What this Kasir knows: the shared constants. */
export const LEDGER_VOCABULARY: LedgerVocabulary = {
  methods: PAYMENT_METHODS,
  statuses: PAYMENT_STATUSES,
  sources: UPDATE_SOURCES,
  apis: GATEWAY_APIS,
  gatewayEnvs: GATEWAY_ENVS,
  refundStatuses: REFUND_STATUSES,
  saleStatuses: SALE_STATUSES,
  drawerKinds: DRAWER_MOVEMENT_KINDS,
};

/** A vocabulary column holds (or was about to be given) a value this Kasir does not know. */
export class LedgerValueError extends Error {
  readonly code = 'LEDGER_VALUE';

  constructor(
    readonly table: string,
    readonly column: string,
    readonly value: unknown,
    readonly direction: 'read' | 'write',
    known: readonly string[],
  ) {
    super(
      direction === 'write'
        ? `${table}.${column}: ${JSON.stringify(value)} is not one of ${known.join(', ')}`
        : `${table}.${column} holds ${JSON.stringify(value)}, which this Kasir does not know ` +
            `(written by a newer Kasir?); known: ${known.join(', ')}`,
    );
    this.name = 'LedgerValueError';
  }
}

type Kind = keyof LedgerVocabulary;

/** Checks vocabulary columns of rows going into and coming out of the ledger. */
export class VocabularyGuard {
  private readonly sets: Record<Kind, ReadonlySet<string>>;

  constructor(private readonly vocabulary: LedgerVocabulary = LEDGER_VOCABULARY) {
    const set = (k: Kind): ReadonlySet<string> => new Set(vocabulary[k]);
    this.sets = {
      methods: set('methods'), statuses: set('statuses'), sources: set('sources'), apis: set('apis'),
      gatewayEnvs: set('gatewayEnvs'), refundStatuses: set('refundStatuses'), saleStatuses: set('saleStatuses'),
      drawerKinds: set('drawerKinds'),
    };
  }

  /** Throws LedgerValueError unless `value` is in the `kind` list (null passes when `nullable`). */
  check(kind: Kind, table: string, column: string, value: unknown, direction: 'read' | 'write', nullable = false): void {
    if (value === null && nullable) return;
    if (typeof value !== 'string' || !this.sets[kind].has(value)) {
      throw new LedgerValueError(table, column, value, direction, this.vocabulary[kind]);
    }
  }

  /**
   * A payments row. `gateway_env` may be null only on read (rows recorded
   * before v4 do not know it); a new payment must say which environment it was
   * made against.
   */
  payment<T extends { method: string; api: string; status: string; last_source: string; gateway_env?: string | null }>(
    row: T,
    direction: 'read' | 'write',
  ): T {
    this.check('methods', 'payments', 'method', row.method, direction);
    this.check('apis', 'payments', 'api', row.api, direction);
    this.check('statuses', 'payments', 'status', row.status, direction);
    this.check('sources', 'payments', 'last_source', row.last_source, direction);
    this.check('gatewayEnvs', 'payments', 'gateway_env', row.gateway_env, direction, direction === 'read');
    return row;
  }

  /** A payment_events row (`to_status` is null for notes that change nothing). */
  event<T extends { source: string; from_status: string; to_status: string | null }>(row: T, direction: 'read' | 'write'): T {
    this.check('sources', 'payment_events', 'source', row.source, direction);
    this.check('statuses', 'payment_events', 'from_status', row.from_status, direction);
    this.check('statuses', 'payment_events', 'to_status', row.to_status, direction, true);
    return row;
  }

  /** A refunds row. */
  refund<T extends { status: string }>(row: T, direction: 'read' | 'write'): T {
    this.check('refundStatuses', 'refunds', 'status', row.status, direction);
    return row;
  }

  /** A sales row. */
  sale<T extends { status: string }>(row: T, direction: 'read' | 'write'): T {
    this.check('saleStatuses', 'sales', 'status', row.status, direction);
    return row;
  }

  /** A drawer_movements row. */
  drawerMovement<T extends { kind: string }>(row: T, direction: 'read' | 'write'): T {
    this.check('drawerKinds', 'drawer_movements', 'kind', row.kind, direction);
    return row;
  }

  /** A payment method read from an aggregate (reports group by it). */
  method<T extends string>(value: T, table = 'payments'): T {
    this.check('methods', table, 'method', value, 'read');
    return value;
  }
}
