/**
 * The reads of a day's CSV export: the payments started or paid in a window,
 * each with its sale and tender, and the drawer movements made in it.
 *
 * At 30,000 payments a day the export's cost is turning SQLite values into
 * JavaScript strings, one per cell (about 5 ms per text column per 30,000
 * rows), more than the index ranges it reads. So SQLite joins each payment's
 * cells that need no work in JavaScript into two strings — `middle` (order id
 * to source) and `tender` (tender seq to the empty reason cell) — and only the
 * two times (made local by the renderer), the staff id and the order id come
 * apart. A row whose method, status or source this Kasir does not know comes
 * as every column instead (`PaymentExportRow`), for the vocabulary check to
 * refuse, exactly as before; so do the few paid in the window but started
 * outside it.
 *
 * The sales come from one index range of the window (`sales_opened`: a sale
 * opens before its tenders) into a map, never by a lookup per payment: sale ids
 * are random, so a lookup per row would descend a year-sized index. What the
 * range misses (a sale opened before the window) is looked up by key.
 */
import type { Database } from './open-ledger';
import type { PaymentRow } from './rows';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { LEDGER_VOCABULARY, VocabularyGuard, type LedgerVocabulary } from './vocabulary';

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
 * (`joined: true`). `middle` is `order_id,method,status,amount,refunded,source`
 * and `tender` is `tender_seq,cash_received,change,rounding,` (the last, empty
 * cell is the reason); neither needs quoting.
 */
export interface JoinedExportLine {
  readonly joined: true;
  readonly createdAt: string;
  readonly paidAt: string | null;
  readonly actor: string;
  readonly orderId: string;
  readonly middle: string;
  readonly sale: ExportSale | null;
  readonly tender: string;
}

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

/** A payment started in the window as SQLite joined it: see JoinedExportLine; `plain` 0 asks for every column. */
type JoinedTuple = [createdAt: string, paidAt: string | null, actor: string, middle: string, orderId: string, tender: string, plain: 0 | 1, rowid: number];

type TenderTuple = [paymentId: string, seq: number, received: number | null, change: number | null, rounding: number];

const EXPORT_COLUMNS = 'id, order_id, gateway_order_id, method, status, amount, refunded_amount, last_source, paid_at, created_at, actor';

/** Named parameters of a window query: [from, to). */
interface Span {
  from: string;
  to: string;
}

/** The vocabulary a joined line may print, each list as `,a,b,c,` (a row with any other value comes column by column). */
interface Known {
  methods: string;
  statuses: string;
  sources: string;
}

/** Prepared statements of the day's export. */
export class DayExportRepository {
  private readonly selJoinedStartedIn;
  private readonly selExportByRowid;
  private readonly selExportPaidOutside;
  private readonly selTender;
  private readonly selSalesOpenedIn;
  private readonly selSale;
  private readonly selDrawerOfDay;
  private readonly guard: VocabularyGuard;
  private readonly known: Known;

  constructor(db: Database, vocabulary: LedgerVocabulary = LEDGER_VOCABULARY) {
    this.guard = new VocabularyGuard(vocabulary);
    this.known = {
      methods: `,${vocabulary.methods.join(',')},`, statuses: `,${vocabulary.statuses.join(',')},`, sources: `,${vocabulary.sources.join(',')},`,
    };
    // The payments started in the window in payments_created order (created_at, then rowid: no sort),
    // each with its tender from sale_tenders_created (a tender is written with its payment's
    // created_at, so the probe stays in the window's part of the index), else by key (a payment
    // whose time was set apart from its tender's; COALESCE asks only when the first is missing).
    // Cash cells only on a cash tender; a cash payment recorded before v9 kept no received
    // amount: it was exact. `plain`: the vocabulary by instr(), not IN (json_each), which cost
    // ~40 ms more per 30,000 rows. No cell of `middle` or `tender` can need quoting: the schema
    // allows a gateway order id only [A-Za-z0-9._~-] (v4), the vocabulary columns only
    // [a-z0-9_], the rest are numbers.
    const cash = (t: string): string =>
      `CASE WHEN p.method = 'cash' THEN COALESCE(${t}.received, p.amount) || ',' || COALESCE(${t}.change_given, 0) || ',' || COALESCE(${t}.rounding, 0) ELSE ',,' END`;
    this.selJoinedStartedIn = db.prepare<[Span & Known], JoinedTuple>(
      `SELECT p.created_at, p.paid_at, p.actor,
         p.gateway_order_id || ',' || p.method || ',' || p.status || ',' || p.amount || ',' || p.refunded_amount || ',' || p.last_source,
         p.order_id,
         COALESCE(t.seq || ',' || ${cash('t')}, (SELECT k.seq || ',' || ${cash('k')} FROM sale_tenders k WHERE k.payment_id = p.id),
           ',' || CASE WHEN p.method = 'cash' THEN p.amount || ',0,0' ELSE ',,' END) || ',',
         instr(@methods, ',' || p.method || ',') > 0 AND instr(@statuses, ',' || p.status || ',') > 0
           AND instr(@sources, ',' || p.last_source || ',') > 0 AS plain,
         p.rowid
       FROM payments p INDEXED BY payments_created
         LEFT JOIN sale_tenders t INDEXED BY sale_tenders_created ON t.created_at = p.created_at AND t.payment_id = p.id
       WHERE p.created_at >= @from AND p.created_at < @to ORDER BY p.created_at, p.rowid`,
    ).raw();
    this.selExportByRowid = db.prepare<[number], ExportTuple>(`SELECT ${EXPORT_COLUMNS} FROM payments WHERE rowid = ?`).raw();
    // Paid in the window but started outside it: a handful, in (created_at, rowid) order.
    this.selExportPaidOutside = db.prepare<[Span], ExportTuple>(
      `SELECT ${EXPORT_COLUMNS} FROM payments INDEXED BY payments_paid_cover
       WHERE paid_at >= @from AND paid_at < @to AND (created_at < @from OR created_at >= @to) ORDER BY created_at, rowid`,
    ).raw();
    this.selTender = db.prepare<[string], TenderTuple>('SELECT payment_id, seq, received, change_given, rounding FROM sale_tenders WHERE payment_id = ?').raw();
    this.selSalesOpenedIn = db.prepare<[Span], ExportSale>(
      'SELECT id, till_id, receipt_no FROM sales INDEXED BY sales_opened WHERE opened_at >= @from AND opened_at < @to',
    ).raw();
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
   * rowid) order), one at a time as the caller consumes them, so a 30,000-row
   * day is never held whole: a joined line when its cells need nothing but
   * joining, else every column.
   */
  *exportRows(fromIso: string, toIso: string): Generator<JoinedExportLine | PaymentExportRow> {
    const w = { from: fromIso, to: toIso };
    const sales = new Map<string, ExportSale | null>();
    for (const s of this.selSalesOpenedIn.all(w)) sales.set(s[0], s);
    const saleOf = (orderId: string): ExportSale | null => {
      let s = sales.get(orderId);
      if (s === undefined) sales.set(orderId, (s = this.selSale.get(orderId) ?? null));
      return s;
    };
    const outside = this.selExportPaidOutside.all(w);
    for (const p of outside) if (p[9] < fromIso) yield this.withSale(p, saleOf);
    for (const [createdAt, paidAt, actor, middle, orderId, tender, plain, rowid] of this.selJoinedStartedIn.iterate({ ...w, ...this.known })) {
      if (plain === 1) yield { joined: true, createdAt, paidAt, actor, orderId, middle, sale: saleOf(orderId), tender };
      else yield this.withSale(this.selExportByRowid.get(rowid)!, saleOf);
    }
    for (const p of outside) if (p[9] >= fromIso) yield this.withSale(p, saleOf);
  }

  /** Drawer movements made in [fromIso, toIso), oldest first, with the tender each paid back. */
  drawerOfWindow(fromIso: string, toIso: string): DrawerExportRow[] {
    return this.selDrawerOfDay.all(fromIso, toIso).map((r) => (r.method === null ? r : { ...r, method: this.guard.method(r.method, 'drawer_movements') }));
  }

  /** A payment's every column, checked against the vocabulary, with its sale and tender. */
  private withSale(
    [id, orderId, gatewayOrderId, method, status, amount, refunded, source, paidAt, createdAt, actor]: ExportTuple,
    saleOf: (orderId: string) => ExportSale | null,
  ): PaymentExportRow {
    this.guard.check('methods', 'payments', 'method', method, 'read');
    this.guard.check('statuses', 'payments', 'status', status, 'read');
    this.guard.check('sources', 'payments', 'last_source', source, 'read');
    const t = this.selTender.get(id);
    const s = saleOf(orderId);
    return {
      id, order_id: orderId, gateway_order_id: gatewayOrderId, method, status, amount, refunded_amount: refunded, last_source: source,
      paid_at: paidAt, created_at: createdAt, actor,
      sale_id: s ? s[0] : null, till_id: s ? s[1] : null, receipt_no: s ? s[2] : null,
      tender_seq: t ? t[1] : null, received: t ? t[2] : null, change_given: t ? t[3] : null, rounding: t ? t[4] : null,
    };
  }
}
