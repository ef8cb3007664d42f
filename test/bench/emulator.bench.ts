/**
 * Emulator throughput (not a test): `npm run bench:emulator`.
 * Measures the mode the app uses: the emulator in a worker thread
 * (electron/main/core/emulator-host, as buildServices starts it), persisting
 * to its SQLite file with group commit, driven over HTTPS with keep-alive at
 * ~32 concurrent requests from the main thread (so client and server each get
 * a core):
 *  1. charges/s while persisting (QRIS charges, no notification URL);
 *  2. charges/s with notifications on, and notification deliveries/s received
 *     by a local node:http server.
 * `runEmulatorThroughput` is scenario 1 as a row for `npm run bench -- embedded`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulatorHost, type EmulatorHost } from '../../electron/main/core/emulator-host/emulator-host';
import { yes, type BenchContext, type BenchRow } from './bench-group';

const CONCURRENCY = 32;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 4) * 1000;

interface Ready {
  coreApiUrl: string;
  caCertPem: string;
  serverKey: string;
}

/** The emulator as the app runs it: worker thread, persisting in a fresh state dir. */
async function startHosted(): Promise<{ host: EmulatorHost; info: Ready; stop(): Promise<void> }> {
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
 * What every charge request shares, worked out once: at 5,000 charges/s the
 * client thread's own URL parsing and base64 were a measurable share of a core
 * it shares with nothing but the emulator's answers.
 */
function chargeTarget(agent: https.Agent, info: Ready): { options: https.RequestOptions; authorization: string } {
  const url = new URL(`${info.coreApiUrl}/v2/charge`);
  return {
    options: { method: 'POST', agent, protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname },
    authorization: `Basic ${Buffer.from(`${info.serverKey}:`).toString('base64')}`,
  };
}

function post(target: ReturnType<typeof chargeTarget>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        ...target.options,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: target.authorization,
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Drives charges for DURATION_MS; returns count, rate and latency percentiles. */
async function driveCharges(info: Ready, tag: string, durationMs = DURATION_MS): Promise<{ ok: number; failed: number; perSec: number; p50: number; p99: number }> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: info.caCertPem });
  const target = chargeTarget(agent, info);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const body = JSON.stringify({
        payment_type: 'qris',
        transaction_details: { order_id: `bench-${tag}-${process.pid}-${n++}`, gross_amount: 10000 },
      });
      const t0 = performance.now();
      const status = await post(target, body).catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status === 200) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { ok, failed, perSec: ok / elapsed, p50: pct(0.5), p99: pct(0.99) };
}

async function main(): Promise<void> {
  const rows: Record<string, string | number>[] = [];

  // 1. Plain charges.
  {
    const { info, stop } = await startHosted();
    await driveCharges(info, 'warm'); // JIT and TLS warm-up, not reported
    const r = await driveCharges(info, 'plain');
    rows.push({ scenario: 'charges while persisting (no notifications)', 'per second': Math.round(r.perSec), ok: r.ok, failed: r.failed, 'p50 ms': r.p50.toFixed(1), 'p99 ms': r.p99.toFixed(1) });
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

/** Charges/s while persisting, in the app's mode (worker thread, SQLite, group commit): a row for the `embedded` group. */
export async function runEmulatorThroughput(ctx: BenchContext): Promise<BenchRow> {
  const seconds = ctx.quick ? 1 : 4;
  const { info, stop } = await startHosted();
  try {
    await driveCharges(info, 'warm', ctx.quick ? 500 : 1500);
    const r = await driveCharges(info, 'rows', seconds * 1000);
    ctx.log(`embedded: emulator ${Math.round(r.perSec)} charges/s while persisting (${r.failed} failed)`);
    return {
      metric: 'emulator charges/s while persisting (worker, SQLite)',
      p50: `${Math.round(r.perSec)}/s`,
      p95: '',
      detail: `${r.ok} ok, ${r.failed} failed, ${CONCURRENCY} keep-alive clients on the main thread for ${seconds} s; request p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms`,
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
