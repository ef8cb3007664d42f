/**
 * Composition root of the Electron app: build the plain-Node services, carry
 * the contract over IPC, open the window. Everything with logic lives in core/.
 */
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServices, type Services } from './core/container';
import { deliversTo } from './core/display/display-callers';
import { createDisplayWindow, displayPreloadPathFrom } from './shell/display-window';
import { pushDisplay, pushEvent, registerIpc } from './shell/ipc';
import { registerAppScheme, serveRenderer } from './shell/protocol';
import { createMainWindow, preloadPathFrom } from './shell/window';

const mainDir = dirname(fileURLToPath(import.meta.url));
// A packaged till never loads a page named by the environment: whoever writes a
// shortcut must not be able to point the bridge at a page of their choosing.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

if (!app.requestSingleInstanceLock()) {
  // A second till on the same ledger and webhook port would fight over both.
  app.quit();
} else {
  registerAppScheme();
  let services: Services | undefined;
  let win: BrowserWindow | undefined;
  // The customer-facing display: receives `display.updated` only, may never invoke.
  let display: BrowserWindow | undefined;
  // Every display's webContents, for as long as it exists: the IPC handler refuses them.
  const displayContents = new WeakSet<WebContents>();

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.whenReady().then(async () => {
    serveRenderer(`${mainDir}/../renderer`);
    services = await buildServices({
      shell: 'electron',
      version: app.getVersion(),
      dataDir: process.env.KASIR_DATA_DIR ?? app.getPath('userData'),
    });
    const running = services;
    registerIpc(services, devServerUrl, (contents) => displayContents.has(contents));
    win = await createMainWindow({ preloadPath: preloadPathFrom(mainDir), devServerUrl });
    // The till is the app: closing it quits, even with the customer display still open.
    win.on('closed', () => app.quit());
    services.onEvent((name, payload) => {
      if (win && deliversTo(name, false)) pushEvent(win.webContents, name, payload);
      if (display && deliversTo(name, true)) pushDisplay(display.webContents, payload);
    });
    display = createDisplayWindow({
      preloadPath: displayPreloadPathFrom(mainDir),
      devServerUrl,
      onLoaded: (shown) => pushDisplay(shown.webContents, running.display()),
      onLoadFailed: (e) => console.warn('customer display did not load', e),
    });
    displayContents.add(display.webContents);
    display.on('closed', () => (display = undefined));
    // One machine-readable line for test harnesses and supervisors.
    process.stdout.write(JSON.stringify({ ready: true, ...services.describe() }) + '\n');
  }).catch((e: unknown) => {
    // Without services there is no till: say why instead of showing an empty window.
    dialog.showErrorBox('Kasir could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const closing = services;
    services = undefined;
    void closing.close().finally(() => app.exit(0));
  });
}
