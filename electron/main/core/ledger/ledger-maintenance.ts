/**
 * The ledger's scheduled maintenance: after a day is closed, and only then
 * (never at start-up: a till must reach the sale screen at once), it settles
 * the raw payloads of payments that can no longer change
 * (`raw-compaction.ts`), compacts closed sales (`sale-compaction.ts`) and gives the space back with `VACUUM`, then
 * truncates the WAL the VACUUM filled. It runs off the hot path: `delayMs`
 * after the close (the close's own backup goes first), and while the till is
 * busy (`busy()`: a sale open, a payment in flight) it waits `retryMs` and
 * asks again. VACUUM holds the write lock for its duration (O(file size):
 * ledger/README.md "Raw payload retention" has the numbers); another
 * connection's write waits for it under the ledger's busy timeout.
 */
import { statSync } from 'node:fs';
import type { Cancel, Clock } from '../clock';
import type { Logger } from '../logger';
import type { Database } from './open-ledger';
import { compactSettledRaw, type CompactionResult } from './raw-compaction';
import { compactClosedSales, type SaleCompactionResult } from './sale-compaction';

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
}

/** What one run did. */
export interface MaintenanceReport extends CompactionResult, SaleCompactionResult {
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

  /** Compacts and VACUUMs now, synchronously (the scheduled run, the bench). */
  runNow(): MaintenanceReport {
    const started = this.deps.clock.now();
    const t0 = performance.now();
    const bytesBefore = this.fileBytes();
    const compacted = compactSettledRaw(this.deps.db);
    const sales = compactClosedSales(this.deps.db);
    this.deps.db.exec('VACUUM');
    const report: MaintenanceReport = { ...compacted, ...sales, bytesBefore, bytesAfter: this.fileBytes(), ms: Math.round(performance.now() - t0) };
    this.last = report;
    this.deps.logger.info('ledger maintenance done', { ...report, at: new Date(started).toISOString() });
    return report;
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
      // A busy or full disk: the next close tries again; nothing was lost (each part is one transaction).
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
