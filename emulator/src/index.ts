/**
 * The Midtrans emulator, importable in-process: `startEmulator()` starts one
 * HTTPS server carrying the Core API v2, SNAP-BI and the simulator, backed by
 * one transaction store, one test clock and one notification dispatcher.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClock, type TestClock } from './clock';
import { createCoreApiRoutes, type CoreApiOptions } from './core-api';
import { FaultRegistry } from './faults/faults';
import { NotificationDispatcher } from './notifications/dispatcher';
import { SettingsHolder, type EmulatorSettings } from './settings';
import { loadOrCreatePki } from './pki/ca';
import { loadOrCreateCredentials } from './pki/credentials';
import { startHttpsServer } from './server/https-server';
import { createSimulatorRoutes } from './simulator';
import { createSnapBiRoutes } from './snap-bi';
import { DurableMap } from './store/durable-map';
import { ExpiringMap, type KeyValueMap } from './store/expiring-map';
import { SqliteTxRepo } from './store/sqlite-tx-repo';
import { StateDb } from './store/state-db';
import { CLOCK_OFFSET_KEY, importLegacyState, KV_NS } from './store/state-import';
import { createTxStore, type EmuTxStore } from './store/tx-store';
import { MemoryTxRepo } from './store/tx-repo';
import type { EmuContext, EmuCredentials, EmuResponse } from './types';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Listen port; default 0 (ephemeral). */
  port?: number;
  /** Where the CA, keys, credentials and state live; default a fresh temp dir, removed on close. */
  stateDir?: string;
  /** The "dashboard" notification URL(s). */
  notificationUrls?: string[];
  /**
   * Keep charges etc. in `<stateDir>/emulator.sqlite` (group-committed: an answer
   * leaves only once what it reflects is stored); default true when `stateDir` is given.
   */
  persist?: boolean;
  /** Pin the server / client key instead of generating one (persisted in the state dir). */
  serverKey?: string;
  clientKey?: string;
  /** Per-attempt notification timeout; default 15000 (Midtrans). Tests may lower it. */
  notificationTimeoutMs?: number;
  /** Request body limit; default 1 MB (Midtrans itself documents 16 KB). */
  maxBodyBytes?: number;
  /** Core API behaviour on points the reference leaves unconfirmed. */
  coreApi?: Partial<CoreApiOptions>;
  /**
   * Start the test clock this many seconds off real time (negative = behind,
   * e.g. -180 for "Midtrans 3 minutes behind the till"). Replaces a persisted
   * offset; without it a restart resumes the saved one.
   */
  clockOffsetSeconds?: number;
  /** Initial switchable settings (see `configure`). */
  settings?: Partial<EmulatorSettings>;
}

/** A running emulator. */
export interface RunningEmulator {
  urls: { coreApiUrl: string; snapBiUrl: string; simulatorUrl: string };
  caCertPem: string;
  caCertPath: string;
  stateDir: string;
  credentials: EmuCredentials;
  /** Paths of the key files the CLI prints. */
  keyPaths: { merchantPrivateKeyPath: string; notificationPublicKeyPath: string };
  clock: TestClock;
  store: EmuTxStore;
  dispatcher: NotificationDispatcher;
  faults: FaultRegistry;
  setNotificationUrls(urls: string[]): void;
  /** The current switchable settings. */
  settings(): EmulatorSettings;
  /** Changes settings while running (same as `POST /simulator/api/settings`); throws on a bad value. */
  configure(patch: Partial<EmulatorSettings>): EmulatorSettings;
  close(): Promise<void>;
}

type ReplayValue = { bodyHash: string; response: EmuResponse };

/** Starts the emulator; resolves once it accepts connections. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const stateDir = options.stateDir
    ? resolve(options.stateDir)
    : mkdtempSync(join(tmpdir(), 'kasir-midtrans-emulator-'));
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const persist = options.persist ?? options.stateDir !== undefined;

  const hosts = [...new Set(['127.0.0.1', 'localhost', ...(isWildcard(host) ? [] : [host])])];
  const [pki, creds] = await Promise.all([
    loadOrCreatePki(stateDir, hosts),
    loadOrCreateCredentials(stateDir, { serverKey: options.serverKey, clientKey: options.clientKey }),
  ]);

  // The state database is opened first so the clock can resume its offset.
  // Real time until the clock exists (the import's commit prunes by it).
  let clockNow: () => number = Date.now;
  const db = persist ? new StateDb(stateDir, () => clockNow()) : undefined;
  if (db) importLegacyState(stateDir, db);
  const savedOffset = db?.meta(CLOCK_OFFSET_KEY);
  const startOffsetMs =
    options.clockOffsetSeconds !== undefined ? Math.round(options.clockOffsetSeconds * 1000) : Number(savedOffset ?? 0);
  const clock = createClock(startOffsetMs, Date.now, () => db?.setMeta(CLOCK_OFFSET_KEY, String(clock.offsetMs())));
  clockNow = () => clock.now();
  if (db && String(startOffsetMs) !== (savedOffset ?? '0')) db.setMeta(CLOCK_OFFSET_KEY, String(startOffsetMs));
  const durable = (): Promise<void> | undefined => db?.durable();
  const settings = new SettingsHolder(options.settings);
  // The store is created below; the resolver only runs once requests arrive.
  const faults = new FaultRegistry((orderId) => store.forOrder(orderId).map((tx) => tx.transactionId));
  const dispatcher = new NotificationDispatcher({
    clock,
    faults,
    caCertPem: pki.caCertPem,
    timeoutMs: options.notificationTimeoutMs,
    retrySigning: () => settings.get().snapBiRetries,
    durable,
  });
  const store = createTxStore(clock, (tx, formatter) => dispatcher.dispatch(tx, formatter), db ? new SqliteTxRepo(db) : new MemoryTxRepo());
  const replay: KeyValueMap<ReplayValue> = db ? new DurableMap<ReplayValue>(db, KV_NS.replay, clock) : new ExpiringMap<ReplayValue>(clock);
  const kv: KeyValueMap<unknown> = db ? new DurableMap<unknown>(db, KV_NS.kv, clock) : new ExpiringMap<unknown>(clock);

  let notificationUrls = [...(options.notificationUrls ?? [])];
  const server = await startHttpsServer({
    host,
    port: options.port ?? 0,
    certPem: pki.serverCertPem,
    keyPem: pki.serverKeyPem,
    faults,
    maxBodyBytes: options.maxBodyBytes,
    now: () => clock.now(),
    durable,
  });
  const baseUrl = `https://${isWildcard(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${server.port}`;

  const ctx: EmuContext = {
    clock,
    store,
    credentials: creds.credentials,
    baseUrl,
    notificationUrls: () => notificationUrls,
    replay: {
      get: (key) => replay.get(key),
      set: (key, value, ttlSeconds) => replay.set(key, value, ttlSeconds),
    },
    kv: {
      get: <T>(key: string) => kv.get(key) as T | undefined,
      set: (key, value, ttlSeconds) => kv.set(key, value, ttlSeconds),
      delete: (key) => kv.delete(key),
    },
  };
  server.router.setRoutes([
    ...createCoreApiRoutes(ctx, options.coreApi),
    ...createSnapBiRoutes(ctx),
    ...createSimulatorRoutes({ ctx, clock, dispatcher, faults, settings }),
  ]);
  // Resumed after the formatters exist, since an overdue charge expires (and notifies) at once.
  store.resume();

  let closed = false;
  return {
    urls: { coreApiUrl: baseUrl, snapBiUrl: baseUrl, simulatorUrl: `${baseUrl}/simulator` },
    caCertPem: pki.caCertPem,
    caCertPath: pki.caCertPath,
    stateDir,
    credentials: creds.credentials,
    keyPaths: {
      merchantPrivateKeyPath: creds.merchantPrivateKeyPath,
      notificationPublicKeyPath: creds.notificationPublicKeyPath,
    },
    clock,
    store,
    dispatcher,
    faults,
    setNotificationUrls(urls: string[]): void {
      notificationUrls = [...urls];
    },
    settings: () => settings.get(),
    configure: (patch) => settings.update(patch),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await server.close();
      store.close();
      clock.stop();
      await db?.close();
      dispatcher.close();
      // A temp dir we made ourselves holds nothing anyone can use after close.
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::';

export type { EmuContext, EmuCredentials, Transaction, TxStatus, TxStore, EmuClock } from './types';
export type { DeliveryRecord, DeliveryAttempt } from './notifications/dispatcher';
export type { FaultRule } from './faults/faults';
export type { EmulatorSettings, SnapBiRetrySigning } from './settings';
export type { ReplayRequest } from './notifications/replay';
export { coreSignature, formatAmount } from './core-api/signature';
