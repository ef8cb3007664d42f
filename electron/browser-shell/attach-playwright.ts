/**
 * Playwright, attached to the Chromium the shell spawned (chromium-process.ts)
 * over its CDP pipe. Loaded here, at attach time, not at import: the shell
 * spawns Chromium first, and Chromium boots while this require() runs.
 */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import type { ChromiumProcess } from './chromium-process';

type Playwright = typeof import('playwright-core');

/**
 * Required, not imported: playwright-core is CommonJS, and an ES import makes Node 20 run its export lexer over
 * the ~7 MB of bundles behind it (half a second at start-up, measured); require() loads them as plain CommonJS.
 */
const loadPlaywright = (): Playwright => createRequire(import.meta.url)('playwright-core') as Playwright;

/** Runs a require (the built shell passes its code cache's `load`, code-cache.ts); by default, as it is. */
export type RequireRunner = <T>(fn: () => T) => T;

/** What Playwright's test runner sets on the playwright object for every browser its tests launch (private). */
interface RunnerDefaults {
  _defaultLaunchOptions?: { tracesDir?: string };
}

/** Loads Playwright and attaches it to `chromium`; rejects when Chromium fails first. */
export async function attachPlaywright(chromium: ChromiumProcess, run: RequireRunner = (fn) => fn()): Promise<Browser> {
  const playwright = run(loadPlaywright);
  const browser = await Promise.race([playwright.chromium.connectOverCDP(chromium.transport), chromium.failed]);
  // `chromium.launch` takes the test runner's traces dir from those defaults, `connectOverCDP` does not:
  // without it, every context's trace stacks go to a temp dir of their own that the runner never removes.
  // Set where `launch` would keep it (Browser._options, read as each context is made); absent outside the runner.
  const tracesDir = (playwright as unknown as RunnerDefaults)._defaultLaunchOptions?.tracesDir;
  const options = (browser as unknown as { _options?: { tracesDir?: string } })._options;
  if (tracesDir && options) options.tracesDir = tracesDir;
  return browser;
}
