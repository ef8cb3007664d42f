import { expect, test } from './fixtures';
import { createOwner, shots } from './staff-helpers';

const RINA = { name: 'Rina', pin: '7391' } as const;

test.describe('the owner’s staff screen', () => {
  // Wrong-PIN delays are waited out by moving the app's clock, never by sleeping.
  test.use({ kasirClock: 'manual' });

  test('add a cashier, see and lift a lockout, rename, new PIN, deactivate, owner settings; the audit log has the lockout', async ({ kasir }) => {
    const { page } = kasir;
    const clock = kasir.clock;
    if (!clock) throw new Error('this spec needs the manual clock');
    await createOwner(page);

    // Add a cashier: a too-short PIN is caught in the form.
    await page.getByTestId('tab-staff').click();
    await expect(page.getByTestId('staff-table')).toBeVisible();
    await page.getByTestId('staff-add').click();
    await page.getByTestId('staff-add-name').fill(RINA.name);
    await page.getByTestId('staff-add-pin').fill('739');
    await page.getByTestId('staff-add-save').click();
    await expect(page.getByTestId('staff-add-pin-short')).toBeVisible();
    await page.getByTestId('staff-add-pin').fill(RINA.pin);
    await page.getByTestId('staff-add-save').click();
    await expect(page.getByTestId('staff-add-form')).toHaveCount(0);
    await expect(page.getByTestId('staff-saved')).toHaveText(`Tersimpan: ${RINA.name}`);
    const row = page.locator('[data-testid^="staff-row-"][data-role="cashier"]').filter({ hasText: RINA.name });
    await expect(row).toHaveAttribute('data-active', 'true');
    const id = ((await row.getAttribute('data-testid')) ?? '').replace('staff-row-', '');

    // Owner settings first: an idle time long enough for the wrong-PIN delays below (~32 minutes in all).
    await page.getByTestId('owner-settings-idle').fill('0');
    await expect(page.getByTestId('owner-settings-invalid')).toBeVisible();
    await page.getByTestId('owner-settings-idle').fill('60');
    await page.getByTestId('owner-settings-save').click();
    await expect(page.getByTestId('owner-settings-saved')).toBeVisible();
    expect(await page.evaluate(() => window.kasir.invoke('session.current'))).toMatchObject({ ok: true, value: { idleMinutes: 60 } });

    // Wrong PINs until she is locked (each delay waited out on the app's clock); the owner sees it.
    let wrong = 0;
    for (let tries = 0; tries < 30; tries++) {
      const res = await page.evaluate((sid) => window.kasir.invoke('session.signIn', { staffId: sid, pin: '0000' }), id);
      if (res.ok) throw new Error('a wrong PIN signed in');
      if (res.code === 'PIN_INVALID') wrong++;
      const wait = Number(res.params.retryAfterSeconds ?? 0);
      if (res.code === 'LOCKED' && wait === 0) break; // locked for good, until the owner unlocks
      if (wait > 0) clock.advance(wait * 1000);
    }
    expect(wrong).toBe(9); // the 10th wrong PIN is the one that locks
    const locked = await page.evaluate((sid) => window.kasir.invoke('session.signIn', { staffId: sid, pin: '7391' }), id);
    expect(locked).toMatchObject({ ok: false, code: 'LOCKED' });
    await page.getByTestId('tab-till').click();
    await page.getByTestId('tab-staff').click();
    await expect(row).toHaveAttribute('data-locked', 'true');
    await expect(page.getByTestId(`staff-status-${id}`)).toContainText('Terkunci');
    await shots(page, 'staff-cashier-locked');
    await page.getByTestId(`staff-unlock-${id}`).click();
    await expect(row).toHaveAttribute('data-locked', 'false');

    // Rename, a new PIN (the old one stops working), deactivate.
    await page.getByTestId(`staff-rename-${id}`).click();
    await page.getByTestId(`staff-edit-${id}`).fill('Rina W.');
    await page.getByTestId(`staff-edit-save-${id}`).click();
    await expect(page.getByTestId(`staff-name-${id}`)).toHaveText('Rina W.');
    await page.getByTestId(`staff-pin-${id}`).click();
    await page.getByTestId(`staff-edit-${id}`).fill('8264');
    await page.getByTestId(`staff-edit-save-${id}`).click();
    await expect(page.getByTestId(`staff-edit-${id}`)).toHaveCount(0);
    const oldPin = await page.evaluate(([sid, pin]) => window.kasir.invoke('session.signIn', { staffId: sid, pin }), [id, RINA.pin] as const);
    expect(oldPin).toMatchObject({ ok: false, code: 'PIN_INVALID' });
    await page.getByTestId(`staff-toggle-${id}`).click();
    await expect(row).toHaveAttribute('data-active', 'false');
    const roster = await page.evaluate(() => window.kasir.invoke('session.roster'));
    expect(roster.ok && roster.value.map((s) => s.id)).not.toContain(id);

    await shots(page, 'staff-screen');

    // The audit log: the lockout, the unlock, the settings change.
    await page.getByTestId('tab-audit').click();
    const table = page.getByTestId('audit-table');
    await expect(table.locator('tr[data-action="pin.locked"]')).toHaveCount(1);
    await expect(table.locator('tr[data-action="staff.unlock"]')).toHaveCount(1);
    await expect(table.locator('tr[data-action="settings.update"]')).toHaveCount(1);
    await shots(page, 'audit-lockout');
  });
});
