/**
 * Truth after a restart (issue 11, deliverable 7; the fixture's `kasir.restart()`):
 * the till is closed while a QRIS tender is pending and launched again on the
 * same data dir — the sale comes back on the till with its tender and its QR,
 * and the customer can still pay it.
 */
import { expect, test } from './fixtures';
import { chooseMethod, openQrString } from './counter-helpers';
import { shots } from './staff-helpers';

test('restart mid-payment: the till shows the sale with its pending QRIS tender, which still pays', async ({ kasir }) => {
  let page = kasir.page;
  await page.getByTestId('product-NASI-GORENG').click();
  await page.getByTestId('product-TEH-MANIS').click();
  const saleId = await page.getByTestId('cart').getAttribute('data-sale-id');
  expect(saleId).toBeTruthy();
  const total = (await page.getByTestId('cart-total').textContent()) ?? '';
  await chooseMethod(page, 'qris');
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
  const qr = await openQrString(page);
  await shots(page, 'restart-1-pending');

  page = await kasir.restart();
  expect(kasir.page).toBe(page);
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('qr-image')).toBeVisible();
  await expect(page.getByTestId('payment-amount')).toHaveText(total);
  // The same sale and the same charge: nothing was charged again.
  expect(await openQrString(page)).toBe(qr);
  const current = await page.evaluate(() => window.kasir.invoke('sales.current'));
  expect(current).toMatchObject({ ok: true, value: { id: saleId, status: 'open' } });
  await shots(page, 'restart-2-back-on-till');

  await kasir.simulator.pay({ qr_string: qr });
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
  expect((await kasir.simulator.chargesOfSale(saleId ?? '')).length).toBe(1);
  await shots(page, 'restart-3-paid');
});
