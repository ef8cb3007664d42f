/**
 * The audit log as CSV for the owner. Quoting is csv-stringify's (RFC 4180,
 * CRLF). Unlike the day export, these cells carry free text (staff names,
 * setting values), so any cell that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) is prefixed with an apostrophe.
 */
import { stringify } from 'csv-stringify/sync';
import type { AuditRecord } from './audit-log';

/** Column order of the export; `time_utc` is the stored UTC ISO time. */
export const AUDIT_CSV_COLUMNS = [
  'id', 'time_utc', 'actor_id', 'actor_name', 'action', 'outcome', 'target', 'caller', 'details',
] as const;

/** Neutralizes spreadsheet formulas in a free-text cell. */
export const safeCell = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** Renders audit records as CSV text, header first. */
export function auditCsv(records: readonly AuditRecord[]): string {
  return stringify(
    records.map((r) => [
      String(r.id),
      r.at,
      safeCell(r.actorId),
      safeCell(r.actorName ?? ''),
      safeCell(r.action),
      r.outcome,
      safeCell(r.target ?? ''),
      safeCell(r.caller ?? ''),
      safeCell(JSON.stringify(r.details)),
    ]),
    { header: true, columns: [...AUDIT_CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
