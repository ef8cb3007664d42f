/** Sales the specs ring up on the till, back on the till afterwards. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { PaymentView } from '../../shared/contract/schemas';
import type { SimulatorClient } from './simulator-client';

/** A paid QRIS sale of Rp 44.000 (Nasi Goreng + 2 × Es Teh Manis); returns its order id, back on the till. */
export async function paidQrisSale(page: Page, simulator: SimulatorClient): Promise<string> {
  await page.getByTestId('product-NASI-GORENG').click();
  await page.getByTestId('product-TEH-MANIS').click();
  await page.getByTestId('product-TEH-MANIS').click();
  await page.getByTestId('method-qris').click();
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');
  await simulator.pay({ qr_string: (await page.getByTestId('qr-string').textContent()) ?? '' });
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
  const orderId = (await page.getByTestId('order-id').textContent()) ?? '';
  expect(orderId).not.toBe('');
  await page.getByTestId('new-sale').click();
  return orderId;
}

/**
 * Cash for the sale in the cart: Charge opens the amount-received panel;
 * `received` is typed (nothing: exactly what is due), Enter confirms.
 */
export async function takeCash(page: Page, received?: string): Promise<void> {
  await page.getByTestId('method-cash').click();
  await page.getByTestId('charge').click();
  const input = page.getByTestId('cash-received');
  await expect(input).toBeFocused();
  if (received !== undefined) await input.fill(received);
  await input.press('Enter');
}

/** Rings up one product as a cash sale (exact amount) and returns to the till. */
export async function cashSale(page: Page, sku: string): Promise<void> {
  await page.getByTestId(`product-${sku}`).click();
  await takeCash(page);
  await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'settlement');
  await page.getByTestId('new-sale').click();
}

/** The receipt on screen, line by line, as printed. */
export async function receiptLines(page: Page, testId = 'receipt'): Promise<string[]> {
  await expect(page.getByTestId(testId)).toBeVisible();
  return page.getByTestId(`${testId}-line`).allTextContents();
}

/** True when some receipt line starts with `label` and ends with `amount` (a "label … amount" row). */
export function hasRow(lines: readonly string[], label: string, amount: string): boolean {
  return lines.some((l) => l.trimStart().startsWith(label) && l.trimEnd().endsWith(amount));
}

/**
 * The payment behind tender `seq` of a sale (its Midtrans order id, reference,
 * refunds), read through `sales.get`: a tender's payment has its own
 * gateway order id, so it is found by the sale, not by `payments.list`.
 */
export async function tenderPayment(page: Page, saleId: string, seq = 1): Promise<PaymentView> {
  const res = await page.evaluate((id) => window.kasir.invoke('sales.get', { saleId: id }), saleId);
  if (!res.ok) throw new Error(`sales.get ${saleId}: ${res.code} ${res.message}`);
  const tender = res.value.tenders.find((t) => t.seq === seq);
  if (!tender) throw new Error(`sale ${saleId} has no tender ${seq}`);
  return tender.payment;
}
