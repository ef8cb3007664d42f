import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CASHIER_ID, type SignOutReason, type Staff, type StaffError } from '../../electron/main/core/staff';
import { failure } from '../fixtures/failure';
import { makeStaffHarness, type StaffHarness } from '../fixtures/staff-harness';

const OWNER_PIN = '730194';
const DEWI_PIN = '5837';
const ANDI_PIN = '9021';
const MIN = 60_000;

describe('sessions per caller', () => {
  let h: StaffHarness;
  let owner: Staff;
  let dewi: Staff;
  let andi: Staff;
  let ended: Array<[string, SignOutReason]>;
  afterEach(() => h?.close());

  const start = async (withOwner = true) => {
    h = makeStaffHarness();
    ended = [];
    h.sessions.onSignedOut((caller, reason) => ended.push([caller, reason]));
    if (!withOwner) return;
    ({ owner } = await h.staff.createOwner({ name: 'Bu Sari', pin: OWNER_PIN }));
    dewi = await h.staff.createCashier(owner, { name: 'Dewi', pin: DEWI_PIN });
    andi = await h.staff.createCashier(owner, { name: 'Andi', pin: ANDI_PIN });
  };
  const failedCount = (id: string) => h.db.prepare('SELECT failed_count FROM staff_pins WHERE staff_id = ?').pluck().get(id);

  it('signs a cashier in on one caller only; another window is not signed in', async () => {
    await start();
    const s = await h.sessions.signIn('till-1', { staffId: dewi.id, pin: DEWI_PIN });
    expect(s).toMatchObject({ callerId: 'till-1', staffId: dewi.id, name: 'Dewi', role: 'cashier', isDefault: false });
    expect(h.sessions.require('till-1').id).toBe(dewi.id);
    expect((await failure<StaffError>(Promise.resolve().then(() => h.sessions.require('till-2')))).reason).toBe('sign_in_required');
    expect(h.audit.all({ action: 'session.sign_in' })[0]).toMatchObject({ actorId: dewi.id, actorName: 'Dewi', caller: 'till-1' });
  });

  it('signs out after the owner-set idle time (10 min by default), and each call pushes it back', async () => {
    await start();
    const s = await h.sessions.signIn('till-1', { staffId: dewi.id, pin: DEWI_PIN });
    expect(Date.parse(s.idleSignOutAt!) - h.clock.now()).toBe(10 * MIN);
    h.clock.advance(9 * MIN);
    h.sessions.touch('till-1');
    h.clock.advance(9 * MIN);
    expect(h.sessions.current('till-1')).not.toBeNull();
    expect(ended).toEqual([]);
    h.clock.advance(1 * MIN);
    expect(ended).toEqual([['till-1', 'idle']]);
    expect(h.sessions.current('till-1')).toBeNull();
    expect(h.audit.all({ action: 'session.idle_sign_out' })[0]).toMatchObject({ actorId: dewi.id, details: { reason: 'idle' } });
  });

  it('applies a shorter idle time set by the owner to running sessions', async () => {
    await start();
    await h.sessions.signIn('till-1', { staffId: dewi.id, pin: DEWI_PIN });
    h.clock.advance(3 * MIN);
    h.settings.update(owner, { idleSignOutMinutes: 2 });
    expect(ended).toEqual([['till-1', 'idle']]);
    const change = h.audit.all({ action: 'settings.update' })[0]!;
    expect(change).toMatchObject({ actorId: owner.id, details: { before: { idleSignOutMinutes: 10 }, after: { idleSignOutMinutes: 2 } } });
  });

  it('switches cashier with the next PIN; a wrong PIN keeps the current one', async () => {
    await start();
    await h.sessions.signIn('till-1', { staffId: dewi.id, pin: DEWI_PIN });
    expect((await failure<StaffError>(h.sessions.switchTo('till-1', { staffId: andi.id, pin: '1470' }))).reason).toBe('pin_invalid');
    expect(h.sessions.current('till-1')!.staffId).toBe(dewi.id);
    const s = await h.sessions.switchTo('till-1', { staffId: andi.id, pin: ANDI_PIN });
    expect(s.staffId).toBe(andi.id);
    expect(ended).toEqual([]); // a switch is not a sign-out screen
    expect(h.audit.all({ action: 'session.switch' })[0]).toMatchObject({ actorId: andi.id, details: { from: dewi.id } });
  });

  it('signs out on request, and when the staff member is deactivated', async () => {
    await start();
    await h.sessions.signIn('till-1', { staffId: dewi.id, pin: DEWI_PIN });
    await h.sessions.signIn('till-2', { staffId: andi.id, pin: ANDI_PIN });
    h.sessions.signOut('till-1');
    await h.staff.update(owner, andi.id, { active: false });
    expect(h.sessions.current('till-2')).toBeNull();
    expect(ended).toEqual([['till-1', 'signed_out'], ['till-2', 'inactive']]);
    expect((await failure<StaffError>(h.sessions.signIn('till-2', { staffId: andi.id, pin: ANDI_PIN }))).reason).toBe('inactive');
  });

  describe('approve({staffId, pin})', () => {
    const ctx = { callerId: 'till-1', action: 'payments.refund' };

    it('returns the owner for the owner PIN', async () => {
      await start();
      await h.sessions.signIn('till-1', { staffId: dewi.id, pin: DEWI_PIN });
      await expect(h.sessions.approve({ staffId: owner.id, pin: OWNER_PIN }, ctx)).resolves.toMatchObject({ id: owner.id, role: 'owner' });
      expect(h.audit.all({ action: 'approval' })[0]).toMatchObject({
        outcome: 'ok', actorId: dewi.id, target: owner.id, details: { for: 'payments.refund', approverName: 'Bu Sari' },
      });
    });

    it("refuses a cashier's approval without checking the PIN", async () => {
      await start();
      const e = await failure<StaffError>(h.sessions.approve({ staffId: dewi.id, pin: DEWI_PIN }, ctx));
      expect([e.reason, e.code]).toEqual(['not_owner', 'FORBIDDEN']);
      expect((await failure<StaffError>(h.sessions.approve({ staffId: dewi.id, pin: '1111' }, ctx))).reason).toBe('not_owner');
      expect(failedCount(dewi.id)).toBe(0);
      expect(h.audit.all({ action: 'approval', outcome: 'refused' }).map((r) => r.details.reason)).toEqual(['not_owner', 'not_owner']);
    });

    it('refuses an inactive owner', async () => {
      await start();
      // StaffService never deactivates the owner; a row changed behind its back is still refused.
      h.db.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(owner.id);
      expect((await failure<StaffError>(h.sessions.approve({ staffId: owner.id, pin: OWNER_PIN }, ctx))).reason).toBe('inactive');
    });

    it("counts a wrong owner PIN toward the owner's lockout", async () => {
      await start();
      const e = await failure<StaffError>(h.sessions.approve({ staffId: owner.id, pin: '204817' }, ctx));
      expect(e.reason).toBe('pin_invalid');
      expect(failedCount(owner.id)).toBe(1);
      expect(h.audit.all({ action: 'pin.failed' })[0]).toMatchObject({ target: owner.id, details: { purpose: 'approval', failedCount: 1 } });
    });
  });

  describe('PrivilegeGuard', () => {
    it('refuses privileged calls until an owner exists, even from the default cashier', async () => {
      await start(false);
      h.sessions.openDefault('till-1');
      expect((await failure<StaffError>(h.guard.authorize('till-1', 'settings.update'))).reason).toBe('owner_required');
    });

    it('needs an owner session or an owner approval; audits every refusal', async () => {
      await start();
      await h.sessions.signIn('till-1', { staffId: dewi.id, pin: DEWI_PIN });
      const e = await failure<StaffError>(h.guard.authorize('till-1', 'payments.refund'));
      expect([e.reason, e.code, e.params]).toEqual(['pin_required', 'PIN_REQUIRED', { action: 'payments.refund' }]);
      const byCashier = await failure<StaffError>(h.guard.authorize('till-1', 'payments.refund', { staffId: andi.id, pin: ANDI_PIN }));
      expect(byCashier.reason).toBe('not_owner');
      await expect(h.guard.authorize('till-1', 'payments.refund', { staffId: owner.id, pin: OWNER_PIN })).resolves.toMatchObject({
        session: { id: dewi.id }, owner: { id: owner.id }, via: 'approval',
      });
      expect((await failure<StaffError>(h.guard.authorize('till-9', 'payments.refund'))).reason).toBe('sign_in_required');
      await h.sessions.signIn('till-2', { staffId: owner.id, pin: OWNER_PIN });
      await expect(h.guard.authorize('till-2', 'payments.refund')).resolves.toMatchObject({ via: 'owner_session' });
      expect(h.audit.all({ action: 'privileged.payments.refund' }).reverse().map((r) => [r.actorId, r.details.reason])).toEqual([
        [dewi.id, 'pin_required'],
        [dewi.id, 'not_owner'],
        ['till', 'sign_in_required'],
      ]);
    });

    it('run() records the privileged action with its outcome', async () => {
      await start();
      await h.sessions.signIn('till-1', { staffId: owner.id, pin: OWNER_PIN });
      await h.guard.run('till-1', 'day.close', null, () => 'closed', '2026-11-26');
      await expect(h.guard.run('till-1', 'day.close', null, () => { throw new Error('boom'); })).rejects.toThrow('boom');
      expect(h.audit.all({ action: 'privileged.day.close' }).reverse().map((r) => [r.outcome, r.target, r.details])).toEqual([
        ['ok', '2026-11-26', { via: 'owner_session', approvedBy: owner.id }],
        ['error', null, { via: 'owner_session', approvedBy: owner.id, code: 'INTERNAL' }],
      ]);
    });
  });

  describe('first run', () => {
    it('opens a default cashier session without a PIN while no owner exists; it does not idle out', async () => {
      await start(false);
      expect(h.staff.hasOwner()).toBe(false);
      const s = h.sessions.openDefault('till-1');
      expect(s).toMatchObject({ staffId: DEFAULT_CASHIER_ID, role: 'cashier', isDefault: true, idleSignOutAt: null });
      expect(h.sessions.openDefault('till-1')).toEqual(s);
      h.sessions.openDefault('page-2');
      h.clock.advance(24 * 60 * MIN);
      expect(h.sessions.require('till-1').id).toBe(DEFAULT_CASHIER_ID);
      // Nobody can sign in as the default cashier with a PIN.
      expect((await failure<StaffError>(h.sessions.signIn('till-3', { staffId: DEFAULT_CASHIER_ID, pin: '' }))).reason).toBe('pin_invalid');
      expect(h.staff.list().map((x) => x.id)).toEqual([DEFAULT_CASHIER_ID]);
    });

    it('creating the owner signs that caller in as owner and ends every default session', async () => {
      await start(false);
      h.sessions.openDefault('till-1');
      h.sessions.openDefault('page-2');
      const { session, recoveryCode } = await h.sessions.createOwner('till-1', { name: 'Bu Sari', pin: OWNER_PIN });
      expect(session).toMatchObject({ callerId: 'till-1', role: 'owner', name: 'Bu Sari', isDefault: false });
      expect(recoveryCode).toHaveLength(23);
      expect(h.sessions.current('page-2')).toBeNull();
      expect(ended).toEqual([['page-2', 'owner_created']]);
      expect(h.staff.ensureDefaultCashier()).toBeNull();
      expect((await failure<StaffError>(Promise.resolve().then(() => h.sessions.openDefault('page-2')))).reason).toBe('sign_in_required');
      expect((await failure<StaffError>(h.sessions.createOwner('page-2', { name: 'Orang Lain', pin: '481516' }))).reason).toBe('owner_exists');
    });
  });
});
