/**
 * The payment engine for benchmarks, built by the app's own
 * `createPaymentEngine`, around the same parts as the integration harness
 * (test/fixtures/engine-harness.ts) — real emulator over HTTPS, real
 * SQLite file, real webhook listener, ManualClock — but the credentials go
 * through an in-memory SecretStore, so `npm run bench` needs no keychain.
 * The gateway can be wrapped (e.g. to count status calls).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/src/index';
import { emulatorSecretValues } from '../../electron/main/core/secrets/emulator-credentials';
import { ManualClock } from '../../electron/main/core/clock';
import { createGateway, type KasirGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { PaymentGateway } from '../../electron/main/core/gateway/types';
import { openLedger, type Database } from '../../electron/main/core/ledger';
import { silentLogger } from '../../electron/main/core/logger';
import {
  createPaymentEngine,
  type PaymentEngine,
  type PaymentEngineOptions,
  type PaymentService,
  type TrackingReadout,
} from '../../electron/main/core/payments';
import { loadCredentials, type GatewayCredentials } from '../../electron/main/core/secrets/credentials';
import { MemorySecretStore } from '../../electron/main/core/secrets/memory-secret-store';
import type { SecretName } from '../../electron/main/core/secrets/secret-store';
import { startWebhookListener, type WebhookListener } from '../../electron/main/core/webhook/listener';
import { NotificationVerifier } from '../../electron/main/core/webhook/verifier';
import { DEFAULT_API_FOR } from '../../shared/domain/payment';

export interface BenchEngine {
  gateway: KasirGateway;
  db: Database;
  payments: PaymentService;
  /** The engine's polling and status-call counters. */
  tracking: TrackingReadout;
  engine: PaymentEngine;
  listener: WebhookListener | null;
  clock: ManualClock;
  credentials: GatewayCredentials;
  close(): Promise<void>;
}

/** Emulator credentials, round-tripped through a SecretStore as the app does. */
export async function emulatorCredentials(emulator: RunningEmulator): Promise<GatewayCredentials> {
  const secrets = new MemorySecretStore();
  const s = emulator.credentials.snapBi;
  const values = emulatorSecretValues(emulator.credentials);
  for (const [name, value] of Object.entries(values)) await secrets.set('emulator', name as SecretName, value);
  const loaded = await loadCredentials('emulator', secrets, { snapMerchantId: s.merchantId });
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.value;
}

/** Builds one engine on a fresh ledger against `emulator`. */
export async function startBenchEngine(opts: {
  emulator: RunningEmulator;
  listener: boolean;
  wrapGateway?: (g: PaymentGateway) => PaymentGateway;
  /** Engine options on top of the bench's own (e.g. a status budget that does not bind a throughput run). */
  engine?: Partial<Omit<PaymentEngineOptions, 'db' | 'gateway' | 'clock' | 'logger' | 'gatewayEnv'>>;
}): Promise<BenchEngine> {
  const { emulator } = opts;
  const dataDir = mkdtempSync(join(tmpdir(), 'kasir-bench-'));
  const credentials = await emulatorCredentials(emulator);
  const clock = new ManualClock(Date.now());
  const gateway = createGateway({
    env: 'emulator',
    coreApiBaseUrl: emulator.urls.coreApiUrl,
    snapBiBaseUrl: emulator.urls.snapBiUrl,
    caCertPem: emulator.caCertPem,
    credentials,
    clock,
    logger: silentLogger,
    retry: { sleep: async () => {} },
  });
  const db = openLedger(join(dataDir, 'kasir.sqlite'));
  let listener: WebhookListener | null = null;
  const engine = createPaymentEngine({
    ...opts.engine,
    db,
    gateway: opts.wrapGateway ? opts.wrapGateway(gateway) : gateway,
    clock,
    logger: silentLogger,
    gatewayEnv: 'emulator',
    routing: DEFAULT_API_FOR,
    notificationUrls: () => (listener ? [listener.coreNotificationUrl] : []),
  });
  if (opts.listener) {
    listener = await startWebhookListener({
      port: 0,
      sink: engine.notifications,
      verifier: new NotificationVerifier({
        coreServerKey: credentials.core?.serverKey ?? null,
        snapNotificationPublicKeyPem: credentials.snapBi?.notificationPublicKeyPem ?? null,
      }),
      logger: silentLogger,
    });
    emulator.setNotificationUrls([listener.snapBiBaseUrl]);
  } else {
    emulator.setNotificationUrls([]);
  }
  return {
    gateway,
    db,
    payments: engine.payments,
    tracking: engine.tracking,
    engine,
    listener,
    clock,
    credentials,
    async close() {
      await engine.close().catch(() => {});
      await listener?.close();
      gateway.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
