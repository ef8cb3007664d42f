/**
 * Receipt numbers stay consecutive across crashes (issue 10): a till selling
 * in a child process (test/fixtures/sales-crash-child.ts: cash, partial cash,
 * QRIS it pays at the emulator) is SIGKILLed at random moments and restarted
 * on the same ledger file, again and again. Afterwards one more till starts
 * on that file, settles what the crashes left (start-up settlement and
 * recovery), and the paid sales' receipt numbers are exactly 1..n: no gap, no
 * repeat, and the counter stands at n. Nothing is left in /tmp.
 *
 * The emulator runs in this (parent) process, so it outlives every child.
 * The kill moment is "the k-th action marker" with k random: the child keeps
 * working while the marker travels, so the kill lands anywhere in the next
 * action — inside a tender's transaction, between a payment and its sale's
 * settlement, in a charge call. The only real-time waits are the child's
 * start-up and stdout markers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { emulatorGatewayCredentials } from '../../electron/main/core/secrets/emulator-credentials';
import { silentLogger } from '../../electron/main/core/logger';
import { isSettled } from '../../electron/main/core/sales';
import type { PaymentStatus } from '../../shared/domain/payment';
import { saleServiceFor, type SalesCrashConfig } from '../fixtures/sales-crash-child';
import { startEngine } from '../fixtures/engine-harness';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(REPO, 'test/fixtures/sales-crash-child.ts');
const MARKER = 'KASIR-SALES';
const CYCLES = 6;
const MARKER_TIMEOUT_MS = 30_000;
const SEED = Number(process.env.KASIR_SALES_CRASH_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator for the kill points (the child seeds its own choices). */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  srv.close();
  await once(srv, 'close');
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

let emulator: RunningEmulator | undefined;
let root: string | undefined;
const children = new Set<ChildProcess>();

afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      const exited = once(c, 'exit');
      c.kill('SIGKILL');
      await exited;
    }
  }
  await emulator?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs the child until its `killAt`-th step marker, then SIGKILLs it. Returns the receipt numbers it reported. */
async function runUntilKilled(cfgFile: string, killAt: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: { ...process.env, KASIR_SALES_CRASH_CONFIG: cfgFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = once(child, 'exit');
  const receipts: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no step ${killAt} in time; stderr:\n${stderr}`)), MARKER_TIMEOUT_MS);
    void exit.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${String(code ?? signal)}) before step ${killAt}:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(`${MARKER} `)) return;
      const [, event, ...rest] = line.split(' ');
      const data = JSON.parse(rest.join(' ')) as { n?: number; receiptNo?: string; message?: string };
      if (event === 'paid' && data.receiptNo) receipts.push(data.receiptNo);
      if (event === 'error') {
        clearTimeout(timer);
        reject(new Error(`child failed: ${data.message}\n${stderr}`));
      }
      if (event === 'step' && data.n === killAt) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await exit.catch(() => {});
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  children.delete(child);
  return receipts;
}

describe(`receipt numbers across SIGKILL (seed ${SEED})`, () => {
  it('paid sales are numbered 1..n with no gap or repeat after the till was killed again and again', async () => {
    root = mkdtempSync(join(tmpdir(), 'kasir-sales-crash-'));
    emulator = await startEmulator({ stateDir: join(root, 'emulator') });
    const dataDir = join(root, 'till');
    mkdirSync(dataDir);
    const port = await freePort();
    emulator.setNotificationUrls([`http://127.0.0.1:${port}`]);
    const caCertPath = join(root, 'ca.pem');
    writeFileSync(caCertPath, emulator.caCertPem);
    const rand = random(SEED);
    const reported: string[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const cfg: SalesCrashConfig = {
        ledgerFile: join(dataDir, 'kasir.sqlite'),
        listenerPort: port,
        coreApiUrl: emulator.urls.coreApiUrl,
        snapBiUrl: emulator.urls.snapBiUrl,
        simulatorUrl: emulator.urls.simulatorUrl,
        caCertPath,
        credentials: emulatorGatewayCredentials(emulator.credentials),
        seed: SEED * 31 + cycle,
      };
      const cfgFile = join(root, `cycle-${cycle}.json`);
      writeFileSync(cfgFile, JSON.stringify(cfg), { mode: 0o600 });
      reported.push(...(await runUntilKilled(cfgFile, 3 + Math.floor(rand() * 12))));
    }

    // One more till on the same file: start-up settlement, recovery with the emulator, every charge still open paid.
    const h = await startEngine({ dataDir, emulator, listenerPort: port, engine: { rechecks: false } });
    try {
      const sales = saleServiceFor({ db: h.db, engine: h.engine, clock: h.clock, logger: silentLogger });
      sales.start();
      await h.payments.recover();
      const pending = h.db.prepare("SELECT id, gateway_order_id FROM payments WHERE status = 'pending'").all() as { id: string; gateway_order_id: string }[];
      for (const p of pending) {
        const tx = emulator.store.all().find((t) => t.orderId === p.gateway_order_id);
        if (tx?.status === 'pending') emulator.store.transition(tx, 'settlement');
        await expect.poll(() => h.payments.get(p.id).status, { timeout: 10_000 }).not.toBe('pending');
      }
      await h.payments.idle();
      expect(h.db.prepare("SELECT COUNT(*) FROM payments WHERE status IN ('creating', 'pending')").pluck().get()).toBe(0);

      const numbers = (h.db.prepare("SELECT receipt_no FROM sales WHERE status = 'paid' ORDER BY receipt_no").pluck().all() as number[]);
      if (process.env.KASIR_SALES_CRASH_VERBOSE) {
        const count = (sql: string) => h.db.prepare(sql).pluck().get();
        console.log(JSON.stringify({
          seed: SEED, paid: numbers.length, reported: reported.length, open: count("SELECT COUNT(*) FROM sales WHERE status = 'open'"),
          tenders: count('SELECT COUNT(*) FROM sale_tenders'), qris: count("SELECT COUNT(*) FROM payments WHERE method = 'qris'"),
        }));
      }
      expect(numbers.length, 'paid sales').toBeGreaterThan(0);
      expect(numbers, `receipt numbers (seed ${SEED})`).toEqual(numbers.map((_, i) => i + 1));
      expect(h.db.prepare("SELECT last_no FROM receipt_counters WHERE till_id = 'K1'").pluck().get()).toBe(numbers.length);
      expect(h.db.prepare("SELECT COUNT(*) FROM sales WHERE status <> 'paid' AND receipt_no IS NOT NULL").pluck().get()).toBe(0);
      // Every receipt the dead tills reported is one of them, once.
      expect(new Set(reported).size).toBe(reported.length);
      const formatted = new Set(numbers.map((n) => `K1-${String(n).padStart(6, '0')}`));
      for (const r of reported) expect(formatted.has(r), r).toBe(true);
      // No sale is left open that its tenders already cover.
      const openSales = h.db.prepare("SELECT id, total FROM sales WHERE status = 'open'").all() as { id: string; total: number }[];
      for (const sale of openSales) {
        const facts = (h.db
          .prepare('SELECT t.payment_id AS paymentId, p.method, p.status, t.applied, t.rounding, t.change_given AS change FROM sale_tenders t JOIN payments p ON p.id = t.payment_id WHERE t.sale_id = ?')
          .all(sale.id) as { paymentId: string; method: 'cash'; status: PaymentStatus; applied: number; rounding: number; change: number | null }[]);
        expect(isSettled(sale.total, facts), `open sale ${sale.id} is paid`).toBe(false);
      }
      sales.stop();
    } finally {
      await h.close({ keepEmulator: true });
    }
  });
});
