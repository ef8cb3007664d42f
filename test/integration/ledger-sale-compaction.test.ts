/**
 * Closed sales compacted (ledger/sale-compaction.ts) after their day is
 * closed and their refund window is over: the readers answer exactly what
 * they answered before — sale view, history, receipt reprint, the day's CSV —
 * a void is refused as before, and no audit fact is lost (every event row,
 * status, amount, time and actor). A sale with a discount keeps its draft.
 */
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compactSettledRaw } from '../../electron/main/core/ledger/raw-compaction';
import { compactClosedSales } from '../../electron/main/core/ledger/sale-compaction';
import { registerPackedText } from '../../electron/main/core/ledger/packed-text';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

const LINES = [
  { id: 'l1', sku: 'NASI-GORENG', quantity: 2 },
  { id: 'l2', sku: 'KOPI-SUSU', quantity: 1 },
];

/** The facts an audit reads, per table (everything but the compacted payload columns; the quote unpacked). */
function facts(db: BetterSqlite3.Database): unknown {
  return {
    sales: db.prepare('SELECT id, till_id, status, subtotal, discount_total, total, rounding, receipt_no, opened_at, closed_at, actor, kasir_text(quote) AS quote FROM sales ORDER BY id').all(),
    tenders: db.prepare('SELECT payment_id, sale_id, seq, applied, rounding, received, change_given, created_at FROM sale_tenders ORDER BY payment_id').all(),
    payments: db.prepare('SELECT id, order_id, gateway_order_id, status, amount, refunded_amount, paid_at, created_at, actor FROM payments ORDER BY id').all(),
    events: db.prepare('SELECT id, payment_id, source, from_status, to_status, claimed_status, applied, note, created_at, actor, claim_key FROM payment_events ORDER BY id').all(),
    items: db.prepare('SELECT * FROM order_items ORDER BY order_id, line').all(),
  };
}

describe('closed sales compacted after the day is closed', () => {
  let app: AppHarness;
  let db: BetterSqlite3.Database | null = null;
  afterEach(async () => {
    db?.close();
    db = null;
    await app?.close();
  });

  it('readers answer the same; a discounted sale keeps its draft; nothing an audit reads changes', async () => {
    app = await makeApp();
    const till = app.caller('till-1');
    const sold: string[] = [];
    for (let i = 0; i < 2; i++) {
      const sale = await till.ok('sales.open');
      await till.ok('sales.setLines', { saleId: sale.id, lines: LINES });
      const tender = (await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' })).tenders[0]!;
      if (tender.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
      const paid = app.waitForSale(sale.id, (s) => s.status === 'paid');
      await app.simulator().pay({ qr_string: tender.payment.action.qrString });
      await paid;
      sold.push(sale.id);
    }
    // A cash sale whose draft carries a line discount (set in SQL: a discount needs the owner's PIN at the till). The
    // cashier's discount is not derivable from the quote's lines: that draft stays as written.
    const disc = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: disc.id, lines: [{ id: 'l1', sku: 'KOPI-SUSU', quantity: 1 }] });
    await till.ok('sales.addTender', { saleId: disc.id, method: 'cash', received: 20_000 });
    sold.push(disc.id);
    {
      const w = new BetterSqlite3(join(app.dataDir, 'kasir.sqlite'));
      w.prepare(`UPDATE sales SET draft = json_set(draft, '$.lines[0].discount', json('{"kind":"amount","amount":1000,"reason":"promo"}')) WHERE id = ?`).run(disc.id);
      w.close();
    }

    // The shop's day (Asia/Jakarta), not the UTC date: after 17:00 UTC they differ.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date((await till.ok('sales.get', { saleId: sold[0]! })).closedAt!));
    // The settled QRIS payment's QR string is cleared by the raw compaction (its QR is never drawn again): not compared.
    const noQr = <T>(v: T): T => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'action' ? undefined : x))) as T;
    const read = async () => ({
      views: noQr(await Promise.all(sold.map((saleId) => till.ok('sales.get', { saleId })))),
      list: await till.ok('sales.list', {}),
      receipts: await Promise.all(sold.map((saleId) => till.ok('sales.receipt', { saleId, language: 'id', copy: true }))),
    });
    const before = await read();
    db = new BetterSqlite3(join(app.dataDir, 'kasir.sqlite'));
    db.pragma('busy_timeout = 5000');
    registerPackedText(db); // facts() reads the quote as text: packed or not, the same
    const auditBefore = facts(db);
    const csvBefore = db.prepare('SELECT COUNT(*) FROM payments').pluck().get();

    // The day closed and the re-check windows over (what the scheduler writes when they pass): the rule applies.
    db.prepare(
      `INSERT INTO day_closings (day, zone, period_start, period_end, paid_count, paid_total, refunded_total, net_total, cash_takings,
         cash_refunds, cash_expected, open_count, open_total, failed_count, forced, breakdown, created_at)
       VALUES (?, 'Asia/Jakarta', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{}', ?)`,
    ).run(day, new Date().toISOString());
    db.exec('UPDATE payment_rechecks SET next_at = NULL');
    compactSettledRaw(db);
    const outboxRows = db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number;
    const result = compactClosedSales(db);
    // Every closed sale's quote packed; the closing covers every outbox row (v16: the open day's buffer only).
    expect(result).toEqual({ drafts: 2, items: 2, quotes: db.prepare("SELECT COUNT(*) FROM sales WHERE status <> 'open'").pluck().get(), outboxPruned: outboxRows });
    expect(result.quotes).toBeGreaterThan(0);
    expect(outboxRows).toBeGreaterThan(0);
    const drafts = db.prepare('SELECT id, draft FROM sales ORDER BY id').all() as { id: string; draft: string }[];
    expect(drafts.filter((d) => d.draft === '{"fromQuote":1,"origin":"till"}').map((d) => d.id).sort()).toEqual(sold.slice(0, 2).sort());
    expect(JSON.parse(drafts.find((d) => d.id === disc.id)!.draft).lines[0].discount).toMatchObject({ amount: 1_000 });
    // Idempotent.
    expect(compactClosedSales(db)).toEqual({ drafts: 0, items: 0, quotes: 0, outboxPruned: 0 });

    const after = await read();
    expect(after).toEqual(before);
    expect(facts(db)).toEqual(auditBefore);
    expect(db.prepare('SELECT COUNT(*) FROM payments').pluck().get()).toBe(csvBefore);
    const csv = await app.caller('till-1').call('reports.exportCsv', { day });
    if (csv.ok) expect(JSON.stringify(csv.value)).toContain('qris');
    // A paid sale is not voided, compacted or not (the same refusal as before).
    const refused = await till.fails('sales.void', { saleId: sold[0]!, reason: 'test' });
    expect(refused.code).not.toBe('INTERNAL');
  });

  it("the outbox keeps the open day's unpublished rows; a closed day's rows go, published or not", async () => {
    app = await makeApp();
    db = new BetterSqlite3(join(app.dataDir, 'kasir.sqlite'));
    const ids = db.prepare('SELECT id FROM outbox ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(2);
    // No closing yet: an unpublished row is never deleted; a published one may be (as since v12).
    expect(() => db!.prepare('DELETE FROM outbox WHERE id = ?').run(ids[0])).toThrow(/never deleted/);
    db.prepare("UPDATE outbox SET published_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").run(ids[1]);
    db.prepare('DELETE FROM outbox WHERE id = ?').run(ids[1]);
    const close = db.prepare(
      `INSERT INTO day_closings (day, zone, period_start, period_end, paid_count, paid_total, refunded_total, net_total, cash_takings,
         cash_refunds, cash_expected, open_count, open_total, failed_count, forced, breakdown, created_at)
       VALUES (?, 'Asia/Jakarta', ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{}', ?)`,
    );
    // A closing that ends before the rows were written: they are still the open day's.
    close.run('2000-01-01', '1999-12-31T17:00:00.000Z', '2000-01-01T17:00:00.000Z', new Date().toISOString());
    expect(compactClosedSales(db).outboxPruned).toBe(0);
    expect(() => db!.prepare('DELETE FROM outbox WHERE id = ?').run(ids[0])).toThrow(/never deleted/);
    // The latest closing ends after them: they go.
    close.run('2099-12-31', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z', new Date().toISOString());
    expect(compactClosedSales(db).outboxPruned).toBe(ids.length - 1);
    expect(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(0);
  });
});
