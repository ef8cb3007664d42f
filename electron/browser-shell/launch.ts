/**
 * The browser shell: the same services and router as the Electron app, with
 * the built renderer shown in system Chromium. Used where the Electron binary
 * cannot run (CI, this machine), for demos, and by the end-to-end tests.
 *
 * Each page is its own caller (`page-1`, `page-2`, …), as each Electron
 * window is: a second page is not signed in just because the first one is.
 * Tests may pass a ManualClock as `clock`; it drives session idle time too.
 *
 * The customer display (`openDisplayPage`) is a page in a BrowserContext of
 * its own, with no invoke binding: its init script only receives
 * `display.updated`, and till pages never receive that event.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { EVENT_BRIDGE, INVOKE_BRIDGE } from '../../shared/contract/client';
import { err } from '../../shared/contract/result';
import { buildServices, type KasirOptions, type Services } from '../main/core/container';
import { DISPLAY_CALLER_PREFIX, deliversTo } from '../main/core/display/display-callers';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { bridgeScript } from './bridge-script';
import { displayBridgeScript } from './display-bridge-script';

/** The origin the renderer is served from; requests never leave the browser. */
export const SHELL_ORIGIN = 'https://kasir.invalid';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface BrowserShellOptions extends Omit<KasirOptions, 'shell' | 'version'> {
  headless?: boolean;
  rendererDir?: string;
  chromiumPath?: string;
  version?: string;
}

export interface BrowserShell {
  browser: Browser;
  context: BrowserContext;
  /** The first till page. */
  page: Page;
  services: Services;
  /** Opens another till page in the same browser (another caller: its own session). */
  openPage(): Promise<Page>;
  /** Opens the customer display: display.html in its own context, receive-only (no invoke binding). */
  openDisplayPage(): Promise<Page>;
  /**
   * What main answers a call from `page`, as the invoke binding would carry it —
   * a test hook for forged calls: a display page has no binding to make one, and main refuses it (FORBIDDEN).
   */
  dispatchAs(page: Page, channel: unknown, input?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Chromium from KASIR_CHROMIUM, else Debian's /usr/bin/chromium. */
export const defaultChromium = (): string => process.env.KASIR_CHROMIUM ?? '/usr/bin/chromium';

/** Starts services, launches Chromium, loads the renderer and wires `window.kasir`. */
export async function launchBrowserShell(opts: BrowserShellOptions): Promise<BrowserShell> {
  const rendererDir = normalize((opts.rendererDir ?? join(process.cwd(), 'out/renderer')) + sep);
  const services = await buildServices({ ...opts, shell: 'browser', version: opts.version ?? '0.1.0' });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: opts.chromiumPath ?? defaultChromium(),
      headless: opts.headless ?? true,
      // Playwright turns Chromium's sandbox off by default; keep it on, except as root
      // (CI containers), where Chromium refuses to start sandboxed.
      chromiumSandbox: process.getuid?.() !== 0,
      args: ['--disable-gpu', '--disable-quic'],
      // The shell's own SIGINT/SIGTERM handler (cli.ts) closes the till and then Chromium;
      // Playwright's would kill Chromium first, leaving its singleton dir behind in /tmp.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await serveRendererTo(context, rendererDir);
    // The caller is the page as Playwright knows it; ids are never reused within a run.
    const callers = new WeakMap<Page, string>();
    let pages = 0;
    let displays = 0;
    const callerOf = (page: Page): string => {
      let id = callers.get(page);
      if (!id) {
        id = page.context() === context ? `page-${++pages}` : `${DISPLAY_CALLER_PREFIX}${++displays}`;
        callers.set(page, id);
        const gone = id;
        page.once('close', () => services.callerGone(gone));
      }
      return id;
    };
    await context.exposeBinding(INVOKE_BRIDGE, async (source, channel: unknown, input: unknown) => {
      // Same rule as the Electron sender check: only our page's top frame may call in.
      if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== SHELL_ORIGIN) {
        return err('FORBIDDEN', 'This frame may not call Kasir.');
      }
      return services.router.dispatch(channel, input, { id: callerOf(source.page) });
    });
    await context.addInitScript({ content: bridgeScript });
    // The customer display's own context: the renderer's files, the display bridge, and no invoke binding.
    const displayContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await serveRendererTo(displayContext, rendererDir);
    await displayContext.addInitScript({ content: displayBridgeScript });
    const deliver = (page: Page, name: string, payload: unknown): void => {
      page.evaluate(([n, p, fn]) => (globalThis as unknown as Record<string, (a: unknown, b: unknown) => void>)[fn]?.(n, p), [name, payload, EVENT_BRIDGE] as const).catch(() => {});
    };
    // Events go to every open till page, as Electron sends them to every window; displays get `display.updated` only.
    const off = services.onEvent((name, payload) => {
      for (const open of context.pages()) if (deliversTo(name, false)) deliver(open, name, payload);
      for (const open of displayContext.pages()) if (deliversTo(name, true)) deliver(open, name, payload);
    });
    const openPage = async (): Promise<Page> => {
      const page = await context.newPage();
      callerOf(page);
      await page.goto(`${SHELL_ORIGIN}/index.html`);
      return page;
    };
    const openDisplayPage = async (): Promise<Page> => {
      const page = await displayContext.newPage();
      callerOf(page);
      await page.goto(`${SHELL_ORIGIN}/display.html`);
      // What the display shows now; later changes arrive as events (the bridge replays the latest to the page).
      deliver(page, 'display.updated', services.display());
      return page;
    };
    const page = await openPage();
    const opened = browser;
    return {
      browser: opened,
      context,
      page,
      services,
      openPage,
      openDisplayPage,
      dispatchAs: (from, channel, input) => services.router.dispatch(channel, input, { id: callerOf(from) }),
      async close() {
        off();
        await opened.close().catch(() => {});
        await services.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await services.close();
    throw e;
  }
}

/** Serves the built renderer at SHELL_ORIGIN inside `target`, and blocks every other request. */
async function serveRendererTo(target: BrowserContext, rendererDir: string): Promise<void> {
  await target.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== SHELL_ORIGIN) return route.abort('blockedbyclient'); // the renderer makes no network calls
    const file = normalize(join(rendererDir, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir)) return route.fulfill({ status: 404 });
    try {
      const body = await readFile(file);
      return route.fulfill({
        status: 200,
        body,
        headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
}
