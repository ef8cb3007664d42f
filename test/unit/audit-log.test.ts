import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, auditCsv, isSecretKey } from '../../electron/main/core/audit';
import { makeStaffHarness, type StaffHarness } from '../fixtures/staff-harness';

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), enough to read the export back. */
function parse(csv: string): Record<string, string>[] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted && c === '"' && csv[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      records.push(row);
      [row, cell] = [[], ''];
      i++;
    } else {
      cell += c;
    }
  }
  const [header, ...body] = records;
  return body.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]!])));
}

const SARI = { id: 'STF-SARI', name: 'Bu Sari' };
const DEWI = { id: 'STF-DEWI', name: 'Dewi' };

describe('audit_log', () => {
  let h: StaffHarness;
  afterEach(() => h?.close());

  const seed = () => {
    h = makeStaffHarness();
    h.audit.append({ action: 'session.sign_in', outcome: 'ok', actor: DEWI, target: DEWI.id, caller: 'till-1' });
    h.clock.advance(60_000);
    h.audit.append({ action: 'privileged.payments.refund', outcome: 'refused', actor: DEWI, details: { reason: 'pin_required' } });
    h.clock.advance(60_000);
    h.audit.append({ action: 'pin.failed', outcome: 'refused', actor: DEWI, target: SARI.id, details: { failedCount: 1 } });
    h.clock.advance(60_000);
    h.audit.append({
      action: 'settings.update', outcome: 'ok', actor: SARI, target: 'owner_settings',
      details: { before: { idleSignOutMinutes: 10 }, after: { idleSignOutMinutes: 5 } },
    });
  };

  it('cannot be updated or deleted: the triggers refuse', () => {
    seed();
    expect(() => h.db.prepare("UPDATE audit_log SET outcome = 'ok' WHERE action = 'pin.failed'").run()).toThrow(/append-only/);
    expect(() => h.db.prepare('UPDATE audit_log SET details = ?').run('{}')).toThrow(/append-only/);
    expect(() => h.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => h.db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
    expect(h.audit.count()).toBe(4);
  });

  it('stores who, what, when (UTC ISO), outcome, target and details', () => {
    seed();
    const [last] = h.audit.list({}, { limit: 1 }).records;
    expect(last).toMatchObject({
      at: '2026-11-26T03:03:00.000Z', actorId: SARI.id, actorName: 'Bu Sari', action: 'settings.update', outcome: 'ok',
      target: 'owner_settings', details: { before: { idleSignOutMinutes: 10 }, after: { idleSignOutMinutes: 5 } },
    });
  });

  it('filters by actor, action (exact or prefix), outcome and time range, and pages newest first', () => {
    seed();
    const actions = (f: Parameters<typeof h.audit.all>[0]) => h.audit.all(f).map((r) => r.action);
    expect(actions({ actorId: SARI.id })).toEqual(['settings.update']);
    expect(actions({ outcome: 'refused' })).toEqual(['pin.failed', 'privileged.payments.refund']);
    expect(actions({ actionPrefix: 'privileged.' })).toEqual(['privileged.payments.refund']);
    expect(actions({ action: 'pin.failed' })).toEqual(['pin.failed']);
    expect(actions({ from: '2026-11-26T03:01:00Z', to: '2026-11-26T10:03:00+07:00' })).toEqual(['pin.failed', 'privileged.payments.refund']);
    expect(h.audit.count({ actorId: DEWI.id })).toBe(3);
    expect(() => h.audit.all({ from: 'yesterday' })).toThrow(RangeError);

    const p1 = h.audit.list({}, { limit: 3 });
    expect(p1.records.map((r) => r.id)).toEqual([4, 3, 2]);
    expect(p1.nextBeforeId).toBe(2);
    const p2 = h.audit.list({}, { limit: 3, beforeId: p1.nextBeforeId! });
    expect(p2).toEqual({ records: [expect.objectContaining({ id: 1 })], nextBeforeId: null });
  });

  it('never stores secret values, whatever a caller passes in details', () => {
    h = makeStaffHarness();
    const rec = h.audit.append({
      action: 'settings.update', outcome: 'ok', actor: SARI,
      details: {
        pin: '730194', newPin: '409271', recoveryCode: 'ABCDE-FGHIJ', serverKey: 'SB-Mid-server-xyz', nested: { pin_hash: 'x' },
        stored: '$scrypt$ln=15,r=8,p=1$abc$def', labelKey: 'keep.me', keysConfigured: true,
      },
    });
    expect(rec.details).toEqual({
      pin: '[redacted]', newPin: '[redacted]', recoveryCode: '[redacted]', serverKey: '[redacted]', nested: { pin_hash: '[redacted]' },
      stored: '[redacted]', labelKey: 'keep.me', keysConfigured: true,
    });
    const raw = h.db.prepare('SELECT details FROM audit_log').pluck().get() as string;
    for (const secret of ['730194', '409271', 'ABCDE', 'SB-Mid', '$scrypt$']) expect(raw).not.toContain(secret);
    expect(isSecretKey('shipping')).toBe(false);
    expect(isSecretKey('PIN')).toBe(true);
  });

  it('exports as CSV (RFC 4180, CRLF) with formulas neutralized', () => {
    seed();
    h.audit.append({ action: 'staff.create', outcome: 'ok', actor: { id: SARI.id, name: '=HYPERLINK("x")' }, target: 'STF-X' });
    const csv = auditCsv(h.audit.all());
    expect(csv.split('\r\n')[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    const rows = parse(csv) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ id: '5', actor_name: `'=HYPERLINK("x")`, action: 'staff.create' });
    expect(rows[1]).toMatchObject({ time_utc: '2026-11-26T03:03:00.000Z', actor_id: SARI.id, outcome: 'ok' });
    expect(JSON.parse(rows[1]!.details!)).toEqual({ before: { idleSignOutMinutes: 10 }, after: { idleSignOutMinutes: 5 } });
    expect(rows[4]).toMatchObject({ action: 'session.sign_in', caller: 'till-1', target: DEWI.id });
  });
});
