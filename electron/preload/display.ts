/**
 * The customer display's preload: `window.kasirDisplay.onDisplay(cb)` and
 * nothing else — no invoke, no ipcRenderer, no other event. Main sends this
 * window `display.updated` only and refuses any invoke from it anyway.
 */
import { contextBridge, ipcRenderer } from 'electron';
// Nothing shared with preload/index.ts: a sandboxed preload is one file (no chunks to require).
import { DISPLAY_GLOBAL, IPC_DISPLAY_EVENT } from '../../shared/contract/display-client';

type Listener = (payload: unknown) => void;
const listeners = new Set<Listener>();
// The latest payload: the page subscribes after main's first push may have arrived.
let latest: { payload: unknown } | null = null;

ipcRenderer.on(IPC_DISPLAY_EVENT, (_event, payload: unknown) => {
  latest = { payload };
  listeners.forEach((listener) => listener(payload));
});

contextBridge.exposeInMainWorld(DISPLAY_GLOBAL, {
  onDisplay: (listener: Listener): (() => void) => {
    listeners.add(listener);
    if (latest) listener(latest.payload);
    return () => listeners.delete(listener);
  },
});
