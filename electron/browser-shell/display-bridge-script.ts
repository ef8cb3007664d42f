/**
 * The browser shell's stand-in for the display preload: an init script for
 * display pages that defines the event bridge and `window.kasirDisplay` with
 * `onDisplay` only. Display pages live in their own BrowserContext, where no
 * invoke binding exists at all. A plain string, as bridge-script.ts explains.
 */
import { EVENT_BRIDGE } from '../../shared/contract/client';
import { DISPLAY_GLOBAL } from '../../shared/contract/display-client';

/** The init script source, ready for `context.addInitScript`. */
export const displayBridgeScript = `(() => {
  const w = globalThis;
  const listeners = new Set();
  let latest = null;
  Object.defineProperty(w, ${JSON.stringify(EVENT_BRIDGE)}, {
    value: (name, payload) => {
      if (name !== 'display.updated') return;
      latest = { payload };
      listeners.forEach((l) => l(payload));
    },
  });
  Object.defineProperty(w, ${JSON.stringify(DISPLAY_GLOBAL)}, {
    value: Object.freeze({
      onDisplay: (listener) => {
        listeners.add(listener);
        if (latest) listener(latest.payload);
        return () => listeners.delete(listener);
      },
    }),
  });
})();`;
