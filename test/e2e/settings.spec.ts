import { expect, test } from './fixtures';

test('merchant keys go into the keychain and only a hint comes back', async ({ kasir }) => {
  const { page } = kasir;
  const key = 'SB-Mid-server-E2eTestKey9876';
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('secret-status-coreServerKey')).toHaveText('Not set');

  const row = page.getByTestId('secret-coreServerKey');
  await row.getByLabel('Core API server key').fill(key);
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('secret-status-coreServerKey')).toHaveText('Configured (…9876)');
  await expect(row.getByLabel('Core API server key')).toHaveValue('');

  // Nothing the renderer can ask for returns the value.
  const answers = await page.evaluate(async () => [
    await window.kasir.invoke('settings.secrets', { env: 'sandbox' }),
    await window.kasir.invoke('app.info'),
  ]);
  expect(JSON.stringify(answers)).not.toContain(key);
  expect(JSON.stringify(answers)).toContain('…9876');
});

test('a malformed key is refused with a clear error and nothing stored', async ({ kasir }) => {
  const res = await kasir.page.evaluate(() =>
    window.kasir.invoke('settings.setSecret', { env: 'production', name: 'snapPrivateKey', value: 'not a pem' }),
  );
  expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const status = await kasir.page.evaluate(() => window.kasir.invoke('settings.secrets', { env: 'production' }));
  expect(status).toMatchObject({ ok: true });
  if (status.ok) expect(status.value.find((r) => r.name === 'snapPrivateKey')?.status.configured).toBe(false);
});
