import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { cashSale } from './sales';
import { addCashier, approve, CASHIER, createOwner, ownerApproval, switchTo } from './staff-helpers';

test.describe('the owner closes the day', () => {
  test('two cash sales, a counted drawer, the Z-report, no second close, and the CSV', async ({ kasir }, testInfo) => {
    const { page } = kasir;
    // A cashier sells and closes; closing is the owner's, so the owner approves it with the PIN.
    await createOwner(page);
    await addCashier(page);
    const approval = await ownerApproval(page);
    await switchTo(page, CASHIER);
    await cashSale(page, 'KOPI-HITAM');
    await cashSale(page, 'ROTI-BAKAR');

    await page.getByTestId('tab-today').click();
    await expect(page.getByTestId('report-paid-count')).toHaveText('2');
    await expect(page.getByTestId('closings-empty')).toBeVisible();
    // Only today is open (fresh ledger), so the panel offers no choice of day.
    const today = await page.getByTestId('report').getAttribute('data-day');
    expect(await page.evaluate(() => window.kasir.invoke('reports.unclosedDays'))).toEqual({ ok: true, value: [today] });
    await expect(page.getByTestId('close-day-day')).toHaveCount(0);
    const future = await page.evaluate((a) => window.kasir.invoke('reports.closeDay', { day: '2999-12-31', approval: a }), approval);
    expect(future).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    await page.getByTestId('counted-cash').fill('26.000');
    await page.getByTestId('close-day-button').click();
    await page.getByTestId('close-day-confirm').click();
    await expect(page.getByTestId('approval')).toBeVisible();
    await approve(page);

    const z = page.getByTestId('zreport');
    await expect(z).toBeVisible();
    await expect(z.getByTestId('zreport-paid-count')).toHaveText('2');
    await expect(z.getByTestId('zreport-paid-total')).toHaveText('Rp 27.000');
    await expect(z.getByTestId('zreport-cash-expected')).toHaveText('Rp 27.000');
    await expect(z.getByTestId('zreport-counted-cash')).toHaveText('Rp 26.000');
    // The drawer is Rp 1.000 short: the signed amount as data, the owner's wording on screen (Indonesian by default).
    const difference = z.getByTestId('zreport-cash-difference');
    await expect(difference).toHaveAttribute('data-difference', '-1000');
    await expect(difference).toHaveAttribute('data-direction', 'short');
    await expect(difference).toHaveText('Kurang Rp 1.000');
    await expect(z).toContainText('Laporan Z');
    await expect(z).toContainText('Selisih');
    await expect(z.getByTestId('zreport-method-cash')).toContainText('Rp 27.000');
    const day = await page.getByTestId('zreport-day').textContent();
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByTestId(`closing-row-${day}`)).toBeVisible();

    // Closed: the screen no longer offers to close, and the contract refuses a second close.
    await expect(page.getByTestId('day-closed')).toHaveText(`Hari ${day} sudah ditutup.`);
    await expect(page.getByTestId('close-day-button')).toHaveCount(0);
    const again = await page.evaluate((a) => window.kasir.invoke('reports.closeDay', { countedCash: 27_000, approval: a }), approval);
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('already closed') });
    expect(await page.evaluate(() => window.kasir.invoke('reports.unclosedDays'))).toEqual({ ok: true, value: [] });
    const closings = await page.evaluate(() => window.kasir.invoke('reports.closings'));
    expect(closings).toMatchObject({ ok: true, value: [{ day, paidCount: 2, countedCash: 26_000, cashDifference: -1_000 }] });

    const listed = await page.evaluate(() => window.kasir.invoke('payments.list', { limit: 10 }));
    if (!listed.ok) throw new Error(listed.message);
    const orderIds = listed.value.map((p) => p.orderId);
    expect(orderIds).toHaveLength(2);

    let csv: string;
    if (testInfo.project.metadata.shell === 'electron') {
      // Electron shows its native Save dialog for a download, which Playwright cannot drive; check the data instead.
      const res = await page.evaluate((d) => window.kasir.invoke('reports.exportCsv', { day: d }), day ?? '');
      if (!res.ok) throw new Error(res.message);
      csv = res.value.csv;
    } else {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      expect(download.suggestedFilename()).toBe(`kasir-payments-${day}.csv`);
      csv = await readFile(await download.path(), 'utf8');
    }
    const lines = csv.trim().split('\r\n');
    // Who rang each sale up came next (issue 8), then the sale's columns (issue 10), so the earlier columns keep their places.
    expect(lines[0]).toBe(
      'time,order_id,method,status,amount,refunded,source,paid_time,staff_id,staff_name,record,sale_id,receipt_no,tender_seq,cash_received,change,rounding,reason',
    );
    expect(lines).toHaveLength(3);
    for (const id of orderIds) {
      expect(lines.find((l) => l.includes(`,${id},`))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00,[^,]+,cash,settlement,\d+,0,manual,/);
      // Each cash payment is tender 1 of its own paid sale: exact cash, no change, no rounding.
      expect(lines.find((l) => l.includes(`,${id},`))).toMatch(new RegExp(`,STF-[^,]+,${CASHIER.name},payment,[^,]+,K1-\\d{6},1,\\d+,0,0,$`));
    }
    expect(lines.map((l) => l.split(',')[4]).slice(1).sort()).toEqual(['12000', '15000'].sort());
  });

  test('an open payment blocks the close until the owner forces it', async ({ kasir }) => {
    const { page } = kasir;
    await createOwner(page);
    await cashSale(page, 'KOPI-HITAM');
    await page.getByTestId('product-MATCHA').click();
    await page.getByTestId('method-qris').click();
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-screen')).toHaveAttribute('data-status', 'pending');

    await page.getByTestId('tab-today').click();
    await page.getByTestId('close-day-button').click();
    await page.getByTestId('close-day-confirm').click();
    const warning = page.getByTestId('close-day-error');
    await expect(warning).toHaveAttribute('data-code', 'OPEN_PAYMENTS');
    // Translated headline, and the specifics (how many, how much) worded in Indonesian under it.
    await expect(page.getByTestId('close-day-error-headline')).toHaveText(/^Masih ada pembayaran yang menunggu\./);
    await expect(page.getByTestId('close-day-error-detail')).toHaveText('1 pembayaran masih menunggu (Rp 25.000).');
    await expect(page.getByTestId('zreport')).toHaveCount(0);

    await page.getByTestId('close-day-force').click();
    const forced = page.getByTestId('zreport-forced');
    await expect(forced).toHaveAttribute('data-open-count', '1');
    await expect(forced).toHaveText('Ditutup dengan 1 pembayaran masih terbuka (Rp 25.000).');
    await expect(page.getByTestId('zreport-open').locator('tbody tr')).toHaveAttribute('data-status', 'pending');
    await expect(page.getByTestId('zreport-counted-cash')).toHaveAttribute('data-counted', 'false');
    await expect(page.getByTestId('zreport-counted-cash')).toHaveText('Tidak dihitung');
  });
});
