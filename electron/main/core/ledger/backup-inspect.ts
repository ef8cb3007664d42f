/**
 * Checks a ledger copy before it is trusted (a fresh backup, or a copy about
 * to be restored) and summarises what money it records, so a restore can
 * tell whether the ledger it would replace holds more.
 */
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import type { Database } from './open-ledger';

/** Why a copy is not a ledger this Kasir can use. */
export type CopyProblem = 'unreadable' | 'damaged' | 'not_a_ledger' | 'too_new';

/** A file that is not a usable Kasir ledger; the message names the file and what is wrong. */
export class LedgerCopyError extends Error {
  readonly code = 'LEDGER_COPY_INVALID';

  constructor(
    readonly file: string,
    readonly problem: CopyProblem,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file} is not a usable Kasir ledger: ${detail}`, options);
    this.name = 'LedgerCopyError';
  }
}

/** What a ledger records, for comparing two of them. */
export interface LedgerSummary {
  schemaVersion: number;
  /** The latest money write: max of orders/payment_events created_at, payments/refunds updated_at, day_closings created_at. Null when none. */
  lastWriteAt: string | null;
  payments: number;
  /** payment_events rows: append-only, so more of them means records the other file lacks. */
  events: number;
  closings: number;
}

/** Tables every Kasir ledger has had since schema v1. */
const KASIR_TABLES = ['orders', 'payments', 'payment_events', 'refunds'] as const;

/** Money tables and the column that moves when they are written (catalogue, staff and settings are not money). */
const MONEY_WRITES: readonly (readonly [table: string, column: string])[] = [
  ['orders', 'created_at'],
  ['payments', 'updated_at'],
  ['payment_events', 'created_at'],
  ['refunds', 'updated_at'],
  ['day_closings', 'created_at'],
];

/**
 * Opens `file` read-only and checks it: SQLite's `integrity_check` (or the
 * cheaper `quick_check`), a schema this Kasir knows, and Kasir's tables.
 * Returns its summary; throws {@link LedgerCopyError}.
 */
export function inspectLedgerCopy(file: string, check: 'integrity_check' | 'quick_check' = 'integrity_check'): LedgerSummary {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new LedgerCopyError(file, 'unreadable', e instanceof Error ? e.message : String(e), { cause: e });
  }
  try {
    let problems: string[];
    try {
      const rows = db.pragma(`${check}(5)`) as Record<string, string>[];
      problems = rows.flatMap((r) => String(Object.values(r)[0]).split('\n')).filter((p) => p !== 'ok' && !p.startsWith('***'));
    } catch (e) {
      problems = [e instanceof Error ? e.message : String(e)];
    }
    if (problems.length > 0) throw new LedgerCopyError(file, 'damaged', `damaged (${problems.slice(0, 3).join('; ')})`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new LedgerCopyError(file, 'too_new', `written by a newer Kasir (schema v${version}; this Kasir knows v${MIGRATIONS.length} at most)`);
    }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = KASIR_TABLES.filter((t) => !tables.has(t));
    if (version < 1 || missing.length > 0) {
      throw new LedgerCopyError(file, 'not_a_ledger', `no Kasir ledger tables (schema v${version}${missing.length ? `, missing ${missing.join(', ')}` : ''})`);
    }
    return summarizeLedger(db);
  } finally {
    db.close();
  }
}

/** The summary of an open ledger (tables a schema does not have yet count as empty). */
export function summarizeLedger(db: Database): LedgerSummary {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const count = (table: string): number => (tables.has(table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0);
  let lastWriteAt: string | null = null;
  for (const [table, column] of MONEY_WRITES) {
    if (!tables.has(table)) continue;
    const { at } = db.prepare(`SELECT max(${column}) AS at FROM ${table}`).get() as { at: string | null };
    if (at !== null && (lastWriteAt === null || at > lastWriteAt)) lastWriteAt = at;
  }
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    lastWriteAt,
    payments: count('payments'),
    events: count('payment_events'),
    closings: count('day_closings'),
  };
}

/**
 * Whether `ledger` records money that `copy` does not: a later money write,
 * or more payments, payment events or day closings (all append-only, so a
 * larger count is a record the copy lacks, even if a clock was set back).
 * The catalogue, staff and settings are not compared.
 */
export function holdsMoreThan(ledger: LedgerSummary, copy: LedgerSummary): boolean {
  const later = ledger.lastWriteAt !== null && (copy.lastWriteAt === null || ledger.lastWriteAt > copy.lastWriteAt);
  return later || ledger.payments > copy.payments || ledger.events > copy.events || ledger.closings > copy.closings;
}
