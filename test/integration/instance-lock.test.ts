/**
 * One running Kasir per data dir (issue 9, item 5): the lock is an OS file
 * lock, so a second live process is refused with the holder named, and a
 * holder killed with SIGKILL leaves nothing that blocks the next start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../electron/main/core/container';
import { acquireInstanceLock, HOLDER_FILE, InstanceLockedError } from '../../electron/main/core/instance-lock';
import { silentLogger } from '../../electron/main/core/logger';
import { MemorySecretStore } from '../../electron/main/core/secrets/memory-secret-store';

const REPO = resolve(import.meta.dirname, '../..');
const CHILD = join(REPO, 'test/fixtures/instance-lock-child.ts');
const root = mkdtempSync(join(tmpdir(), 'kasir-instance-lock-'));
const children = new Set<ChildProcess>();

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) await killed(c);
  rmSync(root, { recursive: true, force: true });
});

async function killed(child: ChildProcess): Promise<void> {
  const exit = once(child, 'exit');
  child.kill('SIGKILL');
  await exit;
}

interface LockLine {
  outcome: 'held' | 'refused';
  data: Record<string, unknown>;
  child: ChildProcess;
}

/** Starts the child on `dataDir` and resolves with its one protocol line. */
function lockInChild(dataDir: string, shell: string): Promise<LockLine> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, shell], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((res, rej) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^KASIR-LOCK (held|refused) (.*)$/.exec(line);
      if (m) res({ outcome: m[1] as LockLine['outcome'], data: JSON.parse(m[2]!) as Record<string, unknown>, child });
    });
    child.once('exit', (code, signal) => rej(new Error(`lock child exited (${String(code ?? signal)}) without a line:\n${stderr}`)));
  });
}

describe('instance lock across processes', () => {
  it('refuses a second live instance naming its pid, shell and start time, and frees the dir at once when the first is SIGKILLed', async () => {
    const dataDir = mkdtempSync(join(root, 'two-'));
    const first = await lockInChild(dataDir, 'browser');
    expect(first.outcome).toBe('held');
    const pid = first.child.pid!;
    expect(first.data).toMatchObject({ pid, shell: 'browser' });

    const second = await lockInChild(dataDir, 'electron');
    expect(second.outcome).toBe('refused');
    const message = String(second.data.message);
    expect(second.data.code).toBe('INSTANCE_RUNNING');
    expect(message).toContain(`pid ${pid}`);
    expect(message).toContain('browser shell');
    expect(message).toContain(`started ${String(first.data.startedAt)}`);
    expect(message).toContain(dataDir);
    await once(second.child, 'exit');
    expect(second.child.exitCode).toBe(3);

    // The same process that is refused here is the test runner: in-process callers are refused too.
    const inProcess = (() => {
      try {
        acquireInstanceLock(dataDir, { shell: 'browser' }).release();
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(inProcess).toBeInstanceOf(InstanceLockedError);
    expect((inProcess as InstanceLockedError).holder).toEqual({ pid, shell: 'browser', startedAt: first.data.startedAt });

    await killed(first.child);
    // No wait, no retry: the OS dropped the lock with the process; its stale note is not believed.
    expect(existsSync(join(dataDir, HOLDER_FILE))).toBe(true);
    const third = await lockInChild(dataDir, 'electron');
    expect(third.outcome).toBe('held');
    expect(third.data).toMatchObject({ pid: third.child.pid, shell: 'electron' });
    await killed(third.child);
  });
});

describe('instance lock within one process', () => {
  it('refuses a second acquire in the same process and frees the dir on release', () => {
    const dataDir = mkdtempSync(join(root, 'same-'));
    const now = () => Date.UTC(2026, 10, 26, 3, 0, 0);
    const lock = acquireInstanceLock(dataDir, { shell: 'browser', now });
    expect(lock.holder).toEqual({ pid: process.pid, shell: 'browser', startedAt: '2026-11-26T03:00:00.000Z' });
    expect(() => acquireInstanceLock(dataDir, { shell: 'electron' })).toThrow(
      new RegExp(`already running on .*\\(pid ${process.pid}, browser shell, started 2026-11-26T03:00:00\\.000Z\\)`),
    );
    lock.release();
    lock.release(); // idempotent
    expect(existsSync(join(dataDir, HOLDER_FILE))).toBe(false);
    const again = acquireInstanceLock(dataDir, { shell: 'electron' });
    expect(again.holder.shell).toBe('electron');
    again.release();
  });

  it('does not believe a holder note naming a dead process', () => {
    const dataDir = mkdtempSync(join(root, 'stale-'));
    // pid 2^22+1 is above Linux's pid_max ceiling: never a live process.
    writeFileSync(join(dataDir, HOLDER_FILE), JSON.stringify({ pid: 4_194_305, shell: 'electron', startedAt: '2026-01-01T00:00:00.000Z' }));
    const lock = acquireInstanceLock(dataDir, { shell: 'browser' });
    try {
      let refused: unknown = null;
      try {
        acquireInstanceLock(dataDir, { shell: 'browser' });
      } catch (e) {
        refused = e;
      }
      expect((refused as InstanceLockedError).holder?.pid).toBe(process.pid);
    } finally {
      lock.release();
    }
  });
});

describe('buildServices takes the lock (both shells)', () => {
  it('refuses a second Kasir on one data dir before it starts a second emulator, and starts again once the first closes', async () => {
    const dataDir = mkdtempSync(join(root, 'services-'));
    const build = (shell: 'electron' | 'browser') =>
      buildServices({ shell, version: 'test', dataDir, env: {}, logger: silentLogger, secretStore: new MemorySecretStore() });
    const first = await build('browser');
    try {
      const second = await build('electron').then(
        async (s) => (await s.close(), null),
        (e: unknown) => e,
      );
      expect(second).toBeInstanceOf(InstanceLockedError);
      expect((second as Error).message).toMatch(new RegExp(`pid ${process.pid}, browser shell, started `));
      // The first till's emulator still answers: the refused start touched nothing.
      expect(first.describe().emulator?.coreApiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await first.close();
    }
    const third = await build('electron');
    await third.close();
  });
});
