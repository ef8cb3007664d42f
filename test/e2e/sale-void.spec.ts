/**
 * Voiding a sale before the goods are handed over (issue 10): a cashier has
 * taken part of it in cash; the void needs a reason and the owner's PIN, and
 * the till says how much cash goes back to the customer (recorded as a
 * drawer movement, not a payment status).
 */
import { expect, test } from './fixtures';
import { addCashier, approve, CASHIER, createOwner, shots, switchTo } from './staff-helpers';

test('a part-paid sale is voided with a reason and the owner’s PIN; the cash goes back from the drawer', async ({ kasir }) => {
  const { page } = kasir;
  await createOwner(page);
  await addCashier(page);
  await switchTo(page, CASHIER);
  await page.getByTestId('product-MIE-AYAM').click();
  await page.getByTestId('method-cash').click();
  await page.getByTestId('charge').click();
  await page.getByTestId('cash-received').fill('10.000');
  await page.getByTestId('cash-received').press('Enter');
  await expect(page.getByTestId('tender-progress')).toHaveAttribute('data-remaining', '12000');
  const saleId = (await page.getByTestId('cart').getAttribute('data-sale-id')) ?? '';

  // A reason is required before anything is sent.
  await page.getByTestId('void-open').click();
  await page.getByTestId('void-confirm').click();
  await expect(page.getByTestId('void-reason-error')).toBeVisible();
  await page.getByTestId('void-reason').fill('Pelanggan batal');
  await shots(page, 'sale-void-1-reason');
  await page.getByTestId('void-reason').press('Enter');
  // A void is the owner's.
  await expect(page.getByTestId('approval')).toBeVisible();
  await approve(page);

  const voided = page.getByTestId('sale-voided');
  await expect(voided).toHaveAttribute('data-sale-status', 'voided');
  await expect(page.getByTestId('void-cash-back')).toHaveText('Kembalikan Rp 10.000 tunai ke pelanggan.');
  await expect(page.getByTestId('void-reason-shown')).toHaveText('Alasan: Pelanggan batal');
  await shots(page, 'sale-void-2-voided');

  const view = await page.evaluate((id) => window.kasir.invoke('sales.get', { saleId: id }), saleId);
  if (!view.ok) throw new Error(view.message);
  expect(view.value).toMatchObject({ status: 'voided', receiptNo: null, voidReason: 'Pelanggan batal' });
  expect(view.value.drawerMovements).toEqual([expect.objectContaining({ kind: 'void_return', amount: 10_000, reason: 'Pelanggan batal' })]);
  // The cash payment itself stays paid: the money went back from the drawer, not through a status change.
  expect(view.value.tenders[0]?.payment.status).toBe('settlement');

  // Enter: the next sale, empty.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('product-grid')).toBeVisible();
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 0');
});
