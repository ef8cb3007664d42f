/**
 * When the till is "up": the first screen a cashier can act on is on the page.
 * That is the till with its catalogue (product buttons), or the sale a restart
 * found open (its payment, paid or voided screen), or — when someone must sign
 * in or the owner must be set up first — that screen. The CLI prints its ready
 * line only then, so "start-up" means what the cashier sees, not Chromium's
 * `load` event (the renderer still has to ask main who is signed in and what
 * is sold before there is anything to tap).
 */
import type { Page } from 'playwright-core';

/** Any one of these, visible, is a first screen the cashier can use. */
export const FIRST_SCREEN = [
  '[data-testid="till"] [data-testid^="product-"]',
  '[data-testid="payment-screen"]',
  '[data-testid="sale-voided"]',
  '.sign-in',
  '[data-testid="owner-setup-name"]',
].join(', ');

/**
 * Resolves once `page` shows a first screen; false (never throws) when none
 * appeared within `timeoutMs` — the shell still runs, the caller says so.
 */
export async function waitForFirstScreen(page: Page, timeoutMs = 30_000): Promise<boolean> {
  try {
    await page.waitForSelector(FIRST_SCREEN, { state: 'visible', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}
