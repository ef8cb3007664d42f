/**
 * A fresh emulator-mode data dir is a working till with nobody signing in:
 * every caller gets the default cashier session, cash and QRIS sell, and
 * the sales say who (the default cashier). Privileged calls wait for the
 * owner; creating the owner ends the default sessions everywhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVILEGED_CHANNELS } from '../../shared/contract/channels';
import { DEFAULT_CASHIER_ID } from '../../electron/main/core/staff';
import { makeApp, privilegedInputs, type AppHarness } from '../fixtures/app-harness';

const kopi = { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, quantity: 1 };
const OWNER_PIN = '730194';

describe('first run on the emulator', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it('sells cash and QRIS without anyone signing in, as the default cashier', async () => {
    app = await makeApp();
    const till = app.caller('page-1');
    expect(await till.ok('session.current')).toEqual({
      staff: { id: DEFAULT_CASHIER_ID, name: 'Kasir', role: 'cashier' },
      isDefault: true,
      ownerExists: false,
      ownerSetupRequired: false,
      idleMinutes: 10,
    });

    const cash = await till.ok('payments.create', { items: [kopi], method: 'cash' });
    expect(cash).toMatchObject({ status: 'settlement', actorName: 'Kasir' });

    const qris = await till.ok('payments.create', { items: [kopi], method: 'qris' });
    expect(qris.status).toBe('pending');
    if (qris.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    const paid = app.waitForStatus(qris.id, 'settlement');
    await app.simulator().pay({ qr_string: qris.action.qrString });
    await paid;
    expect(await till.ok('payments.get', { id: qris.id })).toMatchObject({ status: 'settlement', actorName: 'Kasir' });

    // A second page is a second caller: it sells too, under its own default session.
    const other = app.caller('page-2');
    await other.ok('payments.create', { items: [kopi], method: 'cash' });

    expect(app.query('SELECT DISTINCT actor FROM payments')).toEqual([{ actor: DEFAULT_CASHIER_ID }]);
    expect(app.query('SELECT DISTINCT actor FROM orders')).toEqual([{ actor: DEFAULT_CASHIER_ID }]);
    // Changes the cashier made carry the cashier; the settlement Midtrans reported later is the till's own.
    const events = app.query<{ to_status: string; source: string; actor: string }>(
      'SELECT to_status, source, actor FROM payment_events WHERE applied = 1 AND payment_id = ? ORDER BY id',
      qris.id,
    );
    expect(events.find((e) => e.to_status === 'pending')?.actor).toBe(DEFAULT_CASHIER_ID);
    expect(events.find((e) => e.to_status === 'settlement')?.actor).toBe('till');
    expect(app.query('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?', 'session.default_cashier')).toEqual([{ n: 2 }]);
  });

  it('refuses every privileged call until the owner exists (OWNER_REQUIRED), and audits each refusal', async () => {
    app = await makeApp();
    const till = app.caller('page-1');
    const inputs = privilegedInputs({ paymentId: 'PAY-NONE', staffId: DEFAULT_CASHIER_ID });
    for (const channel of PRIVILEGED_CHANNELS) {
      const plain = await till.fails(channel, inputs[channel]);
      // Even with an approval: there is no owner to approve anything.
      const approved = await till.fails(channel, { ...inputs[channel], approval: { staffId: DEFAULT_CASHIER_ID, pin: '1234' } });
      expect([channel, plain.code, approved.code]).toEqual([channel, 'OWNER_REQUIRED', 'OWNER_REQUIRED']);
    }
    expect(app.query('SELECT COUNT(*) AS n FROM products WHERE sku = ?', 'ES-JERUK')).toEqual([{ n: 0 }]);
    expect(app.query('SELECT COUNT(*) AS n FROM day_closings')).toEqual([{ n: 0 }]);
    const refused = app.query<{ action: string; actor: string; details: string }>(
      "SELECT action, actor, details FROM audit_log WHERE outcome = 'refused' AND action = 'privileged.reports.closeDay'",
    );
    expect(refused.map((r) => [r.actor, JSON.parse(r.details).reason])).toContainEqual([DEFAULT_CASHIER_ID, 'owner_required']);
  });

  it('creating the owner signs that page in as owner; every other page must sign in', async () => {
    app = await makeApp();
    const first = app.caller('page-1');
    const second = app.caller('page-2');
    await second.ok('payments.create', { items: [kopi], method: 'cash' });
    const created = await first.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    expect(created.session).toMatchObject({ staff: { name: 'Bu Sari', role: 'owner' }, isDefault: false, ownerExists: true });
    expect(created.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(app.events.filter((e) => e.name === 'session.changed').length).toBeGreaterThanOrEqual(1);

    expect(await second.ok('session.current')).toMatchObject({ staff: null, ownerExists: true, ownerSetupRequired: false });
    expect((await second.fails('payments.create', { items: [kopi], method: 'cash' })).code).toBe('SIGN_IN_REQUIRED');
    expect((await first.fails('staff.createOwner', { name: 'Orang Lain', pin: '481516' })).code).toBe('CONFLICT');
    // The owner's page sells as the owner.
    expect(await first.ok('payments.create', { items: [kopi], method: 'cash' })).toMatchObject({ actorName: 'Bu Sari' });
  });
});
