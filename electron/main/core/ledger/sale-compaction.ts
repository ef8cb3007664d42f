/**
 * Closed sales, once their day is closed, keep what happened and drop what
 * the same row already says (ledger/README.md "Raw payload retention and the
 * file's size"). Run by the ledger maintenance after a day is closed, next to
 * the raw compaction; the migration step that slims old ledgers repeats the
 * two UPDATEs literally (migrations are frozen text).
 *
 * - `sales.draft` of a paid or voided sale whose `closed_at` lies in a closed
 *   day becomes `{"fromQuote":1,"origin":…}` — only when nothing is lost: no
 *   sale discount, no standing approval, and every draft line is exactly its
 *   quote line without the priced fields plus `"discount":null` (compared as
 *   JSON text, key order included). `sales/sale-draft.ts` `parseStoredDraft`
 *   rebuilds the lines from the quote.
 * - `sale_tenders.items` (the `item_details` sent to Midtrans) of a tender
 *   whose payment is settled (raw-compaction.ts `SETTLED_PAYMENTS`) becomes
 *   `{"fromQuote":1}` when it is exactly the sale's quote lines as
 *   `item_details` (`shared/domain/pricing/item-details.ts` `fullBreakdown`
 *   of a sale without discounts, service or added tax) — i.e. derivable.
 *   Items are only read to (re)send a charge, which a settled payment never
 *   is again.
 * - `outbox` rows already published (`published_at`) whose `at` lies before
 *   the end of the last closed day are deleted: the sync has them. Nothing
 *   publishes yet (no relay), so today this deletes nothing.
 */
import type { Database } from './open-ledger';
import { SETTLED_PAYMENTS } from './raw-compaction';

/** The compacted form of a closed sale's draft. */
export const COMPACTED_DRAFT = `json_object('fromQuote', 1, 'origin', json_extract(draft, '$.origin'))`;

/** A `sales` row whose draft says nothing its quote does not (a closed sale; its day's closing is checked apart). */
export const DRAFT_DERIVABLE = `status IN ('paid', 'voided') AND substr(draft, 1, 13) <> '{"fromQuote":'
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
        'discount', json('null')))`;

/** The compacted draft of every closed sale of a closed day (sets `draft`; WHERE picks the sales it may be written for). */
export const COMPACT_DRAFTS = `
  UPDATE sales SET draft = ${COMPACTED_DRAFT}
  WHERE ${DRAFT_DERIVABLE}
    AND EXISTS (SELECT 1 FROM day_closings d WHERE d.period_start <= sales.closed_at AND sales.closed_at < d.period_end)`;

/** A `sale_tenders` row whose `item_details` are exactly its sale's quote lines (its payment's settling is checked apart). */
export const ITEMS_DERIVABLE = `items <> '{"fromQuote":1}' AND items <> '[]'
    AND items = (SELECT json_group_array(json_object('id', json_extract(l.value, '$.sku'), 'price', json_extract(l.value, '$.unitPrice'),
                                                     'quantity', json_extract(l.value, '$.quantity'), 'name', json_extract(l.value, '$.name')))
                 FROM sales s, json_each(s.quote, '$.lines') AS l WHERE s.id = sale_tenders.sale_id
                   AND json_extract(s.quote, '$.total') = sale_tenders.applied AND json_array_length(s.quote, '$.discounts') = 0
                   AND json_extract(s.quote, '$.serviceAmount') = 0 AND json_extract(s.quote, '$.taxAdded') = 0)`;

/** The derivable `item_details` of settled tenders. */
const COMPACT_ITEMS = `
  UPDATE sale_tenders SET items = '{"fromQuote":1}'
  WHERE payment_id IN (${SETTLED_PAYMENTS}) AND ${ITEMS_DERIVABLE}`;

/** Published outbox rows before the end of the last closed day (v13's `outbox_published` index: only published rows are read). */
export const PRUNE_OUTBOX = `
  DELETE FROM outbox WHERE published_at IS NOT NULL AND at < (SELECT max(period_end) FROM day_closings)`;

/** What one sale compaction changed. */
export interface SaleCompactionResult {
  drafts: number;
  items: number;
  outboxPruned: number;
}

/** Compacts closed sales of closed days and prunes the published outbox, in one IMMEDIATE transaction (a full pass: see compactSettledRaw). */
export function compactClosedSales(db: Database): SaleCompactionResult {
  const drafts = db.prepare(COMPACT_DRAFTS);
  const items = db.prepare(COMPACT_ITEMS);
  const outbox = db.prepare(PRUNE_OUTBOX);
  return db
    .transaction(() => ({ drafts: drafts.run().changes, items: items.run().changes, outboxPruned: outbox.run().changes }))
    .immediate();
}
