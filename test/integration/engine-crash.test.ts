/**
 * Crash safety (issue #4): a Kasir engine in a child process is SIGKILLed at
 * each step of a charge, then restarted here on the same ledger file and
 * reconciled with `recover()`. Every case must end with the ledger equal to
 * the emulator's truth: no second charge, no lost payment, nothing stuck in
 * `creating`, and the reconciled state recorded with source `recovery`.
 *
 * The emulator runs in this (parent) process; the child gets its URLs, CA and
 * credentials through a JSON file (see test/fixtures/crash-child.ts). The only
 * waiting on real time is for the child's stdout markers and `expect.poll`
 * on asynchronous outcomes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorGatewayCredentials } from '../../electron/main/core/secrets/emulator-credentials';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import type { PaymentEventRow, PaymentRow } from '../../electron/main/core/ledger';
import type { PaymentStatus, UpdateSource } from '../../shared/domain/payment';
import type { CrashChildConfig, CrashStep } from '../fixtures/crash-child';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(REPO, 'test/fixtures/crash-child.ts');
/** Prefix of the child's protocol lines (see crash-child.ts). */
const MARKER = 'KASIR-CRASH';
const ITEMS = [
  { sku: 'KOPI', name: 'Kopi susu', price: 18_000, quantity: 2 },
  { sku: 'ROTI', name: 'Roti bakar', price: 12_500, quantity: 1 },
];
const TOTAL = 48_500;
/** How long to wait for a child marker (child start-up includes loading tsx). */
const MARKER_TIMEOUT_MS = 20_000;

interface MethodCase {
  method: 'qris' | 'indomaret';
  api: 'snap_bi' | 'core_api';
  /** The charge endpoint, for API fault rules. */
  chargePath: string;
}

const METHODS: MethodCase[] = [
  { method: 'qris', api: 'snap_bi', chargePath: '/v1.0/qr/qr-mpm-generate' },
  { method: 'indomaret', api: 'core_api', chargePath: '/v2/charge' },
];

let emulator: RunningEmulator;
let root: string;
const children = new Set<ChildProcess>();
const engines = new Set<EngineHarness>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kasir-crash-'));
  emulator = await startEmulator({ stateDir: join(root, 'emulator') });
});

afterEach(async () => {
  emulator.faults.clear();
  for (const c of children) await killChild(c);
  for (const h of engines) await h.close({ keepEmulator: true });
  engines.clear();
});

afterAll(async () => {
  for (const c of children) await killChild(c);
  for (const h of engines) await h.close({ keepEmulator: true });
  await emulator?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function killChild(c: ChildProcess): Promise<void> {
  if (c.exitCode === null && c.signalCode === null) {
    const exited = once(c, 'exit');
    c.kill('SIGKILL');
    await exited;
  }
  children.delete(c);
}

/** A free TCP port on 127.0.0.1 (the child's listener binds it; the restarted engine binds it again). */
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

type Marker = { event: string; data: Record<string, unknown> };

interface CrashRun {
  dataDir: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the first marker named `event` (already seen or still to come). */
  marker(event: string): Promise<Record<string, unknown>>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
}

/** Starts the child engine for one method and step. */
async function spawnChild(m: MethodCase, step: CrashStep): Promise<CrashRun> {
  const dataDir = mkdtempSync(join(root, `${m.method}-${step}-`));
  const port = await freePort();
  // SNAP-BI resolves the dashboard URL at charge time; Core API gets X-Override-Notification from the child.
  emulator.setNotificationUrls([`http://127.0.0.1:${port}`]);
  const cfg: CrashChildConfig = {
    step,
    method: m.method,
    items: ITEMS,
    ledgerFile: join(dataDir, 'kasir.sqlite'),
    listenerPort: port,
    coreApiUrl: emulator.urls.coreApiUrl,
    snapBiUrl: emulator.urls.snapBiUrl,
    caCertPem: emulator.caCertPem,
    credentials: emulatorGatewayCredentials(emulator.credentials),
  };
  const cfgFile = join(dataDir, 'crash-child.json');
  writeFileSync(cfgFile, JSON.stringify(cfg), { mode: 0o600 });

  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: { ...process.env, KASIR_CRASH_CONFIG: cfgFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const seen: Marker[] = [];
  const waiters: { event: string; resolve: (d: Record<string, unknown>) => void }[] = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith(`${MARKER} `)) return;
    const [, event, ...rest] = line.split(' ');
    const m: Marker = { event: event!, data: JSON.parse(rest.join(' ')) as Record<string, unknown> };
    seen.push(m);
    for (const w of waiters.filter((x) => x.event === m.event)) w.resolve(m.data);
  });
  const exit = once(child, 'exit');

  const marker = (event: string): Promise<Record<string, unknown>> => {
    const hit = seen.find((x) => x.event === event);
    if (hit) return Promise.resolve(hit.data);
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`child gave no "${event}" marker in time; stderr:\n${stderr}`)), MARKER_TIMEOUT_MS);
      waiters.push({ event, resolve: (d) => (clearTimeout(timer), res(d)) });
      void exit.then(([code, signal]) => {
        clearTimeout(timer);
        const err = seen.find((x) => x.event === 'error');
        rej(new Error(`child exited (${String(code ?? signal)}) before "${event}": ${JSON.stringify(err?.data ?? {})}\n${stderr}`));
      });
    });
  };
  return { dataDir, port, child, marker, kill: () => killChild(child) };
}

/** Restarts the engine on the dead child's ledger and listener port; collects emitted updates. */
async function restart(run: CrashRun) {
  const h = await startEngine({ dataDir: run.dataDir, emulator, listenerPort: run.port });
  engines.add(h);
  const updates: { status: PaymentStatus; source: UpdateSource }[] = [];
  h.payments.onUpdated((v, source) => updates.push({ status: v.status, source }));
  return { h, updates };
}

function rows(h: EngineHarness): PaymentRow[] {
  return h.db.prepare('SELECT * FROM payments ORDER BY created_at').all() as PaymentRow[];
}

function events(h: EngineHarness, paymentId: string): PaymentEventRow[] {
  return h.db.prepare('SELECT * FROM payment_events WHERE payment_id = ? ORDER BY id').all(paymentId) as PaymentEventRow[];
}

const emulatorTxs = (gatewayOrderId: string) => emulator.store.all().filter((t) => t.orderId === gatewayOrderId);

/**
 * The invariant of every case: each ledger payment equals the emulator's
 * transaction for its order id (status and amount), there is at most one such
 * transaction, a payment the emulator never saw is `failed_to_create`, and
 * nothing is left in `creating`.
 */
function expectLedgerEqualsEmulator(h: EngineHarness): void {
  for (const row of rows(h)) {
    expect(row.status, `payment ${row.id} stuck in creating`).not.toBe('creating');
    const txs = emulatorTxs(row.gateway_order_id);
    expect(txs.length, `emulator transactions for ${row.gateway_order_id}`).toBeLessThanOrEqual(1);
    if (txs.length === 0) {
      expect(row.status).toBe('failed_to_create');
    } else {
      expect({ status: row.status, amount: row.amount }).toEqual({ status: txs[0]!.status, amount: txs[0]!.grossAmount });
    }
  }
}

/** The single payment the crashed child left, checked against what it reported before dying. */
function onlyPayment(h: EngineHarness, gatewayOrderId: unknown, expected: PaymentStatus): PaymentRow {
  const all = rows(h);
  expect(all).toHaveLength(1);
  const row = all[0]!;
  expect(row.gateway_order_id).toBe(gatewayOrderId);
  expect(row.amount).toBe(TOTAL);
  expect(row.status, 'ledger state left by the crash').toBe(expected);
  return row;
}

function expectRecoveryApplied(h: EngineHarness, paymentId: string, to: PaymentStatus): void {
  const applied = events(h, paymentId).filter((e) => e.applied === 1 && e.source === 'recovery');
  expect(applied.map((e) => e.to_status)).toEqual([to]);
}

/** The customer pays at the emulator and the notification reaches the restarted engine's listener. */
async function payAndExpectWebhook(h: EngineHarness, paymentId: string, gatewayOrderId: string): Promise<void> {
  emulator.store.transition(emulatorTxs(gatewayOrderId)[0]!, 'settlement');
  await expect.poll(() => h.payments.get(paymentId).status, { timeout: 5_000 }).toBe('settlement');
  await h.payments.idle();
  expect(h.payments.get(paymentId).lastSource).toBe('webhook');
}

describe.each(METHODS)('SIGKILL during a $method charge ($api)', (m) => {
  it('after the intent is committed, before the request: the charge never existed → failed_to_create; the sale can be charged once again', async () => {
    const before = emulator.store.all().length;
    const run = await spawnChild(m, 'intent');
    const at = await run.marker('step');
    await run.kill();

    const { h, updates } = await restart(run);
    const row = onlyPayment(h, at.orderId, 'creating');
    await h.payments.recover();

    expect(emulatorTxs(row.gateway_order_id)).toHaveLength(0);
    expect(h.payments.get(row.id).status).toBe('failed_to_create');
    expect(h.payments.get(row.id).lastSource).toBe('recovery');
    expectRecoveryApplied(h, row.id, 'failed_to_create');
    expect(updates).toEqual([{ status: 'failed_to_create', source: 'recovery' }]);
    expect(h.payments.isRecovering(row.order_id)).toBe(false);
    expectLedgerEqualsEmulator(h);

    // Nothing was lost: the same sale is charged again, exactly once.
    const again = await h.payments.chargeAgain(row.order_id, m.method);
    expect(again.status).toBe('pending');
    expect(emulatorTxs(again.orderId)).toHaveLength(1);
    expect(emulator.store.all().length).toBe(before + 1);
    expectLedgerEqualsEmulator(h);
  });

  it('while the charge request is in flight and never processed → failed_to_create, no charge at the emulator', async () => {
    const before = emulator.store.all().length;
    const rule = emulator.faults.add({ match: { method: 'POST', path: m.chargePath }, action: 'hang', times: 1 });
    const run = await spawnChild(m, 'inflight');
    const at = await run.marker('charging');
    // The request body has reached the emulator, which holds it without answering.
    await expect.poll(() => emulator.faults.list().find((r) => r.id === rule.id)?.hits, { timeout: 10_000 }).toBe(1);
    await run.kill();

    const { h, updates } = await restart(run);
    const row = onlyPayment(h, at.orderId, 'creating');
    await h.payments.recover();

    expect(emulator.store.all().length).toBe(before);
    expect(h.payments.get(row.id).status).toBe('failed_to_create');
    expectRecoveryApplied(h, row.id, 'failed_to_create');
    expect(updates).toEqual([{ status: 'failed_to_create', source: 'recovery' }]);
    expectLedgerEqualsEmulator(h);
  });

  it('while the charge request is in flight and processed (reply lost) → recovered as pending, then paid by webhook', async () => {
    const before = emulator.store.all().length;
    const rule = emulator.faults.add({ match: { method: 'POST', path: m.chargePath }, action: 'hang', when: 'after', times: 1 });
    // Core API announces `pending` to the child's listener; drop it so the ledger stays as the crash left it.
    const drop = m.api === 'core_api' ? emulator.faults.add({ kind: 'notification', action: 'drop', times: 1 }) : null;
    const run = await spawnChild(m, 'inflight');
    const at = await run.marker('charging');
    await expect.poll(() => emulatorTxs(at.orderId as string).length, { timeout: 10_000 }).toBe(1);
    expect(emulator.faults.list().find((r) => r.id === rule.id)?.hits).toBe(1);
    if (drop) await expect.poll(() => emulator.faults.list().find((r) => r.id === drop.id)?.hits, { timeout: 5_000 }).toBe(1);
    await run.kill();

    const { h, updates } = await restart(run);
    const row = onlyPayment(h, at.orderId, 'creating');
    await h.payments.recover();

    expect(h.payments.get(row.id).status).toBe('pending');
    expect(h.payments.get(row.id).lastSource).toBe('recovery');
    expectRecoveryApplied(h, row.id, 'pending');
    expect(updates).toEqual([{ status: 'pending', source: 'recovery' }]);
    expect(h.tracking.isTracking(row.id)).toBe(true);
    expectLedgerEqualsEmulator(h);

    await payAndExpectWebhook(h, row.id, row.gateway_order_id);
    expect(emulator.store.all().length).toBe(before + 1);
    expectLedgerEqualsEmulator(h);
  });

  it('after the gateway answered, before the answer is persisted → recovered as pending then paid', async () => {
    const before = emulator.store.all().length;
    const drop = m.api === 'core_api' ? emulator.faults.add({ kind: 'notification', action: 'drop', times: 1 }) : null;
    const run = await spawnChild(m, 'answered');
    const at = await run.marker('step');
    expect(at.status).toBe('pending');
    if (drop) await expect.poll(() => emulator.faults.list().find((r) => r.id === drop.id)?.hits, { timeout: 5_000 }).toBe(1);
    await run.kill();

    const { h, updates } = await restart(run);
    const row = onlyPayment(h, at.orderId, 'creating');
    expect(row.action).toBeNull();
    await h.payments.recover();
    // Core API's status answer carries the pay code; SNAP-BI's QRIS query has no QR (see the known gap below).
    if (m.api === 'core_api') expect(h.payments.get(row.id).action).toMatchObject({ kind: 'paycode', store: 'indomaret' });

    const view = h.payments.get(row.id);
    expect(view.status).toBe('pending');
    expect(view.lastSource).toBe('recovery');
    expectRecoveryApplied(h, row.id, 'pending');
    expect(updates).toEqual([{ status: 'pending', source: 'recovery' }]);
    expectLedgerEqualsEmulator(h);

    await payAndExpectWebhook(h, row.id, row.gateway_order_id);
    expect(emulator.store.all().length).toBe(before + 1);
    expectLedgerEqualsEmulator(h);
  });

  it('while pending; the customer pays while Kasir is dead → recovered as settlement; the retried notification is only recorded', async () => {
    const before = emulator.store.all().length;
    const run = await spawnChild(m, 'pending');
    const at = await run.marker('step');
    expect(at.status).toBe('pending');
    const gatewayOrderId = at.orderId as string;
    await run.kill();

    // The customer pays; the notification finds nobody listening and is scheduled for retry.
    emulator.store.transition(emulatorTxs(gatewayOrderId)[0]!, 'settlement');
    const settledNote = () => emulator.dispatcher.log(gatewayOrderId).find((r) => r.status === 'settlement');
    await expect.poll(() => settledNote()?.state, { timeout: 10_000 }).toBe('retry-scheduled');

    const { h, updates } = await restart(run);
    const row = onlyPayment(h, gatewayOrderId, 'pending');
    await h.payments.recover();

    const view = h.payments.get(row.id);
    expect(view.status).toBe('settlement');
    expect(view.lastSource).toBe('recovery');
    expectRecoveryApplied(h, row.id, 'settlement');
    expect(updates).toEqual([{ status: 'settlement', source: 'recovery' }]);
    expect(h.tracking.isTracking(row.id)).toBe(false);
    expectLedgerEqualsEmulator(h);

    // Midtrans retries later (2 minutes on its clock); the restarted listener records it, nothing changes.
    emulator.clock.advance(2 * 60 + 1);
    await expect.poll(() => settledNote()?.state, { timeout: 10_000 }).toBe('delivered');
    await expect
      .poll(() => events(h, row.id).filter((e) => e.source === 'webhook' && e.to_status === 'settlement').length, { timeout: 5_000 })
      .toBeGreaterThan(0);
    await h.payments.idle();
    expect(events(h, row.id).filter((e) => e.applied === 1 && e.source === 'webhook')).toEqual([]);
    expect(h.payments.get(row.id)).toMatchObject({ status: 'settlement', lastSource: 'recovery' });
    expect(updates).toHaveLength(1);
    expect(emulator.store.all().length).toBe(before + 1);
    expectLedgerEqualsEmulator(h);
  });
});

/**
 * Gaps these tests found, now fixed: failed_to_create is Kasir's
 * guess, so gateway truth may still move it; a recovered QRIS charge gets
 * its QR back by replaying the identical charge.
 */
describe('after a crash: late charges and recovered QRs', () => {
  // A charge whose request is still inside Midtrans when Kasir dies can land *after* the
  // restarted Kasir asked for its status. Recovery concludes `failed_to_create` (a local
  // guess); the gateway's later truth must still reach the ledger.
  it.each(METHODS)('$method: a charge that lands after recovery asked for it is still reconciled', async (m) => {
    const rule = emulator.faults.add({ match: { method: 'POST', path: m.chargePath }, action: 'latency', ms: 1_500, times: 1 });
    const run = await spawnChild(m, 'inflight');
    const at = await run.marker('charging');
    const orderId = at.orderId as string;
    await expect.poll(() => emulator.faults.list().find((r) => r.id === rule.id)?.hits, { timeout: 10_000 }).toBe(1);
    await run.kill();

    const { h } = await restart(run);
    const row = onlyPayment(h, orderId, 'creating');
    await h.payments.recover();
    expect(h.payments.get(row.id).status).toBe('failed_to_create'); // the emulator has not processed it yet

    await expect.poll(() => emulatorTxs(orderId).length, { timeout: 10_000 }).toBe(1); // ...now it has
    emulator.store.transition(emulatorTxs(orderId)[0]!, 'settlement');
    const settled = () => emulator.dispatcher.log(orderId).find((r) => r.status === 'settlement');
    await expect.poll(() => settled()?.state, { timeout: 10_000 }).toBe('delivered');
    await h.payments.idle();
    expectLedgerEqualsEmulator(h); // fails today: ledger failed_to_create, emulator settlement
  });

  // SNAP-BI's qr-mpm-query answers without `qrContent`, so a QRIS charge recovered from
  // `creating` (crash after Midtrans answered) is pending with no QR to show: the customer
  // cannot pay it and the sale cannot be charged again until it expires or is cancelled.
  it('qris: a charge recovered from creating has its QR string again', async () => {
    const m = METHODS[0]!;
    const run = await spawnChild(m, 'answered');
    const at = await run.marker('step');
    await run.kill();
    const { h } = await restart(run);
    const row = onlyPayment(h, at.orderId, 'creating');
    await h.payments.recover();
    expect(h.payments.get(row.id).status).toBe('pending');
    expect(h.payments.get(row.id).action).toMatchObject({ kind: 'qr' }); // fails today: action is null
  });
});
