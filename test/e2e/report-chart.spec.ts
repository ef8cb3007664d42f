import type { Locator, Page } from '@playwright/test';
import { formatRupiah } from '../../shared/domain/money';
import { expect, test } from './fixtures';
import { takeCash } from './sales';

/** Rings up one product as a cash sale and returns to the till. */
async function cashSale(page: Page, sku: string): Promise<void> {
  await page.getByTestId(`product-${sku}`).click();
  await takeCash(page);
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'settlement');
  await page.getByTestId('new-sale').click();
}

/** Non-transparent pixels on a canvas: a destroyed or never-drawn chart has none. */
function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d');
    if (!ctx || el.width === 0 || el.height === 0) return 0;
    const px = ctx.getImageData(0, 0, el.width, el.height).data;
    let painted = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
    return painted;
  });
}

test.describe('the owner sees the day at a glance', () => {
  test('two cash sales: a drawn hourly chart, its table, and a method chart, within the CSP', async ({ kasir }) => {
    const { page } = kasir;
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await cashSale(page, 'KOPI-HITAM');
    await cashSale(page, 'ROTI-BAKAR');

    // The hour each sale belongs to, in the shop's zone: a cash sale is paid when it is last updated.
    const info = await page.evaluate(() => window.kasir.invoke('app.info'));
    const listed = await page.evaluate(() => window.kasir.invoke('payments.list', { limit: 10 }));
    if (!info.ok || !listed.ok) throw new Error('app.info or payments.list failed');
    const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: info.value.zone, hour: '2-digit', hourCycle: 'h23' });
    const expected = new Map<string, { count: number; total: number }>();
    for (const p of listed.value) {
      const hour = hourOf.format(new Date(p.updatedAt));
      const e = expected.get(hour) ?? { count: 0, total: 0 };
      expected.set(hour, { count: e.count + 1, total: e.total + p.amount });
    }
    expect([...expected.values()].reduce((s, e) => s + e.total, 0)).toBe(27_000);

    await page.getByTestId('tab-today').click();
    await expect(page.getByTestId('report-paid-count')).toHaveText('2');

    // The chart is really drawn: a laid-out canvas with a backing store and painted pixels.
    const canvas = page.getByTestId('report-hourly-chart');
    await expect(canvas).toBeVisible();
    await expect(canvas).toHaveAttribute('role', 'img');
    await expect(canvas).toHaveAttribute('aria-label', /Rp 27\.000/);
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(0);
    expect(box?.height).toBeGreaterThan(0);
    await expect.poll(() => paintedPixels(canvas)).toBeGreaterThan(0);

    // The fallback table: 24 hours, hidden from sight, and the sale hours carry the right totals.
    const table = page.getByTestId('report-hourly-table');
    // Visually hidden (a 1px clipped box), not display:none, so screen readers still read it.
    const hidden = await table.locator('..').boundingBox();
    expect(hidden?.width).toBeLessThanOrEqual(1);
    expect(hidden?.height).toBeLessThanOrEqual(1);
    await expect(table.locator('tbody tr')).toHaveCount(24);
    for (const [hour, e] of expected) {
      const row = page.getByTestId(`report-hourly-${hour}`);
      await expect(row).toHaveAttribute('data-total', String(e.total));
      await expect(row).toHaveAttribute('data-count', String(e.count));
      await expect(row).toContainText(formatRupiah(e.total));
      await expect(row).toContainText(`${hour}.00`); // Indonesian by default
    }
    const sumOfRows = await table.locator('tbody tr').evaluateAll((rows) => rows.reduce((s, r) => s + Number(r.getAttribute('data-total')), 0));
    expect(sumOfRows).toBe(27_000);

    // By method: a second canvas and the visible table the owner reads.
    const methodChart = page.getByTestId('report-method-chart');
    expect((await methodChart.boundingBox())?.height).toBeGreaterThan(0);
    await expect(page.getByTestId('report-method-cash')).toHaveAttribute('data-total', '27000');
    await expect(page.getByTestId('report-method-cash')).toContainText('Rp 27.000');

    // English relabels the chart and table through i18next.
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('report-hourly')).toContainText('Takings per hour');
    await expect(canvas).toHaveAttribute('aria-label', /^Bar chart of takings per hour/);
    await expect(page.getByTestId('report-hourly-table')).toContainText('Hour');
    // The old chart was destroyed (which blanks its canvas) and a new one drew in its place.
    await expect.poll(() => paintedPixels(canvas)).toBeGreaterThan(0);
    await expect(page.locator('canvas')).toHaveCount(2);

    expect(cspErrors).toEqual([]);
  });
});
