/**
 * The first part of `buildServices`, on its own so a shell can run it before
 * it loads the rest of the app: the settings, the logger, the data dir's
 * instance lock, and — when the gateway is the embedded emulator — the
 * emulator's worker thread, started now. The worker's boot (its bundle, its
 * PKI, its state database, its HTTPS server) takes a few hundred ms, on a
 * thread of its own: begun first, it runs beside whatever this thread loads
 * next (the browser shell: Playwright, then the app's modules) instead of
 * after it. This module's imports are small on purpose; container.ts holds the rest.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulatorHost, type EmulatorHost } from './emulator-host/emulator-host';
import { acquireInstanceLock } from './instance-lock';
import { createFileSink } from './log-file';
import { createLogger, type Logger } from './logger';
import { loadSettings, type Settings } from './settings/settings';

/** What `beginServices` needs: the dataDir, shell and env of the `KasirOptions` buildServices gets. */
export interface ServicesStartOptions {
  shell: 'electron' | 'browser';
  dataDir: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** The begun part, handed to `buildServices` (which then owns it and closes it with the rest). */
export interface BegunServices {
  settings: Settings;
  logger: Logger;
  /** The embedded emulator's start (it rejects where it is awaited), or null when the gateway is Midtrans. */
  emulatorStarting: Promise<EmulatorHost> | null;
  /**
   * Closers in the order they were opened (the emulator, then the instance lock, released last):
   * buildServices runs them in reverse with its own.
   */
  closers: (() => Promise<void> | void)[];
  /** Undoes what was begun (emulator stopped, lock released) when buildServices never runs. */
  abort(): Promise<void>;
}

/** Settings, logger, instance lock and the emulator's worker (started, not awaited). Throws on a bad settings.json or a held lock. */
export function beginServices(opts: ServicesStartOptions): BegunServices {
  mkdirSync(opts.dataDir, { recursive: true });
  const settings = loadSettings(opts.dataDir, opts.env);
  const logger = opts.logger ?? createLogger('kasir', { sink: createFileSink(join(opts.dataDir, 'logs', 'kasir.log'), { echo: true }) });
  // One running Kasir per data dir, before anything opens the ledger or the emulator's state; released last.
  const instance = acquireInstanceLock(opts.dataDir, { shell: opts.shell });
  const closers: BegunServices['closers'] = [() => instance.release()];
  let emulatorStarting: Promise<EmulatorHost> | null = null;
  try {
    // The embedded emulator boots in its worker thread (its HTTPS server and state commits stay off the
    // till's main thread) while this thread goes on: start-up waits for the longer of the two, not both.
    if (settings.gateway === 'emulator') {
      const starting = startEmulatorHost({ stateDir: join(opts.dataDir, 'emulator'), port: settings.emulator.port, logger: logger.scope('emulator') });
      // A failed start is thrown where it is awaited (buildServices); until then it must not count as unhandled.
      starting.catch(() => {});
      // Closed last but for the lock, whether or not the rest of the start-up got as far as using it.
      closers.push(() => starting.then((e) => e.close(), () => {}));
      emulatorStarting = starting;
    }
  } catch (e) {
    instance.release();
    throw e;
  }
  const abort = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await Promise.resolve(close()).catch(() => {});
  };
  return { settings, logger, emulatorStarting, closers, abort };
}
