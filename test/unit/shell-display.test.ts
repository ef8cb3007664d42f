/**
 * The customer display (issue 11): it can never invoke. Its preload (source
 * and built bundle) and the browser shell's display init script expose
 * `onDisplay` only; the IPC handler refuses a display's webContents and the
 * router refuses a `display-` caller; events reach displays (display.updated
 * only) and the till (everything else); the display window is locked down
 * like the till's and goes to a second screen when there is one; main's
 * display feed follows the till's sale only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: { options: Record<string, unknown>; win: { loadURL: ReturnType<typeof vi.fn> } }[] = [];
const handlers = new Map<string, (...args: unknown[]) => unknown>();
const exposed = new Map<string, Record<string, unknown>>();
const rendererListeners = new Map<string, (...args: unknown[]) => void>();
const screens = { all: [{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }], primary: 1 };
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn(), isDestroyed: () => false };
    once = vi.fn();
    loadURL = vi.fn(async () => {});
    constructor(options: Record<string, unknown>) {
      created.push({ options, win: this });
    }
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => screens.all, getPrimaryDisplay: () => ({ id: screens.primary }) },
    ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => handlers.set(ch, fn), removeHandler: vi.fn() },
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api) },
    ipcRenderer: {
      on: (ch: string, fn: (...a: unknown[]) => void) => rendererListeners.set(ch, fn),
      invoke: vi.fn(),
      send: vi.fn(),
    },
  };
});

const { createDisplayWindow, displayPreloadPathFrom } = await import('../../electron/main/shell/display-window');
const { placeDisplay } = await import('../../electron/main/shell/display-placement');
const { registerIpc } = await import('../../electron/main/shell/ipc');
const { displayBridgeScript } = await import('../../electron/browser-shell/display-bridge-script');
const { deliversTo, isDisplayCaller, refuseDisplayCallers } = await import('../../electron/main/core/display/display-callers');
const { CustomerDisplay } = await import('../../electron/main/core/display/customer-display');
const { IPC_DISPLAY_EVENT } = await import('../../shared/contract/display-client');
const { IPC_INVOKE, INVOKE_BRIDGE } = await import('../../shared/contract/client');
const { events } = await import('../../shared/contract/events');

const root = process.cwd();

describe('the display preload exposes no invoke', () => {
  it('exposes window.kasirDisplay with onDisplay only, and replays the latest payload', async () => {
    await import('../../electron/preload/display');
    expect([...exposed.keys()]).toEqual(['kasirDisplay']);
    const api = exposed.get('kasirDisplay')!;
    expect(Object.keys(api)).toEqual(['onDisplay']);
    // It listens on the display's own channel only.
    expect([...rendererListeners.keys()]).toEqual([IPC_DISPLAY_EVENT]);
    rendererListeners.get(IPC_DISPLAY_EVENT)!({}, { sale: null, demo: true });
    const seen: unknown[] = [];
    const off = (api.onDisplay as (l: (p: unknown) => void) => () => void)((p) => seen.push(p));
    expect(seen).toEqual([{ sale: null, demo: true }]);
    off();
  });

  it('never names invoke or the invoke channel in its source', () => {
    const source = readFileSync(join(root, 'electron/preload/display.ts'), 'utf8');
    expect(source).not.toMatch(/\.invoke\b|ipcRenderer\.send|IPC_INVOKE|kasir:invoke/);
  });

  it.skipIf(!existsSync(join(root, 'out/preload/display.cjs')))('the built bundle has no invoke and requires nothing but electron (a sandboxed preload is one file)', () => {
    const bundle = readFileSync(join(root, 'out/preload/display.cjs'), 'utf8');
    expect(bundle).not.toMatch(/\.invoke\b|kasir:invoke|ipcRenderer\.send\b/);
    for (const file of ['display.cjs', 'index.cjs']) {
      const code = readFileSync(join(root, 'out/preload', file), 'utf8');
      const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      expect(required, file).toEqual(['electron']);
    }
  });

  it('the browser shell\'s display script defines onDisplay only, and no invoke binding', () => {
    expect(displayBridgeScript).not.toContain(INVOKE_BRIDGE);
    expect(displayBridgeScript).not.toMatch(/invoke/);
    const w: Record<string, unknown> = {};
    new Function('globalThis', displayBridgeScript.replace('const w = globalThis;', 'const w = arguments[0];'))(w);
    const display = w.kasirDisplay as Record<string, unknown>;
    expect(Object.keys(display)).toEqual(['onDisplay']);
    expect(Object.isFrozen(display)).toBe(true);
    const seen: unknown[] = [];
    (display.onDisplay as (l: (p: unknown) => void) => void)((p) => seen.push(p));
    const deliver = w.__kasirEvent as (n: string, p: unknown) => void;
    deliver('sale.updated', { x: 1 });
    deliver('display.updated', { sale: null, demo: false });
    expect(seen).toEqual([{ sale: null, demo: false }]);
  });
});

describe('main refuses a display', () => {
  it('the IPC handler refuses any invoke from a display webContents before the router', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }));
    const displayContents = { id: 9, once: vi.fn() };
    registerIpc({ router: { dispatch }, callerGone: vi.fn() }, undefined, (c) => c === (displayContents as never));
    const handler = handlers.get(IPC_INVOKE)!;
    const frame = { url: 'app://kasir/display.html', parent: null };
    expect(await handler({ senderFrame: frame, sender: displayContents }, 'sales.current', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(dispatch).not.toHaveBeenCalled();
    const till = { id: 3, once: vi.fn() };
    await handler({ senderFrame: { url: 'app://kasir/index.html', parent: null }, sender: till }, 'app.info', undefined);
    expect(dispatch).toHaveBeenCalledWith('app.info', undefined, { id: 'window-3' });
  });

  it('the router refuses every display- caller', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }));
    const router = refuseDisplayCallers({ dispatch });
    expect(await router.dispatch('sales.current', {}, { id: 'display-1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(dispatch).not.toHaveBeenCalled();
    expect(await router.dispatch('app.info', {}, { id: 'page-1' })).toEqual({ ok: true, value: 1 });
    expect(isDisplayCaller('display-7')).toBe(true);
    expect(isDisplayCaller('window-7')).toBe(false);
  });

  it('displays receive display.updated only; the till everything else', () => {
    for (const name of Object.keys(events)) {
      expect(deliversTo(name, true)).toBe(name === 'display.updated');
      expect(deliversTo(name, false)).toBe(name !== 'display.updated');
    }
  });
});

describe('the display window', () => {
  beforeEach(() => (created.length = 0));

  it('is locked down like the till, with its own preload, loading display.html', () => {
    createDisplayWindow({ preloadPath: displayPreloadPathFrom('/app/out/main'), onLoaded: vi.fn(), onLoadFailed: vi.fn() });
    const { options, win } = created[0]!;
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/display.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(win.loadURL).toHaveBeenCalledWith('app://kasir/display.html');
    expect(options.fullscreen).toBe(false);
  });

  it('goes full screen on a second screen when there is one', () => {
    expect(placeDisplay([{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }, { id: 2, bounds: { x: 1366, y: 0, width: 1024, height: 600 } }], 1)).toEqual({
      bounds: { x: 1366, y: 0, width: 1024, height: 600 },
      fullscreen: true,
    });
    expect(placeDisplay([{ id: 5, bounds: { x: 0, y: 0, width: 1366, height: 768 } }], 5)).toEqual({
      bounds: { x: 566, y: 0, width: 800, height: 600 },
      fullscreen: false,
    });
    screens.all = [...screens.all, { id: 2, bounds: { x: 1366, y: 0, width: 800, height: 480 } }];
    createDisplayWindow({ preloadPath: 'p', onLoaded: vi.fn(), onLoadFailed: vi.fn() });
    expect(created[0]!.options).toMatchObject({ x: 1366, fullscreen: true, focusable: false });
  });
});

describe('what the display shows (main)', () => {
  const sale = (id: string, status: 'open' | 'paid' = 'open') => ({ id, status }) as never;

  it('follows the till\'s sale and that sale\'s last change, nothing else', () => {
    let current: { id: string } | null = sale('S1');
    const emit = vi.fn();
    const display = new CustomerDisplay({ current: () => current as never, demo: true, emit });
    display.saleChanged(sale('OLD', 'paid')); // a refund from history: not the customer's business
    expect(emit).not.toHaveBeenCalled();
    display.saleChanged(sale('S1'));
    expect(emit).toHaveBeenLastCalledWith({ sale: sale('S1'), demo: true });
    current = null; // paid: no longer the till's open sale, still the one on the display
    display.saleChanged(sale('S1', 'paid'));
    expect(emit).toHaveBeenLastCalledWith({ sale: sale('S1', 'paid'), demo: true });
    expect(display.now()).toEqual({ sale: sale('S1', 'paid'), demo: true });
    current = sale('S2');
    expect(display.now()).toEqual({ sale: sale('S2'), demo: true });
    expect(emit).toHaveBeenCalledTimes(2);
  });
});
