import { expect, test } from './fixtures';

test('the till speaks Indonesian by default; English is one tap away and survives a reload', async ({ kasir }) => {
  const { page } = kasir;
  const html = page.locator('html');
  const status = page.getByTestId('payment-status');

  // Default: Indonesian, with no choice stored yet.
  await expect(html).toHaveAttribute('lang', 'id');
  await expect(page.getByTestId('lang-id')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('cart')).toContainText('Penjualan saat ini');

  // A VA sale waits, tells the customer where to transfer, and can be cancelled.
  await page.getByTestId('product-MATCHA').click();
  await page.getByTestId('method-va_bni').click();
  await page.getByTestId('charge').click();
  await expect(status).toHaveText('Menunggu pembayaran');
  await expect(page.getByTestId('payment-screen')).toContainText('Transfer ke virtual account BNI');
  // A VA is valid for a day: its expiry says which day (issue 11), then the time as before.
  await expect(page.getByTestId('valid-until')).toContainText(/^Berlaku sampai \S+, \d{1,2} \S+ pukul \d{2}\.\d{2}\.\d{2} WIB$/);
  await page.getByTestId('cancel-payment').click();
  await expect(status).toHaveText('Dibatalkan');
  await page.getByTestId('new-sale').click();

  // A cash sale is "Lunas", confirmed by the cashier.
  await page.getByTestId('product-KOPI-SUSU').click();
  await page.getByTestId('method-cash').click();
  await expect(page.getByTestId('charge')).toHaveText('Tagih Rp 18.000');
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('cash-confirm')).toHaveText('Terima Rp 18.000');
  await page.getByTestId('cash-confirm').click();
  await expect(status).toHaveAttribute('data-status', 'settlement');
  await expect(status).toHaveText('Lunas');
  await expect(page.getByTestId('confirmed-by')).toHaveText('Dikonfirmasi oleh kasir');
  const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
  expect(orderId).not.toBe('');

  // Switching re-renders the same screen in English at once.
  await page.getByTestId('lang-en').click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(status).toHaveText('Paid');
  await expect(page.getByTestId('confirmed-by')).toHaveText('Confirmed by cashier');
  await expect(page.getByTestId('tab-till')).toHaveText('Till');

  // The choice is remembered across a reload.
  await page.reload();
  await expect(page.getByTestId('till-main')).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('tab-history').click();
  const row = page.getByTestId(`history-${orderId}`);
  await expect(row).toHaveAttribute('data-status', 'paid');
  await expect(page.getByTestId(`history-status-${orderId}`)).toHaveText('Paid');
  await expect(row).toContainText('Cash');
  // History times are the shop's wall clock in en-GB form.
  await expect(row.locator('td').first()).toHaveText(/^\d{2}:\d{2}:\d{2}$/);

  // And back to Indonesian.
  await page.getByTestId('lang-id').click();
  await expect(html).toHaveAttribute('lang', 'id');
  await expect(page.getByTestId(`history-status-${orderId}`)).toHaveText('Lunas');
  await expect(row).toContainText('Tunai');
});
