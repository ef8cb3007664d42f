/** The append-only audit log: repository, details scrubbing and CSV export. */
export {
  AuditLog,
  AUDIT_OUTCOMES,
  MAX_AUDIT_PAGE,
  type AuditActor,
  type AuditEntry,
  type AuditFilter,
  type AuditLogDeps,
  type AuditOutcome,
  type AuditPage,
  type AuditRecord,
  type AuditRow,
} from './audit-log';
export { auditCsv, AUDIT_CSV_COLUMNS, safeCell } from './audit-csv';
export { detailsJson, isSecretKey, MAX_DETAILS_CHARS } from './audit-details';
export { AUDIT_ACTIONS, type AuditAction } from './actions';
