/**
 * Bench group `client`: Kasir's Core API client (`createGateway`, the object
 * the app uses: retries wrapper, connection monitor, gateway clock, zod-checked
 * answers) vs the official `midtrans-client` (CoreApi over axios) making the
 * same calls — a QRIS charge, then the status of that charge — against the
 * same emulator.
 *
 * Fair by construction:
 * - the emulator runs in its own process (its CLI), so its CPU is not counted
 *   as either client's and `process.cpuUsage()` here is the client's alone;
 * - both sides use an https.Agent with the same options (keep-alive, the same
 *   socket cap as Kasir's production agent, TLS ≥ 1.2, verification on, the
 *   emulator's CA and nothing else);
 * - rounds are interleaved, alternating which side goes first (A B, B A, …),
 *   so drift, GC and the neighbours' load hit both alike; each figure is the
 *   median of the per-round ratios, printed with their spread (min–max).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConnectionMonitor } from '../../electron/main/core/gateway/connection-monitor';
import { buildCoreChargeBody } from '../../electron/main/core/gateway/core-api-client';
import { createGateway, type KasirGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { ChargeRequest } from '../../electron/main/core/gateway/types';
import { SystemClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import type { BenchContext, BenchRow } from './bench-group';
import { BENCH_ITEMS, yes } from './bench-group';
import { fmt, percentile } from './stats';

const AMOUNT = 48_500;
/** Kasir's production agent cap (GatewayHttp's default maxSockets); the official client gets the same. */
const MAX_SOCKETS = 8;

/** The emulator's ready line (emulator/cli.ts). */
interface Ready {
  coreApiUrl: string;
  caCertPath: string;
  serverKey: string;
  clientKey: string;
}

interface EmulatorChild {
  ready: Ready;
  caCertPem: string;
  stop(): Promise<void>;
}

/** The emulator in its own process (no persistence), so its CPU is not the clients'. */
async function startEmulatorChild(): Promise<EmulatorChild> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kasir-client-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--no-persist', '--state-dir', stateDir], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-5_000)));
  const exited = once(child, 'exit');
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator gave no ready line; stderr:\n${stderr}`)), 60_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Ready);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`emulator exited before it was ready; stderr:\n${stderr}`));
    });
  });
  return {
    ready,
    caCertPem: readFileSync(ready.caCertPath, 'utf8'),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        // --no-persist: nothing to lose if a clean shutdown stalls.
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The agent both sides get (Kasir's GatewayHttp builds its own with exactly these options). */
const agentOptions = (ca: string): https.AgentOptions => ({ keepAlive: true, maxSockets: MAX_SOCKETS, minVersion: 'TLSv1.2', rejectUnauthorized: true, ca });

/** One side of the comparison: a charge then the status of that charge. */
interface Side {
  name: 'kasir' | 'midtrans-client';
  /** One charge + one status; pushes each call's latency (ms). */
  sale(n: number, out: number[]): Promise<void>;
  close(): void;
}

interface MidtransCore {
  charge(body: object): Promise<{ transaction_id: string; transaction_status: string }>;
  transaction: { status(id: string): Promise<{ transaction_status: string }> };
  apiConfig: { getCoreApiBaseUrl: () => string };
  httpClient: { http_client: { defaults: { httpsAgent?: https.Agent } } };
}

const requireCjs = createRequire(import.meta.url);

function request(tag: string, n: number): ChargeRequest {
  const orderId = `CB-${tag}-${process.pid}-${n}`;
  return { orderId, method: 'qris', api: 'core_api', amount: AMOUNT, items: BENCH_ITEMS, idempotencyKey: orderId };
}

function officialSide(emu: EmulatorChild, tag: string): Side {
  const midtrans = requireCjs('midtrans-client') as { CoreApi: new (o: { isProduction: boolean; serverKey: string; clientKey: string }) => MidtransCore };
  const core = new midtrans.CoreApi({ isProduction: false, serverKey: emu.ready.serverKey, clientKey: emu.ready.clientKey });
  core.apiConfig.getCoreApiBaseUrl = () => emu.ready.coreApiUrl;
  // midtrans-client passes axios's instance defaults through: its agent is the documented axios `httpsAgent`.
  const agent = new https.Agent(agentOptions(emu.caCertPem));
  core.httpClient.http_client.defaults.httpsAgent = agent;
  return {
    name: 'midtrans-client',
    sale: async (n, out) => {
      const body = buildCoreChargeBody(request(tag, n));
      let t0 = performance.now();
      const charged = await core.charge(body);
      out.push(performance.now() - t0);
      if (charged.transaction_status !== 'pending') throw new Error(`midtrans-client charge: ${charged.transaction_status}`);
      t0 = performance.now();
      const st = await core.transaction.status(charged.transaction_id);
      out.push(performance.now() - t0);
      if (st.transaction_status !== 'pending') throw new Error(`midtrans-client status: ${st.transaction_status}`);
    },
    close: () => agent.destroy(),
  };
}

function kasirSide(emu: EmulatorChild, tag: string): Side {
  const clock = new SystemClock();
  const gateway: KasirGateway = createGateway({
    env: 'emulator',
    coreApiBaseUrl: emu.ready.coreApiUrl,
    snapBiBaseUrl: emu.ready.coreApiUrl,
    caCertPem: emu.caCertPem,
    credentials: { env: 'emulator', core: { serverKey: emu.ready.serverKey, clientKey: emu.ready.clientKey }, snapBi: null },
    clock,
    logger: silentLogger,
    connection: new ConnectionMonitor(clock),
  });
  return {
    name: 'kasir',
    sale: async (n, out) => {
      const req = request(tag, n);
      let t0 = performance.now();
      const charged = await gateway.charge(req);
      out.push(performance.now() - t0);
      if (charged.status !== 'pending') throw new Error(`kasir charge: ${charged.status}`);
      t0 = performance.now();
      const st = await gateway.status({ orderId: req.orderId, externalId: req.idempotencyKey, referenceNo: charged.referenceNo, method: 'qris', api: 'core_api' });
      out.push(performance.now() - t0);
      if (st?.status !== 'pending') throw new Error(`kasir status: ${st?.status}`);
    },
    close: () => gateway.close(),
  };
}

/** What one side did in one round. */
interface RoundResult {
  callsPerSec: number;
  p95: number;
  cpuUsPerCall: number;
}

let seq = 0;

/** `sales` sales (2 calls each) by `concurrency` workers; throughput, p95 and client CPU per call. */
async function runRound(side: Side, sales: number, concurrency: number): Promise<RoundResult> {
  const lat: number[] = [];
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sales) {
        next++;
        await side.sale(++seq, lat);
      }
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { callsPerSec: (lat.length / wall) * 1000, p95: percentile(lat, 95), cpuUsPerCall: (cpu.user + cpu.system) / lat.length };
}

/** The median (mean of the middle two for an even count: neither side gets the kinder of the two). */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
const spread = (xs: readonly number[]): string => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;

/** Group `client`. */
export async function runClient(ctx: BenchContext): Promise<BenchRow[]> {
  const rounds = ctx.quick ? 2 : 6;
  const emu = await startEmulatorChild();
  const sides = [kasirSide(emu, 'K'), officialSide(emu, 'M')] as const;
  const rows: BenchRow[] = [];
  try {
    for (const concurrency of [1, 16]) {
      const sales = ctx.quick ? 30 : concurrency === 1 ? 200 : 500;
      // Warm both (JIT, TLS sessions, sockets) before anything counts.
      for (const side of sides) await runRound(side, Math.max(concurrency * 4, 50), concurrency);
      const results = { kasir: [] as RoundResult[], 'midtrans-client': [] as RoundResult[] };
      for (let r = 0; r < rounds; r++) {
        for (const side of r % 2 === 0 ? sides : ([...sides].reverse() as Side[])) results[side.name].push(await runRound(side, sales, concurrency));
      }
      const k = results.kasir;
      const m = results['midtrans-client'];
      const tput = k.map((x, i) => x.callsPerSec / m[i]!.callsPerSec);
      const p95 = k.map((x, i) => x.p95 / m[i]!.p95);
      const cpu = k.map((x, i) => x.cpuUsPerCall / m[i]!.cpuUsPerCall);
      const tputMed = median(tput);
      const p95Med = median(p95);
      const common = `${rounds} interleaved rounds of ${sales * 2} calls (charge + status), keep-alive agent ×${MAX_SOCKETS} sockets, TLS verified, emulator in its own process`;
      rows.push({
        metric: `client: throughput ratio c=${concurrency} (kasir / midtrans-client)`,
        p50: `${fmt(tputMed)}×`,
        p95: '',
        detail: `spread ${spread(tput)}; kasir ${fmt(median(k.map((x) => x.callsPerSec)), 0)} calls/s, midtrans-client ${fmt(median(m.map((x) => x.callsPerSec)), 0)} calls/s; CPU per call ratio ${fmt(median(cpu))}× (spread ${spread(cpu)}; kasir ${fmt(median(k.map((x) => x.cpuUsPerCall)), 0)} µs, midtrans-client ${fmt(median(m.map((x) => x.cpuUsPerCall)), 0)} µs); ${common}`,
        target: '≥ 1.00×',
        met: yes(tputMed >= 1),
      });
      rows.push({
        metric: `client: p95 ratio c=${concurrency} (kasir / midtrans-client)`,
        p50: '',
        p95: `${fmt(p95Med)}×`,
        detail: `spread ${spread(p95)}; kasir p95 ${fmt(median(k.map((x) => x.p95)))} ms, midtrans-client p95 ${fmt(median(m.map((x) => x.p95)))} ms; ${common}`,
        target: '≤ 1.00×',
        met: yes(p95Med <= 1),
      });
      ctx.log(`client c=${concurrency}: throughput ${fmt(tputMed)}× (${spread(tput)}), p95 ${fmt(p95Med)}× (${spread(p95)}), cpu ${fmt(median(cpu))}× (${spread(cpu)})`);
    }
  } finally {
    for (const side of sides) side.close();
    await emu.stop();
  }
  return rows;
}
