/**
 * Never locked (issue 11): an open tender never blocks the till. Midtrans
 * unreachable while a QR is shown → the customer pays cash in two actions,
 * the header and the method buttons say offline, and the abandoned QR ends
 * cancelled at the emulator once Midtrans is back; a charge that hangs →
 * "Berhenti menunggu" after 5 s → cash, never charged twice; QR → cash
 * keeping the sale, the QR cancelled at the emulator ("membatalkan…" while
 * the cancel is on its way); a left QR the customer paid anyway → the
 * owner's dialog → refunded.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { SimulatorClient } from './simulator-client';
import { createOwner, shots } from './staff-helpers';

/** Every Midtrans API call (Core API and SNAP-BI, tokens included) gets a TCP reset: Midtrans is unreachable. */
const UNREACHABLE = { match: {}, action: 'reset' } as const;

/** Rings up Nasi Goreng + Es Teh Manis (Rp 36.000) and charges QRIS; resolves with the sale id once the QR is up. */
async function qrisOnScreen(page: Page): Promise<string> {
  await page.getByTestId('product-NASI-GORENG').click();
  await page.getByTestId('product-TEH-MANIS').click();
  await expect(page.getByTestId('cart-total')).toHaveAttribute('data-amount', '36000');
  await page.getByTestId('method-qris').click();
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('qr-image')).toBeVisible();
  return (await page.getByTestId('order-id').textContent()) ?? '';
}

/** The emulator's QRIS charges for a sale (one per QRIS tender), oldest first. */
async function qrisCharges(simulator: SimulatorClient, saleId: string) {
  return (await simulator.chargesOfSale(saleId)).filter((c) => c.paymentType.toLowerCase().includes('qris'));
}

test.describe('the till is never locked', () => {
  test('Midtrans unreachable while a QR is shown: cash in two actions; offline shown; the QR cancelled once Midtrans is back', async ({ kasir }) => {
    test.setTimeout(240_000);
    const { page, simulator } = kasir;
    const saleId = await qrisOnScreen(page);
    await shots(page, 'counter-unblock-1-qr');

    await simulator.post('/api/faults', UNREACHABLE);
    try {
      // Action 1: "Bayar tunai" — the QR is left, the same sale opens the cash panel.
      await page.getByTestId('pay-cash-instead').click();
      await expect(page.getByTestId('cash-tender')).toBeVisible();
      await expect(page.getByTestId('cash-received')).toBeFocused();
      await expect(page.getByTestId('cash-due')).toHaveAttribute('data-amount', '36000');
      await expect(page.getByTestId('cart')).toHaveAttribute('data-sale-id', saleId);
      await shots(page, 'counter-unblock-2-cash-panel');
      // Action 2: Enter — exact cash, paid.
      await page.getByTestId('cash-received').press('Enter');
      const screen = page.getByTestId('payment-screen');
      await expect(screen).toHaveAttribute('data-sale-status', 'paid');
      await expect(page.getByTestId('payment-status')).toHaveText('Lunas');
      await expect(page.getByTestId('sale-methods')).toHaveText('Tunai');
      await expect(page.getByTestId('order-id')).toHaveText(saleId);

      // The background cancel cannot reach Midtrans: the header says so, electronic methods wait, cash works.
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
      await expect(page.getByTestId('connection')).toContainText('Midtrans tidak tersambung');
      await page.getByTestId('new-sale').click();
      await page.getByTestId('product-KOPI-SUSU').click();
      await expect(page.getByTestId('method-qris')).toBeDisabled();
      await expect(page.getByTestId('method-qris')).toHaveAttribute('data-blocked', 'offline');
      await expect(page.getByTestId('method-qris-blocked')).toHaveText('Tidak tersambung');
      await expect(page.getByTestId('method-va_bni')).toHaveAttribute('data-blocked', 'offline');
      await expect(page.getByTestId('method-cash')).toBeEnabled();
      await expect(page.getByTestId('charge')).toHaveAttribute('data-method', 'cash');
      await shots(page, 'counter-unblock-3-offline');
      // The QR is still pending at the emulator: nobody could cancel it yet.
      expect((await qrisCharges(simulator, saleId)).map((c) => c.status)).toEqual(['pending']);
    } finally {
      await simulator.del('/api/faults');
    }

    // Midtrans is back: the queued cancel goes through and the header turns green.
    await expect.poll(async () => (await qrisCharges(simulator, saleId)).map((c) => c.status), { timeout: 180_000, intervals: [1_000] }).toEqual(['cancel']);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await expect(page.getByTestId('method-qris')).toBeEnabled();
    await shots(page, 'counter-unblock-4-back-online');
  });

  test('a charge that hangs: "Berhenti menunggu" after 5 s, then cash; charged once at most', async ({ kasir }) => {
    test.setTimeout(120_000);
    const { page, simulator } = kasir;
    await page.getByTestId('product-MIE-AYAM').click();
    await expect(page.getByTestId('cart-total')).toHaveAttribute('data-amount', '22000');
    const saleId = (await page.getByTestId('cart').getAttribute('data-sale-id')) ?? '';
    // The QRIS charge never answers (the socket drops after 20 s).
    await simulator.post('/api/faults', { match: { method: 'POST', path: '/(qr-mpm-generate|v2\\/charge)/' }, action: 'hang', ms: 20_000, times: 1 });
    try {
      await page.getByTestId('method-qris').click();
      await page.getByTestId('charge').click();
      // The tender is written before the network call: the till shows it being created, with the ways out.
      await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'creating');
      await expect(page.getByTestId('payment-status')).toHaveText('Membuat tagihan…');
      await expect(page.getByTestId('pay-cash-instead')).toBeEnabled();
      await expect(page.getByTestId('stop-waiting')).toHaveCount(0);
      // No answer after 5 s: "Berhenti menunggu".
      await expect(page.getByTestId('stop-waiting')).toBeVisible({ timeout: 10_000 });
      await expect(page.getByTestId('slow-charge')).toContainText('Midtrans belum menjawab');
      await shots(page, 'counter-unblock-5-hanging');
      await page.getByTestId('stop-waiting').click();
      await expect(page.getByTestId('stop-waiting')).toHaveCount(0);
      await expect(page.getByTestId('cart')).toBeVisible();
      // The sale is kept and free again: cash takes it.
      await expect(page.getByTestId('line-MIE-AYAM')).toBeVisible();
      await page.getByTestId('method-cash').click();
      await page.getByTestId('charge').click();
      await page.getByTestId('cash-received').press('Enter');
      await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-sale-status', 'paid');
      await expect(page.getByTestId('sale-methods')).toHaveText('Tunai');
      await expect(page.getByTestId('order-id')).toHaveText(saleId);
      await shots(page, 'counter-unblock-6-cash-after-hang');
    } finally {
      await simulator.del('/api/faults');
    }
    // Never charged twice, never paid: at most the one charge, and not settled.
    const charges = await simulator.chargesOfSale(saleId);
    expect(charges.length).toBeLessThanOrEqual(1);
    expect(charges.filter((c) => c.status === 'settlement')).toHaveLength(0);
  });

  test('QR → cash keeping the sale: "membatalkan…" while the cancel is on its way, then the QR is cancelled at the emulator', async ({ kasir }) => {
    const { page, simulator } = kasir;
    const saleId = await qrisOnScreen(page);
    // The cancel is slow (3 s): the till does not wait for it.
    await simulator.post('/api/faults', { match: { path: 'cancel' }, action: 'latency', ms: 3_000, times: 1 });
    try {
      await page.getByTestId('switch-method').click();
      await expect(page.getByTestId('cart')).toHaveAttribute('data-sale-id', saleId);
      await expect(page.getByTestId('line-NASI-GORENG')).toBeVisible();
      await expect(page.getByTestId('tender-cancelling-1')).toHaveText('membatalkan…');
      await shots(page, 'counter-unblock-7-cancelling');
      await page.getByTestId('method-cash').click();
      await expect(page.getByTestId('charge')).toHaveText('Tagih Rp 36.000');
      await page.getByTestId('charge').click();
      await page.getByTestId('cash-received').press('Enter');
      await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-sale-status', 'paid');
      await expect(page.getByTestId('sale-methods')).toHaveText('Tunai');
    } finally {
      await simulator.del('/api/faults');
    }
    await expect.poll(async () => (await qrisCharges(simulator, saleId)).map((c) => c.status), { timeout: 20_000 }).toEqual(['cancel']);
    await shots(page, 'counter-unblock-8-cash-paid');
  });

  test('a left QR the customer paid anyway: the owner is asked, and refunds it', async ({ kasir }) => {
    test.setTimeout(120_000);
    const { page, simulator } = kasir;
    await createOwner(page); // the owner's decision, on the owner's session
    const saleId = await qrisOnScreen(page);
    const qr = (await page.getByTestId('qr-string').textContent()) ?? '';
    // The cancel cannot get through, so the QR stays payable.
    await simulator.post('/api/faults', { match: { path: 'cancel' }, action: 'reset' });
    try {
      await page.getByTestId('pay-cash-instead').click();
      await page.getByTestId('cash-received').press('Enter');
      await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-sale-status', 'paid');
      // The customer scans the old QR after all.
      await simulator.pay({ qr_string: qr });
      const dialog = page.getByTestId('late-payments');
      await expect(dialog).toBeVisible({ timeout: 30_000 });
      await expect(dialog).toContainText('Pembayaran masuk setelah ditinggalkan');
      await expect(dialog).toContainText('QRIS Rp 36.000');
      await shots(page, 'counter-unblock-9-late-paid');
      await dialog.getByTestId('late-refund').click();
      await expect(dialog).toHaveCount(0);
    } finally {
      await simulator.del('/api/faults');
    }
    const late = await page.evaluate(() => window.kasir.invoke('sales.latePayments', {}));
    expect(late.ok && late.value).toEqual([]);
    await expect.poll(async () => (await qrisCharges(simulator, saleId)).map((c) => c.status), { timeout: 30_000 }).toEqual(['refund']);
  });
});
