/**
 * Bench group `listener` (3. webhook listener throughput): correctly signed
 * Core notifications for existing pending payments, keep-alive, from a worker
 * thread so the sender's CPU does not count against the listener's thread.
 */
import { Worker } from 'node:worker_threads';
import type { RunningEmulator } from '../../emulator/src/index';
import { startBenchEngine } from './bench-engine';
import type { BenchContext, BenchRow } from './bench-group';
import { BENCH_ITEMS as ITEMS, yes, NO_BUDGET } from './bench-group';
import { fmt, percentile } from './stats';

// ---------------------------------------------------------------- 3. listener throughput

/** The load generator, in a worker so its CPU does not count against the listener's thread. */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, bodies, warm, total, concurrency } = workerData;
const u = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
async function phase(count) {
  let next = 0, ok = 0, failed = 0;
  const lat = [];
  const one = (i) => new Promise((resolve) => {
    const body = bodies[i % bodies.length];
    const t0 = performance.now();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode === 200) ok++; else failed++; lat.push(performance.now() - t0); resolve(); });
    });
    req.on('error', () => { failed++; resolve(); });
    req.end(body);
  });
  const lane = async () => { while (next < count) await one(next++); };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { ok, failed, ms: performance.now() - t0, lat };
}
(async () => {
  await phase(warm);
  parentPort.postMessage({ warmed: true });
  await new Promise((r) => parentPort.once('message', r));
  const r = await phase(total);
  agent.destroy();
  parentPort.postMessage(r);
})();
`;

interface LoadResult {
  ok: number;
  failed: number;
  ms: number;
  lat: number[];
}

async function listenerThroughput(
  emulator: RunningEmulator,
  rows: BenchRow[],
  log: (m: string) => void,
  size: { payments: number; total: number; warm: number; concurrency: number },
): Promise<void> {
  const { payments: TP_PAYMENTS, total: TP_TOTAL, warm: TP_WARM, concurrency: TP_CONCURRENCY } = size;
  const eng = await startBenchEngine({ emulator, listener: true, engine: NO_BUDGET });
  const bodies: string[] = [];
  for (let i = 0; i < TP_PAYMENTS; i++) {
    const p = await eng.payments.create({ items: ITEMS, method: 'indomaret' });
    bodies.push(emulator.dispatcher.log(p.orderId).find((r) => r.status === 'pending')!.body);
  }
  await emulator.dispatcher.idle();
  await eng.payments.idle();
  // Every 200 is durably counted: a new claim as its row, a repeat in its row's `received`.
  const count = () =>
    (eng.db.prepare("SELECT coalesce(sum(received), 0) AS n FROM payment_events WHERE note = 'notification'").get() as { n: number }).n;

  const worker = new Worker(LOAD_WORKER, {
    eval: true,
    workerData: { url: eng.listener!.coreNotificationUrl, bodies, warm: TP_WARM, total: TP_TOTAL, concurrency: TP_CONCURRENCY },
  });
  const messages: unknown[] = [];
  let wake: (() => void) | null = null;
  worker.on('message', (m) => {
    messages.push(m);
    wake?.();
  });
  const nextMessage = async <T>(): Promise<T> => {
    while (messages.length === 0) await new Promise<void>((r) => (wake = r));
    return messages.shift() as T;
  };
  await nextMessage();
  await eng.payments.idle();
  const before = count();
  worker.postMessage('go');
  const r = await nextMessage<LoadResult>();
  const drain0 = performance.now();
  await eng.payments.idle();
  const drainMs = performance.now() - drain0;
  const recorded = count() - before;
  await worker.terminate();

  const rate = (r.ok / r.ms) * 1000;
  rows.push({
    metric: '3. listener throughput (notifications/s)',
    p50: fmt(rate, 0),
    p95: '',
    detail:
      `${r.ok} × 200 in ${fmt(r.ms, 0)} ms (failed ${r.failed}); ${recorded} durably recorded; ` +
      `request p50 ${fmt(percentile(r.lat, 50))} / p95 ${fmt(percentile(r.lat, 95))} ms; c=${TP_CONCURRENCY}, ${TP_PAYMENTS} payments; ` +
      `confirmations drained ${fmt(drainMs, 0)} ms later`,
    target: '≥ 2,000/s',
    met: yes(rate >= 2000 && r.failed === 0 && recorded === r.ok),
  });
  log('listener throughput done');
  await eng.close();
}

/** Group `listener`. */
export async function runListener(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const q = ctx.quick;
  await listenerThroughput(await ctx.emulator(), rows, ctx.log, { payments: q ? 50 : 200, total: q ? 2_000 : 20_000, warm: q ? 300 : 2_000, concurrency: 32 });
  return rows;
}
