/**
 * The embedded emulator, run in a `worker_threads` worker so its HTTPS
 * server, state commits and notification sends never take the till's main
 * thread (a forked child is not an option: the packaged app's RunAsNode fuse
 * is off). `startEmulatorHost` resolves once the worker listens, with the
 * facts the container wires the gateway and the listener from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import type { EmulatorWorkerCommand, EmulatorWorkerData, EmulatorWorkerEvent, EmulatorWorkerReady } from '../../emulator-worker';

/** The running embedded emulator as the app sees it. */
export interface EmulatorHost extends EmulatorWorkerReady {
  setNotificationUrls(urls: string[]): void;
  /** Stops the emulator cleanly (pending state committed) and ends the worker; never hangs past `closeTimeoutMs`. */
  close(): Promise<void>;
}

/** Options of {@link startEmulatorHost}. */
export interface EmulatorHostOptions extends EmulatorWorkerData {
  logger?: Logger;
  /** How long close() waits for a clean stop before terminating the worker (default 5 s). */
  closeTimeoutMs?: number;
}

/** How to start the worker: its file, or (from TypeScript source) a tsx bootstrap. */
export interface WorkerEntry {
  specifier: string | URL;
  eval: boolean;
}

/**
 * Built code (out/main/*.js) runs the sibling `emulator-worker.js` bundle.
 * From TypeScript source (vitest, Playwright's in-process browser shell, tsx)
 * the worker runs `electron/main/emulator-worker.ts` through tsx's ESM API:
 * Node 20 ignores `--import tsx` in a worker's execArgv for its entry module,
 * so a small eval'd bootstrap calls `tsImport` instead. That costs seconds of
 * compiling per start, so when `out/main/emulator-worker.js` exists and is newer
 * than every emulator source file, source runs use the bundle (same code).
 */
export function resolveWorkerEntry(here: string = import.meta.url): WorkerEntry {
  if (here.endsWith('.ts')) {
    const built = currentBuiltWorker(here);
    if (built) return { specifier: built, eval: false };
    const source = new URL('../../emulator-worker.ts', here).href;
    // tsx's ESM build of its API (require.resolve would give the CommonJS one).
    const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    return {
      specifier: `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}));`,
      eval: true,
    };
  }
  // The bundle's code may sit in out/main/ or in a chunk folder below it.
  for (const rel of ['./emulator-worker.js', '../emulator-worker.js']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return { specifier: url, eval: false };
  }
  throw new Error(`emulator-worker.js not found next to ${here}`);
}

/** Starts the worker; rejects when it fails to start or exits first. */
export function startEmulatorHost(opts: EmulatorHostOptions, entry: WorkerEntry = resolveWorkerEntry()): Promise<EmulatorHost> {
  const data: EmulatorWorkerData = { stateDir: opts.stateDir, ...(opts.port !== undefined ? { port: opts.port } : {}) };
  const worker = new Worker(entry.specifier, { eval: entry.eval, workerData: data, execArgv: [] });
  const send = (cmd: EmulatorWorkerCommand): void => worker.postMessage(cmd);
  let exited = false;
  let closing: Promise<void> | null = null;
  const exitedP = new Promise<number>((resolve) => worker.once('exit', (code) => ((exited = true), resolve(code))));

  return new Promise<EmulatorHost>((resolve, reject) => {
    let ready = false;
    worker.on('error', (err) => {
      if (!ready) reject(err);
      else opts.logger?.error('embedded emulator worker failed', { error: String(err) });
    });
    void exitedP.then((code) => {
      if (!ready) reject(new Error(`embedded emulator worker exited (code ${code}) before it was ready`));
      else if (!closing) opts.logger?.error('embedded emulator worker stopped unexpectedly', { code });
    });
    worker.on('message', (e: EmulatorWorkerEvent) => {
      if (e.type === 'error') {
        if (!ready) {
          reject(new Error(`embedded emulator failed to start: ${e.message}`));
          void worker.terminate();
        } else opts.logger?.error('embedded emulator', { error: e.message });
        return;
      }
      if (e.type !== 'ready') return;
      ready = true;
      resolve({
        ...e.info,
        setNotificationUrls: (urls) => {
          if (!exited) send({ type: 'setNotificationUrls', urls: [...urls] });
        },
        close: () =>
          (closing ??= (async () => {
            if (exited) return;
            const closed = new Promise<void>((res) => worker.on('message', (m: EmulatorWorkerEvent) => m.type === 'closed' && res()));
            send({ type: 'close' });
            let timer: NodeJS.Timeout | undefined;
            const timeout = new Promise<void>((res) => (timer = setTimeout(res, opts.closeTimeoutMs ?? 5000)));
            await Promise.race([closed, exitedP, timeout]);
            clearTimeout(timer);
            await worker.terminate();
          })()),
      });
    });
  });
}

/** out/main/emulator-worker.js when it was built after the last change to its sources, else undefined. */
function currentBuiltWorker(here: string): URL | undefined {
  const root = new URL('../../../../', here);
  const bundle = new URL('out/main/emulator-worker.js', root);
  const bundlePath = fileURLToPath(bundle);
  if (!existsSync(bundlePath)) return undefined;
  const builtAt = statSync(bundlePath).mtimeMs;
  const newest = Math.max(
    newestMtime(fileURLToPath(new URL('emulator/src', root))),
    statSync(fileURLToPath(new URL('../../emulator-worker.ts', here))).mtimeMs,
  );
  return builtAt >= newest ? bundle : undefined;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}
