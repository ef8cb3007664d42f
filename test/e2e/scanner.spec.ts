/**
 * The barcode scanner at the counter (issue 11): a scan is typed the way a
 * USB scanner types it (8 ms a key, then Enter) while a product tile, a "+"
 * button, the method control or the search box has focus. Each scan adds
 * its product once, the focused control is not pressed, and no field keeps
 * the scanned characters. An unknown code says so (and beeps) and clears
 * itself; the next good code adds. While a payment is on screen a scan is
 * refused and nothing is added.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { scan } from './scanner-keys';
import { createOwner, shots } from './staff-helpers';

/** The seeded EAN-13 barcodes (electron/main/core/catalog/default-catalog.ts). */
const EAN = { TEH: '8991001000019', ROTI: '8991001000026', PISANG: '8991001000033', KUE: '8991001000040', AIR: '8991001000057' } as const;


/** Every text field on the page is empty (no scanned character left anywhere). */
async function expectNoStrayText(page: Page): Promise<void> {
  const values = await page.locator('input:not([type=checkbox]):not([type=radio]), textarea').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-testid') ?? e.tagName}=${(e as HTMLInputElement).value}`).filter((v) => !v.endsWith('=')),
  );
  expect(values).toEqual([]);
}

/** Counts the beeps (oscillators started) from here on. */
async function countBeeps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __beeps: number };
    w.__beeps = 0;
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__beeps += 1;
      return original.call(this);
    };
  });
}
const beeps = (page: Page) => page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);

/** The method control H2's till shows: the QRIS button (or the older select). */
const methodControl = (page: Page) => page.locator('[data-testid="method-qris"], [data-testid="method-select"]').first();

test.describe('barcode scanner', () => {
  test('scans while a tile, a "+" button, the method control and the search box have focus: each adds once, nothing is pressed, no stray characters', async ({ kasir }) => {
    const { page } = kasir;
    await expect(page.getByTestId('product-grid')).toBeVisible();

    // 1. A product tile has focus: the scan adds Air Mineral, the focused Es Kopi Susu tile is not pressed.
    await page.getByTestId('product-KOPI-SUSU').focus();
    await scan(page, EAN.AIR);
    await expect(page.getByTestId('scan-notice')).toHaveAttribute('data-kind', 'added');
    await expect(page.getByTestId('scan-notice')).toContainText('Air Mineral');
    await expect(page.getByTestId('qty-AIR-MINERAL')).toHaveText('1');
    await expect(page.getByTestId('line-KOPI-SUSU')).toHaveCount(0);
    await expect(page.getByTestId('product-KOPI-SUSU')).toBeFocused();
    await expectNoStrayText(page);
    await shots(page, 'scanner-1-tile-focused');

    // 2. The "+" of that line has focus: the scan adds Es Teh Manis; Air Mineral stays at 1.
    await page.getByTestId('more-AIR-MINERAL').focus();
    await scan(page, EAN.TEH);
    await expect(page.getByTestId('scan-notice')).toContainText('Es Teh Manis');
    await expect(page.getByTestId('qty-TEH-MANIS')).toHaveText('1');
    await expect(page.getByTestId('qty-AIR-MINERAL')).toHaveText('1');
    await expectNoStrayText(page);
    await shots(page, 'scanner-2-plus-focused');

    // 3. The method control has focus: the scan adds Roti Bakar; no payment starts.
    await expect(page.getByTestId('cart-total')).toHaveText('Rp 13.000');
    const method = methodControl(page);
    await method.focus();
    const before = await method.evaluate((el) => (el instanceof HTMLSelectElement ? el.value : el.getAttribute('aria-pressed')));
    await scan(page, EAN.ROTI);
    await expect(page.getByTestId('qty-ROTI-BAKAR')).toHaveText('1');
    await expect(page.getByTestId('cart-total')).toHaveText('Rp 28.000');
    await expect(page.getByTestId('payment-screen')).toHaveCount(0);
    await expect(page.getByTestId('cash-tender')).toHaveCount(0);
    expect(await method.evaluate((el) => (el instanceof HTMLSelectElement ? el.value : el.getAttribute('aria-pressed')))).toBe(before);
    await expectNoStrayText(page);
    await shots(page, 'scanner-3-method-focused');

    // 4. The search box has focus: the scanned characters do not stay in it; a second scan of one product is one more.
    await page.getByTestId('product-search').focus();
    await scan(page, EAN.ROTI);
    await expect(page.getByTestId('qty-ROTI-BAKAR')).toHaveText('2');
    await expect(page.getByTestId('product-search')).toHaveValue('');
    await expect(page.getByTestId('product-search')).toBeFocused();
    // A SKU scans too (a shop's own labels), in any case.
    await scan(page, 'kue-lapis');
    await expect(page.getByTestId('qty-KUE-LAPIS')).toHaveText('1');
    await expect(page.getByTestId('product-search')).toHaveValue('');
    await expectNoStrayText(page);
    // Every scan was one line or one more: 5 units on 4 lines, nothing else.
    await expect(page.locator('[data-testid^="line-"][data-line-id]')).toHaveCount(4);
    await shots(page, 'scanner-4-search-focused');

    // The control: the same keys at a person's pace (80 ms a key) are typing, not a scan. The digits stay
    // in the search box, and the Enter a person presses adds the exact match; an Enter on a tile presses it.
    await scan(page, EAN.AIR, 80);
    await expect(page.getByTestId('qty-AIR-MINERAL')).toHaveText('2');
    await expect(page.getByTestId('product-search')).toHaveValue('');
    await page.getByTestId('product-MATCHA').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('qty-MATCHA')).toHaveText('1');
  });

  test('an unknown code says so, beeps and clears itself; the next good code adds', async ({ kasir }) => {
    const { page } = kasir;
    await countBeeps(page);
    const search = page.getByTestId('product-search');
    await search.focus();

    await scan(page, '8990000000000');
    const notice = page.getByTestId('scan-notice');
    await expect(notice).toHaveAttribute('data-kind', 'unknown');
    await expect(notice).toHaveAttribute('data-code', '8990000000000');
    await expect(notice).toContainText('Kode 8990000000000 tidak dikenal');
    await expect(search).toHaveValue('');
    await expect(page.locator('[data-testid^="line-"][data-line-id]')).toHaveCount(0);
    expect(await beeps(page)).toBe(1);
    await expectNoStrayText(page);
    await shots(page, 'scanner-5-unknown');

    // The next scan is not corrupted by the one before it.
    await scan(page, EAN.PISANG);
    await expect(notice).toHaveAttribute('data-kind', 'added');
    await expect(page.getByTestId('qty-PISANG-GRG')).toHaveText('1');
    await expect(search).toHaveValue('');
    expect(await beeps(page)).toBe(1);
    await shots(page, 'scanner-6-good-after-unknown');

    // A near miss (one digit short, a prefix of real codes) is unknown too: exact match only.
    await scan(page, EAN.PISANG.slice(0, -1));
    await expect(notice).toHaveAttribute('data-kind', 'unknown');
    await expect(page.getByTestId('qty-PISANG-GRG')).toHaveText('1');
    expect(await beeps(page)).toBe(2);
  });

  test('while a payment is on screen a scan is refused with a message and nothing is added', async ({ kasir }) => {
    const { page } = kasir;
    await countBeeps(page);
    await page.getByTestId('product-search').focus();
    await scan(page, EAN.AIR);
    await expect(page.getByTestId('qty-AIR-MINERAL')).toHaveText('1');

    // The cash panel is a payment on screen: the amount being counted must not change under the cashier.
    await page.keyboard.press('F4');
    await expect(page.getByTestId('cash-tender')).toBeVisible();
    await expect(page.getByTestId('cash-received')).toBeFocused();
    await scan(page, EAN.TEH);
    const notice = page.getByTestId('scan-notice');
    await expect(notice).toHaveAttribute('data-kind', 'payment');
    await expect(notice).toContainText('Selesaikan pembayaran dulu');
    await expect(page.getByTestId('cash-received')).toHaveValue('');
    await expect(page.getByTestId('cash-tender')).toBeVisible(); // its Enter did not confirm the cash
    await expect(page.getByTestId('cash-due')).toHaveAttribute('data-amount', '5000');
    expect(await beeps(page)).toBe(1);
    await shots(page, 'scanner-7-refused-during-payment');

    // Back to the basket (Esc): scans add again.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('cash-tender')).toHaveCount(0);
    await scan(page, EAN.TEH);
    await expect(page.getByTestId('qty-TEH-MANIS')).toHaveText('1');
    await expect(page.getByTestId('line-AIR-MINERAL')).toBeVisible();
  });

  test('the owner gives a product a barcode in the catalogue (a taken one is refused, in Indonesian) and the till scans it', async ({ kasir }) => {
    const { page } = kasir;
    await createOwner(page);
    await page.getByTestId('tab-products').click();
    await expect(page.getByTestId('catalog-barcode-AIR-MINERAL')).toHaveText(EAN.AIR);

    // Air Mineral's barcode on Matcha Latte: main refuses it, next to the barcode field, naming the product that has it.
    await page.getByTestId('catalog-edit-MATCHA').click();
    const field = page.getByTestId('product-form-barcode');
    await field.fill(EAN.AIR);
    await field.press('Enter'); // a scanner's Enter in the field does not save the form…
    await expect(page.getByTestId('product-form')).toBeVisible();
    await page.getByTestId('product-form-save').click(); // …saving does
    const error = page.getByTestId('product-form-error');
    await expect(error).toHaveAttribute('data-code', 'CONFLICT');
    await expect(error).toHaveAttribute('data-field', 'barcode');
    await expect(page.getByTestId('product-form-error-detail')).toHaveText(`Barcode ${EAN.AIR} sudah dipakai Air Mineral (AIR-MINERAL). Satu barcode hanya untuk satu produk.`);
    await shots(page, 'scanner-8-barcode-taken');

    // A barcode of its own is saved, shown in the list, and scans on the till.
    await field.fill('MTC-250');
    await page.getByTestId('product-form-save').click();
    await expect(page.getByTestId('product-form')).toHaveCount(0);
    await expect(page.getByTestId('catalog-barcode-MATCHA')).toHaveText('MTC-250');
    await page.getByTestId('tab-till').click();
    await page.getByTestId('product-search').focus();
    await scan(page, 'MTC-250');
    await expect(page.getByTestId('qty-MATCHA')).toHaveText('1');
    await expect(page.getByTestId('product-search')).toHaveValue('');
    await shots(page, 'scanner-9-own-barcode');
  });
});
