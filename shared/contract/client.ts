/**
 * The shape of `window.kasir`, identical in both shells. Functions only: the
 * preload never hands the renderer an ipcRenderer or any other object with reach.
 */
import type { Channel, ChannelInput, ChannelOutput } from './channels';
import type { EventName, EventPayload } from './events';
import type { Result } from './result';

export interface KasirClient {
  invoke<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Name of the single bridge function both shells use to carry an invoke. */
export const INVOKE_BRIDGE = '__kasirInvoke';
/** Name of the single bridge function both shells use to deliver an event. */
export const EVENT_BRIDGE = '__kasirEvent';
/** IPC channel names used by the Electron shell. */
export const IPC_INVOKE = 'kasir:invoke';
export const IPC_EVENT = 'kasir:event';
