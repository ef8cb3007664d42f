/**
 * The parent's handle on one till child (test/soak/till-child.ts): spawn it
 * with a config file, send it commands and read its replies, notice its kill
 * hook and SIGKILL it there. A till that died (hooked and killed, or killed
 * on a timer) answers every outstanding and later command with `dead`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TillChildConfig, TillCommand } from './till-child';
import { SOAK_MARKER } from './till-child';

/** How long a till may take to start (tsx compiles the engine on first load). */
const READY_TIMEOUT_MS = 60_000;
/** How long one command may take: a stuck command is a finding, not a reason to hang the soak. */
const COMMAND_TIMEOUT_MS = 60_000;

/** A command's answer: its value, a KasirError code, or the till died before answering. */
export type TillReply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } | { ok: false; dead: true };

/** Distributes `Omit` over the command union. */
type WithoutIds<T> = T extends unknown ? Omit<T, 'id' | 'now'> : never;

/** A running till child. */
export interface TillProcess {
  pid: number;
  /** Resolves once the child said it is ready (rejects if it died first or failed to start). */
  ready: Promise<void>;
  /** Resolves when the child has exited (for whatever reason). */
  exited: Promise<void>;
  /** The kill hook line, once seen. */
  hooked(): Record<string, unknown> | null;
  alive(): boolean;
  /** True once this side sent the SIGKILL (a till that exits otherwise died on its own). */
  killedByUs(): boolean;
  /** Exit code or signal, once exited. */
  exitStatus(): string;
  /** The `error` lines the child printed (recovery failures). */
  errors(): string[];
  /** Moves the till's clock to `now` beside its command queue (answers a `waiting` line). */
  clock(now: number): void;
  /** Sends a command stamped with `now` (the emulator's clock) and waits for its reply. */
  send(cmd: WithoutIds<TillCommand>, now: number): Promise<TillReply>;
  /** SIGKILL (if still running), then wait for the exit. */
  kill(): Promise<void>;
  /** The child's stderr tail, and any `error` lines it printed. */
  diagnostics(): string;
}

/** Spawns the till child (`node <nodeArgs>`); when it stops at its kill hook it is SIGKILLed at once. */
export function spawnTill(opts: {
  repo: string;
  nodeArgs: string[];
  cfgFile: string;
  cfg: TillChildConfig;
  /** A command waits for the till's clock: move both clocks on, then call `clock(now)`. */
  onWaiting: () => void;
}): TillProcess {
  writeFileSync(opts.cfgFile, JSON.stringify(opts.cfg), { mode: 0o600 });
  // A stuck command is diagnosed with a Node report (SIGUSR2) and the child's CPU use.
  const reportDir = join(dirname(opts.cfgFile), 'reports');
  mkdirSync(reportDir, { recursive: true });
  const reportFlags = ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reportDir}`];
  const child: ChildProcess = spawn(process.execPath, [...reportFlags, ...opts.nodeArgs], {
    cwd: opts.repo,
    env: { ...process.env, KASIR_SOAK_CONFIG: opts.cfgFile },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  const errors: string[] = [];
  let hook: Record<string, unknown> | null = null;
  let dead = false;
  let killed = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: TillReply) => void; timer: NodeJS.Timeout }>();
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
  child.stdin!.on('error', () => {}); // writing to a killed till: its commands answer `dead`

  let exitStatus = '';
  const exited = once(child, 'exit').then(([code, signal]) => {
    exitStatus = String(code ?? signal);
    dead = true;
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, dead: true });
    }
    pending.clear();
  });

  let markReady: () => void = () => {};
  let failStart: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });
  const readyTimer = setTimeout(() => failStart(new Error(`till gave no ready line in time:\n${stderr}`)), READY_TIMEOUT_MS);
  void exited.then(() => {
    clearTimeout(readyTimer);
    failStart(new Error(`till exited (${exitStatus}) before it was ready (${hook ? 'killed at its hook' : 'not hooked'}): ${errors.join('; ')}\n${stderr}`));
  });

  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      killed = true;
      child.kill('SIGKILL');
    }
    await exited;
  };

  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith(`${SOAK_MARKER} `)) return;
    const rest = line.slice(SOAK_MARKER.length + 1);
    const space = rest.indexOf(' ');
    const event = rest.slice(0, space);
    const data = JSON.parse(rest.slice(space + 1)) as Record<string, unknown>;
    if (event === 'ready') {
      clearTimeout(readyTimer);
      markReady();
    } else if (event === 'hook') {
      hook = data;
      void kill();
    } else if (event === 'waiting') {
      opts.onWaiting();
    } else if (event === 'error') {
      errors.push(JSON.stringify(data));
    } else if (event === 'reply') {
      const p = pending.get(data.id as number);
      if (!p) return;
      pending.delete(data.id as number);
      clearTimeout(p.timer);
      p.resolve(data.ok ? { ok: true, value: data.value } : { ok: false, error: data.error as { code: string; message: string } });
    }
  });

  return {
    pid: child.pid!,
    ready,
    exited,
    hooked: () => hook,
    alive: () => !dead,
    killedByUs: () => killed,
    exitStatus: () => exitStatus,
    errors: () => errors.slice(),
    send(cmd, now) {
      if (dead) return Promise.resolve({ ok: false, dead: true });
      const id = nextId++;
      return new Promise<TillReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          void probe(child.pid!, reportDir).then((state) =>
            reject(new Error(`till did not answer ${JSON.stringify(cmd)} within ${COMMAND_TIMEOUT_MS} ms; ${state}\n${stderr}`)),
          );
        }, COMMAND_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        child.stdin!.write(`${JSON.stringify({ ...cmd, id, now })}\n`);
      });
    },
    clock(now) {
      if (!dead) child.stdin!.write(`${JSON.stringify({ op: 'clock', id: 0, now })}\n`);
    },
    kill,
    diagnostics: () => `errors: ${errors.join('; ') || 'none'}\nstderr tail:\n${stderr.slice(-4_000)}`,
  };
}

/** CPU ticks (user + system) of a process, from /proc (Linux); null elsewhere. */
function cpuTicks(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** What a stuck till is doing: spinning (CPU busy) or waiting (then a Node report shows the JS stack and open handles). */
async function probe(pid: number, reportDir: string): Promise<string> {
  const before = cpuTicks(pid);
  const seen = new Set(readdirSync(reportDir));
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    return 'the till is gone';
  }
  await new Promise((r) => setTimeout(r, 1_000));
  const after = cpuTicks(pid);
  const busy = before !== null && after !== null ? `CPU ${after - before} ticks in 1 s` : 'CPU unknown';
  const file = readdirSync(reportDir).find((f) => !seen.has(f));
  if (!file) return `${busy}; no Node report (a synchronous loop blocks it)`;
  const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as {
    javascriptStack?: { message?: string; stack?: string[] };
    libuv?: { type: string; is_active?: boolean }[];
  };
  const handles = new Map<string, number>();
  for (const h of report.libuv ?? []) if (h.is_active) handles.set(h.type, (handles.get(h.type) ?? 0) + 1);
  const stack = (report.javascriptStack?.stack ?? []).slice(0, 12).join('\n    ');
  return `${busy}; active handles ${JSON.stringify(Object.fromEntries(handles))}; JS stack: ${report.javascriptStack?.message ?? ''}\n    ${stack}`;
}
