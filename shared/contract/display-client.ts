/**
 * The customer display's whole bridge, identical in both shells: one
 * function that subscribes to what the display shows. There is no invoke:
 * the display is a screen the customer looks at, never a caller of Kasir.
 */
import type { EventPayload } from './events';

/** `window.kasirDisplay` on a display page. */
export interface DisplayClient {
  /**
   * Subscribes to `display.updated` (validate the payload: it crossed a
   * boundary); the latest payload, if one came already, is replayed at once.
   * Returns the unsubscribe function.
   */
  onDisplay(listener: (payload: unknown) => void): () => void;
}

/** The global the display bridge defines. */
export const DISPLAY_GLOBAL = 'kasirDisplay';

/**
 * The IPC channel main sends `display.updated` on to the display window (the
 * till's events travel on `kasir:event`). Its own channel, and its own module,
 * so the display preload imports nothing the till's preload does: a sandboxed
 * preload cannot `require` a shared chunk.
 */
export const IPC_DISPLAY_EVENT = 'kasir:display';

/** A display payload, once validated. */
export type DisplayUpdate = EventPayload<'display.updated'>;
