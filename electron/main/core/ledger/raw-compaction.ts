/**
 * The retention rule's second half, in SQL: once a payment can no longer
 * change, its events' raw payloads become the settled projection
 * (`payments/raw-retention.ts` `settledRaw`: the same key list, the same flat
 * `{"settled":1, "<path>": leaf}` text; the path is `json_tree`'s
 * `fullkey` without `$.` and without the quotes it puts around keys like `status_code`) and a QRIS payment's QR
 * string (`payments.action`, only ever drawn while the payment is open) is
 * cleared. Run by the ledger maintenance after a day is closed
 * (`ledger-maintenance.ts`); the migration step that slims old ledgers
 * repeats this SQL literally (migrations are frozen text).
 *
 * "Can no longer change" (ledger/README.md "Raw payload retention"): a final
 * status (`refund`, `expire`, `cancel`, `deny`, `failure`), or a paid one
 * (`settlement`, `capture`, `partial_refund`) whose re-check plan is over
 * (no `payment_rechecks.next_at`: the reversal and refund windows have
 * passed) — and in both cases no refund still in flight and its day closed
 * (a `day_closings` period holds its `created_at`). Open payments and
 * `failed_to_create` (a late charge may still land) keep their full raw.
 */
import type { Database } from './open-ledger';
import { registerPackedText } from './packed-text';

/**
 * The rule on one payment row `p`, but for its day being closed: final, or
 * paid with its re-check plan over, and no refund in flight. The maintenance
 * (maintenance-pass.ts) applies it to the payments of closed days it holds
 * in `maintenance_pending`; SETTLED_PAYMENTS adds the closed day itself.
 */
export const SETTLED_RULE = `(p.status IN ('refund', 'expire', 'cancel', 'deny', 'failure')
         OR (p.status IN ('settlement', 'capture', 'partial_refund')
             AND NOT EXISTS (SELECT 1 FROM payment_rechecks r WHERE r.payment_id = p.id AND r.next_at IS NOT NULL)))
    AND NOT EXISTS (SELECT 1 FROM refunds f WHERE f.payment_id = p.id AND f.status IN ('requested', 'unknown'))`;

/**
 * Payments whose events are settled (the rule above), over the whole ledger:
 * what the v10/v12 steps did once and `compactSettledRaw` does (a full pass,
 * O(history)); the scheduled maintenance takes only what is new (maintenance-pass.ts).
 */
export const SETTLED_PAYMENTS = `
  SELECT p.id FROM payments p
  WHERE ${SETTLED_RULE}
    AND EXISTS (SELECT 1 FROM day_closings d WHERE d.period_start <= p.created_at AND p.created_at < d.period_end)`;

/**
 * Leaf keys kept by `settledRaw` (both APIs' names). Everything else —
 * messages, merchant ids, QR strings, links, signatures, terminal ids — is
 * dropped once the payment cannot change. The runtime SQL below is built from
 * this list; the migration step, frozen, spells it out (the test checks both).
 */
export const SETTLED_KEYS: readonly string[] = [
  // ids and references
  'order_id', 'transaction_id', 'refund_key', 'refund_chargeback_id', 'partnerReferenceNo', 'referenceNo',
  'originalPartnerReferenceNo', 'originalReferenceNo', 'originalExternalId', 'partnerRefundNo', 'refundNo',
  'approvalCode', 'approval_code', 'rrn', 'virtualAccountNo', 'va_number', 'bill_key', 'biller_code', 'payment_code',
  // statuses and codes
  'transaction_status', 'fraud_status', 'status_code', 'latestTransactionStatus', 'responseCode',
  // amounts
  'gross_amount', 'refund_amount', 'value', 'currency',
  // times
  'transaction_time', 'settlement_time', 'expiry_time', 'refund_time', 'paidTime', 'finishedTime', 'refundTime',
  'validityPeriod', 'expiredDate',
  // what paid
  'payment_type', 'issuer', 'acquirer', 'bank', 'store', 'issuerName', 'acquirerName',
];

/** The settled projection of `payment_events.raw`, keeping the leaves named in {@link SETTLED_KEYS}. */
export const SETTLED_RAW_SQL = `json_patch('{"settled":1}', (
    SELECT json_group_object(replace(substr(t.fullkey, 3), '"', ''),
             CASE t.type WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE t.value END ORDER BY t.id)
    FROM json_tree(payment_events.raw) AS t
    WHERE t.type NOT IN ('object', 'array', 'null') AND t.key IN (${SETTLED_KEYS.map((k) => `'${k}'`).join(', ')})))`;

/** An event's raw that is not settled yet (and is an object: a null or marker raw stays as it is, and so does a packed one, a JSON string). */
export const UNSETTLED_RAW = `raw IS NOT NULL AND json_type(raw) = 'object' AND json_extract(raw, '$.settled') IS NOT 1`;

/** An event's raw that is the settled projection, not packed yet (the maintenance packs it: packed-text.ts). */
export const SETTLED_TEXT_RAW = `raw GLOB '{"settled":1[,}]*'`;

/** A payment's action that is a QR string (drawn only while the payment is open). */
export const QR_ACTION = `action IS NOT NULL AND json_extract(action, '$.kind') = 'qr'`;

const SETTLE_EVENTS = `
  UPDATE payment_events SET raw = ${SETTLED_RAW_SQL}
  WHERE ${UNSETTLED_RAW} AND payment_id IN (${SETTLED_PAYMENTS})`;

const CLEAR_QR = `
  UPDATE payments SET action = NULL
  WHERE ${QR_ACTION} AND id IN (${SETTLED_PAYMENTS})`;

const PACK_SETTLED = `
  UPDATE payment_events SET raw = kasir_pack(raw)
  WHERE ${SETTLED_TEXT_RAW} AND payment_id IN (${SETTLED_PAYMENTS})`;

/** What one compaction changed. */
export interface CompactionResult {
  /** `payment_events` rows whose raw became the settled projection. */
  events: number;
  /** Settled QRIS payments whose QR string was cleared. */
  qrCleared: number;
  /** Settled raw payloads packed (packed-text.ts). */
  packed: number;
}

/**
 * Settles the raw payloads of every payment that can no longer change, in one
 * IMMEDIATE transaction: a full pass over the ledger (tests, and what the
 * frozen steps did); the scheduled maintenance runs maintenance-pass.ts.
 */
export function compactSettledRaw(db: Database): CompactionResult {
  registerPackedText(db);
  const events = db.prepare(SETTLE_EVENTS);
  const qr = db.prepare(CLEAR_QR);
  const pack = db.prepare(PACK_SETTLED);
  return db.transaction(() => ({ events: events.run().changes, qrCleared: qr.run().changes, packed: pack.run().changes })).immediate();
}
