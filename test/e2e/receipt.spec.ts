import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Counts window.print() calls instead of opening a print dialog (the page's own function, so the renderer's call lands here). */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => {
      w.printed += 1;
    };
  });
}

const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

test.describe('the receipt', () => {
  test('a paid QRIS sale prints a receipt with its items and total; Escape closes it, Enter starts the next sale', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await page.getByTestId('product-NASI-GORENG').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await page.getByTestId('method-select').selectOption('qris');
    await page.getByTestId('charge').click();
    const screen = page.getByTestId('payment-screen');
    await expect(screen).toHaveAttribute('data-status', 'pending');
    // No receipt for a sale that is not paid yet.
    await expect(page.getByTestId('print-receipt')).toHaveCount(0);
    await simulator.pay({ qr_string: (await page.getByTestId('qr-string').textContent()) ?? '' });
    await expect(screen).toHaveAttribute('data-status', 'settlement');

    const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
    const info = await page.evaluate(() => window.kasir.invoke('app.info'));
    if (!info.ok) throw new Error(info.message);

    await stubPrint(page);
    await expect(page.getByTestId('print-receipt')).toHaveText('Cetak struk');
    await page.getByTestId('print-receipt').click();
    const receipt = page.getByTestId('receipt');
    await expect(receipt).toBeVisible();
    expect(await printed(page)).toBe(1);

    await expect(receipt.getByTestId('receipt-shop')).toHaveText(info.value.shopName);
    await expect(receipt.getByTestId('receipt-order-id')).toHaveText(orderId);
    // The Midtrans reference, for disputes: the one the emulator holds for this order.
    const view = await page.evaluate(async (o) => {
      const list = await window.kasir.invoke('payments.list', { limit: 5 });
      return list.ok ? list.value.find((p) => p.orderId === o) : undefined;
    }, orderId);
    expect(view?.referenceNo).toBeTruthy();
    await expect(receipt.getByTestId('receipt-reference')).toHaveText(view?.referenceNo ?? '');
    await expect(receipt.getByTestId('receipt-time')).toHaveText(/\d{2}\.\d{2} WIB$/);
    const nasi = receipt.getByTestId('receipt-line-NASI-GORENG');
    await expect(nasi).toHaveAttribute('data-quantity', '1');
    await expect(nasi).toContainText('Nasi Goreng');
    await expect(nasi).toContainText('Rp 28.000');
    const teh = receipt.getByTestId('receipt-line-TEH-MANIS');
    await expect(teh).toHaveAttribute('data-quantity', '2');
    await expect(teh.locator('td')).toHaveText(['Es Teh Manis', '2', 'Rp 8.000', 'Rp 16.000']);
    await expect(receipt.getByTestId('receipt-total')).toHaveText('Rp 44.000');
    await expect(receipt.getByTestId('receipt-method')).toHaveText('QRIS');
    await expect(receipt.getByTestId('receipt-status')).toHaveText('Lunas');

    // On paper only the receipt shows.
    await page.emulateMedia({ media: 'print' });
    await expect(receipt).toBeVisible();
    await expect(page.getByTestId('receipt-print')).toBeHidden();
    await expect(page.getByTestId('new-sale')).toBeHidden();
    await expect(page.getByTestId('payment-amount')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByTestId('new-sale')).toBeVisible();

    // Printing again from the receipt view.
    await page.getByTestId('receipt-print').click();
    expect(await printed(page)).toBe(2);

    // While the receipt is open, Enter is not "new sale"; Escape closes the receipt and keeps the sale on screen.
    await page.keyboard.press('Escape');
    await expect(receipt).toHaveCount(0);
    await expect(screen).toHaveAttribute('data-status', 'settlement');

    await page.keyboard.press('Enter');
    await expect(screen).toHaveCount(0);
    await expect(page.getByTestId('product-grid')).toBeVisible();
  });

  test('English receipt for a cash sale', async ({ kasir }) => {
    const { page } = kasir;
    await page.getByTestId('lang-en').click();
    await page.getByTestId('product-KOPI-SUSU').click();
    await page.getByTestId('method-select').selectOption('cash');
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    await stubPrint(page);
    await page.getByTestId('print-receipt').click();
    const receipt = page.getByTestId('receipt');
    await expect(receipt.getByTestId('receipt-status')).toHaveText('Paid');
    await expect(receipt.getByTestId('receipt-method')).toHaveText('Cash');
    await expect(receipt.getByTestId('receipt-total')).toHaveText('Rp 18.000');
    await page.getByTestId('receipt-close').click();
    await expect(receipt).toHaveCount(0);
  });
});
