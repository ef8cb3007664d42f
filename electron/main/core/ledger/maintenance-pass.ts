/**
 * One run of the after-close maintenance over what is new since the last run
 * (v13), so a run costs what the days closed since then hold, not what the
 * ledger has held for five years (a full pass over a 500k-payment year took
 * 35 s before its VACUUM; ledger/README.md has the figures):
 *
 * 1. the payments of every day closed since the last run (`day_closings.id`
 *    above the last run's `closings_through`) join `maintenance_pending`;
 * 2. the pending ones the retention rule now settles (raw-compaction.ts
 *    `SETTLED_RULE`: final, or paid with the re-check plan over; no refund in
 *    flight) get their events' raw settled, their QR string cleared and
 *    their tender's derivable `item_details` compacted, and leave the table;
 *    the others stay until a later run (a paid QRIS: its 7-day plan);
 * 3. the closed sales of those newly closed days get their derivable draft
 *    compacted (sale-compaction.ts: a closed sale never changes again);
 * 4. the settled raw of those payments and the quotes of those closed
 *    sales are packed (packed-text.ts: lossless, to ~20–40% of their
 *    length);
 * 5. outbox rows before the end of the last closing are pruned (since v16,
 *    published or not: sale-compaction.ts `PRUNE_OUTBOX`).
 *
 * All of it is one IMMEDIATE transaction; the run's row in
 * `maintenance_runs` is written by ledger-maintenance.ts once it knows
 * whether it VACUUMed. A run that died before writing it is simply done
 * again: every step is idempotent.
 */
import type { Database } from './open-ledger';
import { registerPackedText } from './packed-text';
import { QR_ACTION, SETTLED_RAW_SQL, SETTLED_RULE, SETTLED_TEXT_RAW, UNSETTLED_RAW } from './raw-compaction';
import { COMPACTED_DRAFT, DRAFT_DERIVABLE, ITEMS_DERIVABLE, PACK_QUOTE, PRUNE_OUTBOX } from './sale-compaction';

/** What one pass changed. */
export interface PassResult {
  /** The highest `day_closings.id` this pass took in (the run row records it). */
  closingsThrough: number;
  /** Payments settled by this pass (they left `maintenance_pending`). */
  settled: number;
  /** Payments of closed days still waiting for the rule (a later run takes them). */
  carried: number;
  /** `payment_events` rows whose raw became the settled projection. */
  events: number;
  /** Settled QRIS payments whose QR string was cleared. */
  qrCleared: number;
  /** Closed sales whose draft was compacted. */
  drafts: number;
  /** Settled tenders whose item_details were compacted. */
  items: number;
  /** Values packed: settled raw payloads and closed sales' quotes. */
  packed: number;
  /** Outbox rows deleted. */
  outboxPruned: number;
  /** Characters of JSON the pass removed (what a VACUUM could give back, roughly). */
  freedBytes: number;
}

/** The settling set of this pass lives in a temp table: the statements below join it by key. */
const SETTLING = 'temp.maintenance_settling';

/** The closed sales of the days this pass takes in (named parameters @last, @through). */
const NEW_SALES = `SELECT s.id FROM day_closings d JOIN sales s ON s.closed_at >= d.period_start AND s.closed_at < d.period_end
    WHERE d.id > @last AND d.id <= @through`;

/**
 * The pass's statements, exported so a test can check that each one reads
 * index ranges and keys of what is new (never a whole table). `sizes` reads
 * the characters the pass may shrink, before and after, over exactly the
 * rows it may touch.
 */
export const MAINTENANCE_PASS_SQL = {
  lastThrough: 'SELECT COALESCE(MAX(closings_through), 0) FROM maintenance_runs',
  through: 'SELECT COALESCE(MAX(id), 0) FROM day_closings',
  takeIn: `INSERT OR IGNORE INTO maintenance_pending (payment_id)
    SELECT p.id FROM day_closings d JOIN payments p ON p.created_at >= d.period_start AND p.created_at < d.period_end
    WHERE d.id > @last AND d.id <= @through`,
  clearSettling: `DELETE FROM ${SETTLING}`,
  // CROSS JOIN keeps maintenance_pending outside: without statistics the planner would scan payments instead.
  pickSettling: `INSERT INTO ${SETTLING} (id)
    SELECT p.id FROM maintenance_pending m CROSS JOIN payments p ON p.id = m.payment_id WHERE ${SETTLED_RULE}`,
  sizes: `SELECT
      (SELECT COALESCE(SUM(length(raw)), 0) FROM payment_events WHERE payment_id IN (SELECT id FROM ${SETTLING}))
    + (SELECT COALESCE(SUM(length(action)), 0) FROM payments WHERE id IN (SELECT id FROM ${SETTLING}))
    + (SELECT COALESCE(SUM(length(items)), 0) FROM sale_tenders WHERE payment_id IN (SELECT id FROM ${SETTLING}))
    + (SELECT COALESCE(SUM(length(draft) + length(quote)), 0) FROM sales WHERE id IN (${NEW_SALES}))`,
  settleEvents: `UPDATE payment_events SET raw = ${SETTLED_RAW_SQL}
    WHERE payment_id IN (SELECT id FROM ${SETTLING}) AND ${UNSETTLED_RAW}`,
  clearQr: `UPDATE payments SET action = NULL WHERE id IN (SELECT id FROM ${SETTLING}) AND ${QR_ACTION}`,
  compactItems: `UPDATE sale_tenders SET items = '{"fromQuote":1}'
    WHERE payment_id IN (SELECT id FROM ${SETTLING}) AND ${ITEMS_DERIVABLE}`,
  compactDrafts: `UPDATE sales SET draft = ${COMPACTED_DRAFT} WHERE id IN (${NEW_SALES}) AND ${DRAFT_DERIVABLE}`,
  packRaw: `UPDATE payment_events SET raw = kasir_pack(raw) WHERE payment_id IN (SELECT id FROM ${SETTLING}) AND ${SETTLED_TEXT_RAW}`,
  packQuotes: `${PACK_QUOTE} AND id IN (${NEW_SALES})`,
  release: `DELETE FROM maintenance_pending WHERE payment_id IN (SELECT id FROM ${SETTLING})`,
  pendingCount: 'SELECT COUNT(*) FROM maintenance_pending',
  prune: PRUNE_OUTBOX,
} as const;

/** Creates the pass's temp table on `db`'s connection (before its statements are prepared). */
export function createSettlingTable(db: Database): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS maintenance_settling (id TEXT PRIMARY KEY) WITHOUT ROWID`);
}

/** Builds the pass's statements over `db` (prepared once per LedgerMaintenance). */
export function maintenancePass(db: Database): () => PassResult {
  registerPackedText(db);
  createSettlingTable(db);
  const q = MAINTENANCE_PASS_SQL;
  const one = (sql: string) => db.prepare(sql).pluck();
  const lastThrough = one(q.lastThrough);
  const through = one(q.through);
  const takeIn = db.prepare(q.takeIn);
  const clearSettling = db.prepare(q.clearSettling);
  const pickSettling = db.prepare(q.pickSettling);
  const sizes = one(q.sizes);
  const settleEvents = db.prepare(q.settleEvents);
  const clearQr = db.prepare(q.clearQr);
  const compactItems = db.prepare(q.compactItems);
  const compactDrafts = db.prepare(q.compactDrafts);
  const packRaw = db.prepare(q.packRaw);
  const packQuotes = db.prepare(q.packQuotes);
  const release = db.prepare(q.release);
  const pendingCount = one(q.pendingCount);
  const prune = db.prepare(q.prune);

  const run = db.transaction((): PassResult => {
    const span = { last: lastThrough.get() as number, through: through.get() as number };
    takeIn.run(span);
    clearSettling.run();
    const settled = pickSettling.run().changes;
    const before = sizes.get(span) as number;
    const events = settleEvents.run().changes;
    const qrCleared = clearQr.run().changes;
    const items = compactItems.run().changes;
    const drafts = compactDrafts.run(span).changes;
    const packed = packRaw.run().changes + packQuotes.run(span).changes;
    const after = sizes.get(span) as number;
    release.run();
    clearSettling.run();
    const outboxPruned = prune.run().changes;
    return {
      closingsThrough: span.through, settled, carried: pendingCount.get() as number,
      events, qrCleared, drafts, items, packed, outboxPruned, freedBytes: Math.max(0, before - after),
    };
  });
  return () => run.immediate();
}
