import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { takeCash, tenderPayment } from './sales';
import { createOwner } from './staff-helpers';

/** Fills and submits the product form that is open on the Products tab. */
async function fillProduct(page: Page, fields: { sku?: string; name?: string; price?: string; category?: string }): Promise<void> {
  const form = page.getByTestId('product-form');
  if (fields.sku !== undefined) await form.getByTestId('product-form-sku').fill(fields.sku);
  if (fields.name !== undefined) await form.getByTestId('product-form-name').fill(fields.name);
  if (fields.price !== undefined) await form.getByTestId('product-form-price').fill(fields.price);
  if (fields.category !== undefined) await form.getByTestId('product-form-category').fill(fields.category);
  await form.getByTestId('product-form-save').click();
}

test.describe('the merchant’s catalogue', () => {
  test('add Es Jeruk, sell it, reprice it, take it off the till; the past sale keeps it', async ({ kasir }) => {
    const { page } = kasir;
    await createOwner(page); // the catalogue is the owner's

    // A fresh till starts with the seeded default catalogue.
    await page.getByTestId('tab-products').click();
    await expect(page.getByTestId('catalog-row-KOPI-SUSU')).toHaveAttribute('data-active', 'true');

    // Add: a typo'd price is caught in the form, a taken SKU by the main process.
    await page.getByTestId('catalog-add').click();
    await fillProduct(page, { sku: 'KOPI-SUSU', name: 'Es Jeruk', price: '9.000,5', category: 'Minuman' });
    await expect(page.getByTestId('product-form-price-invalid')).toBeVisible();
    await fillProduct(page, { price: '9.000' });
    await expect(page.getByTestId('product-form-error')).toHaveAttribute('data-code', 'CONFLICT');
    // Next to the SKU it is about, in Indonesian.
    await expect(page.getByTestId('product-form-error')).toHaveAttribute('data-field', 'sku');
    await expect(page.getByTestId('product-form-error-detail')).toHaveText('Sudah ada produk dengan SKU KOPI-SUSU.');
    await fillProduct(page, { sku: 'es-jeruk' });
    await expect(page.getByTestId('product-form')).toHaveCount(0);
    const row = page.getByTestId('catalog-row-ES-JERUK');
    await expect(row).toHaveAttribute('data-active', 'true');
    await expect(page.getByTestId('catalog-price-ES-JERUK')).toHaveText('Rp 9.000');
    await expect(page.getByTestId('catalog-row-KOPI-SUSU')).toContainText('Es Kopi Susu'); // not overwritten

    // It is on the till; the cashier finds it by typing and adds it with Enter.
    await page.getByTestId('tab-till').click();
    await expect(page.getByTestId('product-ES-JERUK')).toContainText('Rp 9.000');
    const search = page.getByTestId('product-search');
    await search.fill('jeruk');
    await expect(page.getByTestId('product-grid').getByRole('button')).toHaveCount(1);
    await search.press('Enter');
    await expect(page.getByTestId('qty-ES-JERUK')).toHaveText('1');
    await expect(search).toHaveValue('');
    await expect(page.getByTestId('cart-total')).toHaveText('Rp 9.000');

    // Sell it for cash.
    await takeCash(page);
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'settlement');
    const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
    expect(orderId).not.toBe('');
    await page.getByTestId('new-sale').click();

    // Reprice it: the till follows.
    await page.getByTestId('tab-products').click();
    await page.getByTestId('catalog-edit-ES-JERUK').click();
    await expect(page.getByTestId('product-form-sku')).toHaveValue('ES-JERUK');
    await expect(page.getByTestId('product-form-price')).toHaveValue('9.000');
    await fillProduct(page, { price: '10.000' });
    await expect(page.getByTestId('catalog-price-ES-JERUK')).toHaveText('Rp 10.000');
    await page.getByTestId('tab-till').click();
    await expect(page.getByTestId('product-ES-JERUK')).toContainText('Rp 10.000');

    // Deactivate it: gone from the till and from search, still listed (inactive) in the editor.
    await page.getByTestId('tab-products').click();
    await page.getByTestId('catalog-toggle-ES-JERUK').click();
    await expect(row).toHaveAttribute('data-active', 'false');
    await page.getByTestId('tab-till').click();
    await expect(page.getByTestId('product-KOPI-SUSU')).toBeVisible();
    await expect(page.getByTestId('product-ES-JERUK')).toHaveCount(0);
    await page.getByTestId('product-search').fill('jeruk');
    await expect(page.getByTestId('product-search-empty')).toBeVisible();
    const list = await page.evaluate(() => window.kasir.invoke('catalog.list'));
    expect(list.ok && list.value.map((p) => p.sku)).not.toContain('ES-JERUK');

    // The past sale still shows it, at the price it was sold for.
    await page.getByTestId('tab-history').click();
    await page.getByTestId(`history-open-${orderId}`).click();
    await expect(page.getByTestId(`history-items-${orderId}`)).toHaveText('Es Jeruk × 1');
    await expect(page.getByTestId(`history-${orderId}`)).toContainText('Rp 9.000');
    const sale = await tenderPayment(page, orderId);
    expect(sale.items).toEqual([{ sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, quantity: 1 }]);
  });

  test('the contract refuses a float price with a typed error and writes nothing', async ({ kasir }) => {
    const { page } = kasir;
    await createOwner(page);
    const res = await page.evaluate(() =>
      window.kasir.invoke('catalog.save', { sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000.5, category: 'Minuman', active: true }),
    );
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const all = await page.evaluate(() => window.kasir.invoke('catalog.all'));
    expect(all.ok && all.value.some((p) => p.sku === 'ES-JERUK')).toBe(false);
  });
});

test('a sale is priced by the catalogue, not by the screen: main copies the price when a line is set, and re-prices on the next change', async ({ kasir }) => {
  const { page } = kasir;
  await createOwner(page);
  await page.getByTestId('product-KOPI-HITAM').click();
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 12.000');
  // The owner reprices on another screen while the line sits in the cart.
  const saved = await page.evaluate(() =>
    window.kasir.invoke('catalog.save', { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 13_000, category: 'Minuman', active: true }),
  );
  expect(saved).toMatchObject({ ok: true });
  // The next change to the basket is priced from the catalogue again: both cups at the new price.
  await page.getByTestId('product-KOPI-HITAM').click();
  await expect(page.getByTestId('qty-KOPI-HITAM')).toHaveText('2');
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 26.000');
  await takeCash(page);
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
  await expect(page.getByTestId('payment-amount')).toHaveText('Rp 26.000');

  // A tampered renderer cannot charge its own price either: not through the shortcut…
  const tampered = await page.evaluate(() =>
    window.kasir.invoke('payments.create', { items: [{ sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 1, quantity: 1 }], method: 'cash' }),
  );
  expect(tampered).toMatchObject({ ok: false, code: 'CONFLICT' });
  // …nor on a sale line, which has no price field at all.
  const open = await page.evaluate(() => window.kasir.invoke('sales.open'));
  if (!open.ok) throw new Error(open.message);
  const priced = await page.evaluate(
    (saleId) =>
      (window.kasir.invoke as (c: string, i: unknown) => Promise<unknown>)('sales.setLines', {
        saleId,
        lines: [{ id: 'l1', sku: 'KOPI-HITAM', quantity: 1, discount: null, price: 1 }],
      }),
    open.value.id,
  );
  expect(priced).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});
