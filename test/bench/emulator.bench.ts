/**
 * Emulator throughput (not a test): `npx tsx test/bench/emulator.bench.ts`.
 * Runs the emulator CLI as a child process (so client and server each get a
 * core) and drives it over HTTPS with keep-alive at ~32 concurrent requests:
 *  1. charges/s (QRIS charges, no notification URL);
 *  2. charges/s with notifications on, and notification deliveries/s received
 *     by a local node:http server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const CONCURRENCY = 32;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 4) * 1000;
const ROOT = join(import.meta.dirname, '../..');

interface Ready {
  coreApiUrl: string;
  caCertPath: string;
  serverKey: string;
}

async function startChild(extra: string[]): Promise<{ child: ChildProcess; info: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--no-persist', ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as Ready };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function post(agent: https.Agent, info: Ready, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${info.coreApiUrl}/v2/charge`,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `Basic ${Buffer.from(`${info.serverKey}:`).toString('base64')}`,
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
async function driveCharges(info: Ready, tag: string): Promise<{ ok: number; failed: number; perSec: number; p50: number; p99: number }> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: readFileSync(info.caCertPath, 'utf8') });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + DURATION_MS;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const body = JSON.stringify({
        payment_type: 'qris',
        transaction_details: { order_id: `bench-${tag}-${process.pid}-${n++}`, gross_amount: 10000 },
      });
      const t0 = performance.now();
      const status = await post(agent, info, body).catch(() => 0);
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
    const { child, info } = await startChild([]);
    await driveCharges(info, 'warm'); // JIT and TLS warm-up, not reported
    const r = await driveCharges(info, 'plain');
    rows.push({ scenario: 'charges (no notifications)', 'per second': Math.round(r.perSec), ok: r.ok, failed: r.failed, 'p50 ms': r.p50.toFixed(1), 'p99 ms': r.p99.toFixed(1) });
    await stopChild(child);
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
    const { child, info } = await startChild(['--notification-url', url]);
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
    await stopChild(child);
    receiver.closeAllConnections();
    await new Promise((res) => receiver.close(res));
  }

  process.stdout.write(`Midtrans emulator, ${CONCURRENCY} concurrent keep-alive HTTPS clients, ${DURATION_MS / 1000} s per run\n`);
  console.table(rows);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exit(1);
});
