/**
 * A shop day's payments as CSV for the owner's bookkeeping. Quoting and
 * escaping are left to csv-stringify (a maintained library) rather than
 * string concatenation, so a stray comma or quote can never shift a column.
 * Every value is a generated id, an enum, a whole number or a timestamp,
 * except the staff name, the one free-text cell: it is made formula-safe.
 */
import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../audit/audit-csv';
import type { PaymentRow } from '../ledger/rows';
import { localIsoTime } from '../../../../shared/domain/zoned-time';

/**
 * Column order of the export; `time` and `paid_time` are local to the shop's
 * zone, with offset. `staff_id` / `staff_name` (who rang the sale up; `till`
 * and no name when nobody was signed in) came last so earlier columns keep
 * their positions.
 */
export const CSV_COLUMNS = [
  'time', 'order_id', 'method', 'status', 'amount', 'refunded', 'source', 'paid_time', 'staff_id', 'staff_name',
] as const;

/** Renders payment rows as CSV text (header first, CRLF line ends as RFC 4180 asks). */
export function paymentsCsv(
  rows: readonly PaymentRow[],
  zone: string,
  actorName: (actorId: string) => string | null = () => null,
): string {
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
      r.actor,
      safeCell(actorName(r.actor) ?? ''),
    ]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', cast: { number: (n) => String(n) } },
  );
}
