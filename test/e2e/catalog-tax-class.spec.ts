import { expect, test } from './fixtures';
import { createOwner, shots } from './staff-helpers';

test('the owner gives a product its tax class; it is kept through edits, re-activation and in English', async ({ kasir }) => {
  const { page } = kasir;
  await createOwner(page);
  await page.getByTestId('tab-products').click();
  await expect(page.getByTestId('catalog-tax-KOPI-SUSU')).toHaveText('Standar');

  await page.getByTestId('catalog-add').click();
  const form = page.getByTestId('product-form');
  await expect(form.getByTestId('product-form-tax-class')).toHaveValue('standard');
  await form.getByTestId('product-form-sku').fill('JAM-TANGAN');
  await form.getByTestId('product-form-name').fill('Jam Tangan');
  await form.getByTestId('product-form-price').fill('1.500.000');
  await form.getByTestId('product-form-category').fill('Aksesori');
  await form.getByTestId('product-form-tax-class').selectOption('luxury');
  await expect(form.getByText('Barang mewah: PPN 12% dari harga penuh')).toBeVisible();
  await shots(page, 'catalog-tax-class-form');
  await form.getByTestId('product-form-save').click();
  await expect(page.getByTestId('product-form')).toHaveCount(0);
  await expect(page.getByTestId('catalog-tax-JAM-TANGAN')).toHaveAttribute('data-tax-class', 'luxury');
  await expect(page.getByTestId('catalog-tax-JAM-TANGAN')).toHaveText('Barang mewah');

  // Edit opens on the saved class; deactivating and activating again keeps it.
  await page.getByTestId('catalog-edit-JAM-TANGAN').click();
  await expect(page.getByTestId('product-form-tax-class')).toHaveValue('luxury');
  await page.getByTestId('product-form-cancel').click();
  await page.getByTestId('catalog-toggle-JAM-TANGAN').click();
  await expect(page.getByTestId('catalog-row-JAM-TANGAN')).toHaveAttribute('data-active', 'false');
  await page.getByTestId('catalog-toggle-JAM-TANGAN').click();
  await expect(page.getByTestId('catalog-row-JAM-TANGAN')).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('catalog-tax-JAM-TANGAN')).toHaveAttribute('data-tax-class', 'luxury');
  const list = await page.evaluate(() => window.kasir.invoke('catalog.list'));
  expect(list.ok && list.value.find((p) => p.sku === 'JAM-TANGAN')?.taxClass).toBe('luxury');

  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('catalog-tax-JAM-TANGAN')).toHaveText('Luxury goods');
  await page.getByTestId('catalog-edit-JAM-TANGAN').click();
  await expect(page.getByTestId('product-form-tax-class').locator('option')).toHaveText(['Standard', 'Luxury goods', 'Tax exempt']);
  await shots(page, 'catalog-tax-class-form-en');
});
