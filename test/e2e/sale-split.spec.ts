/**
 * Split tender (issue 10): part of the sale in cash, the rest by QRIS. The
 * sale stays open showing what is paid and what is left; a cancelled QRIS
 * tender is replaced by another; the sale is paid when the last tender is,
 * and the receipt lists both tenders. The emulator saw only the QRIS
 * charges of the rest, each carrying the sale's reference.
 */
import { expect, test } from './fixtures';
import { hasRow, receiptLines } from './sales';
import { shots } from './staff-helpers';

test.describe('a sale paid by cash and QRIS', () => {
  test('partial cash, then QRIS for the rest (a cancelled QRIS tender replaced), paid, both tenders on the receipt', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await page.getByTestId('product-NASI-GORENG').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await expect(page.getByTestId('cart-total')).toHaveText('Rp 44.000');
    const saleId = await page.getByTestId('cart').getAttribute('data-sale-id');
    expect(saleId).toBeTruthy();

    // 1. Rp 20.000 in cash: less than due, so a part payment in cash.
    await page.getByTestId('method-cash').click();
    await page.getByTestId('charge').click();
    await page.getByTestId('cash-received').fill('20.000');
    await expect(page.getByTestId('cash-change')).toHaveAttribute('data-kind', 'short');
    await expect(page.getByTestId('cash-change')).toHaveAttribute('data-amount', '24000');
    await expect(page.getByTestId('cash-part-note')).toBeVisible();
    await expect(page.getByTestId('cash-confirm')).toHaveText('Terima sebagian Rp 20.000');
    await shots(page, 'sale-split-1-part-cash');
    await page.getByTestId('cash-received').press('Enter');

    // The sale stays open: paid 20.000, 24.000 left; the basket can no longer change.
    const progress = page.getByTestId('tender-progress');
    await expect(progress).toHaveAttribute('data-paid', '20000');
    await expect(progress).toHaveAttribute('data-remaining', '24000');
    await expect(page.getByTestId('sale-tender-1')).toHaveAttribute('data-method', 'cash');
    await expect(page.getByTestId('sale-tender-1')).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId('product-NASI-GORENG')).toBeDisabled();
    await expect(page.getByTestId('basket-locked')).toBeVisible();
    await expect(page.getByTestId('discount-sale')).toHaveCount(0);
    await page.getByTestId('method-qris').click();
    await expect(page.getByTestId('charge')).toHaveText('Tagih sisa Rp 24.000');
    await shots(page, 'sale-split-2-open');

    // 2. QRIS for the rest — the customer changes their mind: cancelled, the sale stays open.
    await page.getByTestId('charge').click();
    const screen = page.getByTestId('payment-screen');
    await expect(screen).toHaveAttribute('data-status', 'pending');
    await expect(page.getByTestId('payment-amount')).toHaveText('Rp 24.000');
    await expect(page.getByTestId('tender-part')).toBeVisible();
    await expect(page.getByTestId('qr-image')).toBeVisible();
    await shots(page, 'sale-split-3-qris-pending');
    await page.getByTestId('cancel-payment').click();
    await expect(screen).toHaveAttribute('data-status', 'cancel');
    await expect(page.getByTestId('payment-status')).toHaveText('Dibatalkan');
    // Cash is already in the drawer: no "new sale" that would walk away from it.
    await expect(page.getByTestId('new-sale')).toHaveCount(0);
    await shots(page, 'sale-split-4-cancelled');
    await page.getByTestId('tender-retry').click();
    await expect(progress).toHaveAttribute('data-remaining', '24000');

    // 3. QRIS again for the rest; the customer pays it.
    await page.getByTestId('method-qris').click();
    await page.getByTestId('charge').click();
    await expect(screen).toHaveAttribute('data-status', 'pending');
    await simulator.pay({ qr_string: (await page.getByTestId('qr-string').textContent()) ?? '' });
    await expect(screen).toHaveAttribute('data-sale-status', 'paid');
    await expect(screen).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId('order-id')).toHaveText(saleId ?? '');
    await expect(page.getByTestId('receipt-no')).toHaveText(/^No\. struk K1-\d{6}$/);
    await expect(page.getByTestId('payment-amount')).toHaveText('Rp 44.000');
    await expect(page.getByTestId('sale-methods')).toHaveText('Tunai + QRIS');

    // The receipt lists both tenders that paid, not the cancelled one.
    const lines = await receiptLines(page);
    expect(hasRow(lines, 'TOTAL', 'Rp 44.000')).toBe(true);
    expect(hasRow(lines, 'Tunai', 'Rp 20.000')).toBe(true);
    expect(hasRow(lines, 'QRIS', 'Rp 24.000')).toBe(true);
    expect(lines.filter((l) => l.trimStart().startsWith('QRIS'))).toHaveLength(1);
    await shots(page, 'sale-split-5-paid');

    // What Midtrans saw: two QRIS charges of the rest (the cancelled one and the paid one), each
    // carrying this sale's reference; the cash never reached it.
    const charges = await simulator.chargesOfSale(saleId ?? '');
    expect(charges.map((c) => [c.grossAmount, c.status, c.sale_ref])).toEqual([
      [24_000, 'cancel', saleId],
      [24_000, 'settlement', saleId],
    ]);

    // The sale as main holds it: two paid tenders covering the total.
    const view = await page.evaluate((id) => window.kasir.invoke('sales.get', { saleId: id }), saleId ?? '');
    if (!view.ok) throw new Error(view.message);
    expect(view.value).toMatchObject({ status: 'paid', total: 44_000, paid: 44_000, remaining: 0 });
    expect(view.value.tenders.filter((t) => t.counts === 'paid').map((t) => [t.method, t.applied])).toEqual([
      ['cash', 20_000],
      ['qris', 24_000],
    ]);
  });
});
