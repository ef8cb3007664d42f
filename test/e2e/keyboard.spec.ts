/**
 * A whole cash sale from the keyboard (issue 11): search and arrows, a scan,
 * the help overlay (F1), cash (F4), the amount received, Enter, the change,
 * and the next sale — with no mouse or pointer event reaching the page
 * (a capture-phase listener counts them). Focus is visible all the way.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { scan } from './scanner-keys';
import { shots } from './staff-helpers';

/** A person typing: slow enough (80 ms a key) never to be taken for a scanner. */
const HAND = { delay: 80 };

/** Counts every mouse / pointer / touch / wheel event the page receives from here on. */
async function countPointerEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __pointer: string[] };
    w.__pointer = [];
    const types = [
      'pointerdown', 'pointerup', 'pointermove', 'pointerover', 'pointerenter', 'pointercancel',
      'mousedown', 'mouseup', 'mousemove', 'mouseover', 'mouseenter', 'dblclick', 'contextmenu', 'auxclick',
      'wheel', 'touchstart', 'touchend', 'touchmove',
    ];
    for (const type of types) window.addEventListener(type, (e) => w.__pointer.push(`${type}${e.isTrusted ? '' : '(synthetic)'}`), { capture: true });
    // A click from the keyboard (Enter/Space on a button) has detail 0; one from a mouse counts its presses.
    window.addEventListener('click', (e) => {
      if (e.detail > 0) w.__pointer.push('click(mouse)');
    }, { capture: true });
  });
}
const pointerEvents = (page: Page) => page.evaluate(() => (window as unknown as { __pointer: string[] }).__pointer);

/** The focused element has the till's strong focus ring (3 px solid). */
async function expectFocusRing(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: el.matches(':focus-visible') };
  });
  expect(ring).toMatchObject({ style: 'solid', visible: true });
  expect(ring?.width ?? 0).toBeGreaterThanOrEqual(3);
}

test('a keyboard-only cash sale: search, arrows, a scan, F1, F4, the amount, Enter, the change, the next sale — no mouse', async ({ kasir }) => {
  const { page } = kasir;
  await expect(page.getByTestId('product-grid')).toBeVisible();
  await countPointerEvents(page);

  // F2: the search box, whatever had focus. A name typed by hand with one result: it is highlighted, Enter adds it.
  await page.keyboard.press('F2');
  const search = page.getByTestId('product-search');
  await expect(search).toBeFocused();
  await expectFocusRing(page);
  await page.keyboard.type('roti', HAND);
  await expect(page.getByTestId('product-ROTI-BAKAR')).toHaveAttribute('data-highlighted', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('qty-ROTI-BAKAR')).toHaveText('1');
  await expect(search).toHaveValue('');

  // Several results: Enter only highlights the first (nothing added); ↓ moves on; Enter adds the highlighted one.
  await page.keyboard.type('kopi', HAND);
  await expect(page.getByTestId('product-grid').getByRole('button')).toHaveCount(2);
  await expect(page.locator('[data-highlighted="true"]')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('product-KOPI-SUSU')).toHaveAttribute('data-highlighted', 'true');
  await expect(page.getByTestId('line-KOPI-SUSU')).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('product-KOPI-HITAM')).toHaveAttribute('data-highlighted', 'true');
  await shots(page, 'keyboard-1-search-arrows');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('qty-KOPI-HITAM')).toHaveText('1');
  await expect(page.getByTestId('line-KOPI-SUSU')).toHaveCount(0);

  // A scan, and Tab moves a visible focus through the controls.
  await scan(page, '8991001000057');
  await expect(page.getByTestId('qty-AIR-MINERAL')).toHaveText('1');
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 32.000');
  await page.keyboard.press('Tab');
  await expectFocusRing(page);

  // F1: the shortcuts, listed; Esc closes them.
  await page.keyboard.press('F1');
  const help = page.getByTestId('keyboard-help');
  await expect(help).toBeVisible();
  for (const [action, key] of [['cash', 'F4'], ['qris', 'F5'], ['cashReceived', 'F8'], ['charge', 'F9'], ['void', 'F10'], ['newSale', 'F12'], ['back', 'Escape']]) {
    await expect(page.getByTestId(`keyboard-help-${action}`)).toHaveAttribute('data-key', key);
  }
  await expect(help).toContainText('Bayar tunai');
  await shots(page, 'keyboard-2-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // F4: cash. The amount received has focus; typed by hand, the change shows live.
  await page.keyboard.press('F4');
  await expect(page.getByTestId('cash-tender')).toBeVisible();
  const received = page.getByTestId('cash-received');
  await expect(received).toBeFocused();
  await expect(page.getByTestId('cash-due')).toHaveAttribute('data-amount', '32000');
  await page.keyboard.type('50000', HAND);
  await expect(page.getByTestId('cash-change')).toHaveAttribute('data-amount', '18000');
  await expect(page.getByTestId('cash-change')).toContainText('Rp 18.000');
  await expectFocusRing(page);
  await shots(page, 'keyboard-3-cash-change');

  // Esc goes back to the sale and F8 comes straight back to the amount received.
  await page.keyboard.press('Tab'); // off the field (its own Escape would only clear it)
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cash-tender')).toHaveCount(0);
  await page.keyboard.press('F8');
  await expect(received).toBeFocused();
  await page.keyboard.type('50000', HAND);
  await expect(page.getByTestId('cash-change')).toHaveAttribute('data-amount', '18000');

  // Enter takes the cash: paid, the change to hand over.
  await page.keyboard.press('Enter');
  const screen = page.getByTestId('payment-screen');
  await expect(screen).toHaveAttribute('data-sale-status', 'paid');
  await expect(page.getByTestId('sale-change')).toContainText('Rp 18.000');
  await shots(page, 'keyboard-4-paid');

  // F12: the next sale, empty, the search box ready for the next customer.
  await page.keyboard.press('F12');
  await expect(page.getByTestId('product-grid')).toBeVisible();
  await expect(page.locator('[data-testid^="line-"][data-line-id]')).toHaveCount(0);
  await page.keyboard.press('F2');
  await expect(search).toBeFocused();
  await shots(page, 'keyboard-5-next-sale');

  expect(await pointerEvents(page)).toEqual([]);
});
