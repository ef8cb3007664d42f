import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_DELAY_SECONDS, FREE_ATTEMPTS, LOCK_AFTER, delayAfter, type Staff, type StaffError } from '../../electron/main/core/staff';
import { failure } from '../fixtures/failure';
import { makeStaffHarness, type StaffHarness } from '../fixtures/staff-harness';

const OWNER_PIN = '730194';
const CASHIER_PIN = '5837';
const WRONG = '9146';

describe('wrong PINs: escalating delays, then a lock', () => {
  let h: StaffHarness;
  let owner: Staff;
  let cashier: Staff;
  let recoveryCode: string;
  afterEach(() => h?.close());

  const start = async () => {
    h = makeStaffHarness();
    ({ owner, recoveryCode } = await h.staff.createOwner({ name: 'Bu Sari', pin: OWNER_PIN }));
    cashier = await h.staff.createCashier(owner, { name: 'Dewi', pin: CASHIER_PIN });
  };
  const signIn = (pin: string, staffId = cashier.id) => h.sessions.signIn('till-1', { staffId, pin });
  const refused = (pin: string, staffId = cashier.id) => failure<StaffError>(signIn(pin, staffId));
  const rows = (action: string) => h.audit.all({ action }).reverse();
  const pinState = (id = cashier.id) =>
    h.db.prepare('SELECT failed_count, locked, next_attempt_at FROM staff_pins WHERE staff_id = ?').get(id);

  it('documents its numbers: 3 free, then 30 s doubling, locked at the 10th', () => {
    expect([FREE_ATTEMPTS, LOCK_AFTER, FIRST_DELAY_SECONDS]).toEqual([3, 10, 30]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(delayAfter)).toEqual([0, 0, 0, 30, 60, 120, 240, 480, 960, 0]);
  });

  it('lets 3 wrong PINs through at once, then delays 30, 60, 120 … s and locks at the 10th', async () => {
    await start();
    for (let n = 1; n <= 3; n++) {
      const e = await refused(WRONG);
      expect(e.reason).toBe('pin_invalid');
      expect(e.params).toEqual({ failedCount: n, attemptsLeft: 10 - n, retryAfterSeconds: 0 });
    }
    const expected = [30, 60, 120, 240, 480, 960];
    for (const [i, seconds] of expected.entries()) {
      const e = await refused(WRONG);
      expect(e.reason).toBe('pin_invalid');
      expect(e.params.retryAfterSeconds).toBe(seconds);
      // Inside the delay even the right PIN is refused, unchecked, and costs nothing.
      const early = await refused(CASHIER_PIN);
      expect(early.reason).toBe('retry_later');
      expect(early.code).toBe('LOCKED');
      expect(early.params).toEqual({ retryAfterSeconds: seconds });
      h.clock.advance(seconds * 1000 - 1500);
      expect((await refused(CASHIER_PIN)).params).toEqual({ retryAfterSeconds: 2 });
      h.clock.advance(1500);
      expect(pinState()).toMatchObject({ failed_count: 4 + i, locked: 0 });
    }
    const last = await refused(WRONG);
    expect(last.reason).toBe('locked');
    expect(pinState()).toMatchObject({ failed_count: 10, locked: 1 });
    // Locked: the right PIN is refused too, at any time.
    h.clock.advance(24 * 3600_000);
    expect((await refused(CASHIER_PIN)).reason).toBe('locked');
    expect(h.staff.get(cashier.id)!.locked).toBe(true);

    expect(rows('pin.failed')).toHaveLength(10);
    expect(rows('pin.failed').map((r) => r.details.retryAfterSeconds)).toEqual([0, 0, 0, 30, 60, 120, 240, 480, 960, 0]);
    expect(rows('pin.throttled')).toHaveLength(12);
    const locks = rows('pin.locked');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ outcome: 'refused', target: cashier.id, caller: 'till-1', details: { failedCount: 10 } });
    expect(rows('pin.refused').map((r) => r.details.reason)).toEqual(['locked']);
  });

  it('forgets wrong PINs after a right one', async () => {
    await start();
    for (let n = 0; n < 3; n++) await refused(WRONG);
    await signIn(CASHIER_PIN);
    expect(pinState()).toMatchObject({ failed_count: 0, locked: 0, next_attempt_at: null });
    expect((await refused(WRONG)).params).toMatchObject({ failedCount: 1, retryAfterSeconds: 0 });
  });

  it('keeps the delay and the lock across a restart', async () => {
    await start();
    for (let n = 0; n < 4; n++) await refused(WRONG);
    h.reopen();
    h.clock.advance(10_000);
    expect((await refused(CASHIER_PIN)).params).toEqual({ retryAfterSeconds: 20 });
    h.clock.advance(20_000);
    for (let n = 5; n <= 10; n++) {
      await refused(WRONG);
      h.clock.advance(delayAfter(n) * 1000);
    }
    h.reopen();
    expect((await refused(CASHIER_PIN)).reason).toBe('locked');
    expect(h.staff.get(cashier.id)).toMatchObject({ locked: true });
    expect(h.audit.all({ action: 'pin.locked' })).toHaveLength(1);
  });

  it('does not let a clock set backwards stretch a delay', async () => {
    await start();
    for (let n = 0; n < 4; n++) await refused(WRONG);
    h.clock.advance(-3600_000);
    expect((await refused(CASHIER_PIN)).params).toEqual({ retryAfterSeconds: 30 });
  });

  it('counts checks of one account one at a time (two windows cannot share a free attempt)', async () => {
    await start();
    const tries = await Promise.all(
      Array.from({ length: 5 }, (_, i) => failure<StaffError>(h.sessions.signIn(`till-${i}`, { staffId: cashier.id, pin: WRONG }))),
    );
    expect(tries.map((e) => e.reason)).toEqual(['pin_invalid', 'pin_invalid', 'pin_invalid', 'pin_invalid', 'retry_later']);
    expect(pinState()).toMatchObject({ failed_count: 4 });
  });

  it('an owner unlock lets a locked cashier sign in again', async () => {
    await start();
    for (let n = 1; n <= 10; n++) {
      await refused(WRONG);
      h.clock.advance(delayAfter(n) * 1000);
    }
    expect((await refused(CASHIER_PIN)).reason).toBe('locked');
    h.staff.unlock(owner, cashier.id, 'till-1');
    await expect(signIn(CASHIER_PIN)).resolves.toMatchObject({ staffId: cashier.id });
    expect(h.audit.all({ action: 'staff.unlock' })[0]).toMatchObject({ actorId: owner.id, target: cashier.id });
  });

  it('the recovery code unlocks the owner, resets the PIN and is replaced by a new one', async () => {
    await start();
    for (let n = 1; n <= 10; n++) {
      await failure(h.sessions.approve({ staffId: owner.id, pin: '204817' }, { callerId: 'till-1', action: 'payments.refund' }));
      h.clock.advance(delayAfter(n) * 1000);
    }
    expect(h.staff.owner()!.locked).toBe(true);
    expect((await refused(OWNER_PIN, owner.id)).reason).toBe('locked');
    expect(h.audit.all({ action: 'pin.locked' })[0]).toMatchObject({ target: owner.id, details: { purpose: 'approval', for: 'payments.refund' } });

    const wrong = await failure<StaffError>(h.staff.recoverOwner({ recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD', newPin: '409271' }));
    expect(wrong.reason).toBe('recovery_invalid');
    expect(h.audit.all({ action: 'recovery.use' })[0]).toMatchObject({ outcome: 'refused', target: owner.id });

    // Case, dashes and spaces do not matter when typing it.
    const typed = recoveryCode.toLowerCase().replace(/-/g, ' ');
    const { owner: back, recoveryCode: next } = await h.staff.recoverOwner({ recoveryCode: typed, newPin: '409271' }, 'till-1');
    expect(back.locked).toBe(false);
    expect(next).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(next).not.toBe(recoveryCode);
    expect((await refused(OWNER_PIN, owner.id)).reason).toBe('pin_invalid');
    await expect(signIn('409271', owner.id)).resolves.toMatchObject({ role: 'owner' });
    // The old code is spent; the new one works.
    expect((await failure<StaffError>(h.staff.recoverOwner({ recoveryCode, newPin: '520638' }))).reason).toBe('recovery_invalid');
    await expect(h.staff.recoverOwner({ recoveryCode: next, newPin: '520638' })).resolves.toBeTruthy();
    expect(h.audit.all({ action: 'recovery.use', outcome: 'ok' })[1]).toMatchObject({
      actorId: owner.id, details: { unlocked: true, codeRotated: true },
    });
  });
});
