/**
 * Truth at the counter (issue 11): a charge whose reply was lost still shows
 * its QR (the identical request is sent again with the same idempotency key /
 * X-EXTERNAL-ID and Midtrans answers with the original charge — one charge at
 * Midtrans, no guessing by the cashier),
 * and a payment the customer made while the till was closed is announced at
 * the next start, not only listed.
 */
import { join } from 'node:path';
import { startEmulator } from '../../emulator/src/index';
import { expect, test } from './fixtures';
import { openQrString } from './counter-helpers';
import { simulatorClient } from './simulator-client';
import { shots } from './staff-helpers';

/** The QRIS create of either API (SNAP-BI by default, Core API when routed there). */
const QRIS_CREATE = '/(qr-mpm-generate|v2\\/charge)/';

test('a lost charge reply: the QR appears without the cashier guessing, and Midtrans holds one charge', async ({ kasir }) => {
  const { page, simulator } = kasir;
  await page.getByTestId('product-NASI-GORENG').click();
  await expect(page.getByTestId('cart-total')).toHaveAttribute('data-amount', '28000');
  const saleId = (await page.getByTestId('cart').getAttribute('data-sale-id')) ?? '';
  // Midtrans makes the charge, then the answer is lost on the way back (once).
  await simulator.post('/api/faults', { match: { path: QRIS_CREATE }, action: 'reset', when: 'after', times: 1 });
  await page.getByTestId('method-qris').click();
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('qr-image')).toBeVisible();
  await shots(page, 'counter-truth-1-lost-reply-qr');
  const qr = await openQrString(page);
  expect((await simulator.chargesOfSale(saleId)).length).toBe(1);

  await simulator.pay({ qr_string: qr });
  await expect(page.getByTestId('payment-status')).toHaveText('Lunas');
  expect((await simulator.chargesOfSale(saleId)).length).toBe(1);
  await shots(page, 'counter-truth-2-lost-reply-paid');
});

test('a payment settled while the till was down is announced at the next start', async ({ kasir }) => {
  let page = kasir.page;
  await page.getByTestId('product-MATCHA').click();
  await page.getByTestId('method-qris').click();
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('qr-image')).toBeVisible();
  const qr = await openQrString(page);
  await shots(page, 'counter-truth-3-qr-before-close');

  page = await kasir.restart(async (dataDir) => {
    // The till is closed; the customer pays the QR anyway (the emulator alone, on the till's emulator state).
    const emu = await startEmulator({ stateDir: join(dataDir, 'emulator') });
    try {
      await simulatorClient(emu.urls.simulatorUrl, emu.caCertPath).pay({ qr_string: qr });
    } finally {
      await emu.close();
    }
  });
  const notice = page.locator('[data-testid="app-notice"][data-code="payments_changed_while_down"]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('1 pembayaran berubah: 1 lunas');
  await shots(page, 'counter-truth-4-announced');
  // The sale it belonged to is paid with its receipt number; the till is free for the next customer.
  await expect.poll(() => page.evaluate(() => window.kasir.invoke('sales.current'))).toMatchObject({ ok: true, value: null });
  const list = await page.evaluate(() => window.kasir.invoke('sales.list'));
  expect(list).toMatchObject({ ok: true, value: [{ status: 'paid', receiptNo: 'K1-000001', methods: ['qris'] }] });
  await expect(page.getByTestId('cart')).toBeVisible();
});
