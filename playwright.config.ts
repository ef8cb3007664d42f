import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './test/e2e/electron-binary';

const electron = findElectronBinary();
if (!electron.path) {
  // Printed once per run so a skipped Electron project is never mistaken for a pass.
  console.log(`[kasir] Electron project will be skipped: ${electron.reason}`);
}

// One set of test bodies, two ways to launch the app: the Electron build where
// an Electron binary exists, the browser shell (system Chromium) everywhere.
// The fixture in test/e2e/fixtures.ts skips the Electron project, with its
// reason, where the binary is missing.
export default defineConfig({
  testDir: 'test/e2e',
  // Playwright empties its outputDir on start; keep it apart from the other runners' reports.
  outputDir: 'test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'browser', metadata: { shell: 'browser' } },
    { name: 'electron', metadata: { shell: 'electron' } },
  ],
});
