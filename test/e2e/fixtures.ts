/**
 * One fixture, two launchers: `_electron.launch` where an Electron binary
 * exists (the packaged app at KASIR_APP_PATH, or out/ with the installed
 * Electron), the browser shell otherwise. Test bodies only see `kasir`.
 */
import { test as base, _electron, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchBrowserShell } from '../../electron/browser-shell/launch';
import { ManualClock } from '../../electron/main/core/clock';
import type { ShellDescription } from '../../electron/main/core/container';
import { findElectronBinary } from './electron-binary';
import { simulatorClient, type SimulatorClient } from './simulator-client';

export interface KasirApp {
  page: Page;
  info: ShellDescription;
  simulator: SimulatorClient;
  /**
   * The app's clock when the test asked for one (`test.use({ kasirClock: 'manual' })`): advance it
   * instead of sleeping (idle sign-out). Browser shell only; null with the real clock.
   */
  clock: ManualClock | null;
}

async function launchElectron(dataDir: string): Promise<{ page: Page; info: ShellDescription; close(): Promise<void> }> {
  const binary = findElectronBinary();
  const packaged = Boolean(process.env.KASIR_APP_PATH);
  const app = await _electron.launch({
    executablePath: binary.path ?? undefined,
    args: packaged ? [] : [join(process.cwd(), 'out/main/index.js')],
    env: { ...process.env, KASIR_DATA_DIR: dataDir },
  });
  const stdout = app.process().stdout;
  if (!stdout) throw new Error('Electron app has no stdout');
  const info = await new Promise<ShellDescription>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      if (line.startsWith('{"ready":true')) resolve(JSON.parse(line) as ShellDescription);
    });
    lines.on('close', () => reject(new Error('Electron app exited before it was ready')));
  });
  const page = await app.firstWindow();
  return { page, info, close: () => app.close() };
}

/** settings.json contents written into the data dir before launch (`test.use({ kasirSettings: {...} })`); null writes none. */
export type KasirSettings = Record<string, unknown> | null;

/** Which clock the app runs on: the real one, or a ManualClock the test moves (browser shell only). */
export type KasirClock = 'system' | 'manual';

export const test = base.extend<{ kasirSettings: KasirSettings; kasirClock: KasirClock; kasir: KasirApp }>({
  kasirSettings: [null, { option: true }],
  kasirClock: ['system', { option: true }],
  kasir: async ({ kasirSettings, kasirClock }, use, testInfo) => {
    const shell = testInfo.project.metadata.shell as 'browser' | 'electron';
    if (shell === 'electron') {
      const binary = findElectronBinary();
      testInfo.skip(!binary.path, `Electron project skipped: ${binary.reason}. The browser project runs the same tests.`);
      // The packaged app has no test hook for its clock, by design.
      testInfo.skip(kasirClock === 'manual', 'A moved clock needs the browser shell; the browser project runs this test.');
    }
    // Starts at the real time, so "today" is the machine's day; then moves only when told.
    const clock = kasirClock === 'manual' ? new ManualClock(Date.now()) : null;
    const dataDir = mkdtempSync(join(tmpdir(), 'kasir-e2e-'));
    if (kasirSettings) writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(kasirSettings));
    const launched =
      shell === 'electron'
        ? await launchElectron(dataDir)
        : await launchBrowserShell({ dataDir, headless: true, ...(clock ? { clock } : {}) }).then((s) => ({
            page: s.page,
            info: s.services.describe(),
            close: s.close,
          }));
    try {
      const emu = launched.info.emulator;
      if (!emu) throw new Error('e2e tests run against the embedded emulator');
      await use({ page: launched.page, info: launched.info, simulator: simulatorClient(emu.simulatorUrl, emu.caCertPath), clock });
    } finally {
      await launched.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
