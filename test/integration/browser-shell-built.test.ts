/**
 * The built browser shell starts (issue 12, item 7): `node out/main/browser-shell.js
 * --headless` — what `npm run start:browser` runs, no tsx — prints its ready line
 * once the till is on screen (its stderr line says the first screen was seen),
 * and stops cleanly on SIGTERM at once, even right after that line: the ledger is
 * closed (no `-wal` left), so the next start is not taken for a crash.
 * The shell owns its Chromium (chromium-process.ts): when the shell stops, or
 * when Chromium dies under it (the till then stops too), nothing of Chromium's
 * is left in the temp dir (each run gets a private TMPDIR to check that).
 * Skipped, with the reason, when out/ has not been built.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SHELL_JS = join(ROOT, 'out/main/browser-shell.js');
const built = existsSync(SHELL_JS) && existsSync(join(ROOT, 'out/renderer/index.html'));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** What Chromium (and Playwright on its behalf) would leave in the temp dir. */
const chromiumLeftovers = (dir: string): string[] => readdirSync(dir).filter((f) => /^(kasir-chromium-|org\.chromium\.|playwright)/.test(f));

/** The built shell on a fresh data dir with a private TMPDIR, up to its ready line. */
async function startShell(): Promise<{ child: ChildProcess; dataDir: string; tmp: string; line: string; stderr: () => string; exited: Promise<number | null> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kasir-built-shell-'));
  const tmp = mkdtempSync(join(tmpdir(), 'kasir-built-shell-tmp-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KASIR_'))), TMPDIR: tmp };
  // From another cwd: the built shell finds out/renderer beside itself.
  const child = spawn(process.execPath, [SHELL_JS, '--headless', '--data-dir', dataDir], { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    void exited.then((code) => reject(new Error(`exited with ${code} before its ready line; stderr:\n${stderr.slice(-2000)}`)));
  });
  return { child, dataDir, tmp, line, stderr: () => stderr, exited };
}

describe.skipIf(!built)('the built browser shell (skipped without `npm run build`)', () => {
  // Chromium's start on a loaded 2-core machine takes seconds; the bench times it, this only proves it works.
  it('prints its ready line once the till is on screen, and exits 0 on SIGTERM with the ledger closed and Chromium gone', { timeout: 90_000 }, async () => {
    const { child, dataDir, tmp, line, stderr, exited } = await startShell();
    expect(JSON.parse(line)).toMatchObject({ ready: true, shell: 'browser', gateway: 'emulator', dataDir });
    expect(stderr()).toContain('"msg":"browser shell ready"');
    expect(chromiumLeftovers(tmp).some((f) => f.startsWith('kasir-chromium-'))).toBe(true);
    // At once, as a supervisor might: the handler is already there.
    child.kill('SIGTERM');
    expect(await exited, stderr().slice(-2000)).toBe(0);
    expect(existsSync(join(dataDir, 'kasir.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'kasir.sqlite-wal'))).toBe(false);
    expect(chromiumLeftovers(tmp)).toEqual([]);
  });

  it('stops cleanly when its Chromium dies, leaving no profile or singleton dir behind', { timeout: 90_000 }, async () => {
    const { tmp, stderr, exited, dataDir } = await startShell();
    const profile = readdirSync(tmp).find((f) => f.startsWith('kasir-chromium-'))!;
    // `<profile>/SingletonLock` links to `<host>-<pid>`: Chromium's pid, seen from outside.
    const pid = Number(readlinkSync(join(tmp, profile, 'profile', 'SingletonLock')).split('-').pop());
    // As a crash would: Chromium and its helpers killed outright, so they clean up nothing themselves.
    process.kill(-pid, 'SIGKILL');
    expect(await exited, stderr().slice(-2000)).toBe(0);
    expect(existsSync(join(dataDir, 'kasir.sqlite-wal'))).toBe(false);
    expect(chromiumLeftovers(tmp)).toEqual([]);
  });
});
