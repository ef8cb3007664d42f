/**
 * The embedded emulator's worker entry (a `worker_threads` worker, started by
 * core/emulator-host): runs `startEmulator` off the till's main thread and
 * talks to the host by messages. Its own build entry (out/main/emulator-worker.js),
 * so the packaged app carries the emulator code although electron-builder
 * leaves emulator/** out. Besides container.ts, the only app file that imports the emulator.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator, type EmuCredentials, type RunningEmulator } from '../../emulator/src/index';

/** What the host passes as `workerData`. */
export interface EmulatorWorkerData {
  stateDir: string;
  port?: number;
}

/** What the worker reports once listening: everything the container needs, no live objects. */
export interface EmulatorWorkerReady {
  urls: RunningEmulator['urls'];
  caCertPem: string;
  caCertPath: string;
  stateDir: string;
  credentials: EmuCredentials;
  keyPaths: RunningEmulator['keyPaths'];
}

/** Worker → host. */
export type EmulatorWorkerEvent =
  | { type: 'ready'; info: EmulatorWorkerReady }
  | { type: 'error'; message: string }
  | { type: 'closed' };

/** Host → worker. */
export type EmulatorWorkerCommand = { type: 'setNotificationUrls'; urls: string[] } | { type: 'close' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('emulator-worker must run in a worker thread');
  const data = workerData as EmulatorWorkerData;
  const post = (e: EmulatorWorkerEvent): void => port.postMessage(e);
  let emu: RunningEmulator;
  try {
    emu = await startEmulator({ stateDir: data.stateDir, port: data.port });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return;
  }
  port.on('message', (cmd: EmulatorWorkerCommand) => {
    if (cmd.type === 'setNotificationUrls') emu.setNotificationUrls(cmd.urls);
    else if (cmd.type === 'close') {
      emu.close().then(
        () => post({ type: 'closed' }),
        (err: unknown) => post({ type: 'error', message: `close failed: ${String(err)}` }),
      );
    }
  });
  post({
    type: 'ready',
    info: {
      urls: emu.urls,
      caCertPem: emu.caCertPem,
      caCertPath: emu.caCertPath,
      stateDir: emu.stateDir,
      credentials: emu.credentials,
      keyPaths: emu.keyPaths,
    },
  });
}

void main();
