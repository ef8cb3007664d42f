/**
 * The browser shell: the same services and router as the Electron app, with
 * the built renderer shown in system Chromium. Used where the Electron binary
 * cannot run (CI, this machine), for demos, and by the end-to-end tests.
 *
 * Each page is its own caller (`page-1`, `page-2`, …), as each Electron
 * window is: a second page is not signed in just because the first one is.
 * Tests may pass a ManualClock as `clock`; it drives session idle time too.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { EVENT_BRIDGE, INVOKE_BRIDGE } from '../../shared/contract/client';
import { err } from '../../shared/contract/result';
import { buildServices, type KasirOptions, type Services } from '../main/core/container';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { bridgeScript } from './bridge-script';

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
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/*', async (route) => {
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
    // The caller is the page as Playwright knows it; ids are never reused within a run.
    const callers = new WeakMap<Page, string>();
    let pages = 0;
    const callerOf = (page: Page): string => {
      let id = callers.get(page);
      if (!id) {
        id = `page-${++pages}`;
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
    // Events go to every open page, as Electron sends them to every window.
    const off = services.onEvent((name, payload) => {
      for (const open of context.pages()) {
        open.evaluate(([n, p, fn]) => (globalThis as unknown as Record<string, (a: unknown, b: unknown) => void>)[fn]?.(n, p), [name, payload, EVENT_BRIDGE] as const).catch(() => {});
      }
    });
    const openPage = async (): Promise<Page> => {
      const page = await context.newPage();
      callerOf(page);
      await page.goto(`${SHELL_ORIGIN}/index.html`);
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
