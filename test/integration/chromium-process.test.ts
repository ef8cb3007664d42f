/**
 * The browser shell owns its Chromium (electron/browser-shell/chromium-process.ts):
 * it spawns system Chromium itself and attaches Playwright over the CDP pipe.
 * Whatever way Chromium ends — the shell closes it, it crashes, it could not
 * start, or this process exits without closing it — the process is gone and
 * nothing is left in the temp dir (its profile, the org.chromium.* dir of its
 * singleton socket, its shared-memory files). Each test gets a private TMPDIR,
 * so "nothing left" is checked exactly, beside other runs on the machine.
 *
 * Real Chromium (/usr/bin/chromium or KASIR_CHROMIUM) throughout.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../electron/browser-shell/chromium-args';
import { spawnChromium, type ChromiumProcess } from '../../electron/browser-shell/chromium-process';
import { defaultChromium } from '../../electron/browser-shell/launch';

const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
const ROOT = join(import.meta.dirname, '../..');
const sandbox = process.getuid?.() !== 0;

/** Whether `pid` still runs: a zombie (exited, its new parent has not reaped it yet) does not. */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

let privateTmp = '';
let savedTmp: string | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  // os.tmpdir() reads TMPDIR at each call: the shell's Chromium dir (profile and Chromium's own TMPDIR) goes there.
  privateTmp = mkdtempSync(join(tmpdir(), 'kasir-chromium-test-'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = privateTmp;
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(privateTmp, { recursive: true, force: true });
});

/** Spawns Chromium; the test's cleanup kills it if a test left it running. */
function started(): ChromiumProcess {
  const proc = spawnChromium({ executablePath: defaultChromium(), headless: true, sandbox });
  cleanups.push(() => proc.close(0));
  return proc;
}

describe('the shell-owned Chromium', { timeout: 60_000 }, () => {
  it('serves Playwright over the pipe, and on close is gone with its profile and singleton dir', async () => {
    const proc = started();
    expect(proc.profileDir.startsWith(proc.dir) && proc.dir.startsWith(privateTmp)).toBe(true);
    const browser = await chromium.connectOverCDP(proc.transport);
    const context = await browser.newContext();
    await context.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p id="x">over the pipe</p>' }));
    const page = await context.newPage();
    await page.goto('https://kasir.invalid/');
    expect(await page.textContent('#x')).toBe('over the pipe');
    // Chromium made its singleton socket's dir in a TMPDIR of its own, beside its profile (a killed Chromium leaves it behind).
    expect(readdirSync(join(proc.dir, 'tmp')).some((f) => f.startsWith('org.chromium.'))).toBe(true);

    await browser.close();
    await proc.close();
    expect(alive(proc.pid!)).toBe(false);
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('when Chromium is killed: Playwright hears it, `failed` says so, and its profile and singleton dir are removed', async () => {
    const proc = started();
    const browser = await chromium.connectOverCDP(proc.transport);
    const disconnected = new Promise<void>((resolve) => browser.once('disconnected', () => resolve()));
    // As a crash would: SIGKILL, so Chromium cleans up nothing itself.
    process.kill(-proc.pid!, 'SIGKILL');
    await expect(proc.failed).rejects.toThrow(/Chromium exited \(code null, signal SIGKILL\)/);
    await proc.exited;
    await disconnected;
    expect(alive(proc.pid!)).toBe(false);
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('when Chromium cannot be started: `failed` names the executable, and no profile is left', async () => {
    const proc = spawnChromium({ executablePath: join(privateTmp, 'no-such-chromium'), headless: true, sandbox });
    await expect(proc.failed).rejects.toThrow(/could not be started.*no-such-chromium/);
    await proc.exited;
    await proc.close();
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('when this process exits without closing the shell, Chromium goes with it and leaves nothing', async () => {
    // A child process that spawns Chromium, prints its pid, and exits without closing it.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/fixtures/chromium-orphan-child.ts'), defaultChromium(), String(sandbox)],
      { cwd: ROOT, env: { ...process.env, TMPDIR: privateTmp }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const { pid } = JSON.parse(line) as { pid: number };
    expect(await exited).toBe(0);
    // The exit hook SIGKILLs it synchronously; the kernel may take a moment to reap it.
    await expect.poll(() => alive(pid)).toBe(false);
    // (tsx keeps its compile cache in TMPDIR too.)
    expect(readdirSync(privateTmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);
  });

  it('what a shell killed outright left behind is removed by the next shell that starts Chromium', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/fixtures/chromium-orphan-child.ts'), defaultChromium(), String(sandbox), 'stay'],
      { cwd: ROOT, env: { ...process.env, TMPDIR: privateTmp }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const { pid, dir } = JSON.parse(line) as { pid: number; dir: string };
    // SIGKILL: no exit hook runs. Its Chromium is ended as a power cut would end it, whether or not it quit by itself.
    child.kill('SIGKILL');
    await exited;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // It had quit already (its pipe's other end was gone).
    }
    await expect.poll(() => alive(pid)).toBe(false);
    const ours = () => readdirSync(privateTmp).filter((f) => f.startsWith('kasir-chromium-'));
    expect(ours()).toEqual([basename(dir)]);
    // A dir nobody marked (another tool's, an older shell's) is not the next shell's to remove.
    const unmarked = mkdtempSync(join(privateTmp, 'kasir-chromium-'));
    const next = spawnChromium({ executablePath: defaultChromium(), headless: true, sandbox });
    cleanups.push(() => next.close());
    expect(ours().sort()).toEqual([basename(next.dir), basename(unmarked)].sort());
    await next.close();
    rmSync(unmarked, { recursive: true });
    expect(readdirSync(privateTmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);
  });
});

describe('the command line', () => {
  it("is what chromium.launch passes (Playwright's switches), with the shell's own, a fresh profile and the pipe", { timeout: 60_000 }, async () => {
    // A stand-in executable that records its arguments; Playwright's launch then fails, as expected.
    const fake = join(privateTmp, 'record-args');
    const argsFile = join(privateTmp, 'args.txt');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > "${argsFile}"\n`);
    chmodSync(fake, 0o755);
    await chromium
      .launch({ executablePath: fake, headless: true, chromiumSandbox: sandbox, args: ['--disable-gpu', '--disable-quic'], timeout: 10_000 })
      .then((b) => b.close(), () => {});
    const playwrights = readFileSync(argsFile, 'utf8').trim().split('\n');
    const ours = chromiumArgs({ headless: true, sandbox, profileDir: '/p' });
    const variable = (a: string): boolean => a.startsWith('--user-data-dir=');
    expect(ours.filter((a) => !variable(a)).sort()).toEqual(playwrights.filter((a) => !variable(a)).sort());
    expect(ours).toContain('--user-data-dir=/p');
  });
});

