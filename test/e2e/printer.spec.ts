/**
 * Thermal receipts end to end: the test runs a raw-TCP "printer" on
 * 127.0.0.1, launches the app with settings.json pointing at it, sells a cash
 * sale and prints; the bytes the printer received must be the receipt.
 */
import { startCapturePrinter, type CapturePrinter } from '../fixtures/printer-capture';
import { expect, test as base } from './fixtures';

const test = base.extend<{ printer: CapturePrinter }>({
  printer: async ({}, use) => {
    const printer = await startCapturePrinter();
    try {
      await use(printer);
    } finally {
      await printer.close();
    }
  },
  // settings.json for this app: the capture printer, whose port is only known once it listens.
  kasirSettings: async ({ printer }, use) => {
    await use({ printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port, columns: 32 } });
  },
});

test.describe('the thermal receipt printer', () => {
  test('a cash sale prints on the receipt printer: the bytes carry the order id and total', async ({ kasir, printer }) => {
    const { page } = kasir;
    const info = await page.evaluate(() => window.kasir.invoke('app.info'));
    expect(info).toMatchObject({ ok: true, value: { printer: 'tcp' } });
    // app.info names the kind of printer only, never where it is.
    expect(JSON.stringify(info)).not.toContain(String(printer.port));

    await page.getByTestId('product-KOPI-SUSU').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await page.getByTestId('method-select').selectOption('cash');
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
    expect(orderId).not.toBe('');

    // The window.print receipt stays; the thermal button sits next to it.
    await expect(page.getByTestId('print-receipt')).toBeVisible();
    await expect(page.getByTestId('thermal-print')).toHaveText('Cetak ke printer struk');
    await page.getByTestId('thermal-print').click();
    await expect(page.getByTestId('thermal-print-done')).toBeVisible();

    const job = await printer.nextJob();
    expect([...job.subarray(0, 2)]).toEqual([0x1b, 0x40]); // ESC @
    const text = job.toString('latin1');
    expect(text).toContain(orderId);
    expect(text).toContain('Rp 26.000');
    expect(text).toContain('LUNAS');
    expect(text).toContain('\u001dV'); // GS V: cut
    expect(printer.jobs).toHaveLength(1);
  });

  test('a printer that went offline shows a translated, specific error', async ({ kasir, printer }) => {
    const { page } = kasir;
    await page.getByTestId('product-KOPI-SUSU').click();
    await page.getByTestId('method-select').selectOption('cash');
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    await printer.close();
    await page.getByTestId('thermal-print').click();
    const error = page.getByTestId('thermal-print-error');
    await expect(error).toHaveAttribute('data-code', 'PRINTER_UNAVAILABLE');
    await expect(error.getByTestId('thermal-print-error-headline')).toHaveText(
      'Printer struk tidak bisa dipakai. Periksa daya, kertas dan sambungannya.',
    );
    await expect(error).toContainText('offline');
  });
});

base.describe('without a printer', () => {
  base('no thermal button is offered, and the call says why', async ({ kasir }) => {
    const { page } = kasir;
    await page.getByTestId('product-KOPI-SUSU').click();
    await page.getByTestId('method-select').selectOption('cash');
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId('print-receipt')).toBeVisible();
    await expect(page.getByTestId('thermal-print')).toHaveCount(0);
    const res = await page.evaluate(async () => {
      const list = await window.kasir.invoke('payments.list', { limit: 1 });
      if (!list.ok || !list.value[0]) throw new Error('no payment');
      return window.kasir.invoke('receipts.print', { id: list.value[0].id, language: 'en' });
    });
    expect(res).toMatchObject({ ok: false, code: 'PRINTER_UNAVAILABLE' });
  });
});
