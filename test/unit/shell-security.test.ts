import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run here, so the shell's own modules are loaded
// with a stand-in for the 'electron' module that records what they ask for.
const created: { options: Record<string, unknown> }[] = [];
const handlers = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn(), isDestroyed: () => false };
    constructor(options: Record<string, unknown>) {
      created.push({ options });
    }
    once = vi.fn();
    loadURL = vi.fn(async () => {});
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  const ipcMain = { handle: (ch: string, fn: (...a: unknown[]) => unknown) => handlers.set(ch, fn), removeHandler: vi.fn() };
  return { BrowserWindow, session, ipcMain };
});

const { secureWebPreferences, CONTENT_SECURITY_POLICY, isAppUrl, lockDownContents, lockDownSession } = await import(
  '../../electron/main/shell/security'
);
const { createMainWindow } = await import('../../electron/main/shell/window');
const { registerIpc, isTrustedSender } = await import('../../electron/main/shell/ipc');

describe('window security options', () => {
  beforeEach(() => (created.length = 0));

  it('isolates and sandboxes the renderer with no Node', async () => {
    await createMainWindow({ preloadPath: '/app/out/preload/index.cjs' });
    const prefs = created[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(secureWebPreferences('x').devTools).toBe(false);
  });

  it('denies window.open, navigation away and webviews', () => {
    const on = vi.fn();
    const setWindowOpenHandler = vi.fn();
    lockDownContents({ on, setWindowOpenHandler } as never);
    const openHandler = setWindowOpenHandler.mock.calls[0]?.[0] as () => unknown;
    expect(openHandler()).toEqual({ action: 'deny' });
    const navigate = on.mock.calls.find(([name]) => name === 'will-navigate')?.[1] as (e: { preventDefault(): void }, url: string) => void;
    const away = { preventDefault: vi.fn() };
    navigate(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate(inside, 'app://kasir/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(on.mock.calls.map(([name]) => name)).toEqual(expect.arrayContaining(['will-redirect', 'will-attach-webview']));
  });

  it('denies every permission and sets the CSP header', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    lockDownSession(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (a: unknown, b: string, cb: (ok: boolean) => void) => void;
    const decision = vi.fn();
    request(null, 'media', decision);
    expect(decision).toHaveBeenCalledWith(false);
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as () => boolean;
    expect(check()).toBe(false);
    const headers = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    let sent: Record<string, string[]> = {};
    headers({ responseHeaders: {} }, (r) => (sent = r.responseHeaders));
    expect(sent['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split(';').map((d: string) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
  it('allows only the app bundle and no network', () => {
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
  });
  it('never allows inline or eval scripts or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('IPC sender checks', () => {
  const frame = (url: string, parent: unknown = null) => ({ url, parent }) as never;

  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedSender(frame('app://kasir/index.html'))).toBe(true);
    expect(isTrustedSender(frame('app://kasir/index.html', {}))).toBe(false);
    expect(isTrustedSender(frame('https://evil.example/'))).toBe(false);
    expect(isTrustedSender(frame('file:///etc/passwd'))).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
  });

  it('refuses an untrusted sender before the router sees the call', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }));
    const callerGone = vi.fn();
    registerIpc({ router: { dispatch }, callerGone });
    const handler = handlers.get('kasir:invoke');
    const onDestroyed: Array<() => void> = [];
    const sender = { id: 7, once: (_event: string, fn: () => void) => onDestroyed.push(fn) };
    const denied = await handler?.({ senderFrame: frame('https://evil.example/'), sender }, 'app.info', undefined);
    expect(denied).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(dispatch).not.toHaveBeenCalled();
    await handler?.({ senderFrame: frame('app://kasir/index.html'), sender }, 'app.info', undefined);
    // The caller is the sending window, as Electron names it; the input never says who is calling.
    expect(dispatch).toHaveBeenCalledWith('app.info', undefined, { id: 'window-7' });
    await handler?.({ senderFrame: frame('app://kasir/index.html'), sender }, 'app.info', undefined);
    expect(onDestroyed).toHaveLength(1);
    onDestroyed[0]!();
    expect(callerGone).toHaveBeenCalledWith('window-7');
  });
});
