/**
 * Cash with change (issue 10): the amount received from a quick note, the
 * change shown live before confirming, the drawer's receipt with Tunai and
 * Kembali, receipt numbers that follow on from one sale to the next, and
 * the reprint from Payments marked as a copy.
 */
import { expect, test } from './fixtures';
import { hasRow, receiptLines } from './sales';
import { shots } from './staff-helpers';

test.describe('cash at the counter', () => {
  test('a quick note, the change shown live, Enter confirms; the receipt shows Tunai, Kembali and its number', async ({ kasir }) => {
    const { page } = kasir;
    await page.getByTestId('product-KOPI-SUSU').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await expect(page.getByTestId('cart-total')).toHaveText('Rp 26.000');
    await page.getByTestId('method-cash').click();
    await expect(page.getByTestId('charge')).toHaveText('Tagih Rp 26.000');
    await shots(page, 'sale-cash-1-basket');

    // Charge opens the cash panel: what is due and the notes that cover it.
    await page.getByTestId('charge').click();
    const panel = page.getByTestId('cash-tender');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('cash-due')).toHaveAttribute('data-amount', '26000');
    await expect(page.getByTestId('cash-received')).toBeFocused();
    const notes = await panel.locator('[data-testid^="cash-note-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-amount'))));
    expect(notes).toEqual([26_000, 30_000, 40_000, 50_000, 100_000]);
    await expect(page.getByTestId('cash-note-26000')).toHaveText('Uang pas');
    // No rounding by default: nothing about it on screen.
    await expect(page.getByTestId('cash-rounding')).toHaveCount(0);
    await shots(page, 'sale-cash-2-panel');

    // A Rp 50.000 note: the change is on screen before anything is confirmed.
    await page.getByTestId('cash-note-50000').click();
    await expect(page.getByTestId('cash-received')).toHaveValue('50.000');
    await expect(page.getByTestId('cash-received')).toBeFocused();
    const change = page.getByTestId('cash-change');
    await expect(change).toHaveAttribute('data-kind', 'change');
    await expect(change).toHaveAttribute('data-amount', '24000');
    await expect(change).toContainText('Kembali');
    await expect(change).toContainText('Rp 24.000');
    // Typing changes it live; a typo is caught before it reaches main.
    await page.getByTestId('cash-received').fill('30.00');
    await expect(page.getByTestId('cash-received-error')).toBeVisible();
    await expect(page.getByTestId('cash-confirm')).toBeDisabled();
    await page.getByTestId('cash-received').fill('50.000');
    await expect(change).toHaveAttribute('data-amount', '24000');
    await expect(page.getByTestId('cash-confirm')).toHaveText('Terima Rp 50.000');
    await shots(page, 'sale-cash-3-change');
    await page.keyboard.press('Enter');

    // Paid: Lunas, the receipt number, the change to hand over, and the receipt as it prints.
    const screen = page.getByTestId('payment-screen');
    await expect(screen).toHaveAttribute('data-sale-status', 'paid');
    await expect(screen).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId('payment-status')).toHaveText('Lunas');
    await expect(page.getByTestId('receipt-no')).toHaveText(/^No\. struk K1-\d{6}$/);
    const receiptNo = ((await page.getByTestId('receipt-no').textContent()) ?? '').replace('No. struk ', '');
    await expect(page.getByTestId('sale-change')).toHaveText('Kembali Rp 24.000');
    await expect(page.getByTestId('receipt')).toHaveAttribute('data-receipt-no', receiptNo);
    const lines = await receiptLines(page);
    expect(hasRow(lines, 'No. struk', receiptNo)).toBe(true);
    expect(hasRow(lines, 'Es Kopi Susu', 'Rp 18.000')).toBe(true);
    expect(hasRow(lines, 'Es Teh Manis', 'Rp 8.000')).toBe(true);
    expect(hasRow(lines, 'TOTAL', 'Rp 26.000')).toBe(true);
    expect(hasRow(lines, 'Tunai', 'Rp 50.000')).toBe(true);
    expect(hasRow(lines, 'Kembali', 'Rp 24.000')).toBe(true);
    expect(lines.some((l) => l.includes('SALINAN'))).toBe(false);
    // What the screen shows is main's layout, line for line.
    const saleId = (await page.getByTestId('order-id').textContent()) ?? '';
    const laid = await page.evaluate((id) => window.kasir.invoke('sales.receipt', { saleId: id, language: 'id' }), saleId);
    if (!laid.ok) throw new Error(laid.message);
    expect(lines.map((l) => l.replace(/\u00a0/g, ''))).toEqual(laid.value.lines.map((l) => l.text));
    await shots(page, 'sale-cash-4-receipt');

    // The next sale, exact cash from the keyboard alone (Enter on an empty amount = exact): the next number.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('product-grid')).toBeVisible();
    await page.getByTestId('product-search').fill('roti');
    await page.getByTestId('product-search').press('Enter');
    await expect(page.getByTestId('cart-total')).toHaveText('Rp 15.000');
    await page.getByTestId('method-cash').click();
    await page.getByTestId('charge').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cash-received')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(screen).toHaveAttribute('data-sale-status', 'paid');
    await expect(page.getByTestId('sale-change')).toHaveCount(0);
    const next = Number(receiptNo.slice(3)) + 1;
    await expect(page.getByTestId('receipt-no')).toHaveText(`No. struk K1-${String(next).padStart(6, '0')}`);
    expect(hasRow(await receiptLines(page), 'Tunai', 'Rp 15.000')).toBe(true);

    // Payments lists both sales; the first one opened shows its receipt marked as a copy, to reprint.
    await page.getByTestId('tab-history').click();
    const row = page.getByTestId(`history-${saleId}`);
    await expect(row).toHaveAttribute('data-status', 'paid');
    await expect(row).toHaveAttribute('data-receipt-no', receiptNo);
    await expect(page.getByTestId('history').locator('tbody tr[data-receipt-no]')).toHaveCount(2);
    await page.getByTestId(`history-open-${saleId}`).click();
    await expect(page.getByTestId(`history-items-${saleId}`)).toHaveText('Es Kopi Susu × 1, Es Teh Manis × 1');
    await expect(page.getByTestId(`tender-${saleId}-1`)).toHaveAttribute('data-method', 'cash');
    const copy = page.getByTestId('history-receipt');
    await expect(copy).toHaveAttribute('data-copy', 'true');
    const copyLines = await receiptLines(page, 'history-receipt');
    expect(copyLines.map((l) => l.trim())).toContain('SALINAN');
    expect(hasRow(copyLines, 'No. struk', receiptNo)).toBe(true);
    expect(hasRow(copyLines, 'Kembali', 'Rp 24.000')).toBe(true);
    // No receipt printer on this till: the page's own print dialog only.
    await expect(page.getByTestId('history-thermal-print')).toHaveCount(0);
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed += 1;
      };
    });
    await page.getByTestId('history-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await shots(page, 'sale-cash-5-history-copy');
  });
});
