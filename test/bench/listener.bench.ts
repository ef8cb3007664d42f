/**
 * Bench group `listener` (3. webhook listener throughput): distinct,
 * state-changing, correctly signed Core API notifications — each one a
 * `settlement` for its own pending payment, every payment charged beforehand
 * through the real engine against the emulator — from one sender
 * (concurrency 1, the target) and from 32 at once (group commit), keep-alive,
 * from a worker thread so the sender's CPU does not count against the
 * listener's thread. Every 200 must be a committed claim (synchronous=FULL).
 * The engine keeps the app's default status budget: each claim's
 * confirmation is queued behind it (Midtrans asks for few status calls),
 * never in front of the 200.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { RunningEmulator } from '../../emulator/src/index';
import { coreNotificationSignature } from '../../electron/main/core/gateway/signatures';
import { startBenchEngine, type BenchEngine } from './bench-engine';
import type { BenchContext, BenchRow } from './bench-group';
import { BENCH_ITEMS as ITEMS, yes } from './bench-group';
import { fmt, percentile } from './stats';

// ---------------------------------------------------------------- 3. listener throughput

/**
 * The load generator, in a worker so its CPU does not count against the
 * listener's thread. It speaks HTTP/1.1 over plain keep-alive TCP sockets
 * (the listener is node:http on loopback) instead of node:http's client: at
 * concurrency 1 the sender's own cost sits in every round trip, and
 * ClientRequest + Agent + a response parser per request cost ~0.4 ms of CPU
 * on this machine (more than the listener spends on a notification), which
 * Midtrans' sender does not add to the till's figure. It is still an honest
 * single sender: one request at a time per connection, each a complete
 * request (Host, Content-Type, Content-Length, the signed body) written in
 * one go, and each response read in full (status line, headers, then
 * Content-Length bytes of body) before the next request is sent; a response
 * that closes the connection (Connection: close) makes the lane reconnect.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { url } = workerData;
const u = new URL(url);
const head = (n) => 'POST ' + u.pathname + ' HTTP/1.1\\r\\nHost: ' + u.host +
  '\\r\\nContent-Type: application/json\\r\\nContent-Length: ' + n + '\\r\\n\\r\\n';
/** One keep-alive connection sending one request at a time; exchange(body) resolves with the status code. */
function connection() {
  let socket = null, buf = Buffer.alloc(0), waiting = null;
  const fail = () => { socket = null; buf = Buffer.alloc(0); const w = waiting; waiting = null; if (w) w(0); };
  const open = () => new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port) }, () => resolve(s));
    s.setNoDelay(true);
    s.on('data', (chunk) => { buf = buf.length ? Buffer.concat([buf, chunk]) : chunk; parse(); });
    s.on('error', () => {});
    s.on('close', () => { if (socket === s) fail(); });
  });
  const parse = () => {
    if (!waiting) return;
    const end = buf.indexOf('\\r\\n\\r\\n');
    if (end < 0) return;
    const headers = buf.toString('latin1', 0, end);
    const status = Number(headers.slice(9, 12));
    const m = /\\r\\ncontent-length: *(\\d+)/i.exec(headers);
    const length = m ? Number(m[1]) : 0;
    if (buf.length < end + 4 + length) return;
    buf = buf.subarray(end + 4 + length);
    const w = waiting;
    waiting = null;
    if (/\\r\\nconnection: *close/i.test(headers)) { const s = socket; socket = null; s.destroy(); }
    w(status);
  };
  return {
    async exchange(body) {
      if (!socket) socket = await open();
      return new Promise((resolve) => { waiting = resolve; socket.write(head(Buffer.byteLength(body)) + body); });
    },
    close() { if (socket) { const s = socket; socket = null; s.destroy(); } },
  };
}
async function phase(bodies, concurrency) {
  let next = 0, ok = 0, failed = 0;
  const lat = [];
  const conns = Array.from({ length: concurrency }, connection);
  const lane = async (c) => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t0 = performance.now();
      const status = await c.exchange(body);
      if (status === 200) ok++; else failed++;
      lat.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(conns.map(lane));
  const ms = performance.now() - t0;
  for (const c of conns) c.close();
  return { ok, failed, ms, lat };
}
parentPort.on('message', async ({ bodies, concurrency }) => parentPort.postMessage(await phase(bodies, concurrency)));
`;

interface LoadResult {
  ok: number;
  failed: number;
  ms: number;
  lat: number[];
}

/** One phase: warm-up bodies, then the measured ones, at one concurrency. */
interface Phase {
  concurrency: number;
  warm: string[];
  measured: string[];
}

/** Core API `settlement` for a payment whose `pending` notification is `pendingBody`, signed as Midtrans signs it. */
function settlementOf(pendingBody: string, serverKey: string): string {
  const n = JSON.parse(pendingBody) as Record<string, unknown> & { order_id: string; gross_amount: string };
  const settled: Record<string, unknown> = { ...n, transaction_status: 'settlement', status_code: '200', status_message: 'midtrans payment notification' };
  settled.settlement_time = typeof n.transaction_time === 'string' ? n.transaction_time : '2025-01-01 10:00:00';
  settled.signature_key = coreNotificationSignature({ order_id: n.order_id, status_code: '200', gross_amount: n.gross_amount }, serverKey);
  return JSON.stringify(settled);
}

/**
 * Charges `count` store-code payments (Core API) through the engine, a few at
 * a time, and returns one signed `settlement` body per payment. The emulator
 * settles each charge silently (no notification of its own), so the
 * confirmation a claim queues would find it paid.
 */
export async function preparedSettlements(emulator: RunningEmulator, eng: BenchEngine, count: number): Promise<string[]> {
  const serverKey = eng.credentials.core?.serverKey;
  if (!serverKey) throw new Error('the emulator credentials carry no Core API server key');
  const bodies: string[] = [];
  const BATCH = 16;
  for (let done = 0; done < count; done += BATCH) {
    const made = await Promise.all(
      Array.from({ length: Math.min(BATCH, count - done) }, () => eng.payments.create({ items: ITEMS, method: 'indomaret' })),
    );
    await emulator.dispatcher.idle();
    const pending = new Map<string, string>();
    for (const r of emulator.dispatcher.log().slice(-4 * BATCH)) if (r.status === 'pending') pending.set(r.orderId, r.body);
    for (const p of made) {
      const body = pending.get(p.orderId);
      if (!body) throw new Error(`no pending notification for ${p.orderId}`);
      bodies.push(settlementOf(body, serverKey));
      emulator.store.transition(emulator.store.find(p.orderId)!, 'settlement', { notify: false });
    }
  }
  await eng.payments.idle();
  return bodies;
}

/**
 * What one durable commit costs on this disk (WAL, synchronous=FULL, a small
 * row into an indexed table, like a claim): at concurrency 1 every
 * notification waits for one, so 1 / this is the ceiling of that row.
 */
function commitMs(count: number): { p50: number; mean: number } {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-bench-fsync-'));
  try {
    const db = new BetterSqlite3(join(dir, 'probe.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL, raw TEXT); CREATE INDEX t_k ON t(k)');
    const insert = db.prepare('INSERT INTO t (k, raw) VALUES (?, ?)');
    const raw = 'x'.repeat(400);
    // Past the first pass of the WAL (appends cost more than the steady state's overwrites).
    for (let i = 0; i < 1_500; i++) insert.run(String(Math.random()), raw);
    const ms: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      insert.run(String(Math.random()), raw);
      ms.push(performance.now() - t0);
    }
    db.close();
    return { p50: percentile(ms, 50), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listenerThroughput(
  emulator: RunningEmulator,
  rows: BenchRow[],
  log: (m: string) => void,
  size: { warm: number; measured: number; concurrencies: readonly number[] },
): Promise<void> {
  // The app's status budget: confirmations wait behind it, as on a till.
  const eng = await startBenchEngine({ emulator, listener: true });
  const perPhase = size.warm + size.measured;
  const t0 = performance.now();
  const all = await preparedSettlements(emulator, eng, perPhase * size.concurrencies.length);
  log(`listener: ${all.length} pending payments charged in ${fmt(performance.now() - t0, 0)} ms`);
  const phases: Phase[] = size.concurrencies.map((concurrency, i) => {
    const mine = all.slice(i * perPhase, (i + 1) * perPhase);
    return { concurrency, warm: mine.slice(0, size.warm), measured: mine.slice(size.warm) };
  });
  // Every 200 is durably counted: a new claim is its own row.
  const claims = eng.db.prepare("SELECT count(*) AS n FROM payment_events WHERE note = 'notification' AND claimed_status = 'settlement'");
  const count = () => (claims.get() as { n: number }).n;
  const confirms = () => eng.tracking.counters().status.byKind.confirm;

  const commit = commitMs(500);
  log(`listener: one durable commit ${fmt(commit.p50, 3)} ms (p50), ${fmt(commit.mean, 3)} ms (mean)`);
  const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { url: eng.listener!.coreNotificationUrl } });
  const send = (bodies: string[], concurrency: number) =>
    new Promise<LoadResult>((resolve) => {
      worker.once('message', (m: LoadResult) => resolve(m));
      worker.postMessage({ bodies, concurrency });
    });
  try {
    for (const p of phases) {
      // No engine.idle() here: confirmations wait behind the status budget on the engine's ManualClock.
      await send(p.warm, p.concurrency);
      const before = { claims: count(), confirms: confirms() };
      const r = await send(p.measured, p.concurrency);
      const recorded = count() - before.claims;
      const confirmed = confirms() - before.confirms;
      const queued = eng.tracking.counters().status.queued;
      const rate = (r.ok / r.ms) * 1000;
      const target = p.concurrency === 1 ? '≥ 2,000/s (one sender)' : '(printed; group commit)';
      rows.push({
        metric: `3. listener throughput, c=${p.concurrency} (notifications/s)`,
        p50: fmt(rate, 0),
        p95: '',
        detail:
          `${r.ok} distinct signed settlements × 200 in ${fmt(r.ms, 0)} ms (failed ${r.failed}); ${recorded} new claims committed; ` +
          `request p50 ${fmt(percentile(r.lat, 50))} / p95 ${fmt(percentile(r.lat, 95))} ms; ` +
          `confirmations started during the run ${confirmed}, queued behind the status budget ${queued}` +
          (p.concurrency === 1
            ? `; one synchronous=FULL commit on this disk ${fmt(commit.p50, 3)} ms p50 / ${fmt(commit.mean, 3)} ms mean (ceiling at c=1 ${fmt(1000 / commit.mean, 0)}/s)`
            : ''),
        target,
        met: p.concurrency === 1 ? yes(rate >= 2000 && r.failed === 0 && recorded === r.ok) : yes(r.failed === 0 && recorded === r.ok),
      });
      log(`listener c=${p.concurrency} done`);
    }
  } finally {
    await worker.terminate();
    await eng.close();
  }
}

/** Group `listener`. */
export async function runListener(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const q = ctx.quick;
  await listenerThroughput(await ctx.emulator(), rows, ctx.log, { warm: 200, measured: q ? 1_000 : 2_000, concurrencies: [1, 32] });
  return rows;
}
