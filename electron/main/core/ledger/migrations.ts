/**
 * Versioned schema for the ledger. Step N (1-based) brings a database from
 * `user_version` N-1 to N. Steps are append-only: never edit a shipped step,
 * add a new one instead.
 */
import { PAYMENT_METHODS, PAYMENT_STATUSES, UPDATE_SOURCES } from '../../../../shared/domain/payment';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
const STATUSES = list(PAYMENT_STATUSES);
const METHODS = list(PAYMENT_METHODS);
const SOURCES = list(UPDATE_SOURCES);

/** Refund request lifecycle in the `refunds` table. */
export const REFUND_STATUSES = ['requested', 'succeeded', 'failed', 'unknown'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Ordered migration steps; index i upgrades user_version i → i + 1. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    id          TEXT PRIMARY KEY,
    total       INTEGER NOT NULL CHECK (total > 0),
    created_at  TEXT NOT NULL
  ) STRICT;

  CREATE TABLE order_items (
    order_id  TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line      INTEGER NOT NULL,
    sku       TEXT NOT NULL,
    name      TEXT NOT NULL,
    price     INTEGER NOT NULL CHECK (price > 0),
    quantity  INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line)
  ) STRICT;

  CREATE TABLE payments (
    id                TEXT PRIMARY KEY,
    order_id          TEXT NOT NULL REFERENCES orders(id),
    gateway_order_id  TEXT NOT NULL UNIQUE
                      CHECK (length(gateway_order_id) BETWEEN 1 AND 36
                             AND gateway_order_id NOT GLOB '*[^A-Za-z0-9._~-]*'),
    method            TEXT NOT NULL CHECK (method IN (${METHODS})),
    api               TEXT NOT NULL CHECK (api IN ('snap_bi', 'core_api', 'none')),
    external_id       TEXT NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 36),
    reference_no      TEXT,
    status            TEXT NOT NULL CHECK (status IN (${STATUSES})),
    amount            INTEGER NOT NULL CHECK (amount > 0),
    refunded_amount   INTEGER NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    action            TEXT CHECK (action IS NULL OR json_valid(action)),
    va_number         TEXT,
    expires_at        TEXT,
    paid_at           TEXT,
    last_source       TEXT NOT NULL CHECK (last_source IN (${SOURCES})),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX payments_order ON payments(order_id);
  CREATE INDEX payments_created ON payments(created_at);
  CREATE INDEX payments_paid ON payments(paid_at) WHERE paid_at IS NOT NULL;
  CREATE INDEX payments_open ON payments(status) WHERE status IN ('creating', 'pending');

  CREATE TABLE payment_events (
    id              INTEGER PRIMARY KEY,
    payment_id      TEXT NOT NULL REFERENCES payments(id),
    source          TEXT NOT NULL CHECK (source IN (${SOURCES})),
    from_status     TEXT NOT NULL CHECK (from_status IN (${STATUSES})),
    to_status       TEXT CHECK (to_status IS NULL OR to_status IN (${STATUSES})),
    claimed_status  TEXT,
    applied         INTEGER NOT NULL CHECK (applied IN (0, 1)),
    note            TEXT NOT NULL,
    refunded_delta  INTEGER NOT NULL DEFAULT 0 CHECK (refunded_delta >= 0),
    raw             TEXT CHECK (raw IS NULL OR json_valid(raw)),
    created_at      TEXT NOT NULL,
    CHECK (applied = 1 OR refunded_delta = 0)
  ) STRICT;
  CREATE INDEX payment_events_payment ON payment_events(payment_id, id);
  CREATE INDEX payment_events_refunds ON payment_events(created_at) WHERE refunded_delta > 0;

  CREATE TABLE refunds (
    id               INTEGER PRIMARY KEY,
    payment_id       TEXT NOT NULL REFERENCES payments(id),
    refund_key       TEXT NOT NULL UNIQUE CHECK (length(refund_key) BETWEEN 1 AND 36),
    amount           INTEGER NOT NULL CHECK (amount > 0),
    refunded_before  INTEGER NOT NULL CHECK (refunded_before >= 0),
    reason           TEXT,
    status           TEXT NOT NULL CHECK (status IN (${list(REFUND_STATUSES)})),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX refunds_payment ON refunds(payment_id);
  `,
  // v2: the owner's Z-report. One immutable row per shop day; the totals are
  // columns (so an accountant can query them) and the per-method split and any
  // payments left open are kept as JSON. Triggers make the record append-only:
  // a closed day is evidence, not a draft.
  `
  CREATE TABLE day_closings (
    id               INTEGER PRIMARY KEY,
    day              TEXT NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    zone             TEXT NOT NULL CHECK (length(zone) BETWEEN 1 AND 64),
    period_start     TEXT NOT NULL,
    period_end       TEXT NOT NULL CHECK (period_end > period_start),
    paid_count       INTEGER NOT NULL CHECK (paid_count >= 0),
    paid_total       INTEGER NOT NULL CHECK (paid_total >= 0),
    refunded_total   INTEGER NOT NULL CHECK (refunded_total >= 0),
    net_total        INTEGER NOT NULL CHECK (net_total = paid_total - refunded_total),
    cash_takings     INTEGER NOT NULL CHECK (cash_takings >= 0),
    cash_refunds     INTEGER NOT NULL CHECK (cash_refunds >= 0),
    cash_expected    INTEGER NOT NULL CHECK (cash_expected = cash_takings - cash_refunds),
    counted_cash     INTEGER CHECK (counted_cash IS NULL OR counted_cash >= 0),
    cash_difference  INTEGER CHECK ((counted_cash IS NULL AND cash_difference IS NULL)
                                    OR cash_difference = counted_cash - cash_expected),
    open_count       INTEGER NOT NULL CHECK (open_count >= 0),
    open_total       INTEGER NOT NULL CHECK (open_total >= 0),
    failed_count     INTEGER NOT NULL CHECK (failed_count >= 0),
    forced           INTEGER NOT NULL CHECK (forced IN (0, 1) AND (forced = 1 OR open_count = 0)),
    breakdown        TEXT NOT NULL CHECK (json_valid(breakdown)),
    created_at       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX day_closings_created ON day_closings(created_at);
  CREATE TRIGGER day_closings_no_update BEFORE UPDATE ON day_closings
    BEGIN SELECT RAISE(ABORT, 'day closings are immutable'); END;
  CREATE TRIGGER day_closings_no_delete BEFORE DELETE ON day_closings
    BEGIN SELECT RAISE(ABORT, 'day closings are immutable'); END;
  `,
  // v3: the merchant's own catalogue. Prices are whole rupiah. Removing a
  // product only clears `active`: past orders keep their own copies in
  // order_items, and a never-emptied table is how CatalogService knows the
  // defaults were seeded once (so the delete trigger guards that too).
  `
  CREATE TABLE products (
    sku         TEXT PRIMARY KEY CHECK (length(sku) BETWEEN 1 AND 50),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    price       INTEGER NOT NULL CHECK (price >= 1),
    category    TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 50),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order  INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX products_till ON products(sort_order, sku) WHERE active = 1;
  CREATE TRIGGER products_no_delete BEFORE DELETE ON products
    BEGIN SELECT RAISE(ABORT, 'products are deactivated, never deleted'); END;
  `,
];
