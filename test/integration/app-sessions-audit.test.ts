/**
 * Router-level, on a ManualClock: idle sign-out (the clock a shell is given
 * drives it, with a `session.changed` push), the lockout reached through
 * approvals, the recovery code, the owner's audit screen and export — and
 * no PIN or recovery code in logs, ledger bytes or answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { delayAfter, LOCK_AFTER } from '../../electron/main/core/staff';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

// Distinctive digit strings: none can turn up by chance in a timestamp, an id or a count.
const OWNER_PIN = '73019468';
const DEWI_PIN = '58374629';
const WRONG_PIN = '40817263';
const NEW_OWNER_PIN = '94025817';
const MIN = 60_000;
const kopi = { sku: 'KOPI-HITAM', name: 'Kopi Hitam', price: 12_000, quantity: 1 };

describe('sessions and the audit log through the router', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it('signs a cashier out after the owner-set idle time; each call pushes it back; windows hear of it', async () => {
    const clock = new ManualClock();
    app = await makeApp({ clock });
    const owner = app.caller('owner-page');
    const { session } = await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const ownerId = session.staff!.id;
    const dewi = await owner.ok('staff.create', { name: 'Dewi', pin: DEWI_PIN, role: 'cashier' });
    const till = app.caller('till-1');
    expect(await till.ok('session.signIn', { staffId: dewi.id, pin: DEWI_PIN })).toMatchObject({ idleMinutes: 10 });

    clock.advance(9 * MIN);
    await till.ok('payments.create', { items: [kopi], method: 'cash' });
    clock.advance(9 * MIN);
    expect(await till.ok('session.current')).toMatchObject({ staff: { name: 'Dewi' } });
    const before = app.events.filter((e) => e.name === 'session.changed').length;
    clock.advance(1 * MIN);
    // The timer on the injected clock ended it: every window is told, no call needed.
    expect(app.events.filter((e) => e.name === 'session.changed').length).toBe(before + 1);
    expect(await till.ok('session.current')).toMatchObject({ staff: null });
    expect((await till.fails('payments.list')).code).toBe('SIGN_IN_REQUIRED');

    // The owner idles out too (no call for 10 minutes); signing in again, a shorter idle time applies at once.
    expect((await owner.fails('owner.updateSettings', { idleMinutes: 2 })).code).toBe('SIGN_IN_REQUIRED');
    await till.ok('session.signIn', { staffId: dewi.id, pin: DEWI_PIN });
    clock.advance(3 * MIN);
    await owner.ok('session.signIn', { staffId: ownerId, pin: OWNER_PIN });
    await owner.ok('owner.updateSettings', { idleMinutes: 2 });
    expect(await till.ok('session.current')).toMatchObject({ staff: null, idleMinutes: 2 });

    const idle = (await owner.ok('audit.list', { action: 'session.idle_sign_out' })).rows;
    expect(idle.map((r) => [r.actorId, r.outcome, r.details.reason])).toEqual([
      [dewi.id, 'ok', 'idle'],
      [dewi.id, 'ok', 'idle'],
      [ownerId, 'ok', 'idle'],
    ]);
  });

  it('a cashier tapping products (session.touch, no sale yet) is not idle; after sign-out the touch is refused', async () => {
    const clock = new ManualClock();
    app = await makeApp({ clock });
    const owner = app.caller('owner-page');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const dewi = await owner.ok('staff.create', { name: 'Dewi', pin: DEWI_PIN, role: 'cashier' });
    const till = app.caller('till-1');
    await till.ok('session.signIn', { staffId: dewi.id, pin: DEWI_PIN });
    for (let i = 0; i < 4; i++) {
      clock.advance(8 * MIN);
      expect(await till.ok('session.touch')).toMatchObject({ staff: { name: 'Dewi' } });
    }
    clock.advance(10 * MIN);
    expect((await till.fails('session.touch')).code).toBe('SIGN_IN_REQUIRED');
  });

  it('signing out by hand tells every window, as an idle sign-out does', async () => {
    app = await makeApp({ clock: new ManualClock() });
    const owner = app.caller('owner-page');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const before = app.events.filter((e) => e.name === 'session.changed').length;
    expect(await owner.ok('session.signOut')).toMatchObject({ staff: null });
    expect(app.events.filter((e) => e.name === 'session.changed').length).toBe(before + 1);
  });

  it('locks the owner after wrong approval PINs, shows each step in the audit log, and the recovery code unlocks', async () => {
    const clock = new ManualClock();
    app = await makeApp({ clock });
    const owner = app.caller('owner-page');
    const { session, recoveryCode } = await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const ownerId = session.staff!.id;
    await owner.ok('owner.updateSettings', { idleMinutes: 480 }); // the delays below add up to half an hour
    const dewi = await owner.ok('staff.create', { name: 'Dewi', pin: DEWI_PIN, role: 'cashier' });
    await owner.ok('session.signOut');
    const till = app.caller('till-1');
    await till.ok('session.signIn', { staffId: dewi.id, pin: DEWI_PIN });

    const codes: string[] = [];
    for (let n = 1; n <= LOCK_AFTER; n++) {
      const e = await till.fails('staff.list', { approval: { staffId: ownerId, pin: WRONG_PIN } });
      codes.push(e.code);
      if (n > 3 && n < LOCK_AFTER) {
        // Inside the delay the PIN is not even checked.
        const early = await till.fails('staff.list', { approval: { staffId: ownerId, pin: OWNER_PIN } });
        expect([n, early.code, early.params.retryAfterSeconds]).toEqual([n, 'LOCKED', delayAfter(n)]);
        clock.advance(delayAfter(n) * 1000);
      }
    }
    expect(codes).toEqual([...Array(LOCK_AFTER - 1).fill('PIN_INVALID'), 'LOCKED']);
    // Locked: the right PIN no longer works, for approvals or signing in.
    expect((await till.fails('staff.list', { approval: { staffId: ownerId, pin: OWNER_PIN } })).code).toBe('LOCKED');
    expect((await owner.fails('session.signIn', { staffId: ownerId, pin: OWNER_PIN })).code).toBe('LOCKED');

    expect((await owner.fails('staff.recoverOwner', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD', newPin: NEW_OWNER_PIN })).code).toBe(
      'RECOVERY_CODE_INVALID',
    );
    const { recoveryCode: rotated } = await owner.ok('staff.recoverOwner', { recoveryCode: recoveryCode.toLowerCase(), newPin: NEW_OWNER_PIN });
    expect(rotated).not.toBe(recoveryCode);
    await owner.ok('session.signIn', { staffId: ownerId, pin: NEW_OWNER_PIN });
    // A malformed PIN is refused by the schema without echoing it.
    expect((await till.fails('session.signIn', { staffId: ownerId, pin: `${WRONG_PIN}12345` })).code).toBe('INVALID_INPUT');
    expect((await till.fails('staff.list', { approval: { staffId: ownerId, pin: Number(WRONG_PIN) } })).code).toBe('INVALID_INPUT');

    // The owner's audit screen: the lockout, each refused attempt, the recovery.
    const locked = (await owner.ok('audit.list', { action: 'pin.locked' })).rows;
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ actorId: dewi.id, actorName: 'Dewi', target: ownerId, outcome: 'refused' });
    const pins = (await owner.ok('audit.list', { action: 'pin.', limit: 500 })).rows.map((r) => r.action);
    expect(pins.filter((a) => a === 'pin.failed')).toHaveLength(LOCK_AFTER);
    expect(pins.filter((a) => a === 'pin.throttled')).toHaveLength(LOCK_AFTER - 4);
    const refusals = (await owner.ok('audit.list', { action: 'privileged.staff.list', outcome: 'refused', limit: 500 })).rows;
    expect(refusals.every((r) => r.actorId === dewi.id)).toBe(true);
    expect(refusals.length).toBe(LOCK_AFTER + (LOCK_AFTER - 4) + 1);
    const recovery = (await owner.ok('audit.list', { action: 'recovery.use' })).rows.map((r) => r.outcome);
    expect(recovery).toEqual(['ok', 'refused']);

    // Paging: newest first, keyset by id.
    const first = await owner.ok('audit.list', { limit: 3 });
    expect(first.rows).toHaveLength(3);
    const next = await owner.ok('audit.list', { limit: 3, beforeId: first.nextBeforeId! });
    expect(next.rows[0]!.id).toBeLessThan(first.rows[2]!.id);
    // Day filters work in the shop's day.
    expect((await owner.ok('audit.list', { from: '2026-11-26', to: '2026-11-26', action: 'pin.locked' })).rows).toHaveLength(1);
    expect((await owner.ok('audit.list', { from: '2026-11-27', action: 'pin.locked' })).rows).toHaveLength(0);

    const exported = await owner.ok('audit.exportCsv', { action: 'pin.' });
    expect(exported.filename).toBe('kasir-audit-2026-11-26.csv');
    const lines = exported.csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,time_utc,actor_id,actor_name,action,outcome,target,caller,details');
    expect(lines.filter((l) => l.includes(',pin.locked,'))).toHaveLength(1);
    expect((await owner.ok('audit.list', { action: 'privileged.audit.exportCsv' })).rows[0]).toMatchObject({
      outcome: 'ok', actorId: ownerId, details: { via: 'owner_session', rows: lines.length - 1 },
    });

    // The staff screen shows who is locked and who waits.
    expect((await owner.ok('staff.list')).find((s) => s.id === ownerId)).toMatchObject({ locked: false, retryAfterSeconds: null });

    // No PIN or recovery code anywhere: logs, the ledger file (and its WAL), any answer but the one showing a code.
    const ledgerBytes = ['', '-wal', '-shm']
      .map((suffix) => join(app.dataDir, `kasir.sqlite${suffix}`))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
    const answers = JSON.stringify(app.responses).replaceAll(recoveryCode, '<shown once>').replaceAll(rotated, '<shown once>');
    const logs = app.logs.join('\n');
    expect(logs).toContain('account locked');
    for (const secret of [OWNER_PIN, DEWI_PIN, WRONG_PIN, NEW_OWNER_PIN]) {
      expect(ledgerBytes, 'ledger').not.toContain(secret);
      expect(logs, 'logs').not.toContain(secret);
      expect(answers, 'answers').not.toContain(secret);
      expect(exported.csv, 'audit export').not.toContain(secret);
    }
    for (const code of [recoveryCode, rotated].flatMap((c) => [c, c.replace(/-/g, '')])) {
      expect(ledgerBytes, 'ledger').not.toContain(code);
      expect(logs, 'logs').not.toContain(code);
    }
  });

  it('refuses audit rows to anyone but the owner, and the rows cannot be changed', async () => {
    app = await makeApp();
    const owner = app.caller('owner-page');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const dewi = await owner.ok('staff.create', { name: 'Dewi', pin: DEWI_PIN, role: 'cashier' });
    const till = app.caller('till-1');
    await till.ok('session.signIn', { staffId: dewi.id, pin: DEWI_PIN });
    expect((await till.fails('audit.list')).code).toBe('PIN_REQUIRED');
    expect((await till.fails('audit.exportCsv')).code).toBe('PIN_REQUIRED');
    const rows = (await owner.ok('audit.list', { action: 'privileged.audit.' })).rows;
    expect(rows.map((r) => [r.action, r.outcome, r.actorId])).toEqual([
      ['privileged.audit.exportCsv', 'refused', dewi.id],
      ['privileged.audit.list', 'refused', dewi.id],
    ]);
    // The ledger refuses to rewrite history (triggers), whoever asks.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(app.dataDir, 'kasir.sqlite'));
    try {
      expect(() => db.prepare("UPDATE audit_log SET outcome = 'ok'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
