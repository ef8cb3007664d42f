import { expect, test } from './fixtures';
import { addCashier, approve, CASHIER, createOwner, ownerApproval, switchTo } from './staff-helpers';

test('merchant keys go into the keychain and only a hint comes back', async ({ kasir }) => {
  const { page } = kasir;
  const key = 'SB-Mid-server-E2eTestKey9876';
  // Keys are the owner's: a cashier at the till gets the owner-PIN prompt, to see them and to save one.
  await createOwner(page);
  await addCashier(page);
  await switchTo(page, CASHIER);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('approval-for')).toContainText('lihat kunci Midtrans');
  await approve(page);
  const status = page.getByTestId('secret-status-coreServerKey');
  await expect(status).toHaveAttribute('data-configured', 'false');
  await expect(status).not.toContainText('…');

  // The field is labelled with its row's (translated) name, so it is found by label.
  const row = page.getByTestId('secret-coreServerKey');
  const label = (await row.getByTestId('secret-label-coreServerKey').textContent()) ?? '';
  expect(label).not.toBe('');
  const input = row.getByLabel(label, { exact: true });
  await expect(input).toHaveAttribute('type', 'password');
  await input.fill(key);
  await row.getByTestId('secret-save-coreServerKey').click();
  await expect(page.getByTestId('approval-for')).toContainText('simpan kunci Midtrans');
  await approve(page);
  await expect(status).toHaveAttribute('data-configured', 'true');
  await expect(status).toContainText('(…9876)');
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('settings')).not.toContainText(key);

  // Nothing the renderer can ask for returns the value (not even with the owner's approval).
  const approval = await ownerApproval(page);
  const answers = await page.evaluate(async (a) => [
    await window.kasir.invoke('settings.secrets', { env: 'sandbox', approval: a }),
    await window.kasir.invoke('app.info'),
  ], approval);
  expect(JSON.stringify(answers)).not.toContain(key);
  expect(JSON.stringify(answers)).toContain('…9876');
});

test('a malformed key is refused with a clear error and nothing stored', async ({ kasir }) => {
  await createOwner(kasir.page);
  const res = await kasir.page.evaluate(() =>
    window.kasir.invoke('settings.setSecret', { env: 'production', name: 'snapPrivateKey', value: 'not a pem' }),
  );
  expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const status = await kasir.page.evaluate(() => window.kasir.invoke('settings.secrets', { env: 'production' }));
  expect(status).toMatchObject({ ok: true });
  if (status.ok) expect(status.value.find((r) => r.name === 'snapPrivateKey')?.status.configured).toBe(false);
});
