/**
 * Generated ledgers for the benches: a year of a busy Jakarta shop, written
 * with today's schema (`openLedger`, every migration) and the rows the real
 * services write per sale (ledger-day-writer.ts), then cached in
 * `.bench-cache/ledgers/` (git-ignored) under a name that carries the
 * generator's version and the schema's, so a changed generator or a new
 * migration builds a new file and an unchanged one is reused.
 *
 * How it is fast: two days are written in JavaScript — yesterday, the
 * largest closed day, as the template, and today, the busiest — and every
 * other day is a copy of a share of the template made inside SQLite
 * (ledger-replicate.ts: `INSERT … SELECT`, times moved back by whole days,
 * keys rewritten), so a year costs two days of JavaScript plus C. The indexes
 * are dropped while the rows go in (journal off, synchronous off) and rebuilt
 * once at the end; then every day but today is closed by the real Z-report.
 * Closed days are generated as the ledger maintenance leaves them after the
 * close (raw settled and packed, QR strings gone, derivable drafts and items
 * compacted, quotes packed, no outbox rows:
 * ledger-day-writer.ts `writeDay(…, closed)`; the generator's test runs the
 * maintenance and sees it change nothing); yesterday is generated as settled
 * as older days (its one-day re-checks done). The file is
 * built as `<name>.partial-<pid>` and renamed only when complete, so a killed
 * run never leaves a half cache; a lock file keeps two processes from
 * building the same ledger at once. Handed over in WAL mode, as the app opens it.
 *
 * The shape of a year (`ledgerSchedule`): `paymentsPerDay` on every day, or,
 * with `busiestDayPayments`, a growing shop — the first day a tenth of the
 * busiest, the last day the busiest, convex growth in between so the year
 * averages `paymentsPerDay` (year-5m: 3,000 on the first day, 30,000 on the
 * last, 5M in all; with `paymentsPerDay` = a tenth of the busiest, every day
 * but the last has `paymentsPerDay`: year-1m). Every day but the last is closed (a Z-report written by
 * the real DayClosingService); the last is "today".
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MIGRATIONS, openLedger, type Database } from '../../electron/main/core/ledger';
import type { Clock } from '../../electron/main/core/clock';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { dayWindow } from '../../shared/domain/zoned-time';
import { isoUtc } from '../../electron/main/core/clock';
import { LedgerDayWriter, prng, STAFF, TILLS } from './ledger-day-writer';
import { replicateDays } from './ledger-replicate';
import { PRUNE_OUTBOX } from '../../electron/main/core/ledger/sale-compaction';

/** Bump when the generated rows change (their shape, mix or raw rule). */
export const GENERATOR_VERSION = 4;

/** The shop's zone in every generated ledger. */
export const GENERATED_ZONE = 'Asia/Jakarta';

/** The last generated day ("today" of every generated ledger). */
export const GENERATED_LAST_DAY = '2026-11-30';

export interface GeneratedLedger {
  file: string;
  payments: number;
  days: number;
  busiestDay: string /* YYYY-MM-DD shop-local */;
  zone: string;
  bytes: number;
}

export interface LedgerSpec {
  name: string;
  days: number;
  paymentsPerDay: number;
  busiestDayPayments?: number;
  log?: (m: string) => void;
  /** Where the cache lives (default `.bench-cache/ledgers/`); the generator's test builds in a temp folder. */
  cacheDir?: string;
}

const CACHE_DIR = resolve(import.meta.dirname, '../../.bench-cache/ledgers');

/** The planned payments per day, oldest first (deterministic). */
export function ledgerSchedule(spec: Omit<LedgerSpec, 'log'>): { day: string; payments: number }[] {
  const n = spec.days;
  const mean = spec.paymentsPerDay;
  const max = spec.busiestDayPayments;
  const counts: number[] = [];
  if (max === undefined || max <= mean || n < 2) for (let i = 0; i < n; i++) counts.push(mean);
  else {
    // count(i) = q + (max − q)·x^k, x = i/(n−1): mean q + (max − q)/(k+1) = mean.
    const q = Math.min(Math.round(max / 10), mean);
    const k = Math.max(0, (max - q) / Math.max(1, mean - q) - 1);
    for (let i = 0; i < n; i++) counts.push(Math.round(q + (max - q) * (i / (n - 1)) ** k));
  }
  return counts.map((payments, i) => {
    const day = new Date(Date.parse(`${GENERATED_LAST_DAY}T00:00:00Z`) - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, payments };
  });
}

/** Where a spec's ledger is cached. */
export function generatedLedgerFile(name: string, cacheDir = CACHE_DIR): string {
  return join(cacheDir, `${name}-g${GENERATOR_VERSION}-s${MIGRATIONS.length}.sqlite`);
}

/**
 * The cached ledger of `spec`, built first if missing (minutes for a 5M year,
 * once). Read it in place; a caller that writes must copy it first (`copyGeneratedLedger`).
 */
export async function generatedLedger(spec: LedgerSpec): Promise<GeneratedLedger> {
  const log = spec.log ?? (() => undefined);
  const file = generatedLedgerFile(spec.name, spec.cacheDir);
  const schedule = ledgerSchedule(spec);
  const describe = (): GeneratedLedger => {
    const meta = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { payments: number; busiestDay: string };
    return { file, payments: meta.payments, days: spec.days, busiestDay: meta.busiestDay, zone: GENERATED_ZONE, bytes: statSync(file).size };
  };
  if (existsSync(file) && existsSync(`${file}.json`)) return describe();
  mkdirSync(spec.cacheDir ?? CACHE_DIR, { recursive: true });
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file) && existsSync(`${file}.json`)) return describe();
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      const holder = Number(readFileSync(lock, 'utf8') || 0);
      if (holder > 0 && !alive(holder)) {
        unlinkSync(lock);
        continue;
      }
      log(`ledger ${spec.name}: another process (${holder}) is building it; waiting`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
  try {
    if (existsSync(file) && existsSync(`${file}.json`)) return describe();
    const started = Date.now();
    const partial = `${file}.partial-${process.pid}`;
    const payments = build(partial, spec, schedule, log);
    const busiest = schedule.reduce((a, b) => (b.payments > a.payments ? b : a));
    // The metadata first: a file without its .json is not taken as complete.
    renameSync(partial, file);
    writeAtomically(`${file}.json`, JSON.stringify({ name: spec.name, payments, busiestDay: busiest.day, schedule, builtMs: Date.now() - started }));
    log(`ledger ${spec.name}: ${payments} payments over ${spec.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s, ${(statSync(file).size / 1e9).toFixed(2)} GB`);
    return describe();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Copies a generated ledger to `toFile` (a caller about to write to it). */
export function copyGeneratedLedger(g: GeneratedLedger, toFile: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${toFile}${suffix}`, { force: true });
  copyFileSync(g.file, toFile);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, text);
  closeSync(fd);
  renameSync(tmp, file);
}

/** Builds the ledger at `file`; returns the payments written. */
function build(file: string, spec: LedgerSpec, schedule: { day: string; payments: number }[], log: (m: string) => void): number {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  const db = openLedger(file);
  db.pragma('synchronous = OFF');
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -1000000'); // 1 GB: the unique keys (random ids) stay in memory
    db.pragma('temp_store = MEMORY');
    // The rows are valid by construction (the generator's test builds a small year with the checks on).
    if (process.env.LEDGER_GEN_CHECKS !== '1') db.pragma('ignore_check_constraints = ON');
    const indexes = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all();
    for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
    seedStaff(db, Date.parse(`${schedule[0]!.day}T00:00:00Z`));
    const writer = new LedgerDayWriter(db, prng(0x4b415349 ^ spec.days ^ spec.paymentsPerDay));
    const today = schedule[schedule.length - 1]!;
    const todayStart = dayWindow(today.day, GENERATED_ZONE).startUtc;
    let payments = 0;
    const started = Date.now();
    if (schedule.length > 1) {
      // The template: the largest closed day (yesterday), written in JavaScript as an old closed day is
      // (settled: "now" is far after it), its receipts in the block above every copied day's.
      const template = schedule[schedule.length - 2]!;
      const w = dayWindow(template.day, GENERATED_ZONE);
      const span = template.payments + 1_000;
      for (const till of TILLS) writer.state.receipts.set(till, (schedule.length - 2) * span);
      db.exec('BEGIN');
      payments += writer.writeDay(w.startUtc, template.payments, Number.POSITIVE_INFINITY, true).payments;
      db.exec('COMMIT');
      log(`ledger ${spec.name}: template day ${template.day} (${template.payments} payments) written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const copies = schedule.slice(0, -2).map((d, i) => ({
        startUtc: dayWindow(d.day, GENERATED_ZONE).startUtc, payments: d.payments, receiptOffset: (i - (schedule.length - 2)) * span,
      }));
      const maxId = db.prepare<[], number>(
        'SELECT MAX((SELECT COALESCE(MAX(id), 0) FROM payment_events), (SELECT COALESCE(MAX(id), 0) FROM refunds), (SELECT COALESCE(MAX(id), 0) FROM drawer_movements))',
      ).pluck().get()!;
      const copied = Date.now();
      payments += replicateDays(db, { startUtc: w.startUtc, from: isoUtc(w.startUtc), to: isoUtc(w.endUtc), payments: template.payments }, copies, maxId + 1, log);
      log(`ledger ${spec.name}: ${copies.length} days copied in SQLite in ${((Date.now() - copied) / 1000).toFixed(1)} s`);
      // Today's ids continue above the copies'.
      const top = (sql: string) => db.prepare<[], number>(sql).pluck().get() ?? 0;
      writer.state.eventId = top('SELECT COALESCE(MAX(id), 0) FROM payment_events');
      writer.state.refundId = top('SELECT COALESCE(MAX(id), 0) FROM refunds');
      writer.state.movementId = top('SELECT COALESCE(MAX(id), 0) FROM drawer_movements');
    }
    // Today: written live (not closed, nothing compacted), the busiest day.
    db.exec('BEGIN');
    payments += writer.writeDay(todayStart, today.payments, todayStart, false).payments;
    const counters = db.prepare('INSERT OR REPLACE INTO receipt_counters (till_id, last_no) VALUES (?, ?)');
    for (const [till, n] of writer.state.receipts) counters.run(till, n);
    db.exec('COMMIT');
    const indexed = Date.now();
    for (const ix of indexes) db.exec(ix.sql);
    log(`ledger ${spec.name}: rows in, ${indexes.length} indexes rebuilt in ${((Date.now() - indexed) / 1000).toFixed(1)} s`);
    // No ANALYZE: the app never runs it, and sqlite_stat1 would give the benches other query plans than a till's.
    const closed = Date.now();
    closeDays(db, schedule);
    // The closings' own outbox rows (`day.closed`) of closed days, as their maintenance prunes them.
    db.exec(PRUNE_OUTBOX);
    // As the app leaves it after each night's maintenance (ledger-maintenance.ts): every closing taken in,
    // nothing waiting (the closed days are written settled, ledger-day-writer.ts).
    db.prepare(
      `INSERT INTO maintenance_runs (ran_at, closings_through, settled, carried, freed_bytes, vacuumed, bytes_after)
       SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), MAX(id), 0, 0, 0, 0, NULL FROM day_closings`,
    ).run();
    log(`ledger ${spec.name}: ${schedule.length - 1} days closed by the Z-report in ${((Date.now() - closed) / 1000).toFixed(1)} s`);
    db.pragma('journal_mode = WAL');
    return payments;
  } finally {
    db.close();
  }
}

/** The shop's staff (names for the CSV's staff_name) and tills. */
function seedStaff(db: Database, at: number): void {
  const iso = new Date(at).toISOString();
  const names = ['Ani', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri'];
  const ins = db.prepare("INSERT INTO staff (id, name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)");
  STAFF.forEach((id, i) => ins.run(id, names[i], i === 0 ? 'owner' : 'cashier', iso, iso));
}

/** Every day but the last closed by the real Z-report, 30 minutes after the day ends. */
function closeDays(db: Database, schedule: { day: string }[]): void {
  let now = 0;
  const clock: Clock = { now: () => now, setTimeout: () => () => undefined };
  const closing = new DayClosingService({ db, clock, zone: GENERATED_ZONE });
  for (const d of schedule.slice(0, -1)) {
    now = dayWindow(d.day, GENERATED_ZONE).endUtc + 1_800_000;
    closing.closeDay({ day: d.day, force: true }, STAFF[0]);
  }
}
