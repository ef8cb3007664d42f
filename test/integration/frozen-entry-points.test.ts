/**
 * The frozen ready lines (test/README.md): scripts and supervisors start a
 * process and read its first stdout line as JSON. Later issues may add keys;
 * today's keys keep their names and types.
 *
 * - `npm run emulator` (emulator/cli.ts): URLs, keys and key paths.
 * - `npm run start:browser -- --headless` (electron/browser-shell/cli.ts):
 *   `{"ready":true, …ShellDescription}` (the Electron app prints the same line).
 *
 * Each process is spawned for real (the browser shell launches system
 * Chromium), its line read, then stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** A value's JSON type as the frozen lists name it. */
const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Each of today's keys is still there with (one of) today's types; new keys are fine. */
function expectTodaysKeys(line: Record<string, unknown>, today: Record<string, string>, where: string): void {
  for (const [key, types] of Object.entries(today)) {
    expect(types.split('|'), `${where}.${key} (${JSON.stringify(line[key])})`).toContain(jsonType(line[key]));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Spawns `node --import tsx <script> …args` from the repository root and resolves its first stdout line as JSON. */
async function firstLine(script: string, args: string[]): Promise<Record<string, unknown>> {
  // Today's callers do not set KASIR_* overrides; a developer's own must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KASIR_')));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000).unref())]);
    if (code === 'hung') child.kill('SIGKILL');
    expect(code, `${script} after SIGTERM; stderr:\n${stderr.slice(-2000)}`).toBe(0);
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then((code) => reject(new Error(`${script} exited with ${code} before its ready line; stderr:\n${stderr.slice(-2000)}`)));
  });
  return JSON.parse(line) as Record<string, unknown>;
}

describe('frozen ready lines', () => {
  it("the emulator CLI's ready line has today's keys", async () => {
    const line = await firstLine('emulator/cli.ts', ['--port', '0', '--no-persist']);
    expectTodaysKeys(line, {
      coreApiUrl: 'string', snapBiUrl: 'string', simulatorUrl: 'string', caCertPath: 'string', serverKey: 'string', clientKey: 'string',
      snapBi: 'object',
    }, 'emulator');
    expectTodaysKeys(line.snapBi as Record<string, unknown>, {
      clientId: 'string', clientSecret: 'string', partnerId: 'string', channelId: 'string', merchantId: 'string',
      merchantPrivateKeyPath: 'string', notificationPublicKeyPath: 'string',
    }, 'emulator.snapBi');
    expect(String(line.coreApiUrl)).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  // Chromium's start dominates (≈7 s on a 2-core CI machine).
  it("the browser shell's --headless line has today's keys", { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kasir-headless-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const line = await firstLine('electron/browser-shell/cli.ts', ['--headless', '--data-dir', dataDir]);
    expectTodaysKeys(line, { ready: 'boolean', shell: 'string', gateway: 'string', dataDir: 'string', webhookUrl: 'string|null', emulator: 'object|null' }, 'headless');
    expect(line).toMatchObject({ ready: true, shell: 'browser', gateway: 'emulator', dataDir });
    expectTodaysKeys(line.emulator as Record<string, unknown>, {
      coreApiUrl: 'string', snapBiUrl: 'string', simulatorUrl: 'string', caCertPath: 'string',
    }, 'headless.emulator');
  });
});
