import { expect, test } from './fixtures';
import { addCashier, CASHIER, createOwner, OWNER, shots, signInOnPad } from './staff-helpers';

test.describe('cashier sessions', () => {
  // The app runs on a clock the test moves: idle sign-out without sleeping.
  test.use({ kasirClock: 'manual' });

  test('a cashier signs in on the PIN pad and is signed out when idle; the audit log shows both', async ({ kasir }) => {
    const { page } = kasir;
    const clock = kasir.clock;
    if (!clock) throw new Error('this spec needs the manual clock');
    await createOwner(page);
    await addCashier(page);
    const idleMinutes = await page.evaluate(() => window.kasir.invoke('session.current')).then((r) => (r.ok ? r.value.idleMinutes : 0));
    expect(idleMinutes).toBeGreaterThan(1);

    // Signed out, the till shows only the sign-in screen.
    await page.getByTestId('session-sign-out').click();
    const signIn = page.getByTestId('sign-in');
    await expect(signIn).toBeVisible();
    await expect(page.getByTestId('till-main')).toHaveCount(0);
    await signIn.locator(`[data-name="${CASHIER.name}"]`).click();
    await expect(page.getByTestId('sign-in-picked')).toHaveText(`PIN ${CASHIER.name}`);
    await shots(page, 'sign-in-pin-pad');
    // The language switch is there before anyone signs in.
    await page.getByTestId('lang-en').click();
    await expect(signIn.getByRole('heading')).toHaveText('Sign in to the till');
    await expect(page.getByTestId('sign-in-picked')).toHaveText(`PIN for ${CASHIER.name}`);
    await page.getByTestId('lang-id').click();
    await expect(signIn.getByRole('heading')).toHaveText('Masuk ke kasir');

    // A wrong PIN from the pad's keys is refused in Indonesian; the pad is cleared for another try.
    for (const digit of '1357') await page.getByTestId(`sign-in-pin-key-${digit}`).click();
    await page.getByTestId('sign-in-pin-submit').click();
    await expect(page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'PIN_INVALID');
    await expect(page.getByTestId('sign-in-pin-input')).toHaveValue('');
    await shots(page, 'sign-in-wrong-pin');

    // The keyboard works too: digits, Backspace, Enter.
    const field = page.getByTestId('sign-in-pin-input');
    await expect(field).toBeFocused();
    await page.keyboard.type(`${CASHIER.pin}9`);
    await page.keyboard.press('Backspace');
    await expect(page.getByTestId('sign-in-pin-count')).toHaveAttribute('data-digits', String(CASHIER.pin.length));
    await page.keyboard.press('Enter');
    await expect(signIn).toHaveCount(0);
    await expect(page.getByTestId('session-who')).toContainText(CASHIER.name);
    await expect(page.getByTestId('session-bar')).toHaveAttribute('data-role', 'cashier');
    await shots(page, 'cashier-signed-in');

    // Idle: a minute short of the owner's idle time the cashier is still signed in; at it, signed out.
    clock.advance((idleMinutes - 1) * 60_000);
    const still = await page.evaluate(() => window.kasir.invoke('session.current'));
    expect(still).toMatchObject({ ok: true, value: { staff: { name: CASHIER.name } } });
    clock.advance(60_000); // asking who is signed in is not activity: the idle time ends on the minute
    await expect(signIn).toBeVisible();
    await expect(page.getByTestId('till-main')).toHaveCount(0);
    await shots(page, 'idle-signed-out');

    // The owner signs back in and reads it in the audit log.
    await signInOnPad(page, OWNER);
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-filter-action').selectOption('session.');
    await page.getByTestId('audit-apply').click();
    const table = page.getByTestId('audit-table');
    await expect(table.locator('tr[data-action="session.idle_sign_out"][data-actor]')).toHaveCount(1);
    await expect(table.locator('tr[data-action="session.idle_sign_out"]')).toContainText(CASHIER.name);
    await expect(table.locator('tr[data-action="session.idle_sign_out"]')).toContainText('Keluar otomatis (tidak dipakai)');
    await expect(table.locator('tr[data-action="session.sign_in"]').filter({ hasText: CASHIER.name })).toHaveCount(1);
    await expect(table.locator('tr[data-action="pin.failed"]')).toHaveCount(0); // a filter on session.* shows sessions only
    await shots(page, 'audit-sessions');
    await page.getByTestId('audit-filter-action').selectOption('pin.failed');
    await page.getByTestId('audit-apply').click();
    await expect(table.locator('tr[data-action="pin.failed"]')).toHaveCount(1);
  });
});
