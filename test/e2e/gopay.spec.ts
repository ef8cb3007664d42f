/**
 * GoPay at a counter (issue 11, deliverable 5): a QR the customer scans
 * (Core API's `qr_string`, drawn by the till), never a redirect URL — no
 * text on the till or the customer display contains one — and paid by
 * scanning it (the emulator's simulator), the till and the display say Lunas.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { chooseMethod, openTenderAction } from './counter-helpers';
import { shots } from './staff-helpers';

/** Every text node and attribute value on the page (hidden ones too), so a URL cannot hide anywhere. */
const allText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const parts: string[] = [document.documentElement.textContent ?? ''];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) if (attr.name !== 'src') parts.push(attr.value);
    }
    return parts.join('\n');
  });

test('GoPay is paid by QR: the QR is on the till and the display, no URL anywhere, then Lunas', async ({ kasir }) => {
  const { page } = kasir;
  const display = await kasir.openDisplay();
  await page.getByTestId('product-NASI-GORENG').click();
  await chooseMethod(page, 'gopay');
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('qr-image')).toBeVisible();
  await expect(display.getByTestId('display-qr')).toBeVisible();
  const action = await openTenderAction(page);
  expect(action?.kind).toBe('qr');
  for (const p of [page, display]) expect(await allText(p)).not.toMatch(/https?:\/\/|gojek:\/\/|deeplink/i);
  await shots(page, 'gopay-1-qr');
  await shots(display, 'gopay-1-display-qr');

  // The emulator's Core API GoPay charge: the QR the customer scans pays it.
  const [charge] = await kasir.simulator.transactions(1);
  expect(charge?.paymentType).toBe('gopay');
  await kasir.simulator.pay({ qr_string: action?.kind === 'qr' ? action.qrString : '' });
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
  await expect(display.getByTestId('display-paid')).toContainText('Lunas — terima kasih');
  await shots(page, 'gopay-2-paid');
  await shots(display, 'gopay-2-display-paid');
});
