/**
 * The ledger's scheduled maintenance: after a day is closed, and only then
 * (never at start-up: a till must reach the sale screen at once), it runs one
 * pass over what is new since the last run (maintenance-pass.ts: the days
 * closed since then, and the payments of earlier days still waiting for the
 * retention rule) — raw payloads settled, closed sales compacted, the
 * published outbox pruned — then gives the space back with `VACUUM` once it
 * pays: when the space freed since the last VACUUM (the runs' `freed_bytes`)
 * plus the free pages reach VACUUM_SHARE of the file. A VACUUM rewrites the
 * whole file holding the write lock (42 s on a 500k-payment year), so it
 * runs about once per 10% of growth rather than every night; in between
 * the file stays within about that share of its compacted size. Each run is
 * a row in `maintenance_runs`. It runs off the hot path: `delayMs` after
 * the close (the close's own backup goes first), and while the till is busy
 * (`busy()`: a sale open, a payment in flight) it waits `retryMs` and asks
 * again. Another connection's write waits for it under the busy timeout.
 */
import { statSync } from 'node:fs';
import type { Cancel, Clock } from '../clock';
import type { Logger } from '../logger';
import type { Database } from './open-ledger';
import { isoUtc } from '../clock';
import { maintenancePass, type PassResult } from './maintenance-pass';

/** Share of the file that must be free (freed JSON since the last VACUUM plus free pages) before a run VACUUMs. */
export const VACUUM_SHARE = 0.1;

/** Constructor dependencies. */
export interface LedgerMaintenanceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** True while the till is busy (a sale open, a payment in flight): the run waits. Absent: never busy. */
  busy?: () => boolean;
  /** Wait after a close before the first try (default 10 s). */
  delayMs?: number;
  /** Wait before asking `busy()` again (default 30 s). */
  retryMs?: number;
  /** Rewrites the file (default `VACUUM` on `db`; a test may make it fail). */
  vacuum?: () => void;
}

/** What one run did. */
export interface MaintenanceReport extends PassResult {
  /** Whether the run VACUUMed (VACUUM_SHARE of the file was free). */
  vacuumed: boolean;
  /** Main file size before and after (bytes, WAL checkpointed); null for an in-memory ledger. */
  bytesBefore: number | null;
  bytesAfter: number | null;
  ms: number;
}

/** Schedules and runs the after-close maintenance. */
export class LedgerMaintenance {
  private timer: Cancel | null = null;
  private closed = false;
  private last: MaintenanceReport | null = null;
  private pass: (() => PassResult) | null = null;

  constructor(private readonly deps: LedgerMaintenanceDeps) {}

  /** A day was closed: run the maintenance soon (several closes in a row make one run). */
  dayClosed(): void {
    if (this.closed || this.timer) return;
    this.schedule(this.deps.delayMs ?? 10_000);
  }

  /** True while a run is scheduled. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /** The last run's report, or null before the first. */
  lastReport(): MaintenanceReport | null {
    return this.last;
  }

  /** Runs the pass now, synchronously, and VACUUMs if it pays (the scheduled run, the bench). Throws if the VACUUM fails (the run stays recorded). */
  runNow(): MaintenanceReport {
    const { db, clock, logger } = this.deps;
    const started = clock.now();
    const t0 = performance.now();
    const bytesBefore = this.fileBytes();
    this.pass ??= maintenancePass(db);
    const result = this.pass();
    // The run is on record before its VACUUM: if that fails (a full disk: it needs the file's size
    // again), what this run freed still counts, and the next run tries the VACUUM again.
    const { lastInsertRowid: runId } = db
      .prepare(
        `INSERT INTO maintenance_runs (ran_at, closings_through, settled, carried, freed_bytes, vacuumed, bytes_after)
         VALUES (?, ?, ?, ?, ?, 0, NULL)`,
      )
      .run(isoUtc(started), result.closingsThrough, result.settled, result.carried, result.freedBytes);
    const vacuumed = this.vacuumPays();
    if (vacuumed) (this.deps.vacuum ?? (() => db.exec('VACUUM')))();
    const bytesAfter = this.fileBytes();
    db.prepare('UPDATE maintenance_runs SET vacuumed = ?, bytes_after = ? WHERE id = ?').run(vacuumed ? 1 : 0, bytesAfter, runId);
    const report: MaintenanceReport = { ...result, vacuumed, bytesBefore, bytesAfter, ms: Math.round(performance.now() - t0) };
    this.last = report;
    logger.info('ledger maintenance done', { ...report, at: new Date(started).toISOString() });
    return report;
  }

  /**
   * Whether a VACUUM is worth its write lock now: the JSON freed since the
   * last VACUUM (this run's row included) plus the free pages make
   * VACUUM_SHARE of the file. Freed characters sit in half-empty pages that
   * only a VACUUM gives back (rows are appended in id order, so nothing refills them).
   */
  private vacuumPays(): boolean {
    const db = this.deps.db;
    const freed = db
      .prepare(`SELECT COALESCE(SUM(freed_bytes), 0) FROM maintenance_runs
                WHERE id > (SELECT COALESCE(MAX(id), 0) FROM maintenance_runs WHERE vacuumed = 1)`)
      .pluck()
      .get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = (db.pragma('freelist_count', { simple: true }) as number) * pageSize;
    return freed + free >= VACUUM_SHARE * pages * pageSize;
  }

  /** Cancels a scheduled run; nothing runs after this. */
  close(): void {
    this.closed = true;
    this.timer?.();
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.timer = this.deps.clock.setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = null;
    if (this.closed) return;
    if (this.deps.busy?.()) {
      this.schedule(this.deps.retryMs ?? 30_000);
      return;
    }
    try {
      this.runNow();
    } catch (e) {
      // A busy or full disk: the next close tries again; nothing was lost (the pass is one transaction, and idempotent).
      this.deps.logger.warn('ledger maintenance failed; the next close retries', { error: e });
    }
  }

  /**
   * Folds the WAL into the file and truncates it (VACUUM wrote the whole file
   * through it). Never waits: a reader on another connection (a backup CLI's
   * snapshot) keeps part of the WAL, and a later checkpoint folds the rest.
   */
  private checkpoint(): void {
    const db = this.deps.db;
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  private fileBytes(): number | null {
    const file = this.deps.db.name;
    if (!file || file === ':memory:') return null;
    this.checkpoint();
    try {
      return statSync(file).size;
    } catch {
      return null;
    }
  }
}
