/**
 * Electron's security checklist in one place: the window's web preferences,
 * the Content-Security-Policy, and the session-wide denials. Exported as data
 * and small functions so unit tests can assert them without an Electron binary.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';

export { CONTENT_SECURITY_POLICY };

/** The custom scheme the production renderer is served from. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kasir`;



/** Web preferences for the till window: isolated, sandboxed, no Node. */
export function secureWebPreferences(
  preloadPath: string,
  opts: { devTools?: boolean } = {},
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Only an unpackaged development build opens DevTools; no environment variable can.
    devTools: opts.devTools ?? false,
  };
}

/** True only for URLs of the app itself (the dev server in development). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === `${APP_SCHEME}:` && u.host === 'kasir') return true;
    return Boolean(devServerUrl) && u.origin === new URL(devServerUrl as string).origin;
  } catch {
    return false;
  }
}

/** Denies navigation away from the app and every window.open. */
export function lockDownContents(contents: WebContents, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission request (camera, notifications, geolocation…) and adds the CSP header. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
