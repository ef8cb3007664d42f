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
 *
 * Start-up keeps every side busy: Chromium is spawned first (chromium-process.ts)
 * and boots while this process loads Playwright; the embedded emulator's
 * worker is started next (core/services-start.ts) and boots on its own thread
 * while the rest of the app's modules load and Chromium opens the till page; the services build while the page loads its
 * files and runs them; the page's first calls wait for the services. `startup` says how long each part took.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENT_BRIDGE, INVOKE_BRIDGE } from '../../shared/contract/client';
import { err } from '../../shared/contract/result';
import type { KasirOptions, Services } from '../main/core/container';
import { DISPLAY_CALLER_PREFIX, deliversTo } from '../main/core/display/display-callers';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { bridgeScript } from './bridge-script';
import { displayBridgeScript } from './display-bridge-script';
import { spawnChromium } from './chromium-process';
import { attachPlaywright, type RequireRunner } from './attach-playwright';

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
  /** How Playwright's require runs: the built CLI passes its V8 code cache's `load` (code-cache.ts). */
  requireRunner?: RequireRunner;
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
  /** Milliseconds from the launch call until each part was ready (they overlap): services, chromium, page (till page loaded). */
  startup: StartupPhases;
  close(): Promise<void>;
}

/** When each part of the start-up was ready, in ms since `launchBrowserShell` was called. */
export interface StartupPhases {
  services: number;
  chromium: number;
  page: number;
}

/** Chromium from KASIR_CHROMIUM, else Debian's /usr/bin/chromium. */
export const defaultChromium = (): string => process.env.KASIR_CHROMIUM ?? '/usr/bin/chromium';

/** Starts services, launches Chromium, loads the renderer and wires `window.kasir`. */
export async function launchBrowserShell(opts: BrowserShellOptions): Promise<BrowserShell> {
  const began = performance.now();
  const since = (): number => Math.round(performance.now() - began);
  const rendererDir = normalize((opts.rendererDir ?? join(process.cwd(), 'out/renderer')) + sep);
  const startup: StartupPhases = { services: 0, chromium: 0, page: 0 };
  // Chromium first, before Playwright is loaded: it boots in its own processes while this one loads
  // Playwright and the app. Playwright then attaches over the pipe; the shell owns the process.
  const browserProcess = spawnChromium({
    executablePath: opts.chromiumPath ?? defaultChromium(),
    headless: opts.headless ?? true,
    // Playwright turned Chromium's sandbox off by default; keep it on, except as root
    // (CI containers), where Chromium refuses to start sandboxed.
    sandbox: process.getuid?.() !== 0,
  });
  const servicesOpts: KasirOptions = { ...opts, shell: 'browser', version: opts.version ?? '0.1.0' };
  // Attached, not launched: Playwright installs no signal handlers then, so the shell's own
  // (cli.ts) close the till and then Chromium. (A failed require is a rejection: the failure path ends Chromium.)
  // Its require() holds this thread (~340 ms, less with the built CLI's code cache) while Chromium boots.
  const launching = attachPlaywright(browserProcess, opts.requireRunner).then((b) => ((startup.chromium = since()), b));
  // While Playwright waits for Chromium: the settings, the instance lock and the embedded emulator's worker
  // (core/services-start.ts, a small part of the app's modules), so the worker boots on its own thread while
  // this one loads the rest of the app and Playwright opens the till page; then the services build. The
  // worker used to start only once all of the app was loaded, and start-up waited for it.
  const importing = import('../main/core/container');
  // Awaited below, unless the settings or the lock failed first.
  importing.catch(() => {});
  const building = import('../main/core/services-start')
    .then(({ beginServices }) => beginServices(servicesOpts))
    .then((begun) =>
      importing.then(
        ({ buildServices }) => buildServices(servicesOpts, begun),
        async (e: unknown) => {
          await begun.abort();
          throw e;
        },
      ),
    )
    .then((s) => ((startup.services = since()), s));
  // The till page loads while the services are still being built: its first calls wait for them.
  const opening = launching.then((browser) => openTill(browser, building, rendererDir));
  const [opened, built] = await Promise.allSettled([opening, building]);
  // Whichever half failed, the other is closed again: no Chromium without a till, no till holding the ledger unseen.
  if (opened.status === 'rejected' || built.status === 'rejected') {
    await launching.then((b) => b.close()).catch(() => {});
    await browserProcess.close();
    if (built.status === 'fulfilled') await built.value.close();
    throw opened.status === 'rejected' ? opened.reason : (built as PromiseRejectedResult).reason;
  }
  startup.page = since();
  const { browser, context, page, openPage, openDisplayPage, callerOf, off, closeContexts } = opened.value;
  const services = built.value;
  return {
    browser,
    context,
    page,
    services,
    openPage,
    openDisplayPage,
    dispatchAs: (from, channel, input) => services.router.dispatch(channel, input, { id: callerOf(from) }),
    startup,
    async close() {
      off();
      // One by one first: disconnecting an attached browser closes none of its contexts as such,
      // and whoever watches them (Playwright's test runner stops its traces then) would not hear of it.
      await closeContexts();
      await browser.close().catch(() => {});
      // Chromium quits once Playwright's pipe closes; this waits for that (or kills it) and removes its dirs.
      await browserProcess.close();
      await services.close();
    },
  };
}

/** The browser half of the shell, wired to services that may still be starting. */
interface OpenTill {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  openPage(): Promise<Page>;
  openDisplayPage(): Promise<Page>;
  callerOf(page: Page): string;
  /** Stops delivering events (once the services exist). */
  off(): void;
  /** Closes the till's context and the display's (if one was made). */
  closeContexts(): Promise<void>;
}

/** Contexts, bridge, event delivery and the first till page; every use of `building` waits for it. */
async function openTill(browser: Browser, building: Promise<Services>, rendererDir: string): Promise<OpenTill> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Chromium starts the first page's renderer process while the context is set up (routes, binding,
  // bridge): one wait, not four. The page goes to the till only once all three are in place.
  const firstPage = context.newPage();
  firstPage.catch(() => {});
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
      page.once('close', () => void building.then((s) => s.callerGone(gone), () => {}));
    }
    return id;
  };
  await Promise.all([
    serveRendererTo(context, rendererDir),
    context.exposeBinding(INVOKE_BRIDGE, async (source, channel: unknown, input: unknown) => {
      // Same rule as the Electron sender check: only our page's top frame may call in.
      if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== SHELL_ORIGIN) {
        return err('FORBIDDEN', 'This frame may not call Kasir.');
      }
      const services = await building;
      return services.router.dispatch(channel, input, { id: callerOf(source.page) });
    }),
    context.addInitScript({ content: bridgeScript }),
  ]);
  // The customer display's own context (the renderer's files, the display bridge, no invoke binding),
  // made when the first display opens: the till does not wait for it.
  let displayContext: Promise<BrowserContext> | null = null;
  const displayContextOf = (): Promise<BrowserContext> =>
    (displayContext ??= (async () => {
      const made = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      await serveRendererTo(made, rendererDir);
      await made.addInitScript({ content: displayBridgeScript });
      return made;
    })());
  const displayPages = new Set<Page>();
  const deliver = (page: Page, name: string, payload: unknown): void => {
    page.evaluate(([n, p, fn]) => (globalThis as unknown as Record<string, (a: unknown, b: unknown) => void>)[fn]?.(n, p), [name, payload, EVENT_BRIDGE] as const).catch(() => {});
  };
  // Events go to every open till page, as Electron sends them to every window; displays get `display.updated` only.
  let off = (): void => {};
  const subscribed = building.then((services) => {
    off = services.onEvent((name, payload) => {
      for (const open of context.pages()) if (deliversTo(name, false)) deliver(open, name, payload);
      for (const open of displayPages) if (deliversTo(name, true)) deliver(open, name, payload);
    });
  }, () => {});
  const openPage = async (made: Promise<Page> = context.newPage()): Promise<Page> => {
    const page = await made;
    callerOf(page);
    await page.goto(`${SHELL_ORIGIN}/index.html`);
    return page;
  };
  const openDisplayPage = async (): Promise<Page> => {
    const page = await (await displayContextOf()).newPage();
    callerOf(page);
    displayPages.add(page);
    page.once('close', () => displayPages.delete(page));
    await page.goto(`${SHELL_ORIGIN}/display.html`);
    // What the display shows now; later changes arrive as events (the bridge replays the latest to the page).
    deliver(page, 'display.updated', (await building).display());
    return page;
  };
  const page = await openPage(firstPage);
  await subscribed;
  const closeContexts = async (): Promise<void> => {
    const display = await displayContext?.catch(() => null);
    const ours = [context, ...(display ? [display] : [])];
    // The attached browser's default context is never used, but under Playwright's test runner it traces
    // into temp dirs of its own (made before attachPlaywright could say where): stopped, they are removed.
    const unused = browser.contexts().filter((c) => !ours.includes(c));
    await Promise.all([
      ...ours.map((c) => c.close().catch(() => {})),
      ...unused.flatMap((c) => [c.tracing.stop().catch(() => {}), c.request.tracing.stop().catch(() => {})]),
    ]);
  };
  return { browser, context, page, openPage: () => openPage(), openDisplayPage, callerOf, off: () => off(), closeContexts };
}

/** Serves the built renderer at SHELL_ORIGIN inside `target`, and blocks every other request. */
async function serveRendererTo(target: BrowserContext, rendererDir: string): Promise<void> {
  await target.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== SHELL_ORIGIN) return route.abort('blockedbyclient'); // the renderer makes no network calls
    const file = normalize(join(rendererDir, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir)) return route.fulfill({ status: 404 });
    const body = await readFile(file).catch(() => null);
    if (body === null) return route.fulfill({ status: 404 });
    await route.fulfill({
      status: 200,
      body,
      headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
}
