/**
 * A shop day's payments as CSV for the owner's bookkeeping. Quoting and
 * escaping are left to csv-stringify (a maintained library) rather than
 * string concatenation, so a stray comma or quote can never shift a column.
 * No cell can start a spreadsheet formula: every value is a generated id, an
 * enum, a whole number or a timestamp — no free text from a cashier.
 */
import { stringify } from 'csv-stringify/sync';
import type { PaymentRow } from '../ledger/rows';
import { localIsoTime } from '../../../../shared/domain/zoned-time';

/** Column order of the export; `time` and `paid_time` are local to the shop's zone, with offset. */
export const CSV_COLUMNS = ['time', 'order_id', 'method', 'status', 'amount', 'refunded', 'source', 'paid_time'] as const;

/** Renders payment rows as CSV text (header first, CRLF line ends as RFC 4180 asks). */
export function paymentsCsv(rows: readonly PaymentRow[], zone: string): string {
  const local = (iso: string | null): string => (iso ? localIsoTime(Date.parse(iso), zone) : '');
  return stringify(
    rows.map((r) => [
      local(r.created_at),
      r.gateway_order_id,
      r.method,
      r.status,
      r.amount,
      r.refunded_amount,
      r.last_source,
      local(r.paid_at),
    ]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', cast: { number: (n) => String(n) } },
  );
}
