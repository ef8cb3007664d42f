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
 * - `outbox` rows whose `at` lies before the end of the last closing are
 *   deleted (since v16, published or not): the outbox is the delivery buffer
 *   of the day still open, and every fact its rows carry is in the records.
 * - The quote of a closed sale of a newly closed day is packed
 *   (packed-text.ts; `SaleRepository` reads it back): SQL here reads quotes
 *   through `kasir_text`, so a packed quote and a TEXT one read the same.
 */
import type { Database } from './open-ledger';
import { registerPackedText } from './packed-text';
import { SETTLED_PAYMENTS } from './raw-compaction';

/** The compacted form of a closed sale's draft. */
export const COMPACTED_DRAFT = `json_object('fromQuote', 1, 'origin', json_extract(draft, '$.origin'))`;

/** A `sales` row whose draft says nothing its quote does not (a closed sale; its day's closing is checked apart). */
export const DRAFT_DERIVABLE = `status IN ('paid', 'voided') AND substr(draft, 1, 13) <> '{"fromQuote":'
    AND json_array_length(draft, '$.saleDiscounts') = 0 AND json_type(draft, '$.approval') IS NOT 'object'
    AND json_array_length(draft, '$.lines') = json_array_length(kasir_text(quote), '$.lines')
    AND NOT EXISTS (SELECT 1 FROM json_each(sales.draft, '$.lines') AS l
      WHERE l.value IS NOT json_object(
        'id', json_extract(kasir_text(sales.quote), '$.lines[' || l.key || '].id'),
        'sku', json_extract(kasir_text(sales.quote), '$.lines[' || l.key || '].sku'),
        'name', json_extract(kasir_text(sales.quote), '$.lines[' || l.key || '].name'),
        'unitPrice', json_extract(kasir_text(sales.quote), '$.lines[' || l.key || '].unitPrice'),
        'quantity', json_extract(kasir_text(sales.quote), '$.lines[' || l.key || '].quantity'),
        'taxClass', json_extract(kasir_text(sales.quote), '$.lines[' || l.key || '].taxClass'),
        'discount', json('null')))`;

/** A `sales` row closed within a closed day's period (the full passes' scope; the maintenance takes only new days). */
const IN_CLOSED_DAY = `EXISTS (SELECT 1 FROM day_closings d WHERE d.period_start <= sales.closed_at AND sales.closed_at < d.period_end)`;

/** The compacted draft of every closed sale of a closed day (sets `draft`; WHERE picks the sales it may be written for). */
export const COMPACT_DRAFTS = `
  UPDATE sales SET draft = ${COMPACTED_DRAFT}
  WHERE ${DRAFT_DERIVABLE}
    AND ${IN_CLOSED_DAY}`;

/** A `sale_tenders` row whose `item_details` are exactly its sale's quote lines (its payment's settling is checked apart). */
export const ITEMS_DERIVABLE = `items <> '{"fromQuote":1}' AND items <> '[]'
    AND items = (SELECT json_group_array(json_object('id', json_extract(l.value, '$.sku'), 'price', json_extract(l.value, '$.unitPrice'),
                                                     'quantity', json_extract(l.value, '$.quantity'), 'name', json_extract(l.value, '$.name')))
                 FROM sales s, json_each(kasir_text(s.quote), '$.lines') AS l WHERE s.id = sale_tenders.sale_id
                   AND json_extract(kasir_text(s.quote), '$.total') = sale_tenders.applied AND json_array_length(kasir_text(s.quote), '$.discounts') = 0
                   AND json_extract(kasir_text(s.quote), '$.serviceAmount') = 0 AND json_extract(kasir_text(s.quote), '$.taxAdded') = 0)`;

/** The derivable `item_details` of settled tenders. */
const COMPACT_ITEMS = `
  UPDATE sale_tenders SET items = '{"fromQuote":1}'
  WHERE payment_id IN (${SETTLED_PAYMENTS}) AND ${ITEMS_DERIVABLE}`;

/** Outbox rows before the end of the latest closing (v16's `outbox_no_delete` allows exactly these; `outbox_at` finds them). */
export const PRUNE_OUTBOX = `
  DELETE FROM outbox WHERE at < (SELECT period_end FROM day_closings WHERE id = (SELECT MAX(id) FROM day_closings))`;

/** Packs the quote of the closed sales the statement's WHERE names (a closed sale's quote never changes again). */
export const PACK_QUOTE = `UPDATE sales SET quote = kasir_pack(quote) WHERE substr(quote, 1, 1) <> '"' AND status IN ('paid', 'voided')`;

/** What one sale compaction changed. */
export interface SaleCompactionResult {
  drafts: number;
  items: number;
  /** Closed sales' quotes packed (packed-text.ts). */
  quotes: number;
  outboxPruned: number;
}

const PACK_CLOSED_QUOTES = `${PACK_QUOTE}
    AND ${IN_CLOSED_DAY}`;

/** Compacts and packs closed sales of closed days and prunes the outbox of closed days, in one IMMEDIATE transaction (a full pass: see compactSettledRaw). */
export function compactClosedSales(db: Database): SaleCompactionResult {
  registerPackedText(db);
  const drafts = db.prepare(COMPACT_DRAFTS);
  const items = db.prepare(COMPACT_ITEMS);
  const quotes = db.prepare(PACK_CLOSED_QUOTES);
  const outbox = db.prepare(PRUNE_OUTBOX);
  return db
    .transaction(() => ({
      drafts: drafts.run().changes, items: items.run().changes, quotes: quotes.run().changes, outboxPruned: outbox.run().changes,
    }))
    .immediate();
}
