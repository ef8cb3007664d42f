/**
 * Copies a written template day onto earlier days inside SQLite (`INSERT …
 * SELECT`), so a 5M-payment year costs two days of JavaScript and the rest in
 * C. A copy for day `i` takes the template's sales whose place in a fixed
 * shuffle (`k`) is below that day's share, with everything that hangs off them
 * (order, items, tenders, payments, events, deliveries, re-check plans, outbox,
 * refunds, drawer movements): the hourly shape and the method mix stay the
 * template's. Every time moves back by whole days (Asia/Jakarta has no DST, so
 * local times stay the same); every key is rewritten so it is unique and keeps
 * its format — a day code goes in front of the key's random part and as many
 * characters drop off its end (a copied key equals another only if a random
 * string equals a shifted copy of itself), the gateway order id takes the
 * day's date, integer ids move above every id written before, receipt
 * numbers move into the day's own block. Raw payloads and outbox payloads
 * are copied as they are (same bytes; no report reads them).
 */
import type { Database } from '../../electron/main/core/ledger';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The template: its day (local midnight, UTC ms), the opened_at range of its sales, its payments. The ledger holds nothing else yet. */
export interface TemplateDay {
  startUtc: number;
  /** Sales written for the template, by opened_at range [from, to). */
  from: string;
  to: string;
  payments: number;
}

/** One copy: the day's local midnight (UTC ms), its payments, and its receipt block's offset from the template's. */
export interface CopyDay {
  startUtc: number;
  payments: number;
  receiptOffset: number;
}

const code32 = (i: number): string => ALPHABET[(i >> 10) & 31]! + ALPHABET[(i >> 5) & 31]! + ALPHABET[i & 31]!;
const code16 = (i: number): string => (i & 0xffff).toString(16).padStart(4, '0');

/** Indexes the template's rows by their sale's place in the shuffle (temp tables). */
function prepareTemplate(db: Database, t: TemplateDay): number {
  db.exec(`
    DROP TABLE IF EXISTS temp.g_sale; DROP TABLE IF EXISTS temp.g_pay; DROP TABLE IF EXISTS temp.g_ev; DROP TABLE IF EXISTS temp.g_out;
    DROP TABLE IF EXISTS temp.g_del; DROP TABLE IF EXISTS temp.g_ref;
    CREATE TEMP TABLE g_sale (id TEXT PRIMARY KEY, k INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TEMP TABLE g_pay (id TEXT PRIMARY KEY, k INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TEMP TABLE g_ev (id INTEGER PRIMARY KEY, k INTEGER NOT NULL);
    CREATE TEMP TABLE g_out (id INTEGER PRIMARY KEY, k INTEGER NOT NULL);`);
  // The random middle of the id is the shuffle.
  db.prepare(`INSERT INTO g_sale SELECT id, row_number() OVER (ORDER BY substr(id, 5, 11), id) - 1 FROM sales WHERE opened_at >= ? AND opened_at < ?`)
    .run(t.from, t.to);
  db.exec(`
    INSERT INTO g_pay SELECT p.id, g.k FROM payments p JOIN g_sale g ON g.id = p.order_id;
    INSERT INTO g_ev SELECT e.id, g.k FROM payment_events e JOIN g_pay g ON g.id = e.payment_id;
    INSERT INTO g_out SELECT o.id, COALESCE(s.k, p.k, rp.k, dp.k, ds.k, 0) FROM outbox o
      LEFT JOIN g_sale s ON s.id = o.aggregate_id LEFT JOIN g_pay p ON p.id = o.aggregate_id
      LEFT JOIN refunds r ON o.type LIKE 'refund.%' AND r.refund_key = o.aggregate_id LEFT JOIN g_pay rp ON rp.id = r.payment_id
      LEFT JOIN drawer_movements d ON o.type = 'drawer.moved' AND d.id = CAST(o.aggregate_id AS INTEGER)
      LEFT JOIN g_pay dp ON dp.id = d.payment_id LEFT JOIN g_sale ds ON ds.id = d.sale_id
      WHERE s.k IS NOT NULL OR p.k IS NOT NULL OR rp.k IS NOT NULL OR d.id IS NOT NULL;
    -- Tables joined by a column whose index is dropped while copying: the template's rows, once.
    CREATE TEMP TABLE g_del AS SELECT n.*, g.k AS k FROM notification_deliveries n JOIN g_ev g ON g.id = n.event_id;
    CREATE TEMP TABLE g_ref AS SELECT f.*, g.k AS k FROM refunds f JOIN g_pay g ON g.id = f.payment_id;`);
  return db.prepare('SELECT COUNT(*) FROM g_sale').pluck().get() as number;
}

/**
 * `INSERT … SELECT` statements of one copy, the day's parameters bound by
 * name. CROSS JOIN keeps the template's (small) table outside: the planner,
 * without statistics, could otherwise scan the growing table once per copy.
 */
function copyStatements(db: Database) {
  const T = (c: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${c}, @shift)`;
  const X = (c: string) => `(substr(${c}, 1, 4) || @c32 || substr(${c}, 5, length(${c}) - 7))`;
  const H = (c: string) => `(@c16 || substr(${c}, 1, length(${c}) - 4))`;
  const OID = (c: string) => `('KSR-' || @ymd || substr(${c}, 13))`;
  const sql = [
    `INSERT INTO orders (id, total, created_at, actor) SELECT ${X('o.id')}, o.total, ${T('o.created_at')}, o.actor
       FROM g_sale g CROSS JOIN orders o ON o.id = g.id WHERE g.k < @k`,
    `INSERT INTO order_items (order_id, line, sku, name, price, quantity) SELECT ${X('i.order_id')}, i.line, i.sku, i.name, i.price, i.quantity
       FROM g_sale g CROSS JOIN order_items i ON i.order_id = g.id WHERE g.k < @k`,
    `INSERT INTO sales (id, till_id, status, draft, quote, subtotal, discount_total, service_total, tax_total, total, rounding, receipt_no,
         print_count, opened_at, updated_at, closed_at, void_reason, actor)
       SELECT ${X('s.id')}, s.till_id, s.status, s.draft, s.quote, s.subtotal, s.discount_total, s.service_total, s.tax_total, s.total, s.rounding,
         s.receipt_no + @receipts, s.print_count, ${T('s.opened_at')}, ${T('s.updated_at')}, ${T('s.closed_at')}, s.void_reason, s.actor
       FROM g_sale g CROSS JOIN sales s ON s.id = g.id WHERE g.k < @k`,
    `INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, reference_no, status, amount, refunded_amount, action,
         va_number, expires_at, paid_at, last_source, created_at, updated_at, gateway_env, actor)
       SELECT ${X('p.id')}, ${X('p.order_id')}, ${OID('p.gateway_order_id')}, p.method, p.api,
         CASE WHEN p.external_id GLOB 'KSR-*' THEN ${OID('p.external_id')} ELSE ${H('p.external_id')} END, p.reference_no, p.status, p.amount,
         p.refunded_amount, p.action, p.va_number, ${T('p.expires_at')}, ${T('p.paid_at')}, p.last_source, ${T('p.created_at')}, ${T('p.updated_at')},
         p.gateway_env, p.actor
       FROM g_pay g CROSS JOIN payments p ON p.id = g.id WHERE g.k < @k`,
    `INSERT INTO sale_tenders (payment_id, sale_id, seq, applied, rounding, received, change_given, items, created_at, abandoned_at, late_decision)
       SELECT ${X('t.payment_id')}, ${X('t.sale_id')}, t.seq, t.applied, t.rounding, t.received, t.change_given, t.items, ${T('t.created_at')},
         ${T('t.abandoned_at')}, t.late_decision
       FROM g_pay g CROSS JOIN sale_tenders t ON t.payment_id = g.id WHERE g.k < @k`,
    `INSERT INTO payment_events (id, payment_id, source, from_status, to_status, claimed_status, applied, note, refunded_delta, raw, created_at, actor, claim_key)
       SELECT e.id + @ids, ${X('e.payment_id')}, e.source, e.from_status, e.to_status, e.claimed_status, e.applied, e.note, e.refunded_delta, e.raw,
         ${T('e.created_at')}, e.actor, ${H('e.claim_key')}
       FROM g_ev g CROSS JOIN payment_events e ON e.id = g.id WHERE g.k < @k`,
    `INSERT INTO notification_deliveries (delivery_key, event_id, received_at)
       SELECT ${H('n.delivery_key')}, n.event_id + @ids, ${T('n.received_at')}
       FROM g_del n WHERE n.k < @k`,
    `INSERT INTO payment_rechecks (payment_id, next_at, checked_at, checks) SELECT ${X('r.payment_id')}, ${T('r.next_at')}, ${T('r.checked_at')}, r.checks
       FROM g_pay g CROSS JOIN payment_rechecks r ON r.payment_id = g.id WHERE g.k < @k`,
    `INSERT INTO refunds (id, payment_id, refund_key, amount, refunded_before, reason, status, created_at, updated_at, actor)
       SELECT f.id + @ids, ${X('f.payment_id')}, ${H('f.refund_key')}, f.amount, f.refunded_before, f.reason, f.status, ${T('f.created_at')},
         ${T('f.updated_at')}, f.actor
       FROM g_ref f WHERE f.k < @k`,
    `INSERT INTO drawer_movements (id, till_id, kind, sale_id, payment_id, amount, reason, actor, created_at)
       SELECT d.id + @ids, d.till_id, d.kind, ${X('d.sale_id')}, ${X('d.payment_id')}, d.amount, d.reason, d.actor, ${T('d.created_at')}
       FROM g_out g CROSS JOIN outbox o ON o.id = g.id CROSS JOIN drawer_movements d ON d.id = CAST(o.aggregate_id AS INTEGER)
       WHERE o.type = 'drawer.moved' AND g.k < @k`,
    `INSERT INTO outbox (type, aggregate_id, payload, at, actor, published_at)
       SELECT o.type, CASE WHEN o.type = 'drawer.moved' THEN CAST(CAST(o.aggregate_id AS INTEGER) + @ids AS TEXT)
                           WHEN o.type LIKE 'refund.%' THEN ${H('o.aggregate_id')} ELSE ${X('o.aggregate_id')} END,
         o.payload, ${T('o.at')}, o.actor, ${T('o.published_at')}
       FROM g_out g CROSS JOIN outbox o ON o.id = g.id WHERE g.k < @k ORDER BY o.id`,
  ];
  return sql.map((s) => db.prepare(s));
}

/**
 * Copies `template` onto each of `days` (in the order given; the caller has
 * dropped the secondary indexes). Integer ids of copy `i` are the template's
 * plus (i + 1) × `idStride` (above every id already written: the caller passes
 * one larger than its largest). Returns the payments written.
 */
export function replicateDays(db: Database, template: TemplateDay, days: CopyDay[], idStride: number, log: (m: string) => void): number {
  const sales = prepareTemplate(db, template);
  const statements = copyStatements(db);
  const paymentsOf = db.prepare<[number], number>('SELECT COUNT(*) FROM g_pay WHERE k < ?').pluck();
  let payments = 0;
  let lastLog = Date.now();
  for (const [i, d] of days.entries()) {
    const shiftDays = Math.round((template.startUtc - d.startUtc) / 86_400_000);
    const k = Math.min(sales, Math.round((sales * d.payments) / template.payments));
    const ymd = new Date(d.startUtc + 7 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
    const params = { shift: `-${shiftDays} days`, c32: code32(i), c16: code16(i), ymd, k, ids: (i + 1) * idStride, receipts: d.receiptOffset };
    db.transaction(() => {
      for (const st of statements) st.run(params);
    })();
    payments += paymentsOf.get(k)!;
    if (Date.now() - lastLog > 15_000) {
      log(`copied ${i + 1}/${days.length} days, ${payments} payments`);
      lastLog = Date.now();
    }
  }
  db.exec('DROP TABLE temp.g_sale; DROP TABLE temp.g_pay; DROP TABLE temp.g_ev; DROP TABLE temp.g_out; DROP TABLE temp.g_del; DROP TABLE temp.g_ref;');
  return payments;
}
