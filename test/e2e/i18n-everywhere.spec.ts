/**
 * One language at a time: in Indonesian, no text the cashier can see is
 * English — not a string of the English resources, not a message main or
 * the emulator wrote (i18n-english.ts) — on every screen and in every gateway
 * fault the emulator can stage; and the choice survives a restart of the
 * shell (main keeps it in `<dataDir>/ui.json`; the browser shell's profile is
 * fresh each launch). Screens are walked by tab and test ids only, so the
 * layout may change under the test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchBrowserShell } from '../../electron/browser-shell/launch';
import { expect, test } from './fixtures';
import { englishOn, englishVocabulary, screenTexts, type EnglishText } from './i18n-english';
import type { SimulatorClient } from './simulator-client';
import { approve, createOwner } from './staff-helpers';

const vocabulary = englishVocabulary();

/** Messages of failed calls this test made itself (main's English, straight from the router). */
const seenMessages: EnglishText[] = [];

/** Screenshot of the step, then: no English anywhere on screen. */
async function noEnglish(page: Page, step: string, extra: readonly EnglishText[] = []): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/i18n-everywhere-${step}.png` });
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  const vocab = extra.length || seenMessages.length ? englishVocabulary([...extra, ...seenMessages]) : vocabulary;
  expect(englishOn(await screenTexts(page), vocab), `English on the "${step}" screen`).toEqual([]);
}

/** A method by whatever control the till offers: the method pad's buttons, or the older select. */
async function chooseMethod(page: Page, method: string): Promise<void> {
  const button = page.getByTestId(`method-${method}`);
  if (await button.count()) await button.click();
  else await page.getByTestId('method-select').selectOption(method);
}

/** The status of the payment screen, once one shows. */
const paymentStatus = (page: Page) => page.getByTestId('payment-screen');

/** One product in, method, Charge. */
async function charge(page: Page, sku: string, method: string): Promise<void> {
  await page.getByTestId(`product-${sku}`).click();
  await chooseMethod(page, method);
  await page.getByTestId('charge').click();
}

/** "New sale" when the till offers it (after a paid or voided sale). */
async function nextSale(page: Page): Promise<void> {
  const next = page.getByTestId('new-sale');
  await expect(next).toBeVisible();
  await next.click();
  await expect(page.getByTestId('charge')).toBeVisible();
}

/** The QR of the open QRIS tender, once it is on screen. */
async function qrString(page: Page): Promise<string> {
  const qr = page.getByTestId('qr-string');
  await expect(qr).not.toBeEmpty();
  return (await qr.textContent()) ?? '';
}

/**
 * Ends whatever sale is open, through the contract (a fault may leave the
 * till on any screen): open tenders abandoned (or cancelled), then the rest
 * paid in cash — retried while main still resolves a tender in the background.
 */
async function settleOpenSale(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const current = await page.evaluate(() => window.kasir.invoke('sales.current'));
        if (!current.ok) return `sales.current: ${current.code}`;
        const sale = current.value;
        if (!sale || sale.status !== 'open') return 'settled';
        for (const t of sale.tenders) {
          if (t.status !== 'creating' && t.status !== 'pending') continue;
          const ids = { saleId: sale.id, paymentId: t.paymentId };
          const res = await page.evaluate((x) => window.kasir.invoke('sales.abandonTender', x), ids);
          if (!res.ok) await page.evaluate((x) => window.kasir.invoke('sales.cancelTender', x), ids);
        }
        const paid = await page.evaluate((saleId) => window.kasir.invoke('sales.addTender', { saleId, method: 'cash' }), sale.id);
        return paid.ok && paid.value.status === 'paid' ? 'settled' : `open: ${paid.ok ? paid.value.status : paid.code}`;
      },
      { timeout: 60_000, intervals: [250, 500, 1_000] },
    )
    .toBe('settled');
  await nextSale(page);
}

/** Adds an API fault at the emulator (`/simulator/api/faults`), until `clearFaults`. */
async function fault(simulator: SimulatorClient, rule: Record<string, unknown>): Promise<void> {
  await simulator.post('/api/faults', { kind: 'api', ...rule });
}

/** Clears every fault (`DELETE /simulator/api/faults`), over HTTPS trusting the emulator's CA. */
async function clearFaults(emulator: { simulatorUrl: string; caCertPath: string }): Promise<void> {
  const ca = readFileSync(emulator.caCertPath);
  await new Promise<void>((resolve, reject) => {
    const req = request(`${emulator.simulatorUrl}/api/faults`, { method: 'DELETE', ca }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 400 ? resolve() : reject(new Error(`DELETE faults → ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

test.describe('one language at a time', () => {
  test('in Indonesian, no screen shows English: till, cash, QR, paid receipt, history, Today, products, settings, staff, audit, Z-report', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await createOwner(page);
    await noEnglish(page, 'till-empty');

    await charge(page, 'KOPI-SUSU', 'cash');
    await expect(page.getByTestId('cash-received')).toBeFocused();
    await noEnglish(page, 'cash-panel');
    await page.getByTestId('cash-received').press('Enter');
    await expect(paymentStatus(page)).toHaveAttribute('data-status', 'settlement');
    await expect(page.getByTestId('receipt')).toBeVisible();
    await noEnglish(page, 'cash-paid-receipt');
    await nextSale(page);

    await charge(page, 'NASI-GORENG', 'qris');
    const qr = await qrString(page);
    await noEnglish(page, 'qris-pending');
    await simulator.pay({ qr_string: qr });
    await expect(paymentStatus(page)).toHaveAttribute('data-status', 'settlement');
    await noEnglish(page, 'qris-paid');
    await nextSale(page);

    // A QR the customer's bank declines.
    await charge(page, 'TEH-MANIS', 'qris');
    await simulator.post('/api/deny', { qr_string: await qrString(page) });
    await expect(page.getByTestId('payment-screen').or(page.getByTestId('sale-tender-1')).first()).toHaveAttribute('data-status', /deny|failure/);
    await noEnglish(page, 'qris-declined');
    await settleOpenSale(page);

    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('history')).toBeVisible();
    await noEnglish(page, 'history');
    const open = page.locator('[data-testid^="history-open-"]').first();
    if (await open.count()) {
      await open.click();
      await expect(page.locator('[data-testid^="sale-detail-"]').first()).toBeVisible();
      await noEnglish(page, 'history-detail');
    }

    // Each screen's own root, not just its tab: the back-office screens load as their own chunks.
    const rootOf = { products: 'catalog', settings: 'settings', staff: 'staff', audit: 'audit', today: 'report-sale-count' } as const;
    for (const tab of ['products', 'settings', 'staff', 'audit', 'today'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.getByTestId(`tab-${tab}`)).toHaveClass(/active/);
      await expect(page.getByTestId(rootOf[tab])).toBeVisible();
      await expect(page.getByTestId('screen-loading')).toHaveCount(0);
      await page.waitForLoadState('networkidle');
      await noEnglish(page, tab);
    }

    // The Z-report: count the drawer, close, approve if asked.
    await expect(page.getByTestId('report')).toBeVisible();
    await page.getByTestId('counted-cash').fill('100.000');
    await page.getByTestId('close-day-button').click();
    await page.getByTestId('close-day-confirm').click();
    const z = page.getByTestId('zreport');
    const asked = page.getByTestId('approval');
    await expect(z.or(asked).first()).toBeVisible();
    if (await asked.isVisible()) await approve(page);
    const force = page.getByTestId('close-day-force');
    if (await force.isVisible()) await force.click();
    await expect(z).toBeVisible();
    await noEnglish(page, 'zreport');

    // Main's own words for a refusal this test provokes: never on screen either.
    const again = await page.evaluate(() => window.kasir.invoke('reports.closeDay', { countedCash: 1 }));
    if (!again.ok) seenMessages.push({ text: again.message, source: 'router:reports.closeDay' });
    await noEnglish(page, 'zreport-after-refusal');

    // The same scan finds English when there is some: switched to English, the Z-report is full of it.
    await page.getByTestId('lang-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect((await englishOn(await screenTexts(page), vocabulary)).length).toBeGreaterThan(5);
    await page.getByTestId('lang-id').click();
  });

  test('in Indonesian, no gateway fault shows English: unreachable, 5xx, a refused charge', async ({ kasir }) => {
    const { page, simulator } = kasir;
    const emulator = kasir.info.emulator;
    if (!emulator) throw new Error('the e2e tests run against the emulator');
    await expect(page.getByTestId('charge')).toBeVisible();
    const states: { step: string; rule: Record<string, unknown> }[] = [
      { step: 'fault-unreachable', rule: { match: {}, action: 'reset' } },
      { step: 'fault-5xx', rule: { match: {}, action: 'status', status: 503 } },
      { step: 'fault-refused', rule: { match: { method: 'POST' }, action: 'status', status: 400 } },
    ];
    for (const { step, rule } of states) {
      await fault(simulator, rule);
      await charge(page, 'KOPI-HITAM', 'qris');
      // Whatever the till makes of it — an error, a waiting tender, offline — it has answered in words.
      const answered = page
        .locator('[data-testid="payment-error"], [data-testid="cart-error"], [data-testid="tender-error"], [role="alert"], [data-testid="slow-charge"]')
        .first();
      await expect(answered).toBeVisible({ timeout: 15_000 });
      const failed = await page.evaluate(() => window.kasir.invoke('sales.addTender', { saleId: 'S-none', method: 'qris' }));
      if (!failed.ok) seenMessages.push({ text: failed.message, source: `router:${step}` });
      await noEnglish(page, step, [{ text: 'Injected fault', source: 'emulator fault' }]);
      await clearFaults(emulator);
      await settleOpenSale(page);
      // Back online: the next state starts from an empty till.
      await expect(page.getByTestId('charge')).toBeVisible();
      await noEnglish(page, `${step}-recovered`);
    }
  });

  test('the language survives a restart of the browser shell (main keeps it, the profile is fresh)', async ({ kasir }) => {
    // Its own shells on its own data dir: closed and relaunched here (the fixture's shell holds its dir's instance lock).
    test.skip(kasir.info.shell !== 'browser', 'Relaunching the browser shell; Electron keeps the same ui.json through the same main code.');
    const dataDir = mkdtempSync(join(tmpdir(), 'kasir-e2e-lang-'));
    try {
      const first = await launchBrowserShell({ dataDir, headless: true });
      try {
        const page = first.page;
        await expect(page.getByTestId('till-main')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', 'id');
        await page.getByTestId('lang-en').click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        await expect(page.getByTestId('tab-till')).toHaveText('Till');
        await expect.poll(() => page.evaluate(() => window.kasir.invoke('app.info'))).toMatchObject({ ok: true, value: { language: 'en' } });
        await page.screenshot({ path: 'test-results/screenshots/i18n-restart-1-english.png' });
      } finally {
        await first.close();
      }
      expect(JSON.parse(readFileSync(join(dataDir, 'ui.json'), 'utf8'))).toEqual({ language: 'en' });

      // A new Chromium profile (nothing in localStorage), the same data dir: English.
      const second = await launchBrowserShell({ dataDir, headless: true });
      try {
        const page = second.page;
        await expect(page.getByTestId('till-main')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
        await expect(page.getByTestId('tab-till')).toHaveText('Till');
        await page.screenshot({ path: 'test-results/screenshots/i18n-restart-2-after-restart.png' });
        // And back: Indonesian is remembered the same way.
        await page.getByTestId('lang-id').click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'id');
        await expect.poll(() => JSON.parse(readFileSync(join(dataDir, 'ui.json'), 'utf8')) as unknown).toEqual({ language: 'id' });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // The fixture's own till, on a fresh data dir, never heard of the choice: Indonesian.
    await expect(kasir.page.locator('html')).toHaveAttribute('lang', 'id');
  });
});

