/**
 * Emulator throughput (not a test): `npm run bench:emulator`.
 * Measures the mode the app uses: the emulator in a worker thread
 * (electron/main/core/emulator-host, as buildServices starts it), persisting
 * to its SQLite file with group commit, driven over HTTPS with keep-alive at
 * ~32 concurrent requests from the main thread (so client and server each get
 * a core; the client is a lean keep-alive TLS one, see chargeClient):
 *  1. charges/s while persisting (QRIS charges, no notification URL);
 *  2. charges/s with notifications on, and notification deliveries/s received
 *     by a local node:http server.
 * `runEmulatorThroughput` is scenario 1 as a row for `npm run bench -- embedded`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulatorHost, type EmulatorHost } from '../../electron/main/core/emulator-host/emulator-host';
import { yes, type BenchContext, type BenchRow } from './bench-group';
import { KeepAliveTlsClient } from './keep-alive-client';
import { cpuNow, cpuPerOp } from './thread-cpu';

const CONCURRENCY = 32;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 4) * 1000;

interface Ready {
  coreApiUrl: string;
  caCertPem: string;
  serverKey: string;
}

/** The emulator as the app runs it: worker thread, persisting in a fresh state dir. */
export async function startHosted(): Promise<{ host: EmulatorHost; info: Ready; stop(): Promise<void> }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kasir-bench-emulator-'));
  const host = await startEmulatorHost({ stateDir });
  return {
    host,
    info: { coreApiUrl: host.urls.coreApiUrl, caCertPem: host.caCertPem, serverKey: host.credentials.serverKey },
    async stop() {
      await host.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * One keep-alive connection sending charges as a Node client does (same
 * request line, headers and JSON body). A lean client (keep-alive-client.ts),
 * not `https.request`: at 5,000 charges/s the latter's own machinery took
 * ~155 µs of CPU per request on the main thread, which shares the 2 cores with
 * the emulator's worker, so the row measured the client as much as the emulator.
 * TLS verification against the emulator CA and keep-alive are as before.
 */
function chargeClient(info: Ready): KeepAliveTlsClient {
  return new KeepAliveTlsClient(new URL(info.coreApiUrl), info.caCertPem, {
    method: 'POST',
    path: '/v2/charge',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${info.serverKey}:`).toString('base64')}`,
    },
  });
}

/** What a run of {@link driveCharges} measured. */
export interface ChargeRun {
  ok: number;
  failed: number;
  perSec: number;
  p50: number;
  p99: number;
  /** CPU µs per charge on this (the client's) thread and on the others (the emulator's worker and helpers). */
  cpu: { thread: number; others: number };
}

/**
 * Drives charges for DURATION_MS; returns count, rate, latency percentiles and
 * CPU per charge. A charge counts as ok when it was created (HTTP 200 with body
 * status_code "201"). Exported with startHosted so a scratch script can drive
 * several runs against one emulator.
 */
export async function driveCharges(info: Ready, tag: string, durationMs = DURATION_MS): Promise<ChargeRun> {
  const clients = Array.from({ length: CONCURRENCY }, () => chargeClient(info));
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let n = 0;
  const cpuStart = cpuNow();
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async (client: KeepAliveTlsClient): Promise<void> => {
    while (performance.now() < deadline) {
      const body = JSON.stringify({
        payment_type: 'qris',
        transaction_details: { order_id: `bench-${tag}-${process.pid}-${n++}`, gross_amount: 10000 },
      });
      const t0 = performance.now();
      const created = await client.request(body).then(
        (r) => r.status === 200 && r.body.includes('"status_code":"201"'),
        () => false,
      );
      latencies.push(performance.now() - t0);
      if (created) ok++;
      else failed++;
    }
  };
  await Promise.all(clients.map(worker));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuPerOp(cpuStart, ok + failed);
  for (const c of clients) c.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { ok, failed, perSec: ok / elapsed, p50: pct(0.5), p99: pct(0.99), cpu };
}

async function main(): Promise<void> {
  const rows: Record<string, string | number>[] = [];

  // 1. Plain charges.
  {
    const { info, stop } = await startHosted();
    await driveCharges(info, 'warm'); // JIT and TLS warm-up, not reported
    const r = await driveCharges(info, 'plain');
    rows.push({ scenario: 'charges while persisting (no notifications)', 'per second': Math.round(r.perSec), ok: r.ok, failed: r.failed, 'p50 ms': r.p50.toFixed(1), 'p99 ms': r.p99.toFixed(1), 'client µs/charge': Math.round(r.cpu.thread), 'emulator µs/charge': Math.round(r.cpu.others) });
    await stop();
  }

  // 2. Charges with a notification per charge, received locally.
  {
    let received = 0;
    let lastAt = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        lastAt = performance.now();
        res.end('ok');
      });
    });
    receiver.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
    const { host, info, stop } = await startHosted();
    host.setNotificationUrls([url]);
    const t0 = performance.now();
    const r = await driveCharges(info, 'notify');
    // Wait until every pending notification has arrived (or stalls for 3 s).
    let last = -1;
    let stableSince = performance.now();
    while (received < r.ok && performance.now() - stableSince < 3000) {
      await new Promise((res) => setTimeout(res, 50));
      if (received !== last) {
        last = received;
        stableSince = performance.now();
      }
    }
    const deliverySeconds = (lastAt - t0) / 1000;
    rows.push({ scenario: 'charges (notifications on)', 'per second': Math.round(r.perSec), ok: r.ok, failed: r.failed, 'p50 ms': r.p50.toFixed(1), 'p99 ms': r.p99.toFixed(1) });
    rows.push({ scenario: 'notification deliveries', 'per second': Math.round(received / deliverySeconds), ok: received, failed: r.ok - received, 'p50 ms': '-', 'p99 ms': '-' });
    await stop();
    receiver.closeAllConnections();
    await new Promise((res) => receiver.close(res));
  }

  process.stdout.write(`Midtrans emulator in its worker thread, persisting, ${CONCURRENCY} concurrent keep-alive HTTPS clients, ${DURATION_MS / 1000} s per run\n`);
  console.table(rows);
}

const cpuText = (us: number): string => (Number.isFinite(us) ? `${Math.round(us)} µs` : 'n/a');

/** Charges/s while persisting, in the app's mode (worker thread, SQLite, group commit): a row for the `embedded` group. */
export async function runEmulatorThroughput(ctx: BenchContext): Promise<BenchRow> {
  const seconds = ctx.quick ? 1 : 4;
  const { info, stop } = await startHosted();
  try {
    // 3 s, not 1.5: measured in CPU per charge, the emulator worker's charge path was still
    // being optimized by V8 after 1.5 s (~205 µs per charge in the next 4 s, ~165 µs from then on).
    await driveCharges(info, 'warm', ctx.quick ? 500 : 3000);
    const r = await driveCharges(info, 'rows', seconds * 1000);
    ctx.log(`embedded: emulator ${Math.round(r.perSec)} charges/s while persisting (${r.failed} failed; CPU/charge client ${cpuText(r.cpu.thread)}, emulator ${cpuText(r.cpu.others)})`);
    return {
      metric: 'emulator charges/s while persisting (worker, SQLite)',
      p50: `${Math.round(r.perSec)}/s`,
      p95: '',
      detail: `${r.ok} ok, ${r.failed} failed, ${CONCURRENCY} keep-alive clients on the main thread for ${seconds} s; request p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms; CPU/charge client ${cpuText(r.cpu.thread)}, emulator worker + helpers ${cpuText(r.cpu.others)}`,
      target: '≥ 5,000 charges/s',
      met: yes(r.perSec >= 5000 && r.failed === 0),
    };
  } finally {
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${String(err)}\n`);
    process.exit(1);
  });
}
