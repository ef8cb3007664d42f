import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { OWNER, shots, signInOnPad } from './staff-helpers';

/** Types a PIN on the pad of `<id>` and presses ✓. */
async function padEntry(page: Page, id: string, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`${id}-key-${digit}`).click();
  await page.getByTestId(`${id}-submit`).click();
}

const RECOVERY_CODE = /^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/;

test.describe('the owner account', () => {
  test('a first-run till leads Settings to owner setup; the recovery code is shown once; the audit log records it', async ({ kasir }) => {
    const { page } = kasir;
    // A fresh till sells as the default cashier; there is no owner yet.
    const bar = page.getByTestId('session-bar');
    await expect(bar).toHaveAttribute('data-default', 'true');
    await expect(page.getByTestId('session-who')).toContainText('Kasir bawaan');

    // Settings (the keys) is the owner's: with no owner, it leads to owner setup.
    await page.getByTestId('tab-settings').click();
    const setup = page.getByTestId('owner-setup');
    await expect(setup).toBeVisible();
    await page.getByTestId('owner-setup-next').click();
    await expect(page.getByTestId('owner-setup-name-missing')).toBeVisible();
    await page.getByTestId('owner-setup-name').fill(OWNER.name);
    await shots(page, 'owner-setup-name');
    await page.getByTestId('owner-setup-next').click();

    // The PIN twice on the pad: too short and a mismatch are sent back with the reason.
    await expect(page.getByTestId('owner-setup-pin')).toHaveAttribute('data-step', 'first');
    await page.getByTestId('owner-setup-pin-first-input').fill('4815');
    await page.getByTestId('owner-setup-pin-first-input').press('Enter');
    await expect(page.getByTestId('owner-setup-pin-problem')).toHaveAttribute('data-problem', 'too_short');
    await expect(page.getByTestId('owner-setup-pin-problem')).toHaveText('PIN minimal 6 angka.');
    await padEntry(page, 'owner-setup-pin-first', OWNER.pin);
    await expect(page.getByTestId('owner-setup-pin')).toHaveAttribute('data-step', 'again');
    await padEntry(page, 'owner-setup-pin-again', '481517');
    await expect(page.getByTestId('owner-setup-pin-problem')).toHaveAttribute('data-problem', 'mismatch');
    await expect(page.getByTestId('owner-setup-pin')).toHaveAttribute('data-step', 'first');
    await padEntry(page, 'owner-setup-pin-first', OWNER.pin);
    await shots(page, 'owner-setup-pin-again');
    await padEntry(page, 'owner-setup-pin-again', OWNER.pin);

    // The recovery code, once, with "write it down"; the dialog stays until the owner ticks it.
    const code = page.getByTestId('recovery-code');
    await expect(code).toHaveText(RECOVERY_CODE);
    const recoveryCode = (await code.textContent()) ?? '';
    await expect(page.getByTestId('recovery-code-notice')).toContainText('hanya ditampilkan sekali');
    await shots(page, 'owner-setup-recovery-code');
    await page.keyboard.press('Escape'); // cannot be dismissed unread
    await expect(code).toBeVisible();
    await expect(page.getByTestId('recovery-code-done')).toBeDisabled();
    await page.getByTestId('recovery-code-written').check();
    await page.getByTestId('recovery-code-done').click();
    await expect(setup).toHaveCount(0);

    // This window is now the owner's, and the Settings screen it asked for opens.
    await expect(bar).toHaveAttribute('data-role', 'owner');
    await expect(page.getByTestId('session-who')).toContainText(OWNER.name);
    await expect(page.getByTestId('secret-status-coreServerKey')).toHaveAttribute('data-configured', 'false');
    // Never again: not on screen, not from the contract.
    await expect(page.locator('body')).not.toContainText(recoveryCode);
    const again = await page.evaluate(() => window.kasir.invoke('staff.createOwner', { name: 'Someone', pin: '927461' }));
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(JSON.stringify(again)).not.toContain(recoveryCode);

    // The audit log: the default cashier's session, the refused Settings read, the owner created.
    await page.getByTestId('tab-audit').click();
    const table = page.getByTestId('audit-table');
    await expect(table.locator('tr[data-action="staff.owner_create"][data-outcome="ok"]')).toHaveCount(1);
    await expect(table.locator('tr[data-action="privileged.settings.secrets"][data-outcome="refused"]')).toHaveCount(1);
    await expect(table.locator('tr[data-action="staff.owner_create"]')).toContainText('Akun pemilik dibuat');
    await expect(table).not.toContainText(recoveryCode);
    await expect(table).not.toContainText(OWNER.pin);
    await shots(page, 'audit-owner-created');

    // Forgot the PIN: the recovery code sets a new one and is replaced by a new code, shown once.
    await page.getByTestId('session-sign-out').click();
    await expect(page.getByTestId('sign-in')).toBeVisible();
    await page.getByTestId('sign-in').locator(`[data-name="${OWNER.name}"]`).click();
    await page.getByTestId('sign-in-forgot').click();
    await page.getByTestId('recover-code').fill('AAAAA-BBBBB-CCCCC-DDDDD');
    await page.getByTestId('recover-next').click();
    await padEntry(page, 'recover-pin-first', '927461');
    await padEntry(page, 'recover-pin-again', '927461');
    await expect(page.getByTestId('recover-error')).toHaveAttribute('data-code', 'RECOVERY_CODE_INVALID');
    await page.getByTestId('recover-code').fill(recoveryCode.toLowerCase());
    await page.getByTestId('recover-next').click();
    await padEntry(page, 'recover-pin-first', '927461');
    await padEntry(page, 'recover-pin-again', '927461');
    const newCode = page.getByTestId('recovery-code');
    await expect(newCode).toHaveText(RECOVERY_CODE);
    await expect(newCode).not.toHaveText(recoveryCode);
    await shots(page, 'owner-recovered-new-code');
    await page.getByTestId('recovery-code-written').check();
    await page.getByTestId('recovery-code-done').click();
    await signInOnPad(page, { name: OWNER.name, pin: '927461' });
    await expect(page.getByTestId('session-bar')).toHaveAttribute('data-role', 'owner');
    // The old code no longer works.
    const old = await page.evaluate((c) => window.kasir.invoke('staff.recoverOwner', { recoveryCode: c, newPin: '615243' }), recoveryCode);
    expect(old).toMatchObject({ ok: false, code: 'RECOVERY_CODE_INVALID' });
  });
});
