/**
 * Chromium as the browser shell's own child process. The shell spawns it
 * before it loads Playwright (whose require() alone takes ~340 ms here), so
 * Chromium boots meanwhile, and then attaches Playwright over CDP on the
 * pipe (`connectOverCDP(transport)`). Owning the process means doing what
 * `chromium.launch` did: the profile is a fresh temp dir; Chromium goes when
 * the shell closes, when it crashes, and when this process exits; and
 * nothing is left in the temp dir afterwards: Chromium gets a TMPDIR of its
 * own beside its profile, so what a killed Chromium leaves (its singleton
 * socket's dir, shared-memory files) goes with them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ConnectOverCDPTransport } from 'playwright-core';
import { chromiumArgs } from './chromium-args';
import { CHROMIUM_DIR_PREFIX, markOwner, removeLeftovers } from './chromium-leftovers';

export interface ChromiumLaunch {
  executablePath: string;
  headless: boolean;
  sandbox: boolean;
}

export interface ChromiumProcess {
  /** CDP over Chromium's pipe (fds 3 and 4), for `chromium.connectOverCDP(transport)`. One connection only. */
  transport: ConnectOverCDPTransport;
  pid: number | undefined;
  /** The temp dir holding all of it (`profile/`, and `tmp/`, Chromium's TMPDIR); removed once Chromium has exited. */
  dir: string;
  profileDir: string;
  /**
   * Rejects once Chromium has failed: it could not be spawned, or exited (`expected` false) —
   * with its exit and the tail of its stderr. Never resolves.
   */
  failed: Promise<never>;
  /** Resolves once Chromium has exited and its dirs are gone. */
  exited: Promise<void>;
  /**
   * Ends Chromium: closes the pipe (it then quits cleanly, as on `Browser.close`), kills its
   * process group if it is still there after `graceMs`, and resolves once its dirs are gone.
   */
  close(graceMs?: number): Promise<void>;
}

/** How much of Chromium's stderr is kept for a failure's message. */
const STDERR_TAIL = 4_000;

/** Spawns Chromium on a fresh profile, CDP on the pipe; see ChromiumProcess. */
export function spawnChromium(opts: ChromiumLaunch): ChromiumProcess {
  // One dir holds all Chromium leaves: its profile, and its own TMPDIR (its singleton socket's dir and,
  // with --disable-dev-shm-usage, its shared-memory files: a killed Chromium leaves those behind).
  // What a shell killed outright left behind goes first (chromium-leftovers.ts); this one's dir names its owner.
  removeLeftovers(tmpdir());
  const dir = mkdtempSync(join(tmpdir(), CHROMIUM_DIR_PREFIX));
  markOwner(dir);
  const profileDir = join(dir, 'profile');
  const chromiumTmp = join(dir, 'tmp');
  mkdirSync(profileDir);
  mkdirSync(chromiumTmp);
  // Detached: its own process group, so a kill reaches its helpers (zygote, renderers) too.
  const child = spawn(opts.executablePath, chromiumArgs({ headless: opts.headless, sandbox: opts.sandbox, profileDir }), {
    detached: true,
    env: { ...process.env, TMPDIR: chromiumTmp },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-STDERR_TAIL)));
  let closing = false;
  let spawnError: Error | null = null;
  let failNow!: (e: Error) => void;
  const failed = new Promise<never>((_, reject) => (failNow = reject));
  failed.catch(() => {});
  const killGroup = (): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  // This process may exit without closing the shell (an uncaught error, process.exit): Chromium goes with it.
  const onExit = (): void => {
    killGroup();
    // Nothing async runs any more: wait here until the kill took, so Chromium writes no file after the removal.
    if (child.pid !== undefined) waitUntilDead(child.pid, 3_000);
    removeSoon(dir);
  };
  process.on('exit', onExit);
  const exited = new Promise<void>((resolve) => {
    let gone = false;
    const done = (): void => {
      if (gone) return;
      gone = true;
      process.off('exit', onExit);
      removeSoon(dir);
      resolve();
    };
    child.once('error', (e) => {
      spawnError = e;
      failNow(new Error(`Chromium could not be started (${opts.executablePath}): ${e.message}`));
      // No process: whether Node still emits 'close' then differs by error, so not waited for.
      if (child.pid === undefined) done();
    });
    // 'close', not 'exit': by then its stdio is closed too (and its stderr read to the end).
    child.once('close', (code, signal) => {
      if (!closing && !spawnError) failNow(new Error(`Chromium exited (code ${code}, signal ${signal}); its stderr ends:\n${stderr.slice(-1_500)}`));
      done();
    });
  });
  const transport = pipeTransport(child);
  return {
    transport,
    pid: child.pid,
    dir,
    profileDir,
    failed,
    exited,
    async close(graceMs = 5_000) {
      closing = true;
      (child.stdio[3] as Writable | null)?.end();
      const hung = setTimeout(killGroup, graceMs);
      await exited;
      clearTimeout(hung);
    },
  };
}

/** Chromium's `--remote-debugging-pipe` framing: JSON messages ended by a NUL byte, ours on fd 3, its on fd 4. */
function pipeTransport(child: ChildProcess): ConnectOverCDPTransport {
  const toChromium = child.stdio[3] as Writable;
  const fromChromium = child.stdio[4] as Readable;
  // A write after Chromium went away is reported by onclose; it must not crash this process.
  toChromium.on('error', () => {});
  fromChromium.on('error', () => {});
  let closed = false;
  let onclose: ConnectOverCDPTransport['onclose'];
  let told: ConnectOverCDPTransport['onclose'];
  // Each listener hears of the close once, whether it was set before or after it.
  const tellClosed = (): void => {
    if (!closed || !onclose || told === onclose) return;
    told = onclose;
    onclose();
  };
  const transport: ConnectOverCDPTransport = {
    send(message) {
      if (!toChromium.writableEnded) toChromium.write(`${JSON.stringify(message)}\0`);
    },
    close() {
      toChromium.end();
    },
    get onclose() {
      return onclose;
    },
    // Told at once when Chromium is already gone: it may die before Playwright attaches.
    set onclose(fn) {
      onclose = fn;
      tellClosed();
    },
  };
  let pending: Buffer[] = [];
  fromChromium.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      pending.push(chunk.subarray(start, end));
      const message = JSON.parse(Buffer.concat(pending).toString('utf8')) as object;
      pending = [];
      // One task per message, as Playwright's own pipe transport delivers them.
      setImmediate(() => transport.onmessage?.(message));
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
  fromChromium.once('close', () => {
    closed = true;
    // After the messages already queued.
    setImmediate(tellClosed);
  });
  return transport;
}

/**
 * Blocks until `pid` has died (on Linux: gone, or a zombie no one has reaped yet) or `maxMs` passed.
 * Only for the exit hook, where nothing can be awaited; elsewhere use the child's 'close' event.
 */
function waitUntilDead(pid: number, maxMs: number): void {
  const tick = new Int32Array(new SharedArrayBuffer(4));
  for (const until = Date.now() + maxMs; Date.now() < until; Atomics.wait(tick, 0, 0, 5)) {
    try {
      if (/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return;
    } catch {
      return; // Gone (or no /proc to ask: then the removal's retries have to do).
    }
  }
}

/**
 * Removes `dir`, retrying for up to ~1 s while it is still being written to: right after a SIGKILL
 * (this process exiting) Chromium may not have died yet, and a file it writes then makes rmdir fail
 * with ENOTEMPTY. Never throws: it also runs in an exit hook.
 */
function removeSoon(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 10 });
  } catch {
    // Left behind; nothing more can be done from here.
  }
}
