/**
 * One fixture, two launchers: `_electron.launch` where an Electron binary
 * exists (the packaged app at KASIR_APP_PATH, or out/ with the installed
 * Electron), the browser shell otherwise. Test bodies only see `kasir`.
 */
import { test as base, _electron, type ElectronApplication, type Page } from '@playwright/test';
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
  /**
   * Opens the customer-facing display and returns its page: the browser shell's display page (its
   * own context, no invoke binding), or the Electron app's second window (display.html).
   */
  openDisplay(): Promise<Page>;
  /**
   * Closes the app and launches it again on the same data dir (ledger, emulator state, settings);
   * returns the new till page. `page`, `info` and `simulator` follow the new launch. `whileDown`
   * runs between the two (e.g. the emulator alone on the same state: a customer pays meanwhile).
   */
  restart(whileDown?: (dataDir: string) => Promise<void>): Promise<Page>;
  /**
   * What main answers a call made from `page` (e.g. the display) as if its bridge had an invoke:
   * the browser shell's test hook for a forged call. Null under Electron, where a page without
   * ipcRenderer cannot forge one at all.
   */
  forgeInvoke: ((page: Page, channel: string, input?: unknown) => Promise<unknown>) | null;
}

/** One running app as the fixture drives it. */
interface Launched {
  page: Page;
  info: ShellDescription;
  openDisplay(): Promise<Page>;
  forgeInvoke: KasirApp['forgeInvoke'];
  close(): Promise<void>;
}

/** The display window of an Electron app: it opens beside the till at start-up. */
async function electronDisplay(app: ElectronApplication): Promise<Page> {
  const isDisplay = (w: Page): boolean => w.url().endsWith('/display.html');
  const open = app.windows().find(isDisplay);
  if (open) return open;
  return app.waitForEvent('window', { predicate: isDisplay });
}

async function launchElectron(dataDir: string): Promise<Launched> {
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
  return { page, info, openDisplay: () => electronDisplay(app), forgeInvoke: null, close: () => app.close() };
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
    const launch = (): Promise<Launched> =>
      shell === 'electron'
        ? launchElectron(dataDir)
        : launchBrowserShell({ dataDir, headless: true, ...(clock ? { clock } : {}) }).then((s) => ({
            page: s.page,
            info: s.services.describe(),
            openDisplay: () => s.openDisplayPage(),
            forgeInvoke: (from: Page, channel: string, input?: unknown) => s.dispatchAs(from, channel, input),
            close: s.close,
          }));
    const simulatorOf = (info: ShellDescription): SimulatorClient => {
      const emu = info.emulator;
      if (!emu) throw new Error('e2e tests run against the embedded emulator');
      return simulatorClient(emu.simulatorUrl, emu.caCertPath);
    };
    let launched: Launched | null = await launch();
    let simulator = simulatorOf(launched.info);
    const current = (): Launched => {
      if (!launched) throw new Error('the app is not running (a restart failed)');
      return launched;
    };
    const app: KasirApp = {
      get page() {
        return current().page;
      },
      get info() {
        return current().info;
      },
      get simulator() {
        return simulator;
      },
      clock,
      openDisplay: () => current().openDisplay(),
      async restart(whileDown) {
        const old = current();
        launched = null;
        await old.close();
        await whileDown?.(dataDir);
        launched = await launch();
        simulator = simulatorOf(launched.info);
        return launched.page;
      },
      get forgeInvoke() {
        return current().forgeInvoke;
      },
    };
    try {
      await use(app);
    } finally {
      await launched?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
