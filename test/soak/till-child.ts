/**
 * The till for the soak test (test/integration/soak.test.ts): the real payment
 * engine built by `createPaymentEngine`, the real gateway clients against the
 * emulator process, the real webhook listener on a fixed port, a real SQLite
 * ledger file, merchant keys read back from the real OS keychain. It recovers
 * on start (in the background, as the app does), then runs the commands the
 * parent writes to stdin, one JSON line each, and answers on stdout.
 *
 * Its clock is a ManualClock the parent moves: every command carries the
 * emulator's `now` and the till catches up to it in steps, letting the
 * engine's network work finish between steps, so polls fire on the shared
 * test time, never on sleeps. "Finished" is the engine being idle, or no
 * gateway call and no notification in flight: work the engine queued for
 * later on its own clock (the status-call budget) waits for the next step.
 *
 * Kill hooks (config.kill, till-hooks.ts): at the n-th gateway call of a kind
 * (or any), or the n-th notification handed to the engine, before or after
 * the real work, the child prints a `hook` line and hangs there; the parent
 * SIGKILLs it.
 *
 * A cashier command that waits with nothing on the wire waits for the till's
 * clock (the status-call budget); the child then prints `waiting` and the
 * parent moves both clocks on (an out-of-band `clock` command), as real time
 * would while the cashier waits.
 *
 * Protocol: `KASIR-SOAK <event> <json>` lines (ready, reply, waiting, hook, error).
 * Run: node --import tsx test/soak/till-child.ts (KASIR_SOAK_CONFIG = config file)
 */
import { readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../../electron/main/core/clock';
import { createGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { PaymentGateway } from '../../electron/main/core/gateway/types';
import { openLedger } from '../../electron/main/core/ledger';
import { createLogger, silentLogger } from '../../electron/main/core/logger';
import { createPaymentEngine } from '../../electron/main/core/payments';
import { loadCredentials } from '../../electron/main/core/secrets/credentials';
import { KeytarSecretStore } from '../../electron/main/core/secrets/keytar-secret-store';
import { startWebhookListener } from '../../electron/main/core/webhook/listener';
import { NotificationVerifier } from '../../electron/main/core/webhook/verifier';
import type { CartItem } from '../../shared/contract/schemas';
import type { GatewayApi, PaymentMethod } from '../../shared/domain/payment';
import { hookedGateway, hookedSink, InFlight, KillSwitch, type KillHook } from './till-hooks';

export type { GatewayCall, KillHook } from './till-hooks';

/** What the parent writes to the config file. */
export interface TillChildConfig {
  ledgerFile: string;
  listenerPort: number;
  coreApiUrl: string;
  snapBiUrl: string;
  caCertPem: string;
  /** Keychain service holding the emulator's keys (the parent stored them). */
  keychainService: string;
  snapMerchantId: string;
  routing: Record<PaymentMethod, GatewayApi>;
  /** The emulator's clock when the parent spawned this till. */
  clockStartMs: number;
  kill: KillHook | null;
}

/** One command from the parent; `now` is the emulator's clock. */
export type TillCommand = { id: number; now: number; stepMs?: number } & (
  | { op: 'charge'; method: PaymentMethod; items: CartItem[] }
  | { op: 'chargeAgain'; orderId: string; method: PaymentMethod }
  | { op: 'refund'; paymentId: string; amount?: number }
  | { op: 'cancel'; paymentId: string }
  | { op: 'sync' }
  | { op: 'snapshot' }
  | { op: 'state' }
  /** Out of band (not queued, no reply): the parent moved the emulator's clock while a command waits. */
  | { op: 'clock' }
  | { op: 'close' }
);

/** A payment as the parent sees it in a snapshot. */
export interface SnapshotRow {
  id: string;
  order_id: string;
  gateway_order_id: string;
  method: PaymentMethod;
  api: GatewayApi;
  status: string;
  amount: number;
  refunded_amount: number;
}

/** Prefix of every protocol line (the parent repeats it). */
export const SOAK_MARKER = 'KASIR-SOAK';
/** Default clock step when catching up (below the tracker's 10 s cap, so polls keep their cadence). */
const DEFAULT_STEP_MS = 5_000;

const emit = (event: string, data: unknown = {}): void => {
  process.stdout.write(`${SOAK_MARKER} ${event} ${JSON.stringify(data)}\n`);
};

function errorOf(e: unknown): { code: string; message: string } {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : 'THROWN';
  return { code, message: e instanceof Error ? e.message : String(e) };
}

async function main(): Promise<void> {
  const file = process.env.KASIR_SOAK_CONFIG;
  if (!file) throw new Error('KASIR_SOAK_CONFIG is not set');
  const cfg = JSON.parse(readFileSync(file, 'utf8')) as TillChildConfig;
  const logger = process.env.KASIR_TEST_LOG ? createLogger('soak-till') : silentLogger;
  const kill = new KillSwitch(cfg.kill, (where) => emit('hook', where));
  const wire = new InFlight();

  const secrets = new KeytarSecretStore({ service: cfg.keychainService });
  const loaded = await loadCredentials('emulator', secrets, { snapMerchantId: cfg.snapMerchantId });
  if (!loaded.ok) throw new Error(loaded.message);

  const clock = new ManualClock(cfg.clockStartMs);
  const gateway = createGateway({
    env: 'emulator',
    coreApiBaseUrl: cfg.coreApiUrl,
    snapBiBaseUrl: cfg.snapBiUrl,
    caCertPem: cfg.caCertPem,
    routing: Object.fromEntries(Object.entries(cfg.routing).filter(([, api]) => api !== 'none')),
    credentials: loaded.value,
    clock,
    logger,
    // Gateway retries wait on real time only through this hook; the soak keeps them instant.
    retry: { sleep: async () => {} },
  });
  const db = openLedger(cfg.ledgerFile);
  let coreNotificationUrl: string | null = null;
  const engine = createPaymentEngine({
    db,
    gateway: hookedGateway(gateway, kill, wire) as PaymentGateway,
    clock,
    logger,
    gatewayEnv: 'emulator',
    routing: cfg.routing,
    notificationUrls: () => (coreNotificationUrl ? [coreNotificationUrl] : []),
  });
  const listener = await startWebhookListener({
    port: cfg.listenerPort,
    sink: hookedSink(engine.notifications, kill, wire),
    verifier: new NotificationVerifier({
      coreServerKey: loaded.value.core?.serverKey ?? null,
      snapNotificationPublicKeyPem: loaded.value.snapBi?.notificationPublicKeyPem ?? null,
    }),
    logger,
  });
  coreNotificationUrl = listener.coreNotificationUrl;
  // As the app does: recovery runs in the background while the till takes sales.
  let recovered = false;
  void engine.payments
    .recover()
    .catch((e: unknown) => emit('error', { where: 'recover', ...errorOf(e) }))
    .finally(() => (recovered = true));
  emit('ready', { pid: process.pid, listener: listener.url });

  /** The engine's own work is done, or all it waits for is its clock (nothing on the wire). */
  const settled = (): Promise<void> => Promise.race([engine.idle(), wire.quiet()]);

  /** Catches the till's clock up with the emulator's, firing due polls step by step. */
  const syncTo = async (target: number, stepMs: number): Promise<void> => {
    while (clock.now() < target) {
      clock.advance(Math.min(stepMs, target - clock.now()));
      await settled();
    }
  };

  /** Whether recovery has finished and the engine is idle now (the parent drives the clocks until both hold). */
  const state = async (): Promise<{ recovered: boolean; idle: boolean }> => {
    await settled();
    const idle = await Promise.race([engine.idle().then(() => true), wire.quiet().then(() => false)]);
    return { recovered, idle };
  };

  /** Resolved when the parent moves the clock (out of band). */
  let clockMoved: (() => void)[] = [];
  const moved = (): void => {
    const waiters = clockMoved;
    clockMoved = [];
    for (const w of waiters) w();
  };

  /** Runs a cashier action; whenever it waits with nothing on the wire, asks the parent to move the clocks on. */
  const watched = async <T>(id: number, action: () => Promise<T>): Promise<T> => {
    let done = false;
    void (async () => {
      for (;;) {
        await wire.quiet();
        await wire.quiet();
        if (done) return;
        emit('waiting', { id });
        await new Promise<void>((r) => clockMoved.push(r));
        if (done) return;
      }
    })();
    try {
      return await action();
    } finally {
      done = true;
      moved();
    }
  };

  const run = async (cmd: TillCommand): Promise<unknown> => {
    await syncTo(cmd.now, cmd.stepMs ?? DEFAULT_STEP_MS);
    switch (cmd.op) {
      case 'charge':
        return watched(cmd.id, () => engine.payments.create({ items: cmd.items, method: cmd.method }));
      case 'chargeAgain':
        return watched(cmd.id, () => engine.payments.chargeAgain(cmd.orderId, cmd.method));
      case 'refund':
        return watched(cmd.id, () => engine.payments.refund(cmd.paymentId, cmd.amount, 'soak'));
      case 'cancel':
        return watched(cmd.id, () => engine.payments.cancel(cmd.paymentId));
      case 'clock':
        return {};
      case 'sync':
        return { now: clock.now() };
      case 'snapshot':
        return db
          .prepare('SELECT id, order_id, gateway_order_id, method, api, status, amount, refunded_amount FROM payments ORDER BY created_at, id')
          .all() as SnapshotRow[];
      case 'state':
        return state();
      case 'close':
        await engine.close();
        await listener.close();
        gateway.close();
        db.close();
        return {};
    }
  };

  // One command at a time, in order: the parent waits for each reply.
  let queue: Promise<void> = Promise.resolve();
  createInterface({ input: process.stdin }).on('line', (line) => {
    const cmd = JSON.parse(line) as TillCommand;
    if (cmd.op === 'clock') {
      // Beside the queue: the command in the queue is the one waiting for this.
      void syncTo(cmd.now, cmd.stepMs ?? DEFAULT_STEP_MS).then(moved);
      return;
    }
    queue = queue.then(async () => {
      try {
        emit('reply', { id: cmd.id, ok: true, value: await run(cmd) });
      } catch (e) {
        emit('reply', { id: cmd.id, ok: false, error: errorOf(e) });
      }
      if (cmd.op === 'close') process.exit(0);
    });
  });
  setInterval(() => {}, 60_000); // stay alive between commands
}

// Only as the entry point (the parent imports this file for its protocol constants). Real paths:
// the bundled copy may be reached through a symlinked node_modules.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().catch((e: unknown) => {
    emit('error', { where: 'start', ...errorOf(e) });
    process.exit(1);
  });
}
