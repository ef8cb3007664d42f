/**
 * Thermal receipts end to end: the test runs a raw-TCP "printer" on
 * 127.0.0.1, launches the app with settings.json pointing at it, sells a cash
 * sale and prints; the bytes the printer received must be the receipt.
 */
import { startCapturePrinter, type CapturePrinter } from '../fixtures/printer-capture';
import { expect, test as base } from './fixtures';
import { takeCash } from './sales';

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
  test('a cash sale prints on the receipt printer: the bytes carry the receipt number and total', async ({ kasir, printer }) => {
    const { page } = kasir;
    const info = await page.evaluate(() => window.kasir.invoke('app.info'));
    expect(info).toMatchObject({ ok: true, value: { printer: 'tcp' } });
    // app.info names the kind of printer only, never where it is.
    expect(JSON.stringify(info)).not.toContain(String(printer.port));

    await page.getByTestId('product-KOPI-SUSU').click();
    await page.getByTestId('product-TEH-MANIS').click();
    await takeCash(page);
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
    expect(orderId).not.toBe('');
    // A sale's paper receipt names it by its receipt number (drawn when it was paid).
    const receiptNo = (await page.getByTestId('receipt').getAttribute('data-receipt-no')) ?? '';
    expect(receiptNo).toMatch(/^K1-\d{6}$/);

    // The window.print receipt stays; the thermal button sits next to it.
    await expect(page.getByTestId('print-receipt')).toBeVisible();
    await expect(page.getByTestId('thermal-print')).toHaveText('Cetak ke printer struk');
    await page.getByTestId('thermal-print').click();
    await expect(page.getByTestId('thermal-print-done')).toBeVisible();

    // The cash tender kicked the drawer first: one pulse (ESC p), no text and no cut.
    const kick = await printer.nextJob();
    expect(kick.includes(Buffer.from([0x1b, 0x70]))).toBe(true);
    expect(kick.includes(Buffer.from('\u001dV', 'latin1'))).toBe(false);
    const job = await printer.nextJob();
    expect([...job.subarray(0, 2)]).toEqual([0x1b, 0x40]); // ESC @
    const text = job.toString('latin1');
    expect(text).toContain(receiptNo);
    expect(text).toContain('Rp 26.000');
    expect(text).toContain('Tunai');
    expect(text).not.toContain('BELUM LUNAS');
    expect(text).toContain('\u001dV'); // GS V: cut
    expect(printer.jobs).toHaveLength(2); // the drawer kick, then the receipt
  });

  test('a reprint from Payments is marked as a copy on paper', async ({ kasir, printer }) => {
    const { page } = kasir;
    await page.getByTestId('product-KOPI-SUSU').click();
    await takeCash(page);
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
    const saleId = (await page.getByTestId('order-id').textContent()) ?? '';
    await page.getByTestId('thermal-print').click();
    await expect(page.getByTestId('thermal-print-done')).toHaveAttribute('data-copy', 'false');
    await page.getByTestId('new-sale').click();

    await page.getByTestId('tab-history').click();
    await page.getByTestId(`history-open-${saleId}`).click();
    await page.getByTestId('history-thermal-print').click();
    await expect(page.getByTestId('history-thermal-print-done')).toHaveAttribute('data-copy', 'true');
    // The drawer kick, the receipt, then the copy.
    await expect.poll(() => printer.jobs.length).toBe(3);
    const [, first, reprint] = printer.jobs.map((j) => j.toString('latin1'));
    expect(first).not.toContain('SALINAN');
    expect(reprint).toContain('SALINAN');
    expect(reprint).toContain('Rp 18.000');
  });

  test('a printer that went offline shows a translated, specific error', async ({ kasir, printer }) => {
    const { page } = kasir;
    await page.getByTestId('product-KOPI-SUSU').click();
    await takeCash(page);
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
    await takeCash(page);
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
