/**
 * The browser shell's stand-in for the preload: an init script that builds the
 * same two-function `window.kasir` over the Playwright bindings. Kept as a
 * function so it is type-checked, then serialised into the page.
 */
import { EVENT_BRIDGE, INVOKE_BRIDGE } from '../../shared/contract/client';

type Listener = (payload: unknown) => void;

function installBridge(names: { invoke: string; event: string }): void {
  // Runs in the page: globalThis is the window.
  const w = globalThis as unknown as Record<string, unknown>;
  const binding = w[names.invoke] as (channel: string, input: unknown) => Promise<unknown>;
  // The raw binding is removed so page code only ever sees window.kasir.
  delete w[names.invoke];
  const listeners = new Map<string, Set<Listener>>();
  Object.defineProperty(w, names.event, {
    value: (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload)),
  });
  Object.defineProperty(w, 'kasir', {
    value: Object.freeze({
      invoke: (channel: string, input?: unknown) => binding(channel, input),
      on: (event: string, listener: Listener) => {
        const set = listeners.get(event) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
}

/** The init script source, ready for `context.addInitScript`. */
export const bridgeScript = `(${installBridge.toString()})(${JSON.stringify({ invoke: INVOKE_BRIDGE, event: EVENT_BRIDGE })});`;
