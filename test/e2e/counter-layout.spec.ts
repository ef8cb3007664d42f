/**
 * One screen at 1024×768 (issue 11): category tabs over the grid; a 50-line
 * sale whose lines scroll inside the cart while the total and Charge stay in
 * the viewport with no page scroll (1024×768 and 1366×768); the payment
 * methods as large buttons (those the counter cannot serve disabled with the
 * reason); clearing the sale; the countdown to a tender's expiry (with the
 * date when it is not today); VA numbers and bill keys with a copy button;
 * the paid state unmistakable (whole panel, tick, large "Lunas").
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createOwner, shots } from './staff-helpers';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
] as const;

const CATEGORIES = ['Minuman', 'Makanan', 'Camilan', 'Lainnya'] as const;
/** 40 products on top of the 10 the till is seeded with: 50 distinct lines. */
const EXTRA = Array.from({ length: 40 }, (_, i) => ({
  sku: `P-${String(i + 1).padStart(2, '0')}`,
  name: `Produk uji ${i + 1}`,
  price: 1_000 + i * 500,
  category: CATEGORIES[i % CATEGORIES.length],
}));

/** Nothing scrolls the page itself: the document is no taller than the window and sits at the top. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const m = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    innerHeight: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    scrollY: window.scrollY,
  }));
  expect(m.scrollHeight).toBeLessThanOrEqual(m.innerHeight);
  expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
  expect(m.scrollY).toBe(0);
}

/** The element lies wholly inside the viewport (as it is, without scrolling anything). */
async function expectInViewport(page: Page, el: Locator): Promise<void> {
  await expect(el).toBeVisible();
  const box = await el.boundingBox();
  const size = page.viewportSize();
  expect(box).not.toBeNull();
  expect(size).not.toBeNull();
  if (!box || !size) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
}

test.describe('the counter on one screen', () => {
  test('50 lines at 1024×768: the cart scrolls, total and Charge stay in view, no page scroll; method buttons; paid unmistakable', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await page.setViewportSize(SIZES[0]);
    await createOwner(page); // the catalogue is the owner's
    for (const p of EXTRA) {
      const res = await page.evaluate((input) => window.kasir.invoke('catalog.save', { ...input, active: true, isNew: true }), p);
      expect(res.ok).toBe(true);
    }
    // The till re-reads the catalogue after a save in the Products tab.
    await page.getByTestId('tab-products').click();
    await page.getByTestId('catalog-edit-KOPI-SUSU').click();
    await page.getByTestId('product-form-save').click();
    await expect(page.getByTestId('product-form')).toHaveCount(0);
    await page.getByTestId('tab-till').click();

    // Category tabs from the catalogue: one tab shows only its products.
    const tabs = page.getByTestId('category-tabs');
    await expect(tabs.getByRole('tab')).toHaveText(['Semua', 'Minuman', 'Makanan', 'Camilan', 'Lainnya']);
    await expect(page.getByTestId('category-all')).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('category-Makanan').click();
    await expect(page.getByTestId('category-Makanan')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('product-NASI-GORENG')).toBeVisible();
    await expect(page.getByTestId('product-KOPI-SUSU')).toHaveCount(0);
    await expect(page.getByTestId('product-P-02')).toBeVisible();
    await expect(page.getByTestId('product-P-01')).toHaveCount(0);
    await shots(page, 'counter-layout-1-category');
    await page.getByTestId('category-all').click();

    // 50 distinct lines, tapped one by one (the grid scrolls inside its panel to reach them).
    const skus = [
      ...(await page.getByTestId('product-grid').locator('[data-testid^="product-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice('product-'.length) ?? ''))),
    ];
    expect(skus).toHaveLength(50);
    for (const sku of skus) await page.getByTestId(`product-${sku}`).click();
    await expect(page.getByTestId('line-count')).toHaveAttribute('data-count', '50');
    await expect(page.getByTestId('cart')).toHaveAttribute('aria-busy', 'false');
    const total = EXTRA.reduce((s, p) => s + p.price, 0) + 150_500;
    await expect(page.getByTestId('cart-total')).toHaveAttribute('data-amount', String(total));

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectNoPageScroll(page);
      await expectInViewport(page, page.getByTestId('cart-total'));
      await expectInViewport(page, page.getByTestId('charge'));
      await expectInViewport(page, page.getByTestId('method-cash'));
      await expectInViewport(page, page.getByTestId('method-qris'));
      // The lines scroll inside the cart: the last one is reached by scrolling the panel, not the page.
      const lines = page.getByTestId('cart').locator('.cart-lines');
      expect(await lines.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      await page.getByTestId(`line-${skus[49]}`).scrollIntoViewIfNeeded();
      await expectNoPageScroll(page);
      await expectInViewport(page, page.getByTestId('charge'));
    }
    await page.setViewportSize(SIZES[0]);

    // The methods as buttons: QRIS chosen first, cash one tap away; link-only wallets disabled with the reason.
    await expect(page.getByTestId('method-qris')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('method-cash')).toHaveText('Tunai');
    await expect(page.getByTestId('method-cash')).toBeEnabled();
    for (const wallet of ['shopeepay', 'dana']) {
      await expect(page.getByTestId(`method-${wallet}`)).toBeDisabled();
      await expect(page.getByTestId(`method-${wallet}`)).toHaveAttribute('data-blocked', 'redirect_only');
      await expect(page.getByTestId(`method-${wallet}-blocked`)).toHaveText('Hanya lewat tautan — pakai QRIS');
    }
    await expect(page.getByTestId('method-va_bni')).toBeEnabled();
    const primaryHeight = (await page.getByTestId('method-qris').boundingBox())?.height ?? 0;
    expect(primaryHeight).toBeGreaterThanOrEqual(48);
    await page.getByTestId('method-cash').click();
    await expect(page.getByTestId('method-cash')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('charge')).toHaveAttribute('data-method', 'cash');
    await page.getByTestId('method-qris').click();
    await expect(page.getByTestId('charge')).toHaveAttribute('data-method', 'qris');
    await shots(page, 'counter-layout-2-fifty-lines');

    // QRIS: the QR, a countdown to its expiry (today: no date), the ways out.
    await page.getByTestId('charge').click();
    const screen = page.getByTestId('payment-screen');
    await expect(screen).toHaveAttribute('data-status', 'pending');
    const countdown = page.getByTestId('countdown');
    await expect(countdown).toBeVisible();
    const seconds = Number(await countdown.getAttribute('data-seconds'));
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    await expect(page.getByTestId('countdown-left')).toHaveText(/^Sisa waktu 1[45]:\d{2}$/);
    // The countdown ticks.
    await expect.poll(async () => Number(await countdown.getAttribute('data-seconds')), { timeout: 5_000 }).toBeLessThan(seconds);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectNoPageScroll(page);
      await expectInViewport(page, page.getByTestId('qr-image'));
      await expectInViewport(page, page.getByTestId('pay-cash-instead'));
      await expectInViewport(page, page.getByTestId('switch-method'));
    }
    await page.setViewportSize(SIZES[0]);
    await shots(page, 'counter-layout-3-qris-countdown');

    await simulator.pay({ qr_string: (await page.getByTestId('qr-string').textContent()) ?? '' });
    await expect(screen).toHaveAttribute('data-sale-status', 'paid');
    await expect(page.getByTestId('payment-status')).toHaveText('Lunas');
    await expect(page.getByTestId('paid-tick')).toBeVisible();
    // Read from across the counter: large text, the whole panel green.
    const look = await page.getByTestId('payment-status').evaluate((el) => ({
      fontSize: parseFloat(getComputedStyle(el).fontSize),
      panel: getComputedStyle(el.closest('.paid-panel') as Element).backgroundColor,
    }));
    expect(look.fontSize).toBeGreaterThanOrEqual(48);
    expect(look.panel).toBe('rgb(230, 244, 234)');
    const tick = await page.getByTestId('paid-tick').boundingBox();
    expect(tick?.height ?? 0).toBeGreaterThanOrEqual(80);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expectNoPageScroll(page);
      await expectInViewport(page, page.getByTestId('payment-status'));
      await expectInViewport(page, page.getByTestId('new-sale'));
    }
    await page.setViewportSize(SIZES[0]);
    await shots(page, 'counter-layout-4-paid');
  });

  test('a VA number and a bill key with a copy button, the expiry with its date; clearing a sale', async ({ kasir }) => {
    const { page } = kasir;
    await page.setViewportSize(SIZES[0]);
    // Copying writes the clipboard; reading it back needs the permission (the browser shell's Chromium).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);

    // Clear the sale: asked once, then every line goes.
    await page.getByTestId('product-KOPI-SUSU').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await expect(page.getByTestId('line-count')).toHaveAttribute('data-count', '2');
    await page.getByTestId('clear-sale').click();
    await expect(page.getByTestId('clear-sale-confirm')).toBeFocused();
    await shots(page, 'counter-layout-5-clear-confirm');
    await page.getByTestId('clear-sale-confirm').click();
    await expect(page.getByTestId('line-count')).toHaveCount(0);
    await expect(page.getByTestId('cart-total')).toHaveAttribute('data-amount', '0');

    // VA BNI: valid for a day, so the expiry says which day.
    await page.getByTestId('product-NASI-GORENG').click();
    await page.getByTestId('method-va_bni').click();
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
    const va = ((await page.getByTestId('va-number').textContent()) ?? '').trim();
    expect(va).toMatch(/^\d{8,20}$/);
    await expect(page.getByTestId('countdown')).toHaveAttribute('data-with-date', 'true');
    await expect(page.getByTestId('valid-until')).toHaveText(/^Berlaku sampai \S+, \d{1,2} \S+ pukul \d{2}\.\d{2}\.\d{2} WIB$/);
    await expect(page.getByTestId('countdown-left')).toHaveText(/^Sisa waktu (23:5\d|24:00):\d{2}$/);
    await page.getByTestId('copy-va-number').click();
    await expect(page.getByTestId('copy-va-number')).toHaveAttribute('data-outcome', 'copied');
    await expect(page.getByTestId('copy-va-number')).toHaveText('Tersalin');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(va);
    await expectNoPageScroll(page);
    await shots(page, 'counter-layout-6-va-copy');

    // Another method keeping the sale: Mandiri Bill, biller code and bill key each with its copy button.
    await page.getByTestId('switch-method').click();
    await expect(page.getByTestId('cart')).toBeVisible();
    await expect(page.getByTestId('line-NASI-GORENG')).toBeVisible();
    await page.getByTestId('method-mandiri_bill').click();
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
    const billKey = ((await page.getByTestId('bill-key').textContent()) ?? '').trim();
    expect(billKey).not.toBe('');
    await expect(page.getByTestId('copy-biller-code')).toBeVisible();
    await page.getByTestId('copy-bill-key').click();
    await expect(page.getByTestId('copy-bill-key')).toHaveAttribute('data-outcome', 'copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(billKey);
    await shots(page, 'counter-layout-7-bill-copy');
  });
});
