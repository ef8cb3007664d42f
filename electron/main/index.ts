/**
 * Composition root of the Electron app: build the plain-Node services, carry
 * the contract over IPC, open the window. Everything with logic lives in core/.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServices, type Services } from './core/container';
import { pushEvent, registerIpc } from './shell/ipc';
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
    registerIpc(services, devServerUrl);
    win = await createMainWindow({ preloadPath: preloadPathFrom(mainDir), devServerUrl });
    services.onEvent((name, payload) => win && pushEvent(win.webContents, name, payload));
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
