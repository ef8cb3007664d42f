/**
 * The whole bridge: `window.kasir` with two functions. The renderer never gets
 * ipcRenderer or any object it could use to reach other channels.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract/client';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT, (_event, name: string, payload: unknown) => {
  listeners.get(name)?.forEach((listener) => listener(payload));
});

contextBridge.exposeInMainWorld('kasir', {
  invoke: (channel: string, input?: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  on: (event: string, listener: Listener): (() => void) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
