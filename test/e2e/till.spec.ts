import { expect, test } from './fixtures';
import { takeCash } from './sales';

test.describe('the till', () => {
  test('opens on the till, answers a contract call and pushes an event', async ({ kasir }) => {
    const { page } = kasir;
    await expect(page.getByTestId('till-main')).toBeVisible();
    await expect(page.getByTestId('product-grid').getByRole('button')).not.toHaveCount(0);
    await expect(page.getByTestId('gateway-badge')).toContainText('Emulator');

    const info = await page.evaluate(() => window.kasir.invoke('app.info'));
    expect(info).toMatchObject({ ok: true, value: { gateway: 'emulator', zone: 'Asia/Jakarta' } });

    // Listen for the pushed event before causing it.
    await page.evaluate(() => {
      const w = window as unknown as { seen: unknown[] };
      w.seen = [];
      window.kasir.on('payment.updated', (p) => w.seen.push(p));
    });
    await page.getByTestId('product-KOPI-SUSU').click();
    await takeCash(page);
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId('payment-status')).not.toBeEmpty();
    const seen = await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen);
    expect(seen).toEqual([expect.objectContaining({ source: 'manual', payment: expect.objectContaining({ status: 'settlement', amount: 18_000 }) })]);
  });

  test('a malformed call gets a typed error, not a crash', async ({ kasir }) => {
    const res = await kasir.page.evaluate(() =>
      (window.kasir.invoke as (c: string, i: unknown) => Promise<unknown>)('payments.create', { items: [], method: 'qris' }),
    );
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const unknown = await kasir.page.evaluate(() => (window.kasir.invoke as (c: string) => Promise<unknown>)('fs.readFile'));
    expect(unknown).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
  });

  test('the renderer has no Node, no ipcRenderer and no network', async ({ kasir }) => {
    const surface = await kasir.page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      let fetchBlocked = false;
      try {
        await fetch('https://api.midtrans.com/v2/x/status');
      } catch {
        fetchBlocked = true;
      }
      return {
        keys: Object.keys(window.kasir).sort(),
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
        fetchBlocked,
      };
    });
    expect(surface).toEqual({ keys: ['invoke', 'on'], require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', fetchBlocked: true });
  });

  test('a QRIS sale flips to Paid when the customer pays', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await page.getByTestId('product-NASI-GORENG').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await expect(page.getByTestId('cart-total')).toHaveText('Rp 44.000');
    await page.getByTestId('method-qris').click();
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'pending');
    await expect(page.getByTestId('qr-image')).toBeVisible();
    const qr = await page.getByTestId('qr-string').textContent();
    expect(qr).toBeTruthy();
    await simulator.pay({ qr_string: qr ?? '' });
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'settlement');
    // Paid news came from Midtrans (notification or status check), not from the cashier.
    await expect(page.getByTestId('confirmed-by')).toHaveAttribute('data-source', /^(webhook|poll)$/);
  });

  test('a virtual-account sale shows the VA number and can be cancelled', async ({ kasir }) => {
    const { page } = kasir;
    await page.getByTestId('product-MATCHA').click();
    await page.getByTestId('method-va_bni').click();
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('va-number')).toHaveText(/^\d{8,20}$/);
    await page.getByTestId('cancel-payment').click();
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'cancel');
  });

  test('the owner sees the day’s takings', async ({ kasir }) => {
    const { page } = kasir;
    for (const sku of ['KOPI-HITAM', 'ROTI-BAKAR']) {
      await page.getByTestId(`product-${sku}`).click();
      await takeCash(page);
      await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'settlement');
      await page.getByTestId('new-sale').click();
    }
    await page.getByTestId('tab-today').click();
    await expect(page.getByTestId('report-paid-count')).toHaveText('2');
    await expect(page.getByTestId('report-paid-total')).toHaveText('Rp 27.000');
  });
});
