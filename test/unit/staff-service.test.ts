import { afterEach, describe, expect, it } from 'vitest';
import { OWNER_SETTINGS_DEFAULTS, type Staff, type StaffError } from '../../electron/main/core/staff';
import { failure } from '../fixtures/failure';
import { makeStaffHarness, type StaffHarness } from '../fixtures/staff-harness';

const OWNER_PIN = '730194';

describe('StaffService', () => {
  let h: StaffHarness;
  afterEach(() => h?.close());
  const withOwner = async (): Promise<Staff> => {
    h = makeStaffHarness();
    return (await h.staff.createOwner({ name: '  Bu Sari ', pin: OWNER_PIN }, 'till-1')).owner;
  };

  it('creates the owner once, with a one-time recovery code, and audits it', async () => {
    h = makeStaffHarness();
    const weak = await failure<StaffError>(h.staff.createOwner({ name: 'Bu Sari', pin: '5837' }));
    expect([weak.reason, weak.params]).toEqual(['pin_weak', { rule: 'too_short' }]);
    const { owner, recoveryCode } = await h.staff.createOwner({ name: '  Bu Sari ', pin: OWNER_PIN }, 'till-1');
    expect(owner).toMatchObject({ name: 'Bu Sari', role: 'owner', active: true, hasPin: true, locked: false });
    expect(recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(h.staff.hasOwner()).toBe(true);
    const again = await failure<StaffError>(h.staff.createOwner({ name: 'Pak Budi', pin: '481516' }));
    expect([again.reason, again.code]).toEqual(['owner_exists', 'CONFLICT']);
    // The schema backs the rule up: at most one owner.
    expect(() =>
      h.db.prepare("INSERT INTO staff (id, name, role, created_at, updated_at) VALUES ('X', 'X', 'owner', 'a', 'a')").run(),
    ).toThrow(/UNIQUE/);
    const stored = h.db.prepare('SELECT recovery_hash FROM staff_pins WHERE staff_id = ?').pluck().get(owner.id) as string;
    expect(stored.startsWith('$scrypt$')).toBe(true);
    expect(stored).not.toContain(recoveryCode.replace(/-/g, ''));
    expect(h.audit.all({ action: 'staff.owner_create' })[0]).toMatchObject({ actorId: owner.id, target: owner.id, caller: 'till-1' });
  });

  it('lets the owner add, rename, re-PIN and deactivate cashiers; never delete', async () => {
    const owner = await withOwner();
    const dewi = await h.staff.createCashier(owner, { name: 'Dewi', pin: '5837' });
    expect(dewi).toMatchObject({ role: 'cashier', active: true, hasPin: true });
    expect((await failure<StaffError>(h.staff.createCashier(owner, { name: '', pin: '5837' }))).reason).toBe('name_invalid');
    expect((await failure<StaffError>(h.staff.createCashier(owner, { name: 'Eka', pin: '1111' }))).reason).toBe('pin_weak');
    await h.staff.update(owner, dewi.id, { name: 'Dewi S.', pin: '6042' });
    const off = await h.staff.update(owner, dewi.id, { active: false });
    expect(off).toMatchObject({ name: 'Dewi S.', active: false });
    expect(h.staff.list().map((s) => [s.name, s.role, s.active])).toEqual([
      ['Bu Sari', 'owner', true],
      ['Dewi S.', 'cashier', false],
    ]);
    const edits = h.audit.all({ action: 'staff.update' }).reverse().map((r) => r.details);
    expect(edits).toEqual([
      { before: { name: 'Dewi' }, after: { name: 'Dewi S.' }, newPinSet: true },
      { before: { active: true }, after: { active: false }, newPinSet: false },
    ]);
    expect(() => h.db.prepare('DELETE FROM staff WHERE id = ?').run(dewi.id)).toThrow(/never deleted/);
  });

  it('refuses account changes by a cashier and deactivating the owner', async () => {
    const owner = await withOwner();
    const dewi = await h.staff.createCashier(owner, { name: 'Dewi', pin: '5837' });
    expect((await failure<StaffError>(h.staff.createCashier(dewi, { name: 'Eka', pin: '6042' }))).reason).toBe('not_owner');
    // A forged role on the object passed in changes nothing: the ledger's row decides.
    expect((await failure<StaffError>(h.staff.createCashier({ ...dewi, role: 'owner' }, { name: 'Eka', pin: '6042' }))).reason).toBe('not_owner');
    expect((await failure<StaffError>(h.staff.update(owner, owner.id, { active: false }))).reason).toBe('owner_protected');
    expect((await failure<StaffError>(h.staff.update(owner, 'STF-NOPE', { name: 'x' }))).reason).toBe('staff_not_found');
  });

  it('changes its own PIN only with the current one', async () => {
    const owner = await withOwner();
    expect((await failure<StaffError>(h.staff.changeOwnPin(owner.id, '204817', '409271'))).reason).toBe('pin_invalid');
    expect((await failure<StaffError>(h.staff.changeOwnPin(owner.id, OWNER_PIN, '4092'))).field).toBe('newPin');
    await h.staff.changeOwnPin(owner.id, OWNER_PIN, '409271');
    await expect(h.sessions.signIn('till-1', { staffId: owner.id, pin: '409271' })).resolves.toMatchObject({ role: 'owner' });
  });

  it('keeps owner-set values with defaults, validates them and audits before/after', async () => {
    const owner = await withOwner();
    expect(h.settings.get()).toEqual(OWNER_SETTINGS_DEFAULTS);
    expect(() => h.settings.update(owner, { idleSignOutMinutes: 0 })).toThrow();
    expect(() => h.settings.update(owner, { discountApprovalAbovePercent: 10.5 })).toThrow();
    h.settings.update(owner, { discountApprovalAbovePercent: 10, idleSignOutMinutes: 10 }, 'till-1');
    h.reopen();
    expect(h.settings.get()).toEqual({ idleSignOutMinutes: 10, discountApprovalAbovePercent: 10 });
    const rows = h.audit.all({ action: 'settings.update' });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toEqual({ before: { discountApprovalAbovePercent: 0 }, after: { discountApprovalAbovePercent: 10 } });
  });
});
