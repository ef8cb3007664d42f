/**
 * A priced sale (issue 10): a line discount, a sale discount, PB1 10% and a
 * 5% taxed service charge on "++" prices, with cash rounding to Rp 500. The
 * total on screen, the receipt's lines and what the emulator recorded as
 * item_details agree to the rupiah; cash is rounded, QRIS never is.
 *
 * The basket, by hand (shared/domain/pricing/README.md's rules):
 *   Es Kopi Susu 2 × 18.000 = 36.000, Diskon Promo 10% −3.600
 *   Nasi Goreng 28.000, Air Mineral 5.000          subtotal 69.000
 *   Diskon Member Rp 5.000 (on 65.400 left)         after discounts 60.400
 *   Layanan 5% round(3.020)                         3.020
 *   PB1 10% on 60.400 + 3.020 = 63.420              6.342
 *   TOTAL                                           69.762
 *   cash: Pembulatan −262 → 69.500; Rp 100.000 → Kembali 30.500
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hasRow, receiptLines } from './sales';
import { addCashier, approve, CASHIER, createOwner, shots, switchTo } from './staff-helpers';

test.use({
  kasirSettings: {
    // QRIS through the Core API, whose charges carry item_details (SNAP-BI QRIS sends none: gateway/README.md).
    routing: { qris: 'core_api' },
    sales: { priceMode: 'exclusive', tax: { kind: 'pb1', rateBasisPoints: 1000 }, serviceCharge: { rateBasisPoints: 500, taxed: true }, cashRounding: 500 },
  },
});

const TOTAL = 69_762;

/** Builds the basket with both discounts; `asCashier`: each discount asks for the owner's PIN. */
async function priceBasket(page: Page, asCashier: boolean): Promise<void> {
  await page.getByTestId('product-KOPI-SUSU').click();
  await page.getByTestId('product-KOPI-SUSU').click();
  await page.getByTestId('product-NASI-GORENG').click();
  await page.getByTestId('product-AIR-MINERAL').click();
  await expect(page.getByTestId('qty-KOPI-SUSU')).toHaveText('2');

  // 10% off the coffee line, with a reason.
  await page.getByTestId('discount-line-KOPI-SUSU').click();
  await page.getByTestId('discount-kind-percent').click();
  await page.getByTestId('discount-value').fill('10');
  await page.getByTestId('discount-reason').fill('Promo');
  await page.getByTestId('discount-reason').press('Enter');
  if (asCashier) {
    await expect(page.getByTestId('approval')).toBeVisible();
    await approve(page);
  }
  await expect(page.getByTestId('line-discount-KOPI-SUSU')).toHaveAttribute('data-amount', '3600');
  await expect(page.getByTestId('discount-editor')).toHaveCount(0);

  // Rp 5.000 off the sale.
  await page.getByTestId('discount-sale').click();
  await page.getByTestId('discount-kind-amount').click();
  await page.getByTestId('discount-value').fill('5.000');
  await page.getByTestId('discount-reason').fill('Member');
  await page.getByTestId('discount-apply').click();
  if (asCashier) {
    await expect(page.getByTestId('approval')).toBeVisible();
    await approve(page);
  }
  await expect(page.getByTestId('quote-sale-discount')).toHaveAttribute('data-amount', '-5000');
}

/** The quote on screen, row by row (main's numbers). */
async function expectQuote(page: Page): Promise<void> {
  await expect(page.getByTestId('quote-subtotal')).toHaveAttribute('data-amount', '69000');
  await expect(page.getByTestId('quote-item-discounts')).toHaveAttribute('data-amount', '-3600');
  await expect(page.getByTestId('quote-sale-discount')).toContainText('Diskon Member');
  await expect(page.getByTestId('quote-service')).toHaveAttribute('data-amount', '3020');
  await expect(page.getByTestId('quote-service')).toContainText('Layanan 5%');
  await expect(page.getByTestId('quote-tax-standard')).toHaveAttribute('data-amount', '6342');
  await expect(page.getByTestId('quote-tax-standard')).toContainText('PB1 10%');
  await expect(page.getByTestId('cart-total')).toHaveAttribute('data-amount', String(TOTAL));
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 69.762');
}

/** The money block of the receipt, as printed. */
function expectReceiptMoney(lines: string[]): void {
  expect(hasRow(lines, 'Es Kopi Susu', '')).toBe(true);
  expect(hasRow(lines, '2 x Rp 18.000', 'Rp 36.000')).toBe(true);
  expect(hasRow(lines, 'Diskon Promo 10%', '-Rp 3.600')).toBe(true);
  expect(hasRow(lines, 'Nasi Goreng', 'Rp 28.000')).toBe(true);
  expect(hasRow(lines, 'Air Mineral', 'Rp 5.000')).toBe(true);
  expect(hasRow(lines, 'Subtotal', 'Rp 69.000')).toBe(true);
  expect(hasRow(lines, 'Diskon Member', '-Rp 5.000')).toBe(true);
  expect(hasRow(lines, 'Layanan 5%', 'Rp 3.020')).toBe(true);
  expect(hasRow(lines, 'PB1 10%', 'Rp 6.342')).toBe(true);
  expect(hasRow(lines, 'TOTAL', 'Rp 69.762')).toBe(true);
}

test.describe('a sale with discounts, PB1, service and cash rounding', () => {
  test('paid by QRIS: screen, receipt and the emulator’s item_details agree to the rupiah, with no rounding', async ({ kasir }) => {
    const { page, simulator } = kasir;
    // A cashier rings it up; each discount is the owner's to approve (threshold 0%).
    await createOwner(page);
    await addCashier(page);
    await switchTo(page, CASHIER);
    await priceBasket(page, true);
    await expectQuote(page);
    await page.getByTestId('method-qris').click();
    // QRIS is charged to the rupiah: no cash rounding on screen for it.
    await expect(page.getByTestId('quote-rounding')).toHaveCount(0);
    await expect(page.getByTestId('charge')).toHaveText('Tagih Rp 69.762');
    await shots(page, 'sale-priced-1-quote');
    const saleId = (await page.getByTestId('cart').getAttribute('data-sale-id')) ?? '';

    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
    await expect(page.getByTestId('payment-amount')).toHaveAttribute('data-amount', String(TOTAL));
    await simulator.pay({ qr_string: (await page.getByTestId('qr-string').textContent()) ?? '' });
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-sale-status', 'paid');
    const lines = await receiptLines(page);
    expectReceiptMoney(lines);
    expect(hasRow(lines, 'QRIS', 'Rp 69.762')).toBe(true);
    expect(lines.some((l) => l.includes('Pembulatan'))).toBe(false);
    await shots(page, 'sale-priced-2-qris-receipt');

    // What Midtrans saw: the lines, the negative discounts, service and tax, summing to gross_amount.
    const [charge, ...more] = await simulator.chargesOfSale(saleId);
    expect(more).toEqual([]);
    expect(charge?.grossAmount).toBe(TOTAL);
    expect(charge?.item_details.map((i) => [i.id, i.price, i.quantity])).toEqual([
      ['KOPI-SUSU', 18_000, 2],
      ['NASI-GORENG', 28_000, 1],
      ['AIR-MINERAL', 5_000, 1],
      [expect.stringMatching(/^DISC-/), -3_600, 1],
      ['DISC-SALE-1', -5_000, 1],
      ['SERVICE', 3_020, 1],
      ['TAX', 6_342, 1],
    ]);
    expect(charge?.item_details.reduce((s, i) => s + (i.price ?? 0) * (i.quantity ?? 0), 0)).toBe(TOTAL);
  });

  test('paid in cash: the total rounded down to Rp 500, the quick notes, the change, and the rounding on the receipt', async ({ kasir }) => {
    const { page } = kasir;
    await createOwner(page); // the owner's own discounts need no PIN
    await priceBasket(page, false);
    await expectQuote(page);
    await page.getByTestId('method-cash').click();
    await expect(page.getByTestId('quote-rounding')).toHaveAttribute('data-amount', '-262');
    await expect(page.getByTestId('quote-cash-due')).toHaveAttribute('data-amount', '69500');
    await expect(page.getByTestId('charge')).toHaveText('Tagih Rp 69.500');
    await shots(page, 'sale-priced-3-cash-quote');

    await page.getByTestId('charge').click();
    await expect(page.getByTestId('cash-due')).toHaveAttribute('data-amount', '69500');
    await expect(page.getByTestId('cash-rounding')).toHaveAttribute('data-amount', '-262');
    const notes = await page.getByTestId('cash-tender').locator('[data-testid^="cash-note-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-amount'))));
    expect(notes).toEqual([69_500, 70_000, 80_000, 100_000]);
    await page.getByTestId('cash-note-100000').click();
    await expect(page.getByTestId('cash-change')).toHaveAttribute('data-amount', '30500');
    await shots(page, 'sale-priced-4-cash-panel');
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-sale-status', 'paid');
    await expect(page.getByTestId('payment-amount')).toHaveText('Rp 69.762');
    await expect(page.getByTestId('sale-rounded')).toHaveText('Dibayar tunai Rp 69.500 (pembulatan -Rp 262)');
    await expect(page.getByTestId('sale-change')).toHaveText('Kembali Rp 30.500');
    const lines = await receiptLines(page);
    expectReceiptMoney(lines);
    expect(hasRow(lines, 'Pembulatan', '-Rp 262')).toBe(true);
    expect(hasRow(lines, 'Total bayar', 'Rp 69.500')).toBe(true);
    expect(hasRow(lines, 'Tunai', 'Rp 100.000')).toBe(true);
    expect(hasRow(lines, 'Kembali', 'Rp 30.500')).toBe(true);
    await shots(page, 'sale-priced-5-cash-receipt');

    // Main recorded the same: the tender covers the total, takes the rounded amount, and gave the change.
    const saleId = (await page.getByTestId('order-id').textContent()) ?? '';
    const view = await page.evaluate((id) => window.kasir.invoke('sales.get', { saleId: id }), saleId);
    if (!view.ok) throw new Error(view.message);
    expect(view.value).toMatchObject({ status: 'paid', total: TOTAL, rounding: -262, change: 30_500 });
    expect(view.value.tenders[0]).toMatchObject({ method: 'cash', applied: TOTAL, amount: 69_500, rounding: -262, received: 100_000, change: 30_500 });
  });
});
