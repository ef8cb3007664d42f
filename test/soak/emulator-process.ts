/**
 * The Midtrans emulator as its own process for the soak test: started with
 * its CLI (`emulator/cli.ts`), read through its ready line, and driven only
 * over HTTPS through the simulator API — the way a customer's bank, the
 * Midtrans dashboard or a test clock would. It outlives every till the soak
 * kills, and is stopped with SIGTERM at the end (state flushed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { httpsJson } from '../fixtures/emulator-https';
import type { EmuCredentials } from '../../electron/main/core/secrets/emulator-credentials';

/** How long the emulator may take to print its ready line (tsx + key generation on a fresh state dir). */
const READY_TIMEOUT_MS = 60_000;

/** A transaction as `GET /simulator/api/transactions` shows it (the fields the soak reads). */
export interface EmuTransaction {
  transactionId: string;
  orderId: string;
  paymentType: string;
  grossAmount: number;
  status: string;
  refunds: { refundKey: string; amount: number; via?: 'api' | 'dashboard' }[];
}

/** A notification delivery record (`GET /simulator/api/notifications`). */
export interface EmuNotification {
  id: number;
  orderId: string;
  state: string;
  nextAttemptAt?: number | null;
}

/** A simulator API answer: status and JSON body, never thrown for 4xx. */
export interface SimAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The running emulator process and its simulator API. */
export interface EmulatorProcess {
  pid: number;
  urls: { coreApiUrl: string; snapBiUrl: string; simulatorUrl: string };
  caCertPem: string;
  credentials: EmuCredentials;
  /** The emulator's test clock, estimated here as real time + the offset it last reported. */
  now(): number;
  /** POST /simulator/api/<path>. */
  post(path: string, json: unknown): Promise<SimAnswer>;
  /** Advances the test clock (fires expiries and notification retries) and records the new offset. */
  advance(seconds: number): Promise<void>;
  transactions(): Promise<EmuTransaction[]>;
  notifications(): Promise<EmuNotification[]>;
  /** The emulator's stderr so far (for failure messages). */
  stderr(): string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

interface ReadyLine {
  coreApiUrl: string;
  snapBiUrl: string;
  simulatorUrl: string;
  caCertPath: string;
  serverKey: string;
  clientKey: string;
  snapBi: {
    clientId: string;
    clientSecret: string;
    partnerId: string;
    channelId: string;
    merchantId: string;
    merchantPrivateKeyPath: string;
    notificationPublicKeyPath: string;
  };
}

/** Starts `emulator/cli.ts` in its own process; resolves once its ready line is read. */
export async function startEmulatorProcess(opts: { repo: string; stateDir: string; notificationUrl: string }): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(opts.repo, 'emulator/cli.ts'), '--port', '0', '--state-dir', opts.stateDir, '--notification-url', opts.notificationUrl],
    { cwd: opts.repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
  const exited = once(child, 'exit');
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator gave no ready line in time; stderr:\n${stderr}`)), READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as ReadyLine);
      } catch (e) {
        reject(new Error(`emulator ready line is not JSON: ${line} (${String(e)})`));
      }
    });
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${String(code ?? signal)}) before it was ready; stderr:\n${stderr}`));
    });
  });

  const caCertPem = readFileSync(ready.caCertPath, 'utf8');
  const api = `${ready.simulatorUrl}/api`;
  let offsetMs = 0;

  const get = async <T>(path: string): Promise<T> => (await httpsJson<T>(`${api}/${path}`, { ca: caCertPem })).body;
  const post = async (path: string, json: unknown): Promise<SimAnswer> => {
    const res = await httpsJson<Record<string, unknown> | undefined>(`${api}/${path}`, { json, ca: caCertPem, throwHttpErrors: false });
    return { status: res.status, body: res.body ?? {} };
  };
  const clock = await get<{ offsetSeconds: number }>('clock');
  offsetMs = clock.offsetSeconds * 1000;

  return {
    pid: child.pid!,
    urls: { coreApiUrl: ready.coreApiUrl, snapBiUrl: ready.snapBiUrl, simulatorUrl: ready.simulatorUrl },
    caCertPem,
    credentials: {
      serverKey: ready.serverKey,
      clientKey: ready.clientKey,
      snapBi: {
        clientId: ready.snapBi.clientId,
        clientSecret: ready.snapBi.clientSecret,
        partnerId: ready.snapBi.partnerId,
        channelId: ready.snapBi.channelId,
        merchantId: ready.snapBi.merchantId,
        merchantPrivateKeyPem: readFileSync(ready.snapBi.merchantPrivateKeyPath, 'utf8'),
        notificationPublicKeyPem: readFileSync(ready.snapBi.notificationPublicKeyPath, 'utf8'),
      },
    },
    now: () => Date.now() + offsetMs,
    post,
    async advance(seconds) {
      const res = await post('clock/advance', { seconds });
      if (res.status !== 200) throw new Error(`clock/advance answered ${res.status}: ${JSON.stringify(res.body)}`);
      offsetMs = Number(res.body.offsetSeconds) * 1000;
    },
    transactions: async () => (await get<{ transactions: EmuTransaction[] }>('transactions?limit=1000000')).transactions,
    notifications: async () => (await get<{ notifications: EmuNotification[] }>('notifications?limit=1000000')).notifications,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
