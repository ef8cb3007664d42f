/**
 * With real Midtrans selected (sandbox here, keys not entered yet) a till
 * never runs without an owner: no default session, everything but owner
 * setup answers OWNER_REQUIRED, and the owner created from the first page
 * is the only one signed in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVILEGED_CHANNELS } from '../../shared/contract/channels';
import { makeApp, privilegedInputs, type AppHarness } from '../fixtures/app-harness';

const kopi = { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, quantity: 1 };

describe('a till on real Midtrans without an owner', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it('shows owner setup first and sells nothing until the owner exists', async () => {
    app = await makeApp({ settings: { gateway: 'sandbox', webhook: { port: 0 } } });
    const till = app.caller('window-1');
    expect(await till.ok('session.current')).toEqual({
      staff: null, isDefault: false, ownerExists: false, ownerSetupRequired: true, idleMinutes: 10,
    });
    expect(await till.ok('app.info')).toMatchObject({ gateway: 'sandbox', methods: ['cash'] });
    expect((await till.fails('payments.create', { items: [kopi], method: 'cash' })).code).toBe('OWNER_REQUIRED');
    expect((await till.fails('catalog.list')).code).toBe('OWNER_REQUIRED');
    const inputs = privilegedInputs({ paymentId: 'PAY-NONE', staffId: 'STF-NOBODY' });
    for (const channel of PRIVILEGED_CHANNELS) {
      expect([channel, (await till.fails(channel, inputs[channel])).code]).toEqual([channel, 'OWNER_REQUIRED']);
    }
    expect(app.query("SELECT COUNT(*) AS n FROM staff")).toEqual([{ n: 0 }]);
    expect(app.query("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'privileged.%' AND outcome = 'refused'")).toEqual([
      { n: PRIVILEGED_CHANNELS.length },
    ]);

    // A PIN the policy refuses, then the owner.
    const weak = await till.fails('staff.createOwner', { name: 'Bu Sari', pin: '123456' });
    expect([weak.code, weak.field]).toEqual(['PIN_WEAK', 'pin']);
    const { session } = await till.ok('staff.createOwner', { name: 'Bu Sari', pin: '730194' });
    expect(session).toMatchObject({ staff: { role: 'owner' }, ownerExists: true, ownerSetupRequired: false });
    expect(await till.ok('payments.create', { items: [kopi], method: 'cash' })).toMatchObject({ status: 'settlement', actorName: 'Bu Sari' });
    expect((await app.caller('window-2').fails('payments.list')).code).toBe('SIGN_IN_REQUIRED');
    // No default cashier was ever made on this till.
    expect(app.query('SELECT role FROM staff')).toEqual([{ role: 'owner' }]);
  });
});
