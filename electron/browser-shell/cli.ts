/**
 * `npm run start:browser [-- --headless] [--data-dir D]`: the till in system
 * Chromium. With --headless it prints one JSON line (what a test or script
 * needs: data dir, webhook URL, emulator URLs) and runs until SIGINT/SIGTERM/SIGHUP.
 *
 * Built by electron-vite into out/main/browser-shell.js and run with plain
 * `node` (no tsx: transpiling the whole app at every start cost seconds);
 * the renderer is then the out/renderer beside it, wherever the cwd is.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCodeCache } from './code-cache';
import { waitForFirstScreen } from './first-screen';
import { launchBrowserShell, type BrowserShell } from './launch';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

const dataDir = values['data-dir'] ?? process.env.KASIR_DATA_DIR ?? join(homedir(), '.kasir');
mkdirSync(dataDir, { recursive: true });

// out/main/browser-shell.js → out/renderer; run from source (tsx), launch's default (cwd/out/renderer) applies.
const besideBuild = join(dirname(fileURLToPath(import.meta.url)), '../renderer');
const rendererDir = existsSync(join(besideBuild, 'index.html')) ? besideBuild : undefined;

// Handlers before the ready line: whoever read it may send SIGTERM at once, and without them
// Node's default would kill the process with the ledger open (the next start then takes it for a crash).
let closing = false;
/** The shell once launched (the signal handler below exists before it does). */
const running: { shell?: BrowserShell } = {};
const stop = () => {
  if (closing) return;
  closing = true;
  // Still starting: the launch finishes first (the ledger may be half open), then closes below.
  if (running.shell) void running.shell.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);

// V8's code for Playwright's bundles, kept beside the build (out/main/.v8-cache): compiling them is most of their
// ~400 ms require; a new build (or Playwright) starts without it and writes it after its first screen.
// Built runs only: run from source (tsx) it would write into electron/browser-shell/.
const picked = import.meta.url.endsWith('.js') ? (file: string) => /[\\/]node_modules[\\/]playwright-core[\\/]/.test(file) : () => false;
const codeCache = createCodeCache(join(dirname(fileURLToPath(import.meta.url)), '.v8-cache'), picked);
const shell = await launchBrowserShell({
  dataDir,
  headless: values.headless,
  requireRunner: (fn) => codeCache.load(fn),
  ...(rendererDir ? { rendererDir } : {}),
});
running.shell = shell;
if (closing) await shell.close().finally(() => process.exit(0));
// Ready means the cashier can act: the till (or sign-in) is on screen, not merely Chromium's load event.
const shown = await waitForFirstScreen(shell.page);
// One stderr line with the start-up's parts (they overlap), for whoever wonders where the time went.
process.stderr.write(
  JSON.stringify({
    msg: shown ? 'browser shell ready' : 'browser shell up, but no first screen within 30 s',
    // From this process's start (performance.timeOrigin), so the module loading before the launch counts too.
    sinceProcessStartMs: Math.round(performance.now()),
    launch: shell.startup,
  }) + '\n',
);
process.stdout.write(JSON.stringify({ ready: true, ...shell.services.describe() }) + '\n');
// After the ready line, so not part of the start it speeds up; synchronous, so a SIGTERM sent on the ready line waits for it.
codeCache.save();

// Closing the Chromium window ends the till too.
shell.browser.on('disconnected', stop);
