import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { delayAfter } from '../../electron/main/core/staff';
import { makeStaffHarness, type StaffHarness } from '../fixtures/staff-harness';

// Distinctive digit strings: none can turn up by chance in a timestamp, an id or a count.
const OWNER_PIN = '73019468';
const CASHIER_PIN = '58374629';
const WRONG_PIN = '40817263';
const NEW_OWNER_PIN = '94025817';
const SECRETS = [OWNER_PIN, CASHIER_PIN, WRONG_PIN, NEW_OWNER_PIN];

describe('PINs and recovery codes never leave the hasher', () => {
  let h: StaffHarness;
  afterEach(() => h?.close());

  it('are absent from the ledger file bytes, the audit rows, the logs and every error', async () => {
    h = makeStaffHarness();
    const errors: unknown[] = [];
    const attempt = async (p: Promise<unknown>) => p.catch((e: unknown) => void errors.push(e));

    const { owner, recoveryCode } = await h.staff.createOwner({ name: 'Bu Sari', pin: OWNER_PIN }, 'till-1');
    const cashier = await h.staff.createCashier(owner, { name: 'Dewi', pin: CASHIER_PIN });
    h.settings.update(owner, { idleSignOutMinutes: 480 }); // the delays below add up to half an hour
    await h.sessions.signIn('till-1', { staffId: cashier.id, pin: CASHIER_PIN });
    await attempt(h.sessions.switchTo('till-1', { staffId: owner.id, pin: WRONG_PIN }));
    await attempt(h.guard.authorize('till-1', 'payments.refund', { staffId: cashier.id, pin: CASHIER_PIN }));
    await attempt(h.staff.createCashier(owner, { name: 'Eka', pin: '12345678' }));
    for (let n = 2; n <= 11; n++) {
      await attempt(h.guard.authorize('till-1', 'payments.refund', { staffId: owner.id, pin: WRONG_PIN }));
      h.clock.advance(delayAfter(n) * 1000);
    }
    await attempt(h.staff.recoverOwner({ recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD', newPin: NEW_OWNER_PIN }));
    const { recoveryCode: rotated } = await h.staff.recoverOwner({ recoveryCode, newPin: NEW_OWNER_PIN });
    await h.staff.changeOwnPin(cashier.id, CASHIER_PIN, '61829374');
    expect(h.staff.owner()!.locked).toBe(false);
    expect(errors.length).toBeGreaterThan(10);

    const codes = [recoveryCode, rotated].flatMap((c) => [c, c.replace(/-/g, '')]);
    const everything = [...SECRETS, '61829374', ...codes];
    const audit = JSON.stringify(h.audit.all());
    const logs = h.logs.join('\n');
    const errorText = JSON.stringify(errors.map((e) => ({ ...(e as object), message: (e as Error).message })));
    expect(h.audit.count({ action: 'pin.locked' })).toBe(1);
    expect(logs).toContain('account locked');

    const ledgerBytes = (): string =>
      ['', '-wal', '-shm']
        .map((suffix) => h.file + suffix)
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
    const live = ledgerBytes();
    h.db.close(); // checkpoints the WAL into the main file
    const closed = ledgerBytes();
    expect(closed).toContain('Bu Sari');

    for (const secret of everything) {
      expect(live, 'ledger (with WAL)').not.toContain(secret);
      expect(closed, 'ledger file').not.toContain(secret);
      expect(audit, 'audit rows').not.toContain(secret);
      expect(logs, 'logs').not.toContain(secret);
      expect(errorText, 'errors').not.toContain(secret);
    }
  });
});
