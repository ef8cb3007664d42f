/**
 * The till window. Every security option lives in security.ts; this file only
 * sizes the window and decides where the renderer comes from.
 */
import { BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, lockDownContents, lockDownSession, secureWebPreferences } from './security';

export interface WindowOptions {
  preloadPath: string;
  /** Set by electron-vite in development only (never honoured in a packaged app); production uses app://kasir. */
  devServerUrl?: string;
}

/** Creates and loads the main till window. */
export async function createMainWindow(opts: WindowOptions): Promise<BrowserWindow> {
  lockDownSession(session.defaultSession);
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Kasir',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(opts.preloadPath, { devTools: opts.devServerUrl !== undefined }),
  });
  lockDownContents(win.webContents, opts.devServerUrl);
  win.once('ready-to-show', () => win.show());
  await win.loadURL(opts.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

/** Where the built preload lives relative to the built main bundle. */
export const preloadPathFrom = (mainDir: string): string => join(mainDir, '../preload/index.cjs');
