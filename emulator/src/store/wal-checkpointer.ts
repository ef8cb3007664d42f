/**
 * WAL checkpoints of the state file on a thread of their own. A checkpoint
 * copies the WAL into the database file and fsyncs both (synchronous=NORMAL
 * keeps that sync, so a power cut cannot corrupt the file). Run by SQLite's
 * auto-checkpoint inside a COMMIT, that fsync stalled the emulator's event
 * loop for tens of milliseconds every ~1,000 pages: under load, most of what
 * a charge cost the state file. Here a second connection in a small worker
 * does the same checkpoints (PASSIVE: they never block the writer), and
 * the writer's COMMITs only append to the WAL.
 *
 * Durability is unchanged: a COMMIT is in the WAL before the emulator answers,
 * whoever checkpoints it later. If the worker cannot start or fails, the
 * writer's own auto-checkpoint is switched back on (see StateDb).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** WAL frames after which a pass also resets the WAL (RESTART), so the file cannot grow without bound. */
const RESTART_AFTER_FRAMES = 4000;
/** At most one pass this often (each pass costs two fsyncs). */
const MIN_INTERVAL_MS = 100;

/** The worker's code (CommonJS, eval'd): it needs nothing but the SQLite driver. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// fileMustExist: a worker that starts after the emulator closed (and its folder
// was removed) must fail, not create an empty state file in a half-removed folder.
const db = new Database(workerData.file, { timeout: 5000, fileMustExist: true });
db.pragma('synchronous = NORMAL');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    let r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (r.log > workerData.restartAfterFrames) r = db.pragma('wal_checkpoint(RESTART)')[0];
    parentPort.postMessage({ ok: true });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String(err) });
  }
});
`;

/** See module doc. One per open StateDb. */
export class WalCheckpointer {
  private readonly worker: Worker;
  private inFlight = false;
  private lastStart = 0;
  private failed = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private readonly exited: Promise<void>;

  /**
   * @param file the database file (already in WAL mode).
   * @param onFailure told once when background checkpoints stop working (the caller checkpoints itself then).
   */
  constructor(
    file: string,
    private readonly onFailure: (err: unknown) => void,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file, restartAfterFrames: RESTART_AFTER_FRAMES },
      execArgv: [],
    });
    // Never what keeps a process (a test, the CLI) alive.
    this.worker.unref();
    this.worker.on('message', (m: { ok: boolean; error?: string }) => {
      this.inFlight = false;
      if (!m.ok) this.fail(new Error(m.error));
      this.settleIdle();
    });
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) => {
      this.worker.on('exit', () => {
        if (!this.closed) this.fail(new Error('WAL checkpoint worker exited'));
        resolve();
      });
    });
  }

  /** After a COMMIT: starts a pass unless one is running or one started very recently. */
  request(): void {
    if (this.inFlight || this.failed || this.closed) return;
    const now = Date.now();
    if (now - this.lastStart < MIN_INTERVAL_MS) return;
    this.inFlight = true;
    this.lastStart = now;
    this.worker.postMessage('checkpoint');
  }

  /** Resolves once no pass is running (tests). */
  whenIdle(): Promise<void> {
    if (!this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Closes the worker's connection and resolves once the worker has ended, so
   * whoever removes the state folder next finds no connection still open on it.
   */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      if (!this.failed) this.worker.postMessage('close');
    }
    return this.exited;
  }

  private fail(err: unknown): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    this.inFlight = false;
    void this.worker.terminate();
    this.onFailure(err);
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.inFlight) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
