import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hasRow, receiptLines, takeCash, tenderPayment } from './sales';

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
  test('a paid QRIS sale shows its receipt with its items and total and prints it; Enter starts the next sale', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await page.getByTestId('product-NASI-GORENG').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await page.getByTestId('method-qris').click();
    await page.getByTestId('charge').click();
    const screen = page.getByTestId('payment-screen');
    await expect(screen).toHaveAttribute('data-status', 'pending');
    // No receipt for a sale that is not paid yet.
    await expect(page.getByTestId('print-receipt')).toHaveCount(0);
    await expect(page.getByTestId('receipt')).toHaveCount(0);
    await simulator.pay({ qr_string: (await page.getByTestId('qr-string').textContent()) ?? '' });
    await expect(screen).toHaveAttribute('data-status', 'settlement');

    const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
    const info = await page.evaluate(() => window.kasir.invoke('app.info'));
    if (!info.ok) throw new Error(info.message);

    // The receipt is on screen once the sale is paid, exactly as it prints.
    const receipt = page.getByTestId('receipt');
    await expect(receipt).toBeVisible();
    await expect(receipt).toHaveAttribute('data-sale-id', orderId);
    const lines = await receiptLines(page);
    expect(lines[0]?.trim()).toBe(info.value.shopName);
    const receiptNo = (await receipt.getAttribute('data-receipt-no')) ?? '';
    expect(hasRow(lines, 'No. struk', receiptNo)).toBe(true);
    // The Midtrans reference, for disputes: the one the emulator holds for this sale's QRIS payment.
    const view = await tenderPayment(page, orderId);
    expect(view?.referenceNo).toBeTruthy();
    expect(lines.some((l) => l.includes(view?.referenceNo ?? '-'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Waktu') && /\d{2}\.\d{2} WIB$/.test(l))).toBe(true);
    expect(hasRow(lines, 'Nasi Goreng', 'Rp 28.000')).toBe(true);
    expect(lines.map((l) => l.trim())).toContain('Es Teh Manis');
    expect(hasRow(lines, '2 x Rp 8.000', 'Rp 16.000')).toBe(true);
    expect(hasRow(lines, 'TOTAL', 'Rp 44.000')).toBe(true);
    expect(hasRow(lines, 'QRIS', 'Rp 44.000')).toBe(true);
    await expect(page.getByTestId('payment-status')).toHaveText('Lunas');

    await stubPrint(page);
    await expect(page.getByTestId('print-receipt')).toHaveText('Cetak struk');
    await page.getByTestId('print-receipt').click();
    expect(await printed(page)).toBe(1);

    // On paper only the receipt shows.
    await page.emulateMedia({ media: 'print' });
    await expect(receipt).toBeVisible();
    await expect(page.getByTestId('print-receipt')).toBeHidden();
    await expect(page.getByTestId('new-sale')).toBeHidden();
    await expect(page.getByTestId('payment-amount')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByTestId('new-sale')).toBeVisible();

    // Printing again.
    await page.getByTestId('print-receipt').click();
    expect(await printed(page)).toBe(2);
    await expect(screen).toHaveAttribute('data-status', 'settlement');

    await page.keyboard.press('Enter');
    await expect(screen).toHaveCount(0);
    await expect(page.getByTestId('product-grid')).toBeVisible();
  });

  test('English receipt for a cash sale', async ({ kasir }) => {
    const { page } = kasir;
    await page.getByTestId('lang-en').click();
    await page.getByTestId('product-KOPI-SUSU').click();
    await takeCash(page);
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId('payment-status')).toHaveText('Paid');
    const lines = await receiptLines(page);
    expect(hasRow(lines, 'Receipt no.', (await page.getByTestId('receipt').getAttribute('data-receipt-no')) ?? '-')).toBe(true);
    expect(hasRow(lines, 'Cash', 'Rp 18.000')).toBe(true);
    expect(hasRow(lines, 'TOTAL', 'Rp 18.000')).toBe(true);
    // Switching back re-lays the receipt in Indonesian.
    await page.getByTestId('lang-id').click();
    await expect.poll(async () => hasRow(await receiptLines(page), 'Tunai', 'Rp 18.000')).toBe(true);
  });
});
