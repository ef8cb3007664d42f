/**
 * The customer-facing display (issue 11, deliverable 8): a second page/window
 * that shows the till's sale — lines, total, the QR of the open tender, then
 * "Lunas — terima kasih" — and the demo-money banner in emulator mode. It
 * has no invoke at all: nothing on the page can call Kasir, and a call forged
 * with the display as its caller is refused by main (FORBIDDEN).
 */
import { expect, test } from './fixtures';
import { chooseMethod, openQrString } from './counter-helpers';
import { shots } from './staff-helpers';

test.describe('the customer display', () => {
  test('shows the lines and total, the QR while QRIS is open, then Lunas; demo money is marked', async ({ kasir }) => {
    const { page } = kasir;
    const display = await kasir.openDisplay();
    const screen = display.getByTestId('display');
    await expect(screen).toHaveAttribute('data-screen', 'welcome');
    await expect(display.getByTestId('display-demo')).toHaveText('DEMO — bukan uang sungguhan');
    await expect(page.getByTestId('demo-banner')).toHaveText('DEMO — bukan uang sungguhan');
    await shots(display, 'display-1-welcome');

    await page.getByTestId('product-NASI-GORENG').click();
    await page.getByTestId('product-TEH-MANIS').click();
    const total = (await page.getByTestId('cart-total').textContent()) ?? '';
    expect(total).toMatch(/^Rp /);
    await expect(screen).toHaveAttribute('data-screen', 'sale');
    await expect(display.getByTestId('display-line')).toHaveCount(2);
    await expect(display.getByTestId('display-total')).toHaveText(total);
    await shots(display, 'display-2-lines');

    await chooseMethod(page, 'qris');
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
    await expect(display.getByTestId('display-pay')).toHaveAttribute('data-kind', 'qr');
    await expect(display.getByTestId('display-qr')).toBeVisible();
    await expect(display.getByTestId('display-amount')).toHaveText(total);
    await shots(display, 'display-3-qr');
    await shots(page, 'display-3-till-qr');

    await kasir.simulator.pay({ qr_string: await openQrString(page) });
    await expect(screen).toHaveAttribute('data-screen', 'paid');
    await expect(display.getByTestId('display-paid')).toContainText('Lunas — terima kasih');
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    await shots(display, 'display-4-paid');

    // The next customer: the till's new, empty sale clears the display.
    await page.getByTestId('new-sale').click();
    await expect(screen).toHaveAttribute('data-screen', 'welcome');
    await shots(display, 'display-5-next');
  });

  test('has no invoke; a call forged as the display is FORBIDDEN by main', async ({ kasir }) => {
    const display = await kasir.openDisplay();
    await expect(display.getByTestId('display')).toBeVisible();
    const bridge = await display.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const kasir = w.kasir as { invoke?: unknown } | undefined;
      return {
        kasir: typeof w.kasir,
        invoke: typeof kasir?.invoke,
        binding: typeof w.__kasirInvoke,
        display: Object.keys((w.kasirDisplay as object | undefined) ?? {}),
      };
    });
    expect(bridge).toEqual({ kasir: 'undefined', invoke: 'undefined', binding: 'undefined', display: ['onDisplay'] });
    // Calling it anyway throws in the page: there is nothing to call.
    const thrown = await display.evaluate(async () => {
      try {
        await (window as unknown as { kasir: { invoke(c: string): Promise<unknown> } }).kasir.invoke('sales.current');
        return 'answered';
      } catch (e) {
        return e instanceof TypeError ? 'TypeError' : String(e);
      }
    });
    expect(thrown).toBe('TypeError');
    await shots(display, 'display-6-no-invoke');

    // Defence in depth (browser shell): the same call, forged with the display as its caller, is refused by main.
    if (kasir.forgeInvoke) {
      expect(await kasir.forgeInvoke(display, 'sales.current', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await kasir.forgeInvoke(display, 'sales.setLines', { saleId: 'x', lines: [] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      // The till's page, through the same hook, is answered: the refusal is about the display.
      expect(await kasir.forgeInvoke(kasir.page, 'app.info', {})).toMatchObject({ ok: true });
    }
  });
});
