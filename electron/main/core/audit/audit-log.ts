/**
 * The append-only `audit_log`: who (staff id plus a name snapshot), what
 * (an action name such as `pin.locked` or `settings.update`), when (UTC
 * ISO), the outcome (ok / refused / error), the target and a JSON object of
 * details (before/after for settings; never a secret value — see
 * audit-details.ts). The schema's triggers refuse UPDATE and DELETE.
 *
 * `append` is synchronous, so a service calls it inside the same SQLite
 * transaction as the change it records: the row exists exactly when the
 * change does.
 */
import { isoUtc, type Clock } from '../clock';
import type { Database } from '../ledger';
import { silentLogger, type Logger } from '../logger';
import { detailsJson } from './audit-details';

/** How an audited attempt ended. */
export const AUDIT_OUTCOMES = ['ok', 'refused', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Who, for an audit row: a staff id (or `till` when nobody was signed in) and the name at the time. */
export interface AuditActor {
  id: string;
  name: string | null;
}

/** One thing to record. */
export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  actor: AuditActor;
  /** What it was done to: a staff id, a payment id, a setting key… */
  target?: string | null;
  details?: Record<string, unknown>;
  /** The window or page the call came from, as the shell names it. */
  caller?: string | null;
}

/** An `audit_log` row, exactly the columns. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actor_name: string | null;
  action: string;
  outcome: AuditOutcome;
  target: string | null;
  details: string;
  caller: string | null;
}

/** An audit row as the owner's screen reads it. */
export interface AuditRecord {
  id: number;
  at: string;
  actorId: string;
  actorName: string | null;
  action: string;
  outcome: AuditOutcome;
  target: string | null;
  details: Record<string, unknown>;
  caller: string | null;
}

/** Filters; every field optional. `from` is inclusive, `to` exclusive (UTC ISO or anything Date parses). */
export interface AuditFilter {
  actorId?: string;
  /** Exact action name. */
  action?: string;
  /** Action names starting with this, e.g. `pin.` */
  actionPrefix?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

/** One page, newest first; pass `nextBeforeId` back as `beforeId` for the next (older) page. */
export interface AuditPage {
  records: AuditRecord[];
  nextBeforeId: number | null;
}

/** Largest page `list` returns. */
export const MAX_AUDIT_PAGE = 500;

const toRecord = (r: AuditRow): AuditRecord => ({
  id: r.id,
  at: r.at,
  actorId: r.actor,
  actorName: r.actor_name,
  action: r.action,
  outcome: r.outcome,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
  caller: r.caller,
});

/** Normalizes a bound so string comparison on the stored ISO text is right; throws on nonsense. */
function isoBound(v: string | undefined): string | null {
  if (v === undefined) return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${v}`);
  return isoUtc(ms);
}

type Params = {
  actor: string | null;
  action: string | null;
  prefix: string | null;
  outcome: string | null;
  from: string | null;
  to: string | null;
  before: number | null;
  limit: number;
};

// One static statement; each filter is off when its parameter is NULL.
const WHERE = `WHERE (@actor IS NULL OR actor = @actor)
    AND (@action IS NULL OR action = @action)
    AND (@prefix IS NULL OR substr(action, 1, length(@prefix)) = @prefix)
    AND (@outcome IS NULL OR outcome = @outcome)
    AND (@from IS NULL OR at >= @from)
    AND (@to IS NULL OR at < @to)
    AND (@before IS NULL OR id < @before)`;

/** What AuditLog is built from. */
export interface AuditLogDeps {
  db: Database;
  clock: Clock;
  logger?: Logger;
}

/** Appends and reads audit rows. */
export class AuditLog {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly ins;
  private readonly sel;
  private readonly cnt;

  constructor(deps: AuditLogDeps) {
    this.clock = deps.clock;
    this.log = (deps.logger ?? silentLogger).scope('audit');
    this.ins = deps.db.prepare<[Omit<AuditRow, 'id'>]>(
      `INSERT INTO audit_log (at, actor, actor_name, action, outcome, target, details, caller)
       VALUES (@at, @actor, @actor_name, @action, @outcome, @target, @details, @caller)`,
    );
    this.sel = deps.db.prepare<[Params], AuditRow>(`SELECT * FROM audit_log ${WHERE} ORDER BY id DESC LIMIT @limit`);
    this.cnt = deps.db
      .prepare<[Omit<Params, 'limit'>], number>(`SELECT COUNT(*) FROM audit_log ${WHERE}`)
      .pluck();
  }

  /** Records one entry now and returns it as stored (details scrubbed). */
  append(entry: AuditEntry): AuditRecord {
    // Outcomes are checked here, not by a CHECK list (the ledger's vocabulary rule).
    if (!(AUDIT_OUTCOMES as readonly string[]).includes(entry.outcome)) throw new RangeError(`unknown audit outcome ${entry.outcome}`);
    const row: Omit<AuditRow, 'id'> = {
      at: isoUtc(this.clock.now()),
      actor: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      outcome: entry.outcome,
      // Targets and callers can echo ids from an input (a forged staff id): keep them short.
      target: entry.target == null ? null : entry.target.slice(0, 128),
      details: detailsJson(entry.details),
      caller: entry.caller == null ? null : entry.caller.slice(0, 128),
    };
    const id = Number(this.ins.run(row).lastInsertRowid);
    // The log line names the event, never its details (they are in the ledger).
    const level = entry.outcome === 'ok' ? 'info' : 'warn';
    this.log[level]('audit', { id, action: row.action, outcome: row.outcome, actor: row.actor, target: row.target });
    return toRecord({ id, ...row });
  }

  /** A page of rows matching `filter`, newest first. */
  list(filter: AuditFilter = {}, page: { beforeId?: number; limit?: number } = {}): AuditPage {
    const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? 100)), MAX_AUDIT_PAGE);
    const rows = this.sel.all({ ...this.params(filter), before: page.beforeId ?? null, limit: limit + 1 });
    const more = rows.length > limit;
    const records = rows.slice(0, limit).map(toRecord);
    return { records, nextBeforeId: more ? records[records.length - 1]!.id : null };
  }

  /** How many rows match `filter`. */
  count(filter: AuditFilter = {}): number {
    return this.cnt.get({ ...this.params(filter), before: null }) ?? 0;
  }

  /** Every matching row, newest first, up to `max` (for the CSV export). */
  all(filter: AuditFilter = {}, max = 100_000): AuditRecord[] {
    return this.sel.all({ ...this.params(filter), before: null, limit: max }).map(toRecord);
  }

  private params(f: AuditFilter): Omit<Params, 'before' | 'limit'> {
    return {
      actor: f.actorId ?? null,
      action: f.action ?? null,
      prefix: f.actionPrefix ?? null,
      outcome: f.outcome ?? null,
      from: isoBound(f.from),
      to: isoBound(f.to),
    };
  }
}
