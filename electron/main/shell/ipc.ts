/**
 * The Electron transport for the contract: one ipcMain handler that checks the
 * sender frame on every call and hands the rest to the shared router, with
 * the sending window as the caller (sessions belong to a window, in main).
 */
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../../shared/contract/client';
import { err } from '../../../shared/contract/result';
import type { Router } from '../../../shared/contract/router';
import { IPC_DISPLAY_EVENT } from '../../../shared/contract/display-client';
import { isAppUrl } from './security';

/** Only the top frame of our own window, showing our own page, may call in. */
export function isTrustedSender(frame: WebFrameMain | null, devServerUrl?: string): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, devServerUrl);
}

/** The caller id of a window: its webContents id, which Electron never reuses within a run. */
export const callerIdOf = (contents: WebContents): string => `window-${contents.id}`;

/** What the IPC handler needs from the services. */
export interface IpcTarget {
  router: Router;
  /** A window went away: its session ends. */
  callerGone(callerId: string): void;
}

/** Which webContents are customer displays (their preload has no invoke; this refuses a forged one too). */
export type IsDisplay = (contents: WebContents) => boolean;

/** Registers the invoke handler; returns a function that removes it. */
export function registerIpc(target: IpcTarget, devServerUrl?: string, isDisplay: IsDisplay = () => false): () => void {
  const known = new WeakSet<WebContents>();
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) return err('FORBIDDEN', 'This window may not call Kasir.');
    const contents = event.sender;
    // Defence in depth: the display's preload has no invoke; a forged one is refused before the router sees it.
    if (isDisplay(contents)) return err('FORBIDDEN', 'The customer display may not call Kasir.');
    const callerId = callerIdOf(contents);
    if (!known.has(contents)) {
      known.add(contents);
      contents.once('destroyed', () => target.callerGone(callerId));
    }
    return target.router.dispatch(channel, input, { id: callerId });
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Pushes one contract event to a window (payloads were validated by the emitter). */
export function pushEvent(contents: WebContents, name: string, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
}

/** Pushes `display.updated` to the customer display window, on the display's own channel. */
export function pushDisplay(contents: WebContents, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(IPC_DISPLAY_EVENT, payload);
}
