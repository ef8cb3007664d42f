/**
 * The browser shell's stand-in for the preload: an init script that builds the
 * same two-function `window.kasir` over the Playwright bindings.
 *
 * It is a plain string on purpose: serialising a TypeScript function with
 * `fn.toString()` breaks under tsx/esbuild, which inject helpers (`__name`)
 * that do not exist in the page.
 */
import { EVENT_BRIDGE, INVOKE_BRIDGE } from '../../shared/contract/client';

/** The init script source, ready for `context.addInitScript`. */
export const bridgeScript = `(() => {
  const w = globalThis;
  const binding = w[${JSON.stringify(INVOKE_BRIDGE)}];
  // The raw binding is removed so page code only ever sees window.kasir.
  delete w[${JSON.stringify(INVOKE_BRIDGE)}];
  const listeners = new Map();
  Object.defineProperty(w, ${JSON.stringify(EVENT_BRIDGE)}, {
    value: (name, payload) => { const set = listeners.get(name); if (set) set.forEach((l) => l(payload)); },
  });
  Object.defineProperty(w, 'kasir', {
    value: Object.freeze({
      invoke: (channel, input) => binding(channel, input),
      on: (event, listener) => {
        const set = listeners.get(event) || new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
})();`;
