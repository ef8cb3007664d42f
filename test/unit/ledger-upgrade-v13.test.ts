/**
 * A v13 ledger written by 6342e60's own app (test/fixtures/ledgers/v13.*: the
 * v12 flow — staff, audit, catalogue, QRIS sales paid at the emulator, a split
 * cash + QRIS sale, a refund, a cancel, a pending payment, a forced day close —
 * plus a QRIS tender the cashier abandoned for cash) opens with today's code:
 * v14 adds `tender_followups` (the abandoned tenders the till still follows up
 * at every start) and changes no record; start-up reads those instead of
 * scanning every tender ever made.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/main/core/ledger';
import { SaleRepository } from '../../electron/main/core/ledger/sale-repository';
import { rowsOf, type Row } from '../fixtures/ledger-rows';
import { upgradeFixture } from '../fixtures/upgrade-fixture';

const { manifest, copy, keep, expectShippedSchema, openKeepingRecords } = upgradeFixture(13);

const abandoned = (): Row[] => manifest.tables.sale_tenders!.filter((t) => t.abandoned_at !== null && t.late_decision === null);

describe('a ledger written by schema v13 (6342e60)', () => {
  it("is that commit's file: schema v13, exactly the frozen steps 1–13, with an abandoned tender", () => {
    expectShippedSchema();
    for (const t of ['sales', 'sale_tenders', 'payment_events', 'payment_rechecks', 'day_closings', 'outbox', 'audit_log']) {
      expect(manifest.tables[t]!.length, t).toBeGreaterThan(0);
    }
    expect(abandoned()).toHaveLength(1);
  });

  it("opens with today's code and keeps every record exactly as written", () => {
    openKeepingRecords();
  });

  it('follows up only the abandoned tenders with something left to do: the cancelled one is not read at start-up', () => {
    const db = keep(openLedger(copy()));
    expect(rowsOf(db, 'tender_followups')).toEqual([]);
    const repo = new SaleRepository(db);
    expect(repo.abandonedUndecided()).toEqual([]);
    // Start-up's reader starts from the follow-ups, not from every tender ever made.
    const plan = (db.prepare('EXPLAIN QUERY PLAN ' + undecidedSql(repo)).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SCAN f\b/);
    expect(plan.filter((d) => /^SCAN (t|p)\b/.test(d))).toEqual([]);
  });

  it('takes in, at the upgrade, an abandoned tender whose payment is still open', () => {
    const file = copy();
    const [tender] = abandoned();
    const raw = new BetterSqlite3(file);
    // As if the background cancel had not reached Midtrans before the till was closed.
    raw.prepare("UPDATE payments SET status = 'pending' WHERE id = ?").run(tender!.payment_id);
    raw.close();
    const db = keep(openLedger(file));
    expect(rowsOf(db, 'tender_followups')).toEqual([{ payment_id: tender!.payment_id }]);
    expect(new SaleRepository(db).abandonedUndecided().map((t) => t.payment_id)).toEqual([tender!.payment_id]);
  });
});

/** The SQL of the statement behind `abandonedUndecided`, as the repository prepared it (not a copy that could drift). */
function undecidedSql(repo: SaleRepository): string {
  return (repo as unknown as { selAbandoned: { source: string } }).selAbandoned.source;
}
