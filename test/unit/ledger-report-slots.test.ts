/**
 * The slots the ledger keeps for the day reports (v15: report_method_slots,
 * report_slots, report_bare_paid, kept by triggers) always add up to what the
 * records say. Random histories of payments, tenders and sales — paid, un-paid
 * by a reversal, repriced, moved, sales closed and voided, cash tenders with
 * change and rounding, orders without a sale paid twice — are written straight
 * in SQL (every writer goes through the same triggers), and every report
 * number of every shop day, in a zone with and without DST, is read both from
 * the slots and from the records. The reports read only the slot tables.
 */
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Database } from '../../electron/main/core/ledger';
import { SalesQueries } from '../../electron/main/core/ledger/sales-queries';
import { PAYMENT_STATUSES } from '../../shared/domain/payment';
import { dayWindow } from '../../shared/domain/zoned-time';
import { tempLedger } from '../fixtures/fake-gateway';

const START = Date.parse('2026-03-07T00:00:00.000Z');
const SPAN_MS = 3 * 86_400_000;
const DAYS = ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];
/** Jakarta (no DST), New York (DST begins 2026-03-08: a 23-hour day), Kathmandu (+5:45). */
const ZONES = ['Asia/Jakarta', 'America/New_York', 'Asia/Kathmandu'];
const METHODS = ['qris', 'cash', 'gopay', 'va_bca'] as const;

/** An instant in the span: often exactly on a slot boundary (the edges are where a slot could be miscounted). */
const instant = fc.oneof(
  fc.integer({ min: 0, max: SPAN_MS / 900_000 - 1 }).map((k) => START + k * 900_000),
  fc.integer({ min: 0, max: SPAN_MS - 1 }).map((ms) => START + ms),
);
const iso = instant.map((ms) => new Date(ms).toISOString());

const op = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    method: fc.constantFrom(...METHODS),
    status: fc.constantFrom(...PAYMENT_STATUSES),
    amount: fc.integer({ min: 1, max: 500_000 }),
    createdAt: iso,
    paidAt: fc.option(iso),
    /** Which order: a new sale (null), or the order of an earlier payment (a second tender, or a bare order paid twice). */
    sameOrderAs: fc.option(fc.nat()),
    bare: fc.boolean(),
    tender: fc.option(fc.record({ received: fc.option(fc.nat({ max: 600_000 })), change: fc.option(fc.nat({ max: 100_000 })), rounding: fc.integer({ min: -99, max: 0 }) })),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    which: fc.nat(),
    status: fc.constantFrom(...PAYMENT_STATUSES),
    paidAt: fc.option(iso),
    amount: fc.option(fc.integer({ min: 1, max: 500_000 })),
    method: fc.option(fc.constantFrom(...METHODS)),
    createdAt: fc.option(iso),
  }),
  fc.record({ kind: fc.constant('tender' as const), which: fc.nat(), received: fc.option(fc.nat({ max: 600_000 })), change: fc.option(fc.nat({ max: 100_000 })), rounding: fc.integer({ min: -99, max: 0 }) }),
  fc.record({ kind: fc.constant('sale' as const), which: fc.nat(), status: fc.constantFrom('open', 'paid', 'voided'), closedAt: fc.option(iso) }),
  /** A sale written for an order that had none, after its payments (a writer that puts the payment first). */
  fc.record({ kind: fc.constant('adopt' as const), which: fc.nat(), status: fc.constantFrom('open', 'paid'), closedAt: fc.option(iso) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

interface Written {
  payments: { id: string; orderId: string; tender: boolean }[];
  sales: string[];
}

/** Applies one step of a history in SQL, as any writer would. */
function apply(db: Database, w: Written, o: Op, n: number): void {
  const at = new Date(START).toISOString();
  if (o.kind === 'pay') {
    const earlier = o.sameOrderAs !== null && w.payments.length > 0 ? w.payments[o.sameOrderAs % w.payments.length]! : null;
    const orderId = earlier?.orderId ?? `O${n}`;
    if (!earlier) {
      db.prepare('INSERT INTO orders (id, total, created_at) VALUES (?, ?, ?)').run(orderId, o.amount, at);
      if (!o.bare) {
        db.prepare(
          `INSERT INTO sales (id, till_id, status, draft, quote, subtotal, discount_total, service_total, tax_total, total, opened_at, updated_at)
           VALUES (?, 'K1', 'open', '{}', '{}', 0, 0, 0, 0, 0, ?, ?)`,
        ).run(orderId, at, at);
        w.sales.push(orderId);
      }
    }
    const id = `P${n}`;
    db.prepare(
      `INSERT INTO payments (id, order_id, gateway_order_id, method, api, external_id, status, amount, paid_at, last_source, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'core_api', ?, ?, ?, ?, 'charge', ?, ?)`,
    ).run(id, orderId, `G${n}`, o.method, `G${n}`, o.status, o.amount, o.paidAt, o.createdAt, o.createdAt);
    const hasSale = w.sales.includes(orderId);
    if (hasSale && o.tender) {
      db.prepare(
        `INSERT INTO sale_tenders (payment_id, sale_id, seq, applied, rounding, received, change_given, items, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?)`,
      ).run(id, orderId, n + 1, o.amount + 100, o.tender.rounding, o.tender.received, o.tender.change, o.createdAt);
    }
    w.payments.push({ id, orderId, tender: hasSale && o.tender !== null });
  } else if (o.kind === 'update' && w.payments.length > 0) {
    const p = w.payments[o.which % w.payments.length]!;
    db.prepare(
      `UPDATE payments SET status = ?, paid_at = ?, amount = COALESCE(?, amount), method = COALESCE(?, method),
         created_at = COALESCE(?, created_at) WHERE id = ?`,
    ).run(o.status, o.paidAt, o.amount, o.method, o.createdAt, p.id);
  } else if (o.kind === 'tender') {
    const tenders = w.payments.filter((p) => p.tender);
    if (tenders.length === 0) return;
    const p = tenders[o.which % tenders.length]!;
    db.prepare('UPDATE sale_tenders SET received = ?, change_given = ?, rounding = ? WHERE payment_id = ?').run(o.received, o.change, o.rounding, p.id);
  } else if (o.kind === 'sale' && w.sales.length > 0) {
    const id = w.sales[o.which % w.sales.length]!;
    db.prepare('UPDATE sales SET status = ?, closed_at = ? WHERE id = ?').run(o.status, o.closedAt, id);
  } else if (o.kind === 'adopt') {
    const bare = [...new Set(w.payments.map((p) => p.orderId))].filter((id) => !w.sales.includes(id));
    if (bare.length === 0) return;
    const id = bare[o.which % bare.length]!;
    db.prepare(
      `INSERT INTO sales (id, till_id, status, draft, quote, subtotal, discount_total, service_total, tax_total, total, opened_at, updated_at, closed_at)
       VALUES (?, 'K1', ?, '{}', '{}', 0, 0, 0, 0, 0, ?, ?, ?)`,
    ).run(id, o.status, at, at, o.closedAt);
    w.sales.push(id);
  }
}

/** Every number a report reads for a window. */
function numbers(q: SalesQueries, from: string, to: string) {
  const both = q.totalsAndSlots(from, to);
  return { totals: q.totals(from, to), both, slots: q.paidSlots(from, to), cash: q.cashFlow(from, to) };
}

describe('the report slots the ledger keeps (v15)', () => {
  const dirs: string[] = [];
  const dbs: Database[] = [];
  afterEach(() => {
    for (const d of dbs.splice(0)) if (d.open) d.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const open = (): Database => {
    const t = tempLedger();
    dirs.push(t.dir);
    const db = openLedger(t.file);
    dbs.push(db);
    return db;
  };

  it('add up to the records for every shop day, whatever was written, rewritten or reversed', () => {
    const db = open();
    const slots = new SalesQueries(db);
    const records = new SalesQueries(db, undefined, { from: 'records' });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        db.exec('BEGIN');
        try {
          const w: Written = { payments: [], sales: [] };
          ops.forEach((o, i) => apply(db, w, o, i));
          for (const zone of ZONES) {
            for (const day of DAYS) {
              const d = dayWindow(day, zone);
              const from = new Date(d.startUtc).toISOString();
              const to = new Date(d.endUtc).toISOString();
              expect(numbers(slots, from, to), `${day} in ${zone}`).toEqual(numbers(records, from, to));
            }
          }
          const all = [new Date(START - 86_400_000).toISOString(), new Date(START + SPAN_MS + 86_400_000).toISOString()] as const;
          expect(numbers(slots, ...all)).toEqual(numbers(records, ...all));
        } finally {
          db.exec('ROLLBACK');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts what the records count on a busy day, and answers a window that is not whole slots from the records', () => {
    const db = open();
    const slots = new SalesQueries(db);
    const records = new SalesQueries(db, undefined, { from: 'records' });
    const ops = fc.sample(fc.array(op, { minLength: 400, maxLength: 400 }), { numRuns: 1, seed: 12 })[0]!;
    const w: Written = { payments: [], sales: [] };
    db.transaction(() => ops.forEach((o, i) => apply(db, w, o, i)))();
    const day = dayWindow('2026-03-08', 'America/New_York');
    const from = new Date(day.startUtc).toISOString();
    const to = new Date(day.endUtc).toISOString();
    const kept = numbers(slots, from, to);
    expect(kept.totals.paidCount).toBeGreaterThan(0);
    expect(kept).toEqual(numbers(records, from, to));
    // 10:07 to 14:52: not whole slots, so the records answer it.
    const odd = [new Date(day.startUtc + 36_420_000).toISOString(), new Date(day.startUtc + 53_520_000).toISOString()] as const;
    expect(numbers(slots, ...odd)).toEqual(numbers(records, ...odd));
  });

  it('answers a shop day from the slot tables, not from the payments', () => {
    const db = open();
    const ops = fc.sample(fc.array(op, { minLength: 200, maxLength: 200 }), { numRuns: 1, seed: 7 })[0]!;
    const w: Written = { payments: [], sales: [] };
    db.transaction(() => ops.forEach((o, i) => apply(db, w, o, i)))();
    const day = dayWindow('2026-03-08', 'Asia/Jakarta');
    const from = new Date(day.startUtc).toISOString();
    const to = new Date(day.endUtc).toISOString();
    const q = new SalesQueries(db);
    const before = numbers(q, from, to);
    // A mark in the slot tables only (no record changes): the report must show it.
    const slot = day.startUtc / 900_000 + 4;
    db.prepare(
      `INSERT INTO report_method_slots (slot, method, count, total, cash_received, cash_change, cash_rounding) VALUES (?, 'cash', 1000, 7, 11, 13, -17)
       ON CONFLICT (slot, method) DO UPDATE SET count = count + 1000, total = total + 7, cash_received = cash_received + 11,
         cash_change = cash_change + 13, cash_rounding = cash_rounding - 17`,
    ).run(slot);
    db.prepare(
      `INSERT INTO report_slots (slot, open_count, failed_count, sale_count) VALUES (?, 100, 200, 300)
       ON CONFLICT (slot) DO UPDATE SET open_count = open_count + 100, failed_count = failed_count + 200, sale_count = sale_count + 300`,
    ).run(slot);
    const after = numbers(q, from, to);
    expect(after.totals.paidCount - before.totals.paidCount).toBe(1000);
    expect(after.totals.paidTotal - before.totals.paidTotal).toBe(7);
    expect([after.totals.pendingCount - before.totals.pendingCount, after.totals.failedCount - before.totals.failedCount]).toEqual([100, 200]);
    expect(after.totals.saleCount - before.totals.saleCount).toBe(300);
    expect(after.cash).toEqual({ received: before.cash.received + 11, change: before.cash.change + 13, rounding: before.cash.rounding - 17 });
    expect(after.slots.find((s) => s.slot === slot)?.count).toBe((before.slots.find((s) => s.slot === slot)?.count ?? 0) + 1000);
  });

  it('refuses what the slots could not follow: a changed key or a deleted record', () => {
    const db = open();
    const w: Written = { payments: [], sales: [] };
    const at = '2026-03-08T03:00:00.000Z';
    apply(db, w, { kind: 'pay', method: 'cash', status: 'settlement', amount: 5_000, createdAt: at, paidAt: at, sameOrderAs: null, bare: false, tender: { received: 10_000, change: 5_000, rounding: 0 } }, 0);
    const refused: [string, RegExp][] = [
      ["UPDATE payments SET id = 'P9' WHERE id = 'P0'", /keeps its id and its order/],
      ["UPDATE payments SET order_id = 'O9' WHERE id = 'P0'", /keeps its id and its order/],
      ["UPDATE sales SET id = 'O9' WHERE id = 'O0'", /a sale keeps its id/],
      ["UPDATE sale_tenders SET sale_id = 'O9' WHERE payment_id = 'P0'", /keeps its payment and its sale/],
      ["DELETE FROM sale_tenders WHERE payment_id = 'P0'", /tenders are never deleted/],
      ["DELETE FROM payments WHERE id = 'P0'", /payments are never deleted/],
      ["DELETE FROM sales WHERE id = 'O0'", /sales are never deleted/],
    ];
    for (const [sql, message] of refused) expect(() => db.exec(sql), sql).toThrow(message);
    expect(db.prepare('SELECT count, total, cash_received, cash_change FROM report_method_slots').all()).toEqual([
      { count: 1, total: 5_000, cash_received: 10_000, cash_change: 5_000 },
    ]);
  });

  it('a time that does not parse is in no slot, as it is in no day, and the write still succeeds', () => {
    const db = open();
    const w: Written = { payments: [], sales: [] };
    apply(db, w, { kind: 'pay', method: 'qris', status: 'pending', amount: 5_000, createdAt: 'not a time', paidAt: null, sameOrderAs: null, bare: true, tender: null }, 0);
    db.prepare("UPDATE payments SET status = 'settlement', paid_at = 'later' WHERE id = 'P0'").run();
    expect(db.prepare('SELECT COUNT(*) FROM report_slots WHERE open_count <> 0 OR failed_count <> 0').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM report_method_slots').pluck().get()).toBe(0);
  });
});
