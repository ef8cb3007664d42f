/**
 * `npm run start:browser [-- --headless] [--data-dir D]`: the till in system
 * Chromium. With --headless it prints one JSON line (what a test or script
 * needs: data dir, webhook URL, emulator URLs) and runs until SIGINT/SIGTERM/SIGHUP.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowserShell } from './launch';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

const dataDir = values['data-dir'] ?? process.env.KASIR_DATA_DIR ?? join(homedir(), '.kasir');
mkdirSync(dataDir, { recursive: true });

const shell = await launchBrowserShell({ dataDir, headless: values.headless });
process.stdout.write(JSON.stringify({ ready: true, ...shell.services.describe() }) + '\n');

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  void shell.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// Closing the Chromium window ends the till too.
shell.browser.on('disconnected', stop);
