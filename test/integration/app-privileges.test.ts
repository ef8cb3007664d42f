/**
 * Router-level: who may do what, decided in main from the caller — real
 * SQLite, the emulator over HTTPS, the real router (buildServices). Every
 * privileged channel is refused without the owner, refused with a cashier's
 * approval, and accepted with the owner's; forged ids and roles in inputs
 * get nowhere; a page nobody signed in on gets nothing; every write names
 * the staff member who made it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVILEGED_CHANNELS, type PrivilegedChannel } from '../../shared/contract/channels';
import { DEFAULT_SHOP_ZONE, zonedDay } from '../../shared/domain/zoned-time';
import { makeApp, privilegedInputs, saleTargets, type AppHarness, type TestCaller } from '../fixtures/app-harness';

const OWNER_PIN = '730194';
const DEWI_PIN = '5837';
const kopi = { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, quantity: 1 };
/** Privileged reads: only their refusals are audited. */
const READS: readonly PrivilegedChannel[] = ['settings.secrets', 'staff.list', 'audit.list'];

interface Shop {
  owner: TestCaller;
  ownerId: string;
  dewiId: string;
  /** The till, with Dewi (a cashier) signed in. */
  till: TestCaller;
}

describe('privileged calls through the router', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  const openShop = async (): Promise<Shop> => {
    app = await makeApp();
    const owner = app.caller('owner-page');
    const { session } = await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const dewi = await owner.ok('staff.create', { name: 'Dewi', pin: DEWI_PIN, role: 'cashier' });
    const till = app.caller('till-1');
    expect(await till.ok('session.signIn', { staffId: dewi.id, pin: DEWI_PIN })).toMatchObject({
      staff: { id: dewi.id, name: 'Dewi', role: 'cashier' }, isDefault: false,
    });
    return { owner, ownerId: session.staff!.id, dewiId: dewi.id, till };
  };

  /** A QRIS sale rung up by `by` and paid through the emulator's simulator. */
  const paidQris = async (by: TestCaller): Promise<string> => {
    const sale = await by.ok('payments.create', { items: [kopi], method: 'qris' });
    if (sale.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    const paid = app.waitForStatus(sale.id, 'settlement');
    await app.simulator().pay({ qr_string: sale.action.qrString });
    await paid;
    return sale.id;
  };

  it('refuses each privileged channel without the owner or with a cashier approval; accepts it with the owner approval', async () => {
    const { till, ownerId, dewiId } = await openShop();
    const paymentId = await paidQris(till);
    const inputs = privilegedInputs({ paymentId, staffId: dewiId, ...(await saleTargets(till)) });
    const ownerApproval = { staffId: ownerId, pin: OWNER_PIN };
    const cashierApproval = { staffId: dewiId, pin: DEWI_PIN };

    for (const channel of PRIVILEGED_CHANNELS) {
      const input = inputs[channel];
      const plain = await till.fails(channel, input);
      const byCashier = await till.fails(channel, { ...input, approval: cashierApproval });
      expect([channel, plain.code, byCashier.code]).toEqual([channel, 'PIN_REQUIRED', 'FORBIDDEN']);
      const approved = await till.call(channel, { ...input, approval: ownerApproval });
      expect([channel, approved.ok]).toEqual([channel, true]);
      // One-time: the approval does not make the till an owner session.
      expect((await till.fails(channel, input)).code).toBe('PIN_REQUIRED');
    }

    // Nothing happened on the refused attempts: one refund, one closing, one new product, one new cashier.
    expect(app.query('SELECT amount, actor FROM refunds')).toEqual([{ amount: 1_000, actor: dewiId }]);
    expect(app.query('SELECT actor FROM day_closings')).toEqual([{ actor: dewiId }]);
    expect(app.query("SELECT price, actor FROM products WHERE sku = 'ES-JERUK'")).toEqual([{ price: 9_000, actor: dewiId }]);
    expect(app.query("SELECT active, actor FROM products WHERE sku = 'KUE-LAPIS'")).toEqual([{ active: 0, actor: dewiId }]);
    expect(app.query("SELECT COUNT(*) AS n FROM staff WHERE name = 'Eka'")).toEqual([{ n: 1 }]);
    // The refund's status change is Dewi's too (Midtrans' echo of it, a notification, is the till's).
    expect(app.query("SELECT actor FROM payment_events WHERE payment_id = ? AND to_status = 'partial_refund' AND applied = 1", paymentId)).toEqual([
      { actor: dewiId },
    ]);

    for (const channel of PRIVILEGED_CHANNELS) {
      const rows = app.query<{ outcome: string; actor: string; details: string }>(
        "SELECT outcome, actor, details FROM audit_log WHERE action = ? AND caller = 'till-1' ORDER BY id", `privileged.${channel}`,
      );
      const seen = rows.map((r) => [r.outcome, r.actor, JSON.parse(r.details).reason ?? JSON.parse(r.details).approvedBy]);
      const ok = READS.includes(channel) ? [] : [['ok', dewiId, ownerId]];
      expect([channel, seen]).toEqual([
        channel,
        [['refused', dewiId, 'pin_required'], ['refused', dewiId, 'not_owner'], ...ok, ['refused', dewiId, 'pin_required']],
      ]);
    }
    const refund = app.query<{ target: string; details: string }>(
      "SELECT target, details FROM audit_log WHERE action = 'privileged.payments.refund' AND outcome = 'ok'",
    )[0]!;
    expect([refund.target, JSON.parse(refund.details)]).toEqual([
      paymentId, { via: 'approval', approvedBy: ownerId, amount: 1_000, refundedAmount: 1_000 },
    ]);
    const price = app.query<{ details: string }>("SELECT details FROM audit_log WHERE action = 'privileged.catalog.save' AND outcome = 'ok'")[0]!;
    expect(JSON.parse(price.details)).toMatchObject({ before: null, after: { name: 'Es Jeruk', price: 9_000 } });
    const key = app.query<{ target: string; details: string }>(
      "SELECT target, details FROM audit_log WHERE action = 'privileged.settings.setSecret' AND outcome = 'ok'",
    )[0]!;
    expect([key.target, JSON.parse(key.details)]).toEqual(['sandbox:coreClientKey', { via: 'approval', approvedBy: ownerId, env: 'sandbox', name: 'coreClientKey' }]);
    expect(JSON.stringify(app.query('SELECT * FROM audit_log'))).not.toContain('TESTKEY1234');
  });

  it('an owner session needs no approval, and writes as the owner', async () => {
    const { owner, ownerId, dewiId, till } = await openShop();
    const paymentId = await paidQris(till);
    const inputs = privilegedInputs({ paymentId, staffId: dewiId, ...(await saleTargets(till)) });
    for (const channel of PRIVILEGED_CHANNELS) {
      const res = await owner.call(channel, inputs[channel]);
      expect([channel, res.ok]).toEqual([channel, true]);
    }
    expect(app.query('SELECT actor FROM refunds')).toEqual([{ actor: ownerId }]);
    expect(app.query('SELECT actor FROM day_closings')).toEqual([{ actor: ownerId }]);
    expect(await owner.ok('reports.closings')).toMatchObject([{ closedByName: 'Bu Sari' }]);
    expect(app.query<{ details: string }>("SELECT details FROM audit_log WHERE action = 'privileged.staff.unlock'").map((r) => JSON.parse(r.details)))
      .toEqual([{ via: 'owner_session', approvedBy: ownerId }]);
  });

  it('a wrong owner PIN in an approval is refused and counted; deactivating a cashier ends her session', async () => {
    const { till, owner, ownerId, dewiId } = await openShop();
    const wrong = await till.fails('staff.list', { approval: { staffId: ownerId, pin: '111111' } });
    expect(wrong.code).toBe('PIN_INVALID');
    expect(app.query('SELECT failed_count FROM staff_pins WHERE staff_id = ?', ownerId)).toEqual([{ failed_count: 1 }]);
    const unknown = await till.fails('staff.list', { approval: { staffId: 'STF-NOBODY', pin: '111111' } });
    expect(unknown.code).toBe('FORBIDDEN');
    await owner.ok('staff.update', { id: dewiId, active: false });
    // Deactivating Dewi ends her session on the till at once.
    expect(await till.ok('session.current')).toMatchObject({ staff: null });
    expect((await till.fails('payments.list')).code).toBe('SIGN_IN_REQUIRED');
  });

  it('ignores forged staff ids and roles: strict inputs refuse them, and writes record the real actor', async () => {
    const { till, ownerId, dewiId } = await openShop();
    const sale = { items: [kopi], method: 'cash' };
    for (const forged of [{ actor: ownerId }, { staffId: ownerId }, { role: 'owner' }, { callerId: 'owner-page' }]) {
      expect((await till.fails('payments.create', { ...sale, ...forged })).code).toBe('INVALID_INPUT');
      expect((await till.fails('reports.closeDay', { ...forged })).code).toBe('INVALID_INPUT');
      expect((await till.fails('catalog.save', { ...privilegedInputs({ paymentId: 'x', staffId: 'x' })['catalog.save'], ...forged })).code).toBe(
        'INVALID_INPUT',
      );
    }
    expect((await till.fails('staff.create', { name: 'Eka', pin: '582047', role: 'owner', approval: { staffId: ownerId, pin: OWNER_PIN } })).code).toBe(
      'INVALID_INPUT',
    );
    // An approval object with a role in it is no approval at all.
    expect((await till.fails('staff.list', { approval: { staffId: ownerId, pin: OWNER_PIN, role: 'owner' } })).code).toBe('INVALID_INPUT');
    expect((await till.fails('session.signIn', { staffId: ownerId, pin: OWNER_PIN, role: 'owner' })).code).toBe('INVALID_INPUT');

    const good = await till.ok('payments.create', sale);
    expect(good.actorName).toBe('Dewi');
    expect(app.query('SELECT actor FROM payments')).toEqual([{ actor: dewiId }]);
    expect(app.query('SELECT actor FROM orders')).toEqual([{ actor: dewiId }]);
    expect(app.query('SELECT DISTINCT actor FROM payment_events')).toEqual([{ actor: dewiId }]);
    const csv = await till.ok('reports.exportCsv', { day: zonedDay(Date.parse(good.createdAt), DEFAULT_SHOP_ZONE).day });
    const [header, row] = csv.csv.split('\r\n');
    // By name: the sale columns (v9) follow the staff columns.
    const at = header!.split(',').indexOf('staff_id');
    expect(header!.split(',').slice(at, at + 2)).toEqual(['staff_id', 'staff_name']);
    expect(row!.split(',').slice(at, at + 2)).toEqual([dewiId, 'Dewi']);
  });

  it('refuses every call from a second page nobody signed in on, even with the owner approval', async () => {
    const { ownerId, dewiId } = await openShop();
    const other = app.caller('till-2');
    expect(await other.ok('session.current')).toEqual({
      staff: null, isDefault: false, ownerExists: true, ownerSetupRequired: false, idleMinutes: 10,
    });
    expect((await other.ok('session.roster')).map((s) => s.name).sort()).toEqual(['Bu Sari', 'Dewi']);
    for (const [channel, input] of [
      ['payments.list', undefined],
      ['payments.create', { items: [kopi], method: 'cash' }],
      ['catalog.list', undefined],
      ['reports.today', undefined],
      ['owner.settings', undefined],
    ] as const) {
      expect([channel, (await other.fails(channel, input)).code]).toEqual([channel, 'SIGN_IN_REQUIRED']);
    }
    const inputs = privilegedInputs({ paymentId: 'PAY-NONE', staffId: dewiId });
    for (const channel of PRIVILEGED_CHANNELS) {
      const res = await other.fails(channel, { ...inputs[channel], approval: { staffId: ownerId, pin: OWNER_PIN } });
      expect([channel, res.code]).toEqual([channel, 'SIGN_IN_REQUIRED']);
    }
    expect(app.query("SELECT COUNT(*) AS n FROM payments")).toEqual([{ n: 0 }]);
    // The owner PIN was never checked for a page without a session: no wrong-PIN count, no approval row.
    expect(app.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'approval'")).toEqual([{ n: 0 }]);
  });

  it('switching cashier is a sign-in over the current one; signing out ends it', async () => {
    const { till, owner, ownerId } = await openShop();
    const andi = await owner.ok('staff.create', { name: 'Andi', pin: '9021', role: 'cashier' });
    const before = app.events.length;
    expect((await till.fails('session.signIn', { staffId: andi.id, pin: '9999' })).code).toBe('PIN_INVALID');
    expect(await till.ok('session.current')).toMatchObject({ staff: { name: 'Dewi' } });
    expect(await till.ok('session.signIn', { staffId: andi.id, pin: '9021' })).toMatchObject({ staff: { name: 'Andi' } });
    expect(app.events.slice(before).map((e) => e.name)).toContain('session.changed');
    expect(await till.ok('payments.create', { items: [kopi], method: 'cash' })).toMatchObject({ actorName: 'Andi' });
    expect(await till.ok('session.signOut')).toMatchObject({ staff: null });
    expect((await till.fails('payments.list')).code).toBe('SIGN_IN_REQUIRED');
    const sessionRows = app.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE caller = 'till-1' AND action LIKE 'session.%' ORDER BY id",
    );
    expect(sessionRows.map((r) => r.action)).toEqual(['session.sign_in', 'session.switch', 'session.sign_out']);
    expect(sessionRows.map((r) => r.actor)).not.toContain(ownerId);
  });
});
