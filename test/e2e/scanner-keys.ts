/**
 * A barcode scanner, as the till sees one: real (trusted) key events, each
 * key 8 ms after the one before, then Enter. Sent through Chromium's input
 * pipeline (CDP `Input.dispatchKeyEvent`, the call `page.keyboard.type`
 * makes) with explicit timestamps, so `KeyboardEvent.timeStamp` says 8 ms
 * whatever the test machine's load: `page.keyboard.type(code, { delay: 8 })`
 * paces keys by the test runner's round trips, which measured 14–826 ms a
 * key on a loaded 2-core machine (load 13–16), i.e. the test would measure
 * the machine, not the till. Where there is no CDP session it falls back to
 * exactly that call.
 */
import type { CDPSession, Page } from '@playwright/test';

/** ms between two keys of a scan: what the issue types scans at. */
export const SCAN_KEY_MS = 8;

const sessions = new WeakMap<Page, Promise<CDPSession | null>>();

function cdpOf(page: Page): Promise<CDPSession | null> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page).catch(() => null);
    sessions.set(page, s);
  }
  return s;
}

/** DOM `code` and Windows virtual key code of a barcode character. */
function keyOf(ch: string): { code: string; vk: number; shift: boolean } {
  if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, vk: ch.charCodeAt(0), shift: false };
  if (/[a-z]/.test(ch)) return { code: `Key${ch.toUpperCase()}`, vk: ch.toUpperCase().charCodeAt(0), shift: false };
  if (/[A-Z]/.test(ch)) return { code: `Key${ch}`, vk: ch.charCodeAt(0), shift: true };
  if (ch === '-') return { code: 'Minus', vk: 189, shift: false };
  if (ch === '_') return { code: 'Minus', vk: 189, shift: true };
  if (ch === '.') return { code: 'Period', vk: 190, shift: false };
  throw new Error(`a scanner does not type ${JSON.stringify(ch)}`);
}

/** Types `code` as a scanner does ({@link SCAN_KEY_MS} a key) and ends it with Enter. */
export async function scan(page: Page, code: string, keyMs = SCAN_KEY_MS): Promise<void> {
  const cdp = await cdpOf(page);
  if (!cdp) {
    await page.keyboard.type(code, { delay: keyMs });
    await page.keyboard.press('Enter');
    return;
  }
  const start = Date.now() / 1000;
  const at = (i: number) => start + (i * keyMs) / 1000;
  const chars = [...code];
  for (const [i, ch] of chars.entries()) {
    const { code: dom, vk, shift } = keyOf(ch);
    const common = { key: ch, code: dom, windowsVirtualKeyCode: vk, modifiers: shift ? 8 : 0 };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...common, text: ch, unmodifiedText: ch.toLowerCase(), timestamp: at(i) });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common, timestamp: at(i) + 0.002 });
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...enter, text: '\r', unmodifiedText: '\r', timestamp: at(chars.length) });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp: at(chars.length) + 0.002 });
}
