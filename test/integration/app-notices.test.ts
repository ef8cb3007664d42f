/**
 * A till on real Midtrans without keys tells the cashier at start — once the
 * renderer is listening (its first call), so the notice is not lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

describe('start-up notices', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it('keys not configured: held until the first call, then pushed as app.notice', async () => {
    app = await makeApp({ settings: { gateway: 'sandbox' } });
    expect(app.events.filter((e) => e.name === 'app.notice')).toEqual([]);
    await app.caller('page-1').call('app.info');
    expect(app.events.filter((e) => e.name === 'app.notice')).toEqual([
      { name: 'app.notice', payload: { level: 'warning', code: 'keys_not_configured', params: { env: 'sandbox' } } },
    ]);
  });

  it('the emulator has its keys: no notice', async () => {
    app = await makeApp();
    await app.caller('page-1').call('app.info');
    expect(app.events.filter((e) => e.name === 'app.notice')).toEqual([]);
  });
});
