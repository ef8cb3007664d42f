/** Sales the specs ring up on the till, back on the till afterwards. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { SimulatorClient } from './simulator-client';

/** A paid QRIS sale of Rp 44.000 (Nasi Goreng + 2 × Es Teh Manis); returns its order id, back on the till. */
export async function paidQrisSale(page: Page, simulator: SimulatorClient): Promise<string> {
  await page.getByTestId('product-NASI-GORENG').click();
  await page.getByTestId('product-TEH-MANIS').click();
  await page.getByTestId('product-TEH-MANIS').click();
  await page.getByTestId('method-select').selectOption('qris');
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
  await simulator.pay({ qr_string: (await page.getByTestId('qr-string').textContent()) ?? '' });
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
  const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
  expect(orderId).not.toBe('');
  await page.getByTestId('new-sale').click();
  return orderId;
}

/** Rings up one product as a cash sale and returns to the till. */
export async function cashSale(page: Page, sku: string): Promise<void> {
  await page.getByTestId(`product-${sku}`).click();
  await page.getByTestId('method-select').selectOption('cash');
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
  await page.getByTestId('new-sale').click();
}
