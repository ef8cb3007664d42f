/** Helpers the counter specs (display, restart, GoPay) share: picking a method and reading the open tender. */
import type { Page } from '@playwright/test';
import type { PaymentAction } from '../../shared/contract/schemas';

/** Chooses a payment method on the till: the method button when the till has one, else the method select. */
export async function chooseMethod(page: Page, method: string): Promise<void> {
  const button = page.getByTestId(`method-${method}`);
  if ((await button.count()) > 0) await button.click();
  else await page.getByTestId('method-select').selectOption(method);
}

/** The action (QR, VA…) of the till sale's open tender, as main has it; null when none is open. */
export async function openTenderAction(page: Page): Promise<PaymentAction | null> {
  const res = await page.evaluate(() => window.kasir.invoke('sales.current'));
  if (!res.ok || !res.value) return null;
  return res.value.tenders.find((t) => t.counts === 'open')?.payment.action ?? null;
}

/** The QR string the customer would scan for the till's open tender (throws when there is none). */
export async function openQrString(page: Page): Promise<string> {
  const action = await openTenderAction(page);
  if (action?.kind !== 'qr') throw new Error(`the open tender shows no QR (${action?.kind ?? 'no tender'})`);
  return action.qrString;
}
