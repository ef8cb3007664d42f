/**
 * The payments paid in a day but started outside it (PaidOutsideQuery): read
 * from the indexes when the day's payments are one run of rowids, and every
 * paid payment checked when they are not, with the same rows either way as
 * the plain query (paid in the window, started outside it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../electron/main/core/ledger';
import { PaidOutsideQuery } from '../../electron/main/core/ledger/day-export-outside';
import { dayWindow } from '../../shared/domain/zoned-time';
import { generatedDays, type GeneratedDays } from '../fixtures/generated-days';

const ZONE = 'Asia/Jakarta';
const COLUMNS = 'id, created_at, paid_at';

describe('payments paid in the day, started outside it', () => {
  let days: GeneratedDays;
  let db: Database;
  const w = dayWindow('2026-11-26', ZONE);
  const span = { from: new Date(w.startUtc).toISOString(), to: new Date(w.endUtc).toISOString() };
  const reference = (): unknown[][] =>
    db.prepare(`SELECT ${COLUMNS} FROM payments NOT INDEXED WHERE paid_at >= @from AND paid_at < @to AND NOT (created_at >= @from AND created_at < @to)
      ORDER BY created_at, rowid`).raw().all(span) as unknown[][];
  const run = (): { lo: number; hi: number; n: number } =>
    db.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM payments WHERE created_at >= @from AND created_at < @to`).get(span) as { lo: number; hi: number; n: number };

  beforeAll(() => {
    days = generatedDays('kasir-csv-outside-', w.startUtc, 400, 7);
    db = days.db;
  });
  afterAll(() => days.close());

  it('the day as one run of rowids: a payment of the day before and one of the day after paid in it, from the indexes', () => {
    // The evening before's last payment paid after midnight; the next day's first stamped in the day by a gateway's clock.
    db.prepare(`UPDATE payments SET paid_at = @at WHERE rowid = (SELECT max(rowid) FROM payments WHERE created_at < @from)`)
      .run({ ...span, at: new Date(w.startUtc + 600_000).toISOString() });
    db.prepare(`UPDATE payments SET paid_at = @at WHERE rowid = (SELECT min(rowid) FROM payments WHERE created_at >= @to)`)
      .run({ ...span, at: new Date(w.endUtc - 1_000).toISOString() });
    const r = run();
    expect(r.hi - r.lo + 1).toBe(r.n);
    const rows = new PaidOutsideQuery(db, COLUMNS).all(span);
    expect(rows.length).toBe(2);
    expect(rows).toEqual(reference());
  });

  it('a payment of the run set to another day, and one of another day set in it: every paid payment checked', () => {
    db.prepare(`UPDATE payments SET created_at = @at WHERE rowid = (SELECT min(rowid) + 5 FROM payments WHERE created_at >= @from AND created_at < @to AND paid_at IS NOT NULL)`)
      .run({ ...span, at: new Date(w.startUtc - 1_000).toISOString() });
    db.prepare(`UPDATE payments SET created_at = @at, paid_at = @at WHERE rowid = (SELECT max(rowid) FROM payments)`)
      .run({ at: new Date(w.startUtc + 3_600_000).toISOString() });
    const r = run();
    expect(r.hi - r.lo + 1).not.toBe(r.n);
    const rows = new PaidOutsideQuery(db, COLUMNS).all(span);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(reference());
  });

  it('a day without payments started in it: every payment paid in it', () => {
    const later = dayWindow('2026-11-28', ZONE);
    const empty = { from: new Date(later.startUtc).toISOString(), to: new Date(later.endUtc).toISOString() };
    expect(new PaidOutsideQuery(db, COLUMNS).all(empty)).toEqual([]);
  });
});
