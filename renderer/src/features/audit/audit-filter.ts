/**
 * The audit screen's filter as typed, turned into the contract's input, and
 * an audit row's details as one line of text. Pure (unit-tested in plain Node).
 */
import type { ChannelInput } from '../../../../shared/contract/channels';
import type { AuditOutcomeName } from '../../../../shared/contract/staff-schemas';

/** The filter fields as the form holds them ('' = any). */
export interface AuditFilterForm {
  actor: string;
  /** An exact action name, or a prefix ending in a dot (`pin.`). */
  action: string;
  outcome: AuditOutcomeName | '';
  /** Shop days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { actor: '', action: '', outcome: '', from: '', to: '' };

/** Action prefixes the filter offers as one choice each (main matches a name ending in a dot as a prefix). */
export const AUDIT_ACTION_GROUPS = ['pin.', 'session.', 'staff.', 'privileged.'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The contract's filter: empty fields left out; days passed as shop days, earlier first. */
export function auditQuery(form: AuditFilterForm): NonNullable<ChannelInput<'audit.exportCsv'>> {
  let from = DAY.test(form.from) ? form.from : '';
  let to = DAY.test(form.to) ? form.to : '';
  if (from && to && from > to) [from, to] = [to, from]; // a range typed backwards still means those days
  return {
    ...(form.actor ? { actor: form.actor } : {}),
    ...(form.action ? { action: form.action } : {}),
    ...(form.outcome ? { outcome: form.outcome } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** `{ before: {idle: 10}, after: {idle: 5} }` → `before: {"idle":10} · after: {"idle":5}` (main has scrubbed secrets). */
export function detailsText(details: Readonly<Record<string, unknown>>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${cell(value)}`)
    .join(' · ');
}
