/**
 * What buildServices (container.ts) is given and what it gives back: the
 * options a shell or a test passes, and the running services as a shell
 * sees them. Types only, so a shell can name them without loading the app.
 */
import type { Router } from '../../../shared/contract/router';
import type { EventName } from '../../../shared/contract/events';
import type { Clock } from './clock';
import type { DisplayPayload } from './display/customer-display';
import type { Logger } from './logger';
import type { StatusBudget } from './payments/status-scheduler';
import type { SecretStore } from './secrets/secret-store';
import type { Settings } from './settings/settings';
import type { PinHasher } from './staff';

/** What buildServices is given. */
export interface KasirOptions {
  shell: 'electron' | 'browser';
  version: string;
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  secretStore?: SecretStore;
  env?: NodeJS.ProcessEnv;
  /** PIN hashing; tests pass cheaper scrypt parameters (the default is the production cost). */
  pinHasher?: PinHasher;
  /**
   * The status-call budget (default: Midtrans' advice, payments/status-scheduler.ts). Only
   * benches that sell thousands of sales a minute widen it; the budget has its own bench.
   */
  statusBudget?: Partial<StatusBudget>;
}

/** What a shell (or a test harness) learns about the running services. Never secrets. */
export interface ShellDescription {
  shell: 'electron' | 'browser';
  gateway: Settings['gateway'];
  dataDir: string;
  webhookUrl: string | null;
  emulator: { coreApiUrl: string; snapBiUrl: string; simulatorUrl: string; caCertPath: string } | null;
}

export interface Services {
  /** Dispatch with the caller as the shell knows it (a window's or page's id). */
  router: Router;
  /** The shell says a window or page went away: its session ends. */
  callerGone(callerId: string): void;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** What a customer display opening now shows (later changes come as `display.updated`). */
  display(): DisplayPayload;
  describe(): ShellDescription;
  close(): Promise<void>;
}
