/**
 * The customer-facing display window: the same locked-down web preferences
 * as the till's, its own preload (receive-only: `onDisplay`), display.html,
 * placed by display-placement.ts. It pushes main's current display state
 * every time the page (re)loads.
 */
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { placeDisplay } from './display-placement';
import { APP_ORIGIN, lockDownContents, secureWebPreferences } from './security';

export interface DisplayWindowOptions {
  preloadPath: string;
  devServerUrl?: string;
  /** Called when the page finished loading: push the current state. */
  onLoaded(win: BrowserWindow): void;
  /** The page did not load: the till works without a customer display. */
  onLoadFailed(error: unknown): void;
}

/**
 * Creates the customer display window and starts loading it. Synchronous on
 * purpose: the caller knows the window's webContents (to refuse its invokes)
 * before its page runs a single line.
 */
export function createDisplayWindow(opts: DisplayWindowOptions): BrowserWindow {
  const placement = placeDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
  const win = new BrowserWindow({
    ...placement.bounds,
    fullscreen: placement.fullscreen,
    title: 'Kasir — layar pelanggan',
    show: false,
    // The till keeps the keyboard: a scan must never land in the customer's window.
    focusable: !placement.fullscreen,
    backgroundColor: '#0f172a',
    webPreferences: secureWebPreferences(opts.preloadPath, { devTools: opts.devServerUrl !== undefined }),
  });
  lockDownContents(win.webContents, opts.devServerUrl);
  win.webContents.on('did-finish-load', () => opts.onLoaded(win));
  win.once('ready-to-show', () => win.showInactive());
  void win
    .loadURL(opts.devServerUrl ? new URL('display.html', opts.devServerUrl).toString() : `${APP_ORIGIN}/display.html`)
    .catch((e: unknown) => opts.onLoadFailed(e));
  return win;
}

/** Where the built display preload lives relative to the built main bundle. */
export const displayPreloadPathFrom = (mainDir: string): string => join(mainDir, '../preload/display.cjs');
