import { expect, test } from './fixtures';
import { paidQrisSale } from './sales';
import { addCashier, approve, CASHIER, createOwner, OWNER, shots, switchTo } from './staff-helpers';

test.describe('owner approval at the moment it is needed', () => {
  test('a cashier’s refund is refused without the owner PIN, then approved with it; the audit log shows each step', async ({ kasir }) => {
    const { page, simulator } = kasir;
    await createOwner(page);
    await addCashier(page);
    await switchTo(page, CASHIER);
    await expect(page.getByTestId('session-bar')).toHaveAttribute('data-role', 'cashier');
    const order = await paidQrisSale(page, simulator);

    await page.getByTestId('tab-history').click();
    await page.getByTestId(`history-open-${order}`).click();
    // The sale's one tender: "<sale>-1".
    const tender = `${order}-1`;
    const row = page.getByTestId(`tender-${tender}`);
    await expect(page.getByTestId(`history-actor-${order}`)).toHaveText(`oleh ${CASHIER.name}`);
    await page.getByTestId(`refund-${tender}`).click();
    await page.getByTestId(`refund-next-${tender}`).click();
    await page.getByTestId(`refund-confirm-${tender}`).click();

    // 1. The refund needs the owner: the prompt says what for and whose PIN.
    const prompt = page.getByTestId('approval');
    await expect(prompt).toBeVisible();
    await expect(page.getByTestId('approval-for')).toHaveText('Untuk: pengembalian dana');
    await expect(prompt).toContainText(OWNER.name);
    await shots(page, 'approval-refund-prompt');
    // Cancelled: refused, nothing refunded, the reason next to the form.
    await page.getByTestId('approval-cancel').click();
    await expect(prompt).toHaveCount(0);
    await expect(page.getByTestId(`refund-error-${tender}`)).toHaveAttribute('data-code', 'PIN_REQUIRED');
    await expect(row).toHaveAttribute('data-status', 'settlement');
    await expect(row).toHaveAttribute('data-refunded', '0');
    await shots(page, 'approval-refund-refused');

    // 2. A wrong owner PIN is answered in the prompt, in Indonesian; nothing refunded.
    await page.getByTestId(`refund-next-${tender}`).click();
    await page.getByTestId(`refund-confirm-${tender}`).click();
    await approve(page, '000000');
    await expect(page.getByTestId('approval-error')).toHaveAttribute('data-code', 'PIN_INVALID');
    await expect(page.getByTestId('approval-pin-input')).toHaveValue('');
    await expect(row).toHaveAttribute('data-refunded', '0');
    await shots(page, 'approval-wrong-pin');

    // 3. The right PIN: the same refund goes through, once.
    await approve(page);
    await expect(prompt).toHaveCount(0);
    await expect(row).toHaveAttribute('data-status', 'refund');
    await expect(row).toHaveAttribute('data-refunded', '44000');

    // A cashier's own approval is not an owner's.
    const cashierId = await page.evaluate(() => window.kasir.invoke('session.current')).then((r) => (r.ok ? r.value.staff?.id : null));
    const forged = await page.evaluate(
      ([id, pin]) => window.kasir.invoke('reports.closeDay', { approval: { staffId: id ?? '', pin } }),
      [cashierId, CASHIER.pin] as const,
    );
    expect(forged).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // The owner reads the audit log: refused without the PIN, the wrong PIN, the approval, the refund.
    await switchTo(page, OWNER);
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-filter-actor').selectOption({ label: CASHIER.name });
    await page.getByTestId('audit-apply').click();
    const table = page.getByTestId('audit-table');
    const refunds = table.locator('tr[data-action="privileged.payments.refund"]');
    await expect(refunds.and(page.locator('[data-outcome="refused"]'))).toHaveCount(3); // each try asks without a PIN first (twice), then the wrong PIN
    await expect(refunds.and(page.locator('[data-outcome="ok"]'))).toHaveCount(1);
    await expect(table.locator('tr[data-action="approval"][data-outcome="ok"]')).toHaveCount(1);
    await expect(table.locator('tr[data-action="pin.failed"]')).toHaveCount(1);
    await expect(table.locator('tr[data-action="privileged.payments.refund"][data-outcome="ok"]')).toContainText('Tindakan pemilik: pengembalian dana');
    await expect(table).not.toContainText(OWNER.pin);
    await shots(page, 'audit-refund-approval');
  });
});
