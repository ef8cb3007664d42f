/**
 * A shop day's payments, then its drawer movements, as CSV for the owner's
 * bookkeeping. Quoting and escaping are left to csv-stringify (a maintained
 * library) rather than string concatenation, so a stray comma or quote can
 * never shift a column: a row with any cell that would need quoting (a quote,
 * a comma, CR or LF) is rendered by csv-stringify; every other row is its cells
 * joined by commas, which is exactly what csv-stringify writes for it (it
 * quotes nothing else with these options) at a fraction of its per-cell cost.
 * Most payments come from the ledger with their plain cells already joined
 * (`JoinedExportLine`: ids, vocabulary and numbers, which the schema keeps
 * free of anything that needs quoting): only their times are made local here
 * and their staff and sale added. test/unit/reports-csv-bytes.test.ts checks
 * the bytes against the former export, in a zone with DST too. Every value is
 * a generated id, an enum, a whole number or a timestamp, except the staff
 * name and a drawer movement's reason, the free-text cells: they are made
 * formula-safe.
 */
import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../audit/audit-csv';
import { JOINED_MARK, type DrawerExportRow, type JoinedExportLine, type PaymentExportColumns, type TenderExportColumns } from '../ledger/day-export-repository';
import { ISO_LENGTH, LocalTimes } from './local-times';

/**
 * Column order of the export; `time` and `paid_time` are local to the shop's
 * zone, with offset. `staff_id` / `staff_name` (who rang the sale up; `till`
 * and no name when nobody was signed in) came next, then what v9 added, so
 * earlier columns keep their positions: `record` (`payment`, or `drawer` for
 * cash taken out of the drawer), the sale, its receipt number and the
 * tender's place in it, cash received / change / rounding, and a drawer
 * movement's reason. README.md says what each cell holds per record.
 */
export const CSV_COLUMNS = [
  'time', 'order_id', 'method', 'status', 'amount', 'refunded', 'source', 'paid_time', 'staff_id', 'staff_name',
  'record', 'sale_id', 'receipt_no', 'tender_seq', 'cash_received', 'change', 'rounding', 'reason',
] as const;

/** A drawn receipt number as printed: `K1-000042`; empty before the sale is paid (or without a sale). */
export function receiptNumber(tillId: string | null, n: number | null): string {
  return tillId !== null && n !== null ? `${tillId}-${String(n).padStart(6, '0')}` : '';
}

/** A payment of the export: every column, or its plain cells already joined by the ledger. */
export type ExportPayment = (PaymentExportColumns & Partial<TenderExportColumns>) | JoinedExportLine;

/**
 * Renders payment rows, then drawer movements, as CSV text (header first,
 * CRLF line ends as RFC 4180 asks). A row without its sale/tender columns is
 * a payment with neither.
 */
export function paymentsCsv(
  rows: Iterable<ExportPayment>,
  zone: string,
  actorName: (actorId: string) => string | null = () => null,
  drawer: readonly DrawerExportRow[] = [],
): string {
  return renderCsv(rows, zone, actorName, drawer).csv;
}

/** `paymentsCsv`, with the number of payment rows it wrote (the rows may be a one-pass iterator). */
export function renderCsv(
  rows: Iterable<ExportPayment>,
  zone: string,
  actorName: (actorId: string) => string | null,
  drawer: readonly DrawerExportRow[],
): { csv: string; payments: number } {
  const times = new LocalTimes(zone);
  const local = (iso: string | null): string => times.of(iso);
  // Who rang it up: asked once per staff id (a day has a handful), not per row; `plain` when
  // neither the id nor the name needs quoting, with the cells from staff_id to record joined.
  const staff = new Map<string, Staff>();
  const seen: Staff[] = [];
  const staffOf = (actor: string): Staff => {
    let s = staff.get(actor);
    if (s === undefined) {
      const name = safeCell(actorName(actor) ?? '');
      staff.set(actor, (s = { id: actor, name, plain: !NEEDS_QUOTING.test(actor) && !NEEDS_QUOTING.test(name), cells: `,${actor},${name},payment,` }));
      seen.push(s);
    }
    return s;
  };
  // The staff id of a joined text, text[from, to): compared in place with the ids seen so far
  // (a handful) rather than cut out as a new string per row.
  const staffIn = (text: string, from: number, to: number): Staff => {
    for (const s of seen) if (s.id.length === to - from && text.startsWith(s.id, from)) return s;
    return staffOf(text.slice(from, to));
  };
  // Lines are gathered in chunks and joined: one `+=` per line builds a rope 30,000 deep. A
  // joined line goes in as its pieces (no string per line: the chunk's join copies each once).
  const chunks: string[] = [stringify([], { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' })];
  let chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length >= 8_000) {
      chunks.push(chunk.join(''));
      chunk = [];
    }
  };
  const push = (text: string): void => {
    chunk.push(text);
    flush();
  };
  let payments = 0;
  for (const r of rows) {
    payments++;
    if ('joined' in r) {
      // The text's cuts (JoinedExportLine): the times at fixed places, the staff id between two marks.
      const t = r.text;
      const body = t.charCodeAt(ISO_LENGTH) === 43 /* + */ ? 2 * ISO_LENGTH + 1 : ISO_LENGTH + 1;
      const from = t.indexOf(JOINED_MARK, body);
      const to = t.indexOf(JOINED_MARK, from + 1);
      const who = staffIn(t, from + 1, to);
      const saleId = r.receipt === null ? '' : r.orderId;
      if (who.plain && !NEEDS_QUOTING.test(saleId)) {
        times.pushAt(chunk, t, 0, 0);
        chunk.push(t.slice(body, from));
        if (body > ISO_LENGTH + 1) times.pushAt(chunk, t, ISO_LENGTH + 1, 1);
        chunk.push(who.cells, saleId, ',', r.receipt ?? '', t.slice(to + 1));
        flush();
      } else {
        const created = times.at(t, 0, 0);
        const paid = body > ISO_LENGTH + 1 ? times.at(t, ISO_LENGTH + 1, 1) : '';
        // The joined cells need no quoting (the ledger checked); the staff or the sale id does.
        const tender = t.slice(to + 2, -2).split(',');
        push(line([created, ...t.slice(body + 1, from - 1).split(','), paid, who.id, who.name, 'payment', saleId, r.receipt ?? '', ...tender]));
      }
      continue;
    }
    const cash = r.method === 'cash';
    push(line([
      local(r.created_at), r.gateway_order_id, r.method, r.status, r.amount, r.refunded_amount, r.last_source, local(r.paid_at),
      r.actor, staffOf(r.actor).name,
      'payment',
      r.sale_id ?? '',
      receiptNumber(r.till_id ?? null, r.receipt_no ?? null),
      r.tender_seq ?? '',
      // A cash payment recorded before v9 kept no received amount: it was exact.
      cash ? (r.received ?? r.amount) : '',
      cash ? (r.change_given ?? 0) : '',
      cash ? (r.rounding ?? 0) : '',
      '',
    ]));
  }
  // Money out of the drawer is no payment: amount 0, the cash paid back under `refunded`, source `drawer`.
  for (const d of drawer) {
    push(line([
      local(d.created_at), d.gateway_order_id ?? '', d.method ?? '', d.kind, 0, d.amount, 'drawer', '',
      d.actor, staffOf(d.actor).name,
      'drawer',
      d.sale_id ?? '',
      receiptNumber(d.till_id, d.receipt_no),
      d.tender_seq ?? '',
      '', '', '',
      safeCell(d.reason),
    ]));
  }
  chunks.push(chunk.join(''));
  return { csv: chunks.join(''), payments };
}

/** A staff id's name as printed; `cells`: `,staff_id,staff_name,payment,` as a joined line prints them. */
interface Staff {
  id: string;
  name: string;
  plain: boolean;
  cells: string;
}

/** Cells csv-stringify would quote (with `record_delimiter: 'windows'`, only these). */
const NEEDS_QUOTING = /[",\r\n]/;

/** One CSV record with its CRLF: the cells joined, or csv-stringify's rendering when one needs quoting. */
function line(cells: (string | number)[]): string {
  let text = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (typeof cell === 'string' && NEEDS_QUOTING.test(cell)) {
      return stringify([cells], { record_delimiter: 'windows', cast: { number: (n) => String(n) } });
    }
    text += i === 0 ? cell : `,${cell}`;
  }
  return `${text}\r\n`;
}
