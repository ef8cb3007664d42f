/**
 * The Electron transport for the contract: one ipcMain handler that checks the
 * sender frame on every call and hands the rest to the shared router.
 */
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../../shared/contract/client';
import { err } from '../../../shared/contract/result';
import type { Router } from '../../../shared/contract/router';
import { isAppUrl } from './security';

/** Only the top frame of our own window, showing our own page, may call in. */
export function isTrustedSender(frame: WebFrameMain | null, devServerUrl?: string): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, devServerUrl);
}

/** Registers the invoke handler; returns a function that removes it. */
export function registerIpc(router: Router, devServerUrl?: string): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) return err('FORBIDDEN', 'This window may not call Kasir.');
    return router.dispatch(channel, input);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Pushes one contract event to a window (payloads were validated by the emitter). */
export function pushEvent(contents: WebContents, name: string, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
}
