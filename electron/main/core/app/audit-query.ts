/**
 * The audit screen's filter (contract: staff-schemas.ts `auditFilterFields`)
 * as the AuditLog's filter: an action ending in '.' is a prefix, and a shop
 * day bound covers that whole day in the shop's zone.
 */
import { dayWindow } from '../../../../shared/domain/zoned-time';
import type { AuditFilter, AuditOutcome } from '../audit';
import { isoUtc } from '../clock';

/** The filter fields of `audit.list` / `audit.exportCsv`. */
export interface AuditQueryInput {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

const isShopDay = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Contract filter → AuditLog filter. */
export function auditQuery(input: AuditQueryInput, zone: string): AuditFilter {
  const filter: AuditFilter = {};
  if (input.actor !== undefined) filter.actorId = input.actor;
  if (input.action !== undefined) {
    if (input.action.endsWith('.')) filter.actionPrefix = input.action;
    else filter.action = input.action;
  }
  if (input.outcome !== undefined) filter.outcome = input.outcome;
  if (input.from !== undefined) filter.from = isShopDay(input.from) ? isoUtc(dayWindow(input.from, zone).startUtc) : input.from;
  // `to` is exclusive: a day bound ends where the next day starts.
  if (input.to !== undefined) filter.to = isShopDay(input.to) ? isoUtc(dayWindow(input.to, zone).endUtc) : input.to;
  return filter;
}
