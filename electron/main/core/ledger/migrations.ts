/**
 * Versioned schema for the ledger. Step N (1-based) brings a database from
 * `user_version` N-1 to N. Steps are append-only and frozen: a till that ran a
 * step keeps what it made, so the text of a shipped step never changes (its
 * sha256 is pinned in test/unit/ledger-migrations-frozen.test.ts). Every step
 * is a plain literal: no `$`-interpolation, no constants, nothing computed.
 * How to add one: ./README.md.
 */

/** One schema step. */
export interface MigrationStep {
  /**
   * `plain`: runs in one transaction. `rebuild`: replaces tables (SQLite's
   * 12-step ALTER procedure), so the runner switches foreign keys off around
   * the transaction and runs `PRAGMA foreign_key_check` before committing.
   */
  readonly kind: 'plain' | 'rebuild';
  readonly sql: string;
}

/** Ordered migration steps; index i upgrades user_version i → i + 1. */
export const MIGRATIONS: readonly MigrationStep[] = [
  // v1: orders, their lines, payment attempts, the audit trail and refund requests.
  // The CHECK (… IN (…)) lists are the v1 vocabulary as it shipped; v4 replaces them.
  {
    kind: 'plain',
    sql: `
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
    method            TEXT NOT NULL CHECK (method IN ('qris', 'gopay', 'shopeepay', 'dana', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'va_cimb', 'mandiri_bill', 'indomaret', 'alfamart', 'cash')),
    api               TEXT NOT NULL CHECK (api IN ('snap_bi', 'core_api', 'none')),
    external_id       TEXT NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 36),
    reference_no      TEXT,
    status            TEXT NOT NULL CHECK (status IN ('creating', 'pending', 'settlement', 'capture', 'refund', 'partial_refund', 'expire', 'cancel', 'deny', 'failure', 'failed_to_create')),
    amount            INTEGER NOT NULL CHECK (amount > 0),
    refunded_amount   INTEGER NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    action            TEXT CHECK (action IS NULL OR json_valid(action)),
    va_number         TEXT,
    expires_at        TEXT,
    paid_at           TEXT,
    last_source       TEXT NOT NULL CHECK (last_source IN ('charge', 'webhook', 'poll', 'recovery', 'manual')),
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
    source          TEXT NOT NULL CHECK (source IN ('charge', 'webhook', 'poll', 'recovery', 'manual')),
    from_status     TEXT NOT NULL CHECK (from_status IN ('creating', 'pending', 'settlement', 'capture', 'refund', 'partial_refund', 'expire', 'cancel', 'deny', 'failure', 'failed_to_create')),
    to_status       TEXT CHECK (to_status IS NULL OR to_status IN ('creating', 'pending', 'settlement', 'capture', 'refund', 'partial_refund', 'expire', 'cancel', 'deny', 'failure', 'failed_to_create')),
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
    status           TEXT NOT NULL CHECK (status IN ('requested', 'succeeded', 'failed', 'unknown')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX refunds_payment ON refunds(payment_id);
  `,
  },
  // v2: the owner's Z-report. One immutable row per shop day; the totals are
  // columns (so an accountant can query them) and the per-method split and any
  // payments left open are kept as JSON. Triggers make the record append-only:
  // a closed day is evidence, not a draft.
  {
    kind: 'plain',
    sql: `
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
  },
  // v3: the merchant's own catalogue. Prices are whole rupiah. Removing a
  // product only clears `active`: past orders keep their own copies in
  // order_items, and a never-emptied table is how CatalogService knows the
  // defaults were seeded once (so the delete trigger guards that too).
  {
    kind: 'plain',
    sql: `
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
  },
  // v4: the v1 tables rebuilt so the vocabulary (methods, statuses, sources,
  // APIs, refund statuses) lives in code, not in CHECK lists; zero totals and
  // discount / free lines; longer gateway order ids; each payment's gateway
  // environment; an actor on every written table ('till' until staff log in).
  {
    kind: 'rebuild',
    sql: `
  -- Shape checks replace the v1 vocabulary lists: a method, status, source,
  -- API or environment is a lowercase identifier here; which identifiers
  -- exist is the code's business (ledger/vocabulary.ts), so adding one needs
  -- no migration. New columns go last, so old columns keep their positions.
  CREATE TABLE v4_orders (
    id          TEXT PRIMARY KEY,
    total       INTEGER NOT NULL CHECK (total >= 0),
    created_at  TEXT NOT NULL,
    actor       TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64)
  ) STRICT;
  INSERT INTO v4_orders (id, total, created_at) SELECT id, total, created_at FROM orders;

  -- price: < 0 is a discount line, 0 a free item; what a cart may hold is the cart's rule.
  CREATE TABLE v4_order_items (
    order_id  TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line      INTEGER NOT NULL,
    sku       TEXT NOT NULL,
    name      TEXT NOT NULL,
    price     INTEGER NOT NULL,
    quantity  INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line)
  ) STRICT;
  INSERT INTO v4_order_items (order_id, line, sku, name, price, quantity)
    SELECT order_id, line, sku, name, price, quantity FROM order_items;

  -- gateway_order_id: up to 50 (Core API order_id); SNAP-BI's 36 is checked per API in code.
  -- gateway_env NULL = recorded before v4 (the environment was not kept then).
  CREATE TABLE v4_payments (
    id                TEXT PRIMARY KEY,
    order_id          TEXT NOT NULL REFERENCES orders(id),
    gateway_order_id  TEXT NOT NULL UNIQUE
                      CHECK (length(gateway_order_id) BETWEEN 1 AND 50
                             AND gateway_order_id NOT GLOB '*[^A-Za-z0-9._~-]*'),
    method            TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 32
                                           AND method GLOB '[a-z]*' AND method NOT GLOB '*[^a-z0-9_]*'),
    api               TEXT NOT NULL CHECK (length(api) BETWEEN 1 AND 32
                                           AND api GLOB '[a-z]*' AND api NOT GLOB '*[^a-z0-9_]*'),
    external_id       TEXT NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 36),
    reference_no      TEXT,
    status            TEXT NOT NULL CHECK (length(status) BETWEEN 1 AND 32
                                           AND status GLOB '[a-z]*' AND status NOT GLOB '*[^a-z0-9_]*'),
    amount            INTEGER NOT NULL CHECK (amount > 0),
    refunded_amount   INTEGER NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    action            TEXT CHECK (action IS NULL OR json_valid(action)),
    va_number         TEXT,
    expires_at        TEXT,
    paid_at           TEXT,
    last_source       TEXT NOT NULL CHECK (length(last_source) BETWEEN 1 AND 32
                                           AND last_source GLOB '[a-z]*' AND last_source NOT GLOB '*[^a-z0-9_]*'),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    gateway_env       TEXT CHECK (gateway_env IS NULL OR (length(gateway_env) BETWEEN 1 AND 32
                                  AND gateway_env GLOB '[a-z]*' AND gateway_env NOT GLOB '*[^a-z0-9_]*')),
    actor             TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64)
  ) STRICT;
  INSERT INTO v4_payments (id, order_id, gateway_order_id, method, api, external_id, reference_no, status, amount,
      refunded_amount, action, va_number, expires_at, paid_at, last_source, created_at, updated_at)
    SELECT id, order_id, gateway_order_id, method, api, external_id, reference_no, status, amount,
      refunded_amount, action, va_number, expires_at, paid_at, last_source, created_at, updated_at
    FROM payments;

  CREATE TABLE v4_payment_events (
    id              INTEGER PRIMARY KEY,
    payment_id      TEXT NOT NULL REFERENCES payments(id),
    source          TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 32
                                         AND source GLOB '[a-z]*' AND source NOT GLOB '*[^a-z0-9_]*'),
    from_status     TEXT NOT NULL CHECK (length(from_status) BETWEEN 1 AND 32
                                         AND from_status GLOB '[a-z]*' AND from_status NOT GLOB '*[^a-z0-9_]*'),
    to_status       TEXT CHECK (to_status IS NULL OR (length(to_status) BETWEEN 1 AND 32
                                AND to_status GLOB '[a-z]*' AND to_status NOT GLOB '*[^a-z0-9_]*')),
    claimed_status  TEXT,
    applied         INTEGER NOT NULL CHECK (applied IN (0, 1)),
    note            TEXT NOT NULL,
    refunded_delta  INTEGER NOT NULL DEFAULT 0 CHECK (refunded_delta >= 0),
    raw             TEXT CHECK (raw IS NULL OR json_valid(raw)),
    created_at      TEXT NOT NULL,
    actor           TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64),
    CHECK (applied = 1 OR refunded_delta = 0)
  ) STRICT;
  INSERT INTO v4_payment_events (id, payment_id, source, from_status, to_status, claimed_status, applied, note,
      refunded_delta, raw, created_at)
    SELECT id, payment_id, source, from_status, to_status, claimed_status, applied, note,
      refunded_delta, raw, created_at
    FROM payment_events;

  CREATE TABLE v4_refunds (
    id               INTEGER PRIMARY KEY,
    payment_id       TEXT NOT NULL REFERENCES payments(id),
    refund_key       TEXT NOT NULL UNIQUE CHECK (length(refund_key) BETWEEN 1 AND 36),
    amount           INTEGER NOT NULL CHECK (amount > 0),
    refunded_before  INTEGER NOT NULL CHECK (refunded_before >= 0),
    reason           TEXT,
    status           TEXT NOT NULL CHECK (length(status) BETWEEN 1 AND 32
                                          AND status GLOB '[a-z]*' AND status NOT GLOB '*[^a-z0-9_]*'),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    actor            TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64)
  ) STRICT;
  INSERT INTO v4_refunds (id, payment_id, refund_key, amount, refunded_before, reason, status, created_at, updated_at)
    SELECT id, payment_id, refund_key, amount, refunded_before, reason, status, created_at, updated_at FROM refunds;

  -- Dropping a table drops its indexes; the new ones are created below under the same names.
  DROP TABLE refunds;
  DROP TABLE payment_events;
  DROP TABLE payments;
  DROP TABLE order_items;
  DROP TABLE orders;
  ALTER TABLE v4_orders RENAME TO orders;
  ALTER TABLE v4_order_items RENAME TO order_items;
  ALTER TABLE v4_payments RENAME TO payments;
  ALTER TABLE v4_payment_events RENAME TO payment_events;
  ALTER TABLE v4_refunds RENAME TO refunds;

  CREATE INDEX payments_order ON payments(order_id);
  CREATE INDEX payments_created ON payments(created_at);
  CREATE INDEX payments_paid ON payments(paid_at) WHERE paid_at IS NOT NULL;
  CREATE INDEX payments_open ON payments(status) WHERE status IN ('creating', 'pending');
  CREATE INDEX payment_events_payment ON payment_events(payment_id, id);
  CREATE INDEX payment_events_refunds ON payment_events(created_at) WHERE refunded_delta > 0;
  CREATE INDEX refunds_payment ON refunds(payment_id);

  -- Tables whose constraints stay as they are only gain the column (their triggers stay untouched).
  ALTER TABLE day_closings ADD COLUMN actor TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64);
  ALTER TABLE products ADD COLUMN actor TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64);
  `,
  },
  // v5: staff accounts, owner-set values and the audit log (staff/README.md).
  // Profiles (`staff`) and secrets (`staff_pins`: scrypt hashes and the
  // wrong-PIN state, which survives a restart) are separate tables, so listing
  // staff never reads a hash. At most one owner. Staff are deactivated, never
  // deleted; `audit_log` is append-only like day_closings. Roles and outcomes
  // are shape-checked here and checked against their lists in code, as in v4.
  {
    kind: 'plain',
    sql: `
  CREATE TABLE staff (
    id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    role        TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 32
                                     AND role GLOB '[a-z]*' AND role NOT GLOB '*[^a-z0-9_]*'),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX staff_one_owner ON staff(role) WHERE role = 'owner';
  CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff
    BEGIN SELECT RAISE(ABORT, 'staff are deactivated, never deleted'); END;

  -- Hashes are PHC strings ("?scrypt?…" keeps a plain PIN from ever fitting).
  CREATE TABLE staff_pins (
    staff_id         TEXT PRIMARY KEY REFERENCES staff(id),
    pin_hash         TEXT CHECK (pin_hash IS NULL OR pin_hash GLOB '?scrypt?*'),
    recovery_hash    TEXT CHECK (recovery_hash IS NULL OR recovery_hash GLOB '?scrypt?*'),
    failed_count     INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    next_attempt_at  TEXT,
    locked           INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    locked_at        TEXT CHECK (locked = 1 OR locked_at IS NULL),
    updated_at       TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER staff_pins_no_delete BEFORE DELETE ON staff_pins
    BEGIN SELECT RAISE(ABORT, 'staff are deactivated, never deleted'); END;

  CREATE TABLE owner_settings (
    key         TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
    value       TEXT NOT NULL CHECK (json_valid(value)),
    updated_at  TEXT NOT NULL,
    actor       TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64)
  ) STRICT;

  CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64),
    actor_name  TEXT CHECK (actor_name IS NULL OR length(actor_name) BETWEEN 1 AND 50),
    action      TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 96),
    outcome     TEXT NOT NULL CHECK (length(outcome) BETWEEN 1 AND 32
                                     AND outcome GLOB '[a-z]*' AND outcome NOT GLOB '*[^a-z0-9_]*'),
    target      TEXT,
    caller      TEXT,
    details     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details) AND json_type(details) = 'object')
  ) STRICT;
  CREATE INDEX audit_log_at ON audit_log(at);
  CREATE INDEX audit_log_actor ON audit_log(actor, id);
  CREATE INDEX audit_log_action ON audit_log(action, id);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
  },
  // v6: the outbox. Every ledger write appends its domain event here in the
  // same transaction (ledger/domain-events.ts); the multi-till sync will read
  // it in id order and set `published_at`. Rows are never deleted, and the
  // only change a row may take is being marked published, once. Event types
  // are shape-checked here and listed in code, as in v4.
  {
    kind: 'plain',
    sql: `
  CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    type          TEXT NOT NULL CHECK (length(type) BETWEEN 3 AND 64
                                       AND type GLOB '[a-z]*.[a-z]*' AND type NOT GLOB '*[^a-z0-9_.]*'),
    aggregate_id  TEXT NOT NULL CHECK (length(aggregate_id) BETWEEN 1 AND 128),
    payload       TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64),
    published_at  TEXT
  ) STRICT;
  CREATE INDEX outbox_unpublished ON outbox(id) WHERE published_at IS NULL;
  CREATE INDEX outbox_aggregate ON outbox(aggregate_id, id);
  CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
    BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
  CREATE TRIGGER outbox_publish_only BEFORE UPDATE ON outbox
    WHEN OLD.published_at IS NOT NULL OR NEW.published_at IS NULL
      OR NEW.id IS NOT OLD.id OR NEW.type IS NOT OLD.type OR NEW.aggregate_id IS NOT OLD.aggregate_id
      OR NEW.payload IS NOT OLD.payload OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
    BEGIN SELECT RAISE(ABORT, 'an outbox row only changes to be marked published, once'); END;
  `,
  },
  // v7: the re-check plan of paid payments that can still change at the gateway
  // (a bank reversal, a refund from the Midtrans dashboard): one row per
  // payment, rewritten in place after each re-check, so the plan survives a
  // restart and costs the same few bytes however often a payment is re-read.
  // `next_at` NULL = no re-check left. The index serves the per-method scans
  // over the re-check windows (paid_at ranges).
  {
    kind: 'plain',
    sql: `
  CREATE TABLE payment_rechecks (
    payment_id  TEXT PRIMARY KEY REFERENCES payments(id),
    next_at     TEXT,
    checked_at  TEXT,
    checks      INTEGER NOT NULL DEFAULT 0 CHECK (checks >= 0)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX payment_rechecks_due ON payment_rechecks(next_at) WHERE next_at IS NOT NULL;
  CREATE INDEX payments_method_paid ON payments(method, paid_at) WHERE paid_at IS NOT NULL;
  `,
  },
  // v8: notifications stored once (issue 9). A notification's claim (payment,
  // claimed status, gateway identifiers) hashes to `claim_key`: one row per
  // payment and key, a repeat only counts in `received` / `last_received_at`.
  // `notification_deliveries` holds the SNAP-BI deliveries (X-EXTERNAL-ID +
  // body hash) that were recorded, so a retry is answered at any age without
  // being processed again (webhook/freshness.ts). Keys are SHA-256 hex.
  {
    kind: 'plain',
    sql: `
  ALTER TABLE payment_events ADD COLUMN claim_key TEXT
    CHECK (claim_key IS NULL OR (length(claim_key) = 64 AND claim_key NOT GLOB '*[^0-9a-f]*'));
  ALTER TABLE payment_events ADD COLUMN received INTEGER NOT NULL DEFAULT 1 CHECK (received >= 1);
  ALTER TABLE payment_events ADD COLUMN last_received_at TEXT;
  CREATE UNIQUE INDEX payment_events_claims ON payment_events(payment_id, claim_key) WHERE claim_key IS NOT NULL;

  CREATE TABLE notification_deliveries (
    delivery_key  TEXT PRIMARY KEY CHECK (length(delivery_key) = 64 AND delivery_key NOT GLOB '*[^0-9a-f]*'),
    event_id      INTEGER NOT NULL REFERENCES payment_events(id),
    received_at   TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX notification_deliveries_event ON notification_deliveries(event_id);
  `,
  },
  // v9: the sale, owned by main (issue 10). A sale is an `orders` row (the
  // tenders are its payments) plus a `sales` row that carries what the cashier
  // built (`draft`: lines and discounts), its priced quote and the totals the
  // reports sum, and — once every tender is paid — its receipt number, drawn
  // from `receipt_counters` in the same transaction, so a number is never
  // skipped or reused (a voided sale draws none). `sale_tenders` says what part
  // of the sale each payment covers, its cash rounding, the cash received and
  // change, and the exact `item_details` sent (a replay sends the same bytes).
  // `drawer_movements` is cash taken out of the drawer (a cash or VA/store
  // refund paid from the drawer, cash handed back on a void, a "no sale"
  // opening): never a gateway status, so reconciliation never undoes it.
  // Products get a tax class and a barcode (what a scanner reads); closings
  // get sale and tender counts. A tender the cashier stopped waiting for is
  // `abandoned_at` (cancelled in the background); if its customer paid it
  // anyway, the owner's `late_decision` says what became of the money.
  {
    kind: 'plain',
    sql: `
  CREATE TABLE sales (
    id             TEXT PRIMARY KEY REFERENCES orders(id),
    till_id        TEXT NOT NULL CHECK (length(till_id) BETWEEN 1 AND 16 AND till_id NOT GLOB '*[^A-Za-z0-9_-]*'),
    status         TEXT NOT NULL CHECK (length(status) BETWEEN 1 AND 32 AND status GLOB '[a-z]*' AND status NOT GLOB '*[^a-z0-9_]*'),
    draft          TEXT NOT NULL CHECK (json_valid(draft)),
    quote          TEXT NOT NULL CHECK (json_valid(quote)),
    subtotal       INTEGER NOT NULL CHECK (subtotal >= 0),
    discount_total INTEGER NOT NULL CHECK (discount_total >= 0),
    service_total  INTEGER NOT NULL CHECK (service_total >= 0),
    tax_total      INTEGER NOT NULL CHECK (tax_total >= 0),
    total          INTEGER NOT NULL CHECK (total >= 0),
    rounding       INTEGER NOT NULL DEFAULT 0 CHECK (rounding <= 0),
    receipt_no     INTEGER CHECK (receipt_no IS NULL OR receipt_no >= 1),
    print_count    INTEGER NOT NULL DEFAULT 0 CHECK (print_count >= 0),
    opened_at      TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    closed_at      TEXT,
    void_reason    TEXT CHECK (void_reason IS NULL OR length(void_reason) BETWEEN 1 AND 255),
    actor          TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64),
    UNIQUE (till_id, receipt_no)
  ) STRICT;
  CREATE INDEX sales_open ON sales(till_id, opened_at) WHERE status = 'open';
  CREATE INDEX sales_closed ON sales(closed_at) WHERE closed_at IS NOT NULL;

  CREATE TABLE receipt_counters (
    till_id  TEXT PRIMARY KEY CHECK (length(till_id) BETWEEN 1 AND 16),
    last_no  INTEGER NOT NULL CHECK (last_no >= 0)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE sale_tenders (
    payment_id    TEXT PRIMARY KEY REFERENCES payments(id),
    sale_id       TEXT NOT NULL REFERENCES sales(id),
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    applied       INTEGER NOT NULL CHECK (applied >= 1),
    rounding      INTEGER NOT NULL DEFAULT 0 CHECK (rounding <= 0 AND applied + rounding >= 1),
    received      INTEGER CHECK (received IS NULL OR received >= 0),
    change_given  INTEGER CHECK (change_given IS NULL OR change_given >= 0),
    items         TEXT NOT NULL CHECK (json_valid(items)),
    created_at    TEXT NOT NULL,
    abandoned_at  TEXT,
    late_decision TEXT CHECK (late_decision IS NULL OR (length(late_decision) BETWEEN 1 AND 32 AND late_decision GLOB '[a-z]*' AND late_decision NOT GLOB '*[^a-z0-9_]*')),
    UNIQUE (sale_id, seq)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE drawer_movements (
    id          INTEGER PRIMARY KEY,
    till_id     TEXT NOT NULL CHECK (length(till_id) BETWEEN 1 AND 16),
    kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32 AND kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z0-9_]*'),
    sale_id     TEXT REFERENCES sales(id),
    payment_id  TEXT REFERENCES payments(id),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 255),
    actor       TEXT NOT NULL DEFAULT 'till' CHECK (length(actor) BETWEEN 1 AND 64),
    created_at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX drawer_movements_at ON drawer_movements(created_at);
  CREATE INDEX drawer_movements_payment ON drawer_movements(payment_id) WHERE payment_id IS NOT NULL;

  ALTER TABLE products ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard'
    CHECK (length(tax_class) BETWEEN 1 AND 32 AND tax_class GLOB '[a-z]*' AND tax_class NOT GLOB '*[^a-z0-9_]*');
  ALTER TABLE products ADD COLUMN barcode TEXT
    CHECK (barcode IS NULL OR (length(barcode) BETWEEN 4 AND 64 AND barcode NOT GLOB '*[^0-9A-Za-z._-]*'));
  CREATE UNIQUE INDEX products_barcode ON products(barcode) WHERE barcode IS NOT NULL;
  ALTER TABLE day_closings ADD COLUMN sale_count INTEGER CHECK (sale_count IS NULL OR sale_count >= 0);
  ALTER TABLE day_closings ADD COLUMN tender_count INTEGER CHECK (tender_count IS NULL OR tender_count >= 0);
  ALTER TABLE day_closings ADD COLUMN cash_received INTEGER CHECK (cash_received IS NULL OR cash_received >= 0);
  ALTER TABLE day_closings ADD COLUMN change_given INTEGER CHECK (change_given IS NULL OR change_given >= 0);
  ALTER TABLE day_closings ADD COLUMN rounding_total INTEGER CHECK (rounding_total IS NULL OR rounding_total <= 0);
  `,
  },
  // v10: ledger growth (issue 12): raw gateway payloads slimmed to the
  // retention rule (payments/raw-retention.ts, ledger/README.md "Raw payload
  // retention"). Every event row stays, with its ids, statuses, amounts and
  // times; only what can be derived goes: QR image bytes (SNAP-BI `qrImage`,
  // a data:image value), the QR string and QR links (the QR string is
  // `payments.action`); the raw of payments that can no longer change becomes
  // the settled projection (raw-compaction.ts, the same SQL), and their QR
  // string is cleared. `outbox_aggregate` goes: nothing reads the outbox by
  // aggregate (the relay reads by id). Space comes back at the next VACUUM
  // after a day is closed (ledger-maintenance.ts), not here.
  {
    kind: 'plain',
    sql: `
  UPDATE payment_events SET raw = json_remove(raw, '$.qrImage', '$.qr_image', '$.qrImageBase64', '$.qrCodeImage',
                                              '$.qrContent', '$.qr_string', '$.qrUrl', '$.actions')
  WHERE raw IS NOT NULL AND json_type(raw) = 'object'
    AND (json_type(raw, '$.qrImage') IS NOT NULL OR json_type(raw, '$.qr_image') IS NOT NULL
         OR json_type(raw, '$.qrImageBase64') IS NOT NULL OR json_type(raw, '$.qrCodeImage') IS NOT NULL
         OR json_type(raw, '$.qrContent') IS NOT NULL OR json_type(raw, '$.qr_string') IS NOT NULL
         OR json_type(raw, '$.qrUrl') IS NOT NULL OR json_type(raw, '$.actions') IS NOT NULL);

  UPDATE payment_events SET raw = (
    SELECT json_set(payment_events.raw, t.fullkey, '[image omitted]')
    FROM json_tree(payment_events.raw) AS t
    WHERE t.type = 'text' AND (t.value LIKE 'data:image%' OR t.value GLOB 'iVBORw0KGgo*' OR t.value GLOB '/9j/*' OR t.value GLOB 'R0lGOD*')
    ORDER BY t.id LIMIT 1)
  WHERE raw IS NOT NULL AND (raw LIKE '%data:image%' OR raw LIKE '%"iVBORw0KGgo%' OR raw LIKE '%"/9j/%' OR raw LIKE '%"R0lGOD%')
    AND EXISTS (SELECT 1 FROM json_tree(payment_events.raw) AS t
                WHERE t.type = 'text' AND (t.value LIKE 'data:image%' OR t.value GLOB 'iVBORw0KGgo*' OR t.value GLOB '/9j/*' OR t.value GLOB 'R0lGOD*'));

  CREATE TEMP TABLE v10_settled AS
    SELECT p.id FROM payments p
    WHERE (p.status IN ('refund', 'expire', 'cancel', 'deny', 'failure')
           OR (p.status IN ('settlement', 'capture', 'partial_refund')
               AND NOT EXISTS (SELECT 1 FROM payment_rechecks r WHERE r.payment_id = p.id AND r.next_at IS NOT NULL)))
      AND NOT EXISTS (SELECT 1 FROM refunds f WHERE f.payment_id = p.id AND f.status IN ('requested', 'unknown'))
      AND EXISTS (SELECT 1 FROM day_closings d WHERE d.period_start <= p.created_at AND p.created_at < d.period_end);

  UPDATE payment_events SET raw = json_patch('{"settled":1}', (
    SELECT json_group_object(replace(substr(t.fullkey, 3), '"', ''),
             CASE t.type WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE t.value END ORDER BY t.id)
    FROM json_tree(payment_events.raw) AS t
    WHERE t.type NOT IN ('object', 'array', 'null') AND t.key IN (
      'order_id', 'transaction_id', 'refund_key', 'refund_chargeback_id', 'partnerReferenceNo', 'referenceNo',
      'originalPartnerReferenceNo', 'originalReferenceNo', 'originalExternalId', 'partnerRefundNo', 'refundNo',
      'approvalCode', 'approval_code', 'rrn', 'virtualAccountNo', 'va_number', 'bill_key', 'biller_code', 'payment_code',
      'transaction_status', 'fraud_status', 'status_code', 'latestTransactionStatus', 'responseCode',
      'gross_amount', 'refund_amount', 'value', 'currency',
      'transaction_time', 'settlement_time', 'expiry_time', 'refund_time', 'paidTime', 'finishedTime', 'refundTime',
      'validityPeriod', 'expiredDate',
      'payment_type', 'issuer', 'acquirer', 'bank', 'store', 'issuerName', 'acquirerName')))
  WHERE raw IS NOT NULL AND json_type(raw) = 'object' AND json_extract(raw, '$.settled') IS NOT 1
    AND payment_id IN (SELECT id FROM v10_settled);

  UPDATE payments SET action = NULL
  WHERE action IS NOT NULL AND json_extract(action, '$.kind') = 'qr' AND id IN (SELECT id FROM v10_settled);

  DROP TABLE v10_settled;
  DROP INDEX IF EXISTS outbox_aggregate;
  `,
  },
  // v11: the day reports at a busy outlet (issue 12: 30,000 payments a day).
  // Covering indexes, so the Today screen, the Z-report and the day's CSV
  // read index ranges of the day instead of a wide row (or a lookup by random
  // id) per payment: paid tenders by paid_at with method, amount and ids
  // (totals, per method, per hour, sales of pre-v9 orders, the cash tenders);
  // payments started in the day by created_at with status (open and failed
  // counts); the day's paid sales by closed_at with their id; the CSV's
  // tender and receipt columns by the day's tender and sale times (a tender
  // carries its payment's created_at; a sale opens before its tenders).
  {
    kind: 'plain',
    sql: `
  CREATE INDEX payments_paid_cover ON payments(paid_at, method, amount, id, order_id) WHERE paid_at IS NOT NULL;
  CREATE INDEX payments_created_status ON payments(created_at, status);
  CREATE INDEX sales_closed_paid ON sales(closed_at, id, status) WHERE status = 'paid' AND closed_at IS NOT NULL;
  CREATE INDEX sale_tenders_created ON sale_tenders(created_at, payment_id, seq, received, change_given, rounding);
  CREATE INDEX sales_opened ON sales(opened_at, id, till_id, receipt_no);
  `,
  },
  // v12: ledger growth, the rows around a payment (issue 12). The outbox
  // may lose a row once it is published (the sync has it), never before; closed
  // sales of closed days drop what their own row already says: the draft
  // when it is exactly the quote's lines without discounts, the tender's
  // item_details when they are exactly the quote's lines and the payment is
  // settled (ledger/sale-compaction.ts, the same SQL; sales/sale-draft.ts
  // parseStoredDraft reads it back). Every id, status, amount, time and actor stays.
  {
    kind: 'plain',
    sql: `
  DROP TRIGGER outbox_no_delete;
  CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox WHEN OLD.published_at IS NULL
    BEGIN SELECT RAISE(ABORT, 'the outbox is append-only until a row is published'); END;

  UPDATE sales SET draft = json_object('fromQuote', 1, 'origin', json_extract(draft, '$.origin'))
  WHERE status IN ('paid', 'voided') AND substr(draft, 1, 13) <> '{"fromQuote":'
    AND EXISTS (SELECT 1 FROM day_closings d WHERE d.period_start <= sales.closed_at AND sales.closed_at < d.period_end)
    AND json_array_length(draft, '$.saleDiscounts') = 0 AND json_type(draft, '$.approval') IS NOT 'object'
    AND json_array_length(draft, '$.lines') = json_array_length(quote, '$.lines')
    AND NOT EXISTS (SELECT 1 FROM json_each(sales.draft, '$.lines') AS l
      WHERE l.value IS NOT json_object(
        'id', json_extract(sales.quote, '$.lines[' || l.key || '].id'),
        'sku', json_extract(sales.quote, '$.lines[' || l.key || '].sku'),
        'name', json_extract(sales.quote, '$.lines[' || l.key || '].name'),
        'unitPrice', json_extract(sales.quote, '$.lines[' || l.key || '].unitPrice'),
        'quantity', json_extract(sales.quote, '$.lines[' || l.key || '].quantity'),
        'taxClass', json_extract(sales.quote, '$.lines[' || l.key || '].taxClass'),
        'discount', json('null')));

  UPDATE sale_tenders SET items = '{"fromQuote":1}'
  WHERE items <> '{"fromQuote":1}' AND items <> '[]' AND payment_id IN (
      SELECT p.id FROM payments p
      WHERE (p.status IN ('refund', 'expire', 'cancel', 'deny', 'failure')
             OR (p.status IN ('settlement', 'capture', 'partial_refund')
                 AND NOT EXISTS (SELECT 1 FROM payment_rechecks r WHERE r.payment_id = p.id AND r.next_at IS NOT NULL)))
        AND NOT EXISTS (SELECT 1 FROM refunds f WHERE f.payment_id = p.id AND f.status IN ('requested', 'unknown'))
        AND EXISTS (SELECT 1 FROM day_closings d WHERE d.period_start <= p.created_at AND p.created_at < d.period_end))
    AND items = (SELECT json_group_array(json_object('id', json_extract(l.value, '$.sku'), 'price', json_extract(l.value, '$.unitPrice'),
                                                     'quantity', json_extract(l.value, '$.quantity'), 'name', json_extract(l.value, '$.name')))
                 FROM sales s, json_each(s.quote, '$.lines') AS l WHERE s.id = sale_tenders.sale_id
                   AND json_extract(s.quote, '$.total') = sale_tenders.applied AND json_array_length(s.quote, '$.discounts') = 0
                   AND json_extract(s.quote, '$.serviceAmount') = 0 AND json_extract(s.quote, '$.taxAdded') = 0);
  `,
  },
  // v13: the after-close maintenance in year five (issue 12). A run used to
  // re-read every payment, event, sale and tender ever written and VACUUM the
  // whole file (78 s on a 500k-payment year, minutes by year five, the write
  // lock held throughout). Now each run takes in only the days closed since
  // the last one: their payments wait in `maintenance_pending` until the
  // retention rule settles them (a paid one's re-check plan ends days later),
  // their sales are compacted once. `maintenance_runs` records each run —
  // the last closing it took in, what it changed, the bytes it freed and
  // whether it VACUUMed (only once enough is free: ledger/README.md). The
  // published outbox rows it prunes get their own small index (there are none
  // until a relay publishes; the whole outbox was scanned for them).
  {
    kind: 'plain',
    sql: `
  CREATE TABLE maintenance_runs (
    id                INTEGER PRIMARY KEY,
    ran_at            TEXT NOT NULL,
    closings_through  INTEGER NOT NULL CHECK (closings_through >= 0),
    settled           INTEGER NOT NULL CHECK (settled >= 0),
    carried           INTEGER NOT NULL CHECK (carried >= 0),
    freed_bytes       INTEGER NOT NULL CHECK (freed_bytes >= 0),
    vacuumed          INTEGER NOT NULL CHECK (vacuumed IN (0, 1)),
    bytes_after       INTEGER CHECK (bytes_after IS NULL OR bytes_after >= 0)
  ) STRICT;
  CREATE TABLE maintenance_pending (
    payment_id  TEXT PRIMARY KEY REFERENCES payments(id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX outbox_published ON outbox(at) WHERE published_at IS NOT NULL;
  `,
  },
  // v14: start-up with a year on file (issue 12). Every start, and every time
  // Midtrans answers again, the till follows up the abandoned tenders with
  // something left to do (sales/abandoned-tenders.ts), and its first screen
  // asks for the late payments among them. They were found by scanning every
  // tender ever made (120 ms on a 500k-payment year, up to three times before
  // the first screen); an index on the abandoned ones alone would still hold
  // every one whose payment ended unpaid, which stay undecided for good (4% of
  // the year's tenders, 90 ms). `tender_followups` holds only those still
  // followed: a tender enters when it is abandoned and leaves once the owner
  // decides or its payment has ended unpaid. It starts with the abandoned,
  // undecided tenders whose payment has not ended unpaid. No record changes.
  {
    kind: 'plain',
    sql: `
  CREATE TABLE tender_followups (
    payment_id  TEXT PRIMARY KEY REFERENCES sale_tenders(payment_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO tender_followups (payment_id)
    SELECT t.payment_id FROM sale_tenders t JOIN payments p ON p.id = t.payment_id
    WHERE t.abandoned_at IS NOT NULL AND t.late_decision IS NULL
      AND p.status NOT IN ('expire', 'cancel', 'deny', 'failure');
  `,
  },
  // v15: day reports at 30,000 payments a day (issue 12). The Today screen
  // and the Z-report read every paid and every started payment of the day
  // from covering indexes, and probed the sales key once per paid tender to
  // find orders without a sale: 50–60 ms at 30k a day, growing with the day.
  // Their numbers are now kept per 15-minute UTC slot (a shop's day is always
  // whole slots: every zone offset in use is a multiple of 15 minutes), in the
  // same transaction as the change, by triggers, so no writer can forget them:
  // `report_method_slots` — tenders paid per slot of paid_at and method, with
  // a cash tender's received, change and rounding; `report_slots` — payments
  // started per slot of created_at that are open / ended unpaid, and sales
  // closed as paid per slot of closed_at; `report_bare_paid` — the paid
  // payments of an order with no sale (written before v9, or a bare charge),
  // which a day counts once per order (a sale written after its order's
  // payment takes them out). A report reads a day's ~100 slots. A time that
  // does not parse (none is written so: every time is an ISO-8601 UTC string)
  // is in no slot, as it is in no day's text range. The triggers follow
  // inserts and changes of status, times, amount, method and cash; the keys
  // they follow by (a payment's id and order, a sale's id, a tender's payment
  // and sale) never change and these records are never deleted, which the
  // file now refuses. The tables start from every record on file. No record
  // changes.
  {
    kind: 'plain',
    sql: `
  CREATE TABLE report_method_slots (
    slot           INTEGER NOT NULL,
    method         TEXT NOT NULL,
    count          INTEGER NOT NULL,
    total          INTEGER NOT NULL,
    cash_received  INTEGER NOT NULL,
    cash_change    INTEGER NOT NULL,
    cash_rounding  INTEGER NOT NULL,
    PRIMARY KEY (slot, method)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE report_slots (
    slot          INTEGER NOT NULL PRIMARY KEY,
    open_count    INTEGER NOT NULL,
    failed_count  INTEGER NOT NULL,
    sale_count    INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE report_bare_paid (
    payment_id  TEXT PRIMARY KEY REFERENCES payments(id),
    paid_at     TEXT NOT NULL,
    order_id    TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX report_bare_paid_at ON report_bare_paid(paid_at, order_id);
  CREATE INDEX report_bare_paid_order ON report_bare_paid(order_id);

  INSERT INTO report_method_slots (slot, method, count, total, cash_received, cash_change, cash_rounding)
    SELECT CAST(strftime('%s', p.paid_at) AS INTEGER) / 900, p.method, COUNT(*), SUM(p.amount),
      SUM(CASE WHEN p.method = 'cash' THEN COALESCE(t.received, p.amount) ELSE 0 END),
      SUM(CASE WHEN p.method = 'cash' THEN COALESCE(t.change_given, 0) ELSE 0 END),
      SUM(CASE WHEN p.method = 'cash' THEN COALESCE(t.rounding, 0) ELSE 0 END)
    FROM payments p LEFT JOIN sale_tenders t ON t.payment_id = p.id
    WHERE CAST(strftime('%s', p.paid_at) AS INTEGER) / 900 IS NOT NULL GROUP BY 1, 2;
  INSERT INTO report_slots (slot, open_count, failed_count, sale_count)
    SELECT slot, SUM(open_count), SUM(failed_count), SUM(sale_count) FROM (
      SELECT CAST(strftime('%s', created_at) AS INTEGER) / 900 AS slot, status IN ('creating', 'pending') AS open_count,
        status IN ('expire', 'cancel', 'deny', 'failure', 'failed_to_create') AS failed_count, 0 AS sale_count FROM payments
      UNION ALL
      SELECT CAST(strftime('%s', closed_at) AS INTEGER) / 900, 0, 0, 1 FROM sales WHERE status = 'paid')
    WHERE slot IS NOT NULL GROUP BY slot;
  INSERT INTO report_bare_paid (payment_id, paid_at, order_id)
    SELECT p.id, p.paid_at, p.order_id FROM payments p
    WHERE p.paid_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = p.order_id);

  CREATE TRIGGER report_payment_started AFTER INSERT ON payments BEGIN
    INSERT INTO report_slots (slot, open_count, failed_count, sale_count)
      SELECT CAST(strftime('%s', NEW.created_at) AS INTEGER) / 900, NEW.status IN ('creating', 'pending'), NEW.status IN ('expire', 'cancel', 'deny', 'failure', 'failed_to_create'), 0
      WHERE CAST(strftime('%s', NEW.created_at) AS INTEGER) / 900 IS NOT NULL
      ON CONFLICT (slot) DO UPDATE SET open_count = open_count + excluded.open_count, failed_count = failed_count + excluded.failed_count;
    INSERT INTO report_method_slots (slot, method, count, total, cash_received, cash_change, cash_rounding)
      SELECT CAST(strftime('%s', NEW.paid_at) AS INTEGER) / 900, NEW.method, 1, NEW.amount,
        CASE WHEN NEW.method = 'cash' THEN COALESCE((SELECT t.received FROM sale_tenders t WHERE t.payment_id = NEW.id), NEW.amount) ELSE 0 END,
        CASE WHEN NEW.method = 'cash' THEN COALESCE((SELECT t.change_given FROM sale_tenders t WHERE t.payment_id = NEW.id), 0) ELSE 0 END,
        CASE WHEN NEW.method = 'cash' THEN COALESCE((SELECT t.rounding FROM sale_tenders t WHERE t.payment_id = NEW.id), 0) ELSE 0 END
      WHERE CAST(strftime('%s', NEW.paid_at) AS INTEGER) / 900 IS NOT NULL
      ON CONFLICT (slot, method) DO UPDATE SET count = count + 1, total = total + excluded.total,
        cash_received = cash_received + excluded.cash_received, cash_change = cash_change + excluded.cash_change,
        cash_rounding = cash_rounding + excluded.cash_rounding;
    INSERT INTO report_bare_paid (payment_id, paid_at, order_id)
      SELECT NEW.id, NEW.paid_at, NEW.order_id WHERE NEW.paid_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = NEW.order_id);
  END;

  CREATE TRIGGER report_payment_status AFTER UPDATE OF status, created_at ON payments
    WHEN OLD.status IS NOT NEW.status OR OLD.created_at IS NOT NEW.created_at BEGIN
    UPDATE report_slots SET open_count = open_count - (OLD.status IN ('creating', 'pending')), failed_count = failed_count - (OLD.status IN ('expire', 'cancel', 'deny', 'failure', 'failed_to_create'))
      WHERE slot = CAST(strftime('%s', OLD.created_at) AS INTEGER) / 900;
    INSERT INTO report_slots (slot, open_count, failed_count, sale_count)
      SELECT CAST(strftime('%s', NEW.created_at) AS INTEGER) / 900, NEW.status IN ('creating', 'pending'), NEW.status IN ('expire', 'cancel', 'deny', 'failure', 'failed_to_create'), 0
      WHERE CAST(strftime('%s', NEW.created_at) AS INTEGER) / 900 IS NOT NULL
      ON CONFLICT (slot) DO UPDATE SET open_count = open_count + excluded.open_count, failed_count = failed_count + excluded.failed_count;
  END;

  CREATE TRIGGER report_payment_paid AFTER UPDATE OF paid_at, amount, method ON payments
    WHEN OLD.paid_at IS NOT NEW.paid_at OR OLD.amount IS NOT NEW.amount OR OLD.method IS NOT NEW.method BEGIN
    UPDATE report_method_slots SET count = count - 1, total = total - OLD.amount,
      cash_received = cash_received - (CASE WHEN OLD.method = 'cash' THEN COALESCE((SELECT t.received FROM sale_tenders t WHERE t.payment_id = OLD.id), OLD.amount) ELSE 0 END),
      cash_change = cash_change - (CASE WHEN OLD.method = 'cash' THEN COALESCE((SELECT t.change_given FROM sale_tenders t WHERE t.payment_id = OLD.id), 0) ELSE 0 END),
      cash_rounding = cash_rounding - (CASE WHEN OLD.method = 'cash' THEN COALESCE((SELECT t.rounding FROM sale_tenders t WHERE t.payment_id = OLD.id), 0) ELSE 0 END)
      WHERE slot = CAST(strftime('%s', OLD.paid_at) AS INTEGER) / 900 AND method = OLD.method;
    INSERT INTO report_method_slots (slot, method, count, total, cash_received, cash_change, cash_rounding)
      SELECT CAST(strftime('%s', NEW.paid_at) AS INTEGER) / 900, NEW.method, 1, NEW.amount,
        CASE WHEN NEW.method = 'cash' THEN COALESCE((SELECT t.received FROM sale_tenders t WHERE t.payment_id = NEW.id), NEW.amount) ELSE 0 END,
        CASE WHEN NEW.method = 'cash' THEN COALESCE((SELECT t.change_given FROM sale_tenders t WHERE t.payment_id = NEW.id), 0) ELSE 0 END,
        CASE WHEN NEW.method = 'cash' THEN COALESCE((SELECT t.rounding FROM sale_tenders t WHERE t.payment_id = NEW.id), 0) ELSE 0 END
      WHERE CAST(strftime('%s', NEW.paid_at) AS INTEGER) / 900 IS NOT NULL
      ON CONFLICT (slot, method) DO UPDATE SET count = count + 1, total = total + excluded.total,
        cash_received = cash_received + excluded.cash_received, cash_change = cash_change + excluded.cash_change,
        cash_rounding = cash_rounding + excluded.cash_rounding;
    DELETE FROM report_bare_paid WHERE OLD.paid_at IS NOT NULL AND payment_id = OLD.id;
    INSERT INTO report_bare_paid (payment_id, paid_at, order_id)
      SELECT NEW.id, NEW.paid_at, NEW.order_id WHERE NEW.paid_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = NEW.order_id);
  END;

  CREATE TRIGGER report_tender_added AFTER INSERT ON sale_tenders BEGIN
    UPDATE report_method_slots SET cash_received = cash_received + COALESCE(NEW.received, p.amount) - p.amount,
      cash_change = cash_change + COALESCE(NEW.change_given, 0), cash_rounding = cash_rounding + NEW.rounding
      FROM payments p WHERE p.id = NEW.payment_id AND p.method = 'cash'
        AND report_method_slots.slot = CAST(strftime('%s', p.paid_at) AS INTEGER) / 900 AND report_method_slots.method = 'cash';
  END;

  CREATE TRIGGER report_tender_cash AFTER UPDATE OF received, change_given, rounding ON sale_tenders
    WHEN OLD.received IS NOT NEW.received OR OLD.change_given IS NOT NEW.change_given OR OLD.rounding IS NOT NEW.rounding BEGIN
    UPDATE report_method_slots SET cash_received = cash_received + COALESCE(NEW.received, p.amount) - COALESCE(OLD.received, p.amount),
      cash_change = cash_change + COALESCE(NEW.change_given, 0) - COALESCE(OLD.change_given, 0),
      cash_rounding = cash_rounding + NEW.rounding - OLD.rounding
      FROM payments p WHERE p.id = NEW.payment_id AND p.method = 'cash'
        AND report_method_slots.slot = CAST(strftime('%s', p.paid_at) AS INTEGER) / 900 AND report_method_slots.method = 'cash';
  END;

  CREATE TRIGGER report_sale_added AFTER INSERT ON sales BEGIN
    DELETE FROM report_bare_paid WHERE order_id = NEW.id;
    INSERT INTO report_slots (slot, open_count, failed_count, sale_count)
      SELECT CAST(strftime('%s', NEW.closed_at) AS INTEGER) / 900, 0, 0, 1 WHERE NEW.status = 'paid' AND CAST(strftime('%s', NEW.closed_at) AS INTEGER) / 900 IS NOT NULL
      ON CONFLICT (slot) DO UPDATE SET sale_count = sale_count + 1;
  END;

  CREATE TRIGGER report_sale_closed AFTER UPDATE OF status, closed_at ON sales
    WHEN OLD.status IS NOT NEW.status OR OLD.closed_at IS NOT NEW.closed_at BEGIN
    UPDATE report_slots SET sale_count = sale_count - 1 WHERE OLD.status = 'paid' AND slot = CAST(strftime('%s', OLD.closed_at) AS INTEGER) / 900;
    INSERT INTO report_slots (slot, open_count, failed_count, sale_count)
      SELECT CAST(strftime('%s', NEW.closed_at) AS INTEGER) / 900, 0, 0, 1 WHERE NEW.status = 'paid' AND CAST(strftime('%s', NEW.closed_at) AS INTEGER) / 900 IS NOT NULL
      ON CONFLICT (slot) DO UPDATE SET sale_count = sale_count + 1;
  END;

  CREATE TRIGGER payments_keys_fixed BEFORE UPDATE OF id, order_id ON payments
    WHEN OLD.id IS NOT NEW.id OR OLD.order_id IS NOT NEW.order_id
    BEGIN SELECT RAISE(ABORT, 'a payment keeps its id and its order'); END;
  CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
    BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END;
  CREATE TRIGGER sales_id_fixed BEFORE UPDATE OF id ON sales WHEN OLD.id IS NOT NEW.id
    BEGIN SELECT RAISE(ABORT, 'a sale keeps its id'); END;
  CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
    BEGIN SELECT RAISE(ABORT, 'sales are never deleted'); END;
  CREATE TRIGGER sale_tenders_keys_fixed BEFORE UPDATE OF payment_id, sale_id ON sale_tenders
    WHEN OLD.payment_id IS NOT NEW.payment_id OR OLD.sale_id IS NOT NEW.sale_id
    BEGIN SELECT RAISE(ABORT, 'a tender keeps its payment and its sale'); END;
  CREATE TRIGGER sale_tenders_no_delete BEFORE DELETE ON sale_tenders
    BEGIN SELECT RAISE(ABORT, 'tenders are never deleted'); END;
  `,
  },
  // v16: ledger growth, what a closed day keeps (issue 12). The outbox is
  // the delivery buffer of the day still open: nothing ships it yet (no
  // sync), and every fact its rows carry is in the records (payment_events,
  // sales, refunds, drawer_movements, day_closings), so an unpublished row
  // may now be deleted once its time lies before the end of the latest
  // closing; one of the day still open, never (a published row, as since
  // v12, any time). The rows of days
  // already closed go now; the maintenance prunes by `outbox_at`, which
  // replaces `outbox_published`. (Packing the JSON of closed days,
  // ledger/packed-text.ts, needs no schema: the maintenance does it.)
  {
    kind: 'plain',
    sql: `
  DROP TRIGGER outbox_no_delete;
  CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
    WHEN OLD.published_at IS NULL AND OLD.at >= COALESCE((SELECT period_end FROM day_closings WHERE id = (SELECT MAX(id) FROM day_closings)), '')
    BEGIN SELECT RAISE(ABORT, 'an unpublished outbox row of a day not closed yet is never deleted'); END;

  DELETE FROM outbox WHERE at < COALESCE((SELECT period_end FROM day_closings WHERE id = (SELECT MAX(id) FROM day_closings)), '');
  DROP INDEX outbox_published;
  CREATE INDEX outbox_at ON outbox(at);
  `,
  },
];
