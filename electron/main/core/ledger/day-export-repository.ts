/**
 * The reads of a day's CSV export: the payments started or paid in a window,
 * each with its sale and tender, and the drawer movements made in it.
 *
 * At 30,000 payments a day the export's cost is turning SQLite values into
 * JavaScript values (a string per cell, an array per row, a step of the
 * iterator per row), more than the index ranges it reads. So SQLite joins each
 * payment into one text (`JoinedExportLine`: its times, every cell that needs
 * no work in JavaScript, the staff id between marks, the order id last), read
 * with `pluck().all()` an hour of the window at a time; the renderer makes the
 * times local and adds the staff name and the sale. A row whose method, status
 * or source this Kasir does not know, with a time of another length, or with
 * the mark in its staff id comes as its rowid instead and is read as every
 * column (`PaymentExportRow`), for the vocabulary check to refuse, exactly as
 * before; so do the few paid in the window but started outside it.
 *
 * The sales come from index ranges (`sales_opened`: a sale opens before its
 * tenders), an hour at a time with the payments, one `receipt,id` text each,
 * into maps of receipt cells by sale id (the last three hours' are kept),
 * never by a lookup per payment: sale ids are random, so a lookup per row
 * would descend a year-sized index. What the maps miss (a sale opened before
 * the window, or over three hours before its tender) is looked up by key.
 */
import type { Database } from './open-ledger';
import type { PaymentRow } from './rows';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { LEDGER_VOCABULARY, VocabularyGuard, type LedgerVocabulary } from './vocabulary';
import { PaidOutsideQuery } from './day-export-outside';

/** What the day's export adds to a payment: its sale and tender (null when it has none: written before v9). */
export interface TenderExportColumns {
  sale_id: string | null;
  till_id: string | null;
  receipt_no: number | null;
  tender_seq: number | null;
  received: number | null;
  change_given: number | null;
  rounding: number | null;
}

/** The payment columns the day's export prints. */
export type PaymentExportColumns = Pick<
  PaymentRow,
  'id' | 'order_id' | 'gateway_order_id' | 'method' | 'status' | 'amount' | 'refunded_amount' | 'last_source' | 'paid_at' | 'created_at' | 'actor'
>;

/** A payment of the day's export with its sale and tender, column by column. */
export type PaymentExportRow = PaymentExportColumns & TenderExportColumns;

/** A sale as the export prints it: id, till, receipt number (null before it was paid). */
export type ExportSale = readonly [id: string, tillId: string, receiptNo: number | null];

/**
 * A payment of the day's export with its plain cells already joined by SQLite
 * (`joined: true`), as one string `text` (one value crossing into JavaScript
 * instead of one per cell), laid out as
 * `created_at` (24 characters), then `-` without a paid time or `+` and
 * `paid_at` (24 characters), then `,order_id,method,status,amount,refunded,source,`,
 * `\x01`, the staff id, `\x01`, and `,tender_seq,cash_received,change,rounding,`
 * (the last, empty cell is the reason) with the CRLF. No cell but the staff id
 * can need quoting, and the staff id holds no `\x01` (else the row comes
 * column by column); `JOINED_MARK` finds the two cuts.
 */
export interface JoinedExportLine {
  readonly joined: true;
  readonly text: string;
  /** The payment's order id: the sale's id when it has one. */
  readonly orderId: string;
  /** The sale's receipt number as printed (`K1-000042`, empty before it was paid); null without a sale. */
  readonly receipt: string | null;
}

/** What cuts `JoinedExportLine.text` around the staff id (and, in SQLite's row, before the order id). */
export const JOINED_MARK = '\x01';

/** A `drawer_movements` row of the day's export, with the tender it paid back (if any). */
export interface DrawerExportRow {
  id: number;
  kind: string;
  amount: number;
  reason: string;
  actor: string;
  created_at: string;
  sale_id: string | null;
  payment_id: string | null;
  /** The tender's gateway order id and method; null for a movement of no tender ("no sale"). */
  gateway_order_id: string | null;
  method: PaymentMethod | null;
  /** The sale's till and receipt number; null without a sale (or, for the number, before it was paid). */
  till_id: string | null;
  receipt_no: number | null;
  tender_seq: number | null;
}

/** The export's payment columns as read (`raw`), in EXPORT_COLUMNS order. */
type ExportTuple = [
  id: string, orderId: string, gatewayOrderId: string, method: PaymentRow['method'], status: PaymentRow['status'], amount: number,
  refunded: number, source: PaymentRow['last_source'], paidAt: string | null, createdAt: string, actor: string,
];

/** A payment started in the window as SQLite joined it: its JoinedExportLine text, `\x01` and its order id; or its rowid, to be read column by column. */
type JoinedOrRowid = string | number;

type TenderTuple = [paymentId: string, seq: number, received: number | null, change: number | null, rounding: number];

/** The length of a stored time, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
const ISO_LENGTH = 24;

const EXPORT_COLUMNS = 'id, order_id, gateway_order_id, method, status, amount, refunded_amount, last_source, paid_at, created_at, actor';

/** Named parameters of a window query: [from, to). */
export interface Span {
  from: string;
  to: string;
}

/** Prepared statements of the day's export. */
export class DayExportRepository {
  private readonly selJoinedStartedIn;
  private readonly selExportByRowid;
  private readonly paidOutside;
  private readonly selTender;
  private readonly selSalesOpenedIn;
  private readonly selReceipt;
  private readonly selSale;
  private readonly selDrawerOfDay;
  private readonly guard: VocabularyGuard;

  constructor(db: Database, vocabulary: LedgerVocabulary = LEDGER_VOCABULARY) {
    this.guard = new VocabularyGuard(vocabulary);
    // The payments started in the window in payments_created order (created_at, then rowid: no sort),
    // each with its tender from sale_tenders_created (a tender is written with its payment's
    // created_at, so the probe stays in the window's part of the index), else by key (a payment
    // whose time was set apart from its tender's; COALESCE asks only when the first is missing).
    // Cash cells only on a cash tender; a cash payment recorded before v9 kept no received
    // amount: it was exact. One value per row (`pluck`): the row's JoinedExportLine text with
    // `\x01` and the order id after it, or, when a row is not plain, its rowid. Plain: the
    // vocabulary (a value of any other comes column by column, to be refused); times
    // of the stored length (the text's cuts are at fixed places; any other is converted as it
    // is, from its columns); a staff id without `\x01` (the mark the renderer cuts at). No other
    // cell can need quoting or hold the mark: the schema allows a gateway order id only
    // [A-Za-z0-9._~-] (v4), the vocabulary columns only [a-z0-9_], the rest are numbers; the
    // order id is last, cut at the first mark after the tender.
    // The text is built by one concat() of every cell and comma (one allocation; concat() prints
    // a NULL as nothing), not by nested concat()s or a chain of || (a string per operator).
    // The vocabulary as CASE … WHEN 'qris' THEN 1 …, compared in place: instr() of
    // ',' || value || ',' made a string per cell and row (~4 ms more per 30,000 rows), IN
    // (json_each) cost ~40 ms more. Literals, not parameters: the vocabulary is this instance's.
    const known = (column: string, values: readonly string[]): string =>
      values.length === 0 ? '0' : `CASE ${column} ${values.map((v) => `WHEN '${v.replaceAll("'", "''")}' THEN 1`).join(' ')} ELSE 0 END`;
    // A tender's cells, `seq,cash_received,change,rounding`, as four values for concat() (its
    // commas are given between them): from the joined row t, else by key (a payment whose time
    // was set apart from its tender's; COALESCE asks only when t's value is missing), else none.
    const byKey = (column: string): string => `(SELECT k.${column} FROM sale_tenders k WHERE k.payment_id = p.id)`;
    const cash = (value: string): string => `CASE WHEN p.method = 'cash' THEN ${value} END`;
    this.selJoinedStartedIn = db.prepare<[Span], JoinedOrRowid>(
      `SELECT CASE WHEN ${known('p.method', vocabulary.methods)} AND ${known('p.status', vocabulary.statuses)} AND ${known('p.last_source', vocabulary.sources)}
           AND length(p.created_at) = ${ISO_LENGTH} AND ifnull(length(p.paid_at), 0) IN (0, ${ISO_LENGTH}) AND instr(p.actor, '${JOINED_MARK}') = 0
         THEN concat(p.created_at, CASE WHEN ifnull(p.paid_at, '') = '' THEN '-' ELSE '+' END, p.paid_at,
           ',', p.gateway_order_id, ',', p.method, ',', p.status, ',', p.amount, ',', p.refunded_amount, ',', p.last_source,
           ',${JOINED_MARK}', p.actor, '${JOINED_MARK},',
           COALESCE(t.seq, ${byKey('seq')}), ',',
           ${cash(`COALESCE(t.received, ${byKey('received')}, p.amount)`)}, ',',
           ${cash(`COALESCE(t.change_given, ${byKey('change_given')}, 0)`)}, ',',
           ${cash(`COALESCE(t.rounding, ${byKey('rounding')}, 0)`)},
           ',\r\n${JOINED_MARK}', p.order_id)
         ELSE p.rowid END
       FROM payments p INDEXED BY payments_created
         LEFT JOIN sale_tenders t INDEXED BY sale_tenders_created ON t.created_at = p.created_at AND t.payment_id = p.id
       WHERE p.created_at >= @from AND p.created_at < @to ORDER BY p.created_at, p.rowid`,
    ).pluck();
    this.selExportByRowid = db.prepare<[number], ExportTuple>(`SELECT ${EXPORT_COLUMNS} FROM payments WHERE rowid = ?`).raw();
    // Paid in the window but started outside it: a handful, in (created_at, rowid) order.
    this.paidOutside = new PaidOutsideQuery<ExportTuple>(db, EXPORT_COLUMNS);
    this.selTender = db.prepare<[string], TenderTuple>('SELECT payment_id, seq, received, change_given, rounding FROM sale_tenders WHERE payment_id = ?').raw();
    // A sale's receipt cell as printed (`K1-000042`: a receipt number is a whole number ≥ 1, so
    // printf's padding is padStart's), then `,` and its id (a till id holds no comma: the first
    // comma cuts), one value per sale. Empty before the sale is paid (printf would print 000000).
    const receipt = "CASE WHEN receipt_no IS NULL THEN '' ELSE till_id || '-' || printf('%06d', receipt_no) END";
    this.selSalesOpenedIn = db.prepare<[Span], string>(
      `SELECT ${receipt} || ',' || id FROM sales INDEXED BY sales_opened WHERE opened_at >= @from AND opened_at < @to`,
    ).pluck();
    this.selReceipt = db.prepare<[string], string>(`SELECT ${receipt} FROM sales WHERE id = ?`).pluck();
    this.selSale = db.prepare<[string], ExportSale>('SELECT id, till_id, receipt_no FROM sales WHERE id = ?').raw();
    // Cash taken out of the drawer in the day (index drawer_movements_at), oldest first.
    this.selDrawerOfDay = db.prepare<[string, string], DrawerExportRow>(
      `SELECT d.id, d.kind, d.amount, d.reason, d.actor, d.created_at, d.sale_id, d.payment_id, s.till_id AS till_id,
         p.gateway_order_id AS gateway_order_id, p.method AS method, s.receipt_no AS receipt_no, t.seq AS tender_seq
       FROM drawer_movements d LEFT JOIN payments p ON p.id = d.payment_id
         LEFT JOIN sale_tenders t ON t.payment_id = d.payment_id LEFT JOIN sales s ON s.id = d.sale_id
       WHERE d.created_at >= ? AND d.created_at < ?
       ORDER BY d.created_at, d.id`,
    );
  }

  /**
   * The payments created or paid in [fromIso, toIso), oldest first ((created_at,
   * rowid) order): a joined line when its cells need nothing but joining, else
   * every column. The texts are read an hour of the window per call
   * (`all()`): stepping row by row through better-sqlite3's iterator cost
   * ~10 ms more per 30,000 rows, and an hour's texts (~1,250 rows, ~250 kB at
   * 30,000 a day) die young where a whole day's (~6 MB) outlived the
   * collector's young generation.
   */
  *exportRows(fromIso: string, toIso: string): Generator<JoinedExportLine | PaymentExportRow> {
    const w = { from: fromIso, to: toIso };
    // Receipt cells by sale id, of the sales opened in the last few pieces (newest last): a sale
    // opens before its tenders, mostly minutes before. A day's map lived through the young
    // generation's collections (copied, then promoted: ~4 MB at 30,000 a day); an hour's dies
    // young. What they miss (a sale opened earlier) is looked up by key and kept; null: no sale.
    const recent: Map<string, string>[] = [];
    const byKey = new Map<string, string | null>();
    const receiptOf = (orderId: string): string | null => {
      for (let i = recent.length - 1; i >= 0; i--) {
        const r = recent[i]!.get(orderId);
        if (r !== undefined) return r;
      }
      let r = byKey.get(orderId);
      if (r === undefined) byKey.set(orderId, (r = this.selReceipt.get(orderId) ?? null));
      return r;
    };
    const outside = this.paidOutside.all(w);
    for (const p of outside) if (p[9] < fromIso) yield this.withSale(p);
    for (const piece of pieces(fromIso, toIso)) {
      const opened = new Map<string, string>();
      for (const s of this.selSalesOpenedIn.all(piece)) {
        const cut = s.indexOf(',');
        opened.set(s.slice(cut + 1), s.slice(0, cut));
      }
      recent.push(opened);
      if (recent.length > RECENT_PIECES) recent.shift();
      for (const row of this.selJoinedStartedIn.all(piece)) {
        if (typeof row === 'number') {
          yield this.withSale(this.selExportByRowid.get(row)!);
          continue;
        }
        // Past the times (which may hold anything), the cells hold no mark but the staff id's two;
        // the next, after the tender, ends the text.
        const head = row.charCodeAt(ISO_LENGTH) === 43 /* + */ ? 2 * ISO_LENGTH + 1 : ISO_LENGTH + 1;
        const cut = row.indexOf(JOINED_MARK, row.indexOf(JOINED_MARK, row.indexOf(JOINED_MARK, head) + 1) + 1);
        const orderId = row.slice(cut + 1);
        yield { joined: true, text: row.slice(0, cut), orderId, receipt: receiptOf(orderId) };
      }
    }
    for (const p of outside) if (p[9] >= fromIso) yield this.withSale(p);
  }

  /** Drawer movements made in [fromIso, toIso), oldest first, with the tender each paid back. */
  drawerOfWindow(fromIso: string, toIso: string): DrawerExportRow[] {
    return this.selDrawerOfDay.all(fromIso, toIso).map((r) => (r.method === null ? r : { ...r, method: this.guard.method(r.method, 'drawer_movements') }));
  }

  /** A payment's every column, checked against the vocabulary, with its sale and tender. */
  private withSale(
    [id, orderId, gatewayOrderId, method, status, amount, refunded, source, paidAt, createdAt, actor]: ExportTuple,
  ): PaymentExportRow {
    this.guard.check('methods', 'payments', 'method', method, 'read');
    this.guard.check('statuses', 'payments', 'status', status, 'read');
    this.guard.check('sources', 'payments', 'last_source', source, 'read');
    const t = this.selTender.get(id);
    const s = this.selSale.get(orderId) ?? null;
    return {
      id, order_id: orderId, gateway_order_id: gatewayOrderId, method, status, amount, refunded_amount: refunded, last_source: source,
      paid_at: paidAt, created_at: createdAt, actor,
      sale_id: s ? s[0] : null, till_id: s ? s[1] : null, receipt_no: s ? s[2] : null,
      tender_seq: t ? t[1] : null, received: t ? t[2] : null, change_given: t ? t[3] : null, rounding: t ? t[4] : null,
    };
  }
}

/** How many pieces' sales are kept for their tenders (the payment's hour and the two before); older ones are looked up by key. */
const RECENT_PIECES = 3;

/** How much of the window one read of the joined texts covers. */
const PIECE_MS = 3_600_000;

/**
 * [fromIso, toIso) cut into consecutive hours, in order: every text between
 * the two ends falls in exactly one piece (each cut lies strictly between the
 * last and `toIso` as text, which is how the rows are compared), so the pieces
 * together give the window's rows in the window's order. Ends that are not
 * times give the window whole.
 */
export function* pieces(fromIso: string, toIso: string): Generator<Span> {
  let from = fromIso;
  const start = Date.parse(fromIso);
  const end = Date.parse(toIso);
  for (let ms = start + PIECE_MS; ms < end; ms += PIECE_MS) {
    const cut = new Date(ms).toISOString();
    if (cut <= from || cut >= toIso) continue;
    yield { from, to: cut };
    from = cut;
  }
  yield { from, to: toIso };
}
