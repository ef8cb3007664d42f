/**
 * A sale paid by several tenders, through the router against the bundled
 * emulator (real HTTPS, real SQLite): part in cash, the rest by QRIS. The
 * sale is paid only when every tender is, and only then does it draw its
 * receipt number; what Midtrans was sent for the QRIS part is one
 * "Pembayaran sebagian" line, recorded by the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

const lines = [
  { id: 'l1', sku: 'NASI-GORENG', quantity: 2 },
  { id: 'l2', sku: 'KOPI-SUSU', quantity: 1 },
];
/** 2 × 28.000 + 18.000. */
const TOTAL = 74_000;

interface EmuTx {
  orderId: string;
  status: string;
  grossAmount: number;
  item_details?: { id: string; price: number; quantity: number; name: string }[];
  sale_ref?: string | null;
}

describe('split tender: cash + QRIS', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it('is paid only when the QRIS part is; the receipt number is drawn then; Midtrans sees one partial line (Core API)', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const till = app.caller('till-1');
    const opened = await till.ok('sales.open');
    expect(opened).toMatchObject({ status: 'open', total: 0, editable: true, receiptNo: null, tenders: [] });
    const priced = await till.ok('sales.setLines', { saleId: opened.id, lines });
    expect(priced).toMatchObject({ total: TOTAL, remaining: TOTAL, editable: true, cash: { exact: TOTAL, due: TOTAL, rounding: 0 } });

    // Rp 30.000 in cash: a partial tender, taken as handed over (no change, no rounding).
    const afterCash = await till.ok('sales.addTender', { saleId: opened.id, method: 'cash', received: 30_000 });
    expect(afterCash).toMatchObject({ status: 'open', paid: 30_000, pending: 0, remaining: 44_000, editable: false, receiptNo: null });
    expect(afterCash.tenders).toMatchObject([{ seq: 1, method: 'cash', counts: 'paid', applied: 30_000, amount: 30_000, received: 30_000, change: 0 }]);

    // The rest by QRIS (default amount: all that remains).
    const afterQris = await till.ok('sales.addTender', { saleId: opened.id, method: 'qris' });
    expect(afterQris).toMatchObject({ status: 'open', paid: 30_000, pending: 44_000, remaining: 0, cash: null });
    const qris = afterQris.tenders[1]!;
    expect(qris).toMatchObject({ seq: 2, method: 'qris', status: 'pending', counts: 'open', applied: 44_000, amount: 44_000 });
    if (qris.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    // Not paid yet: no receipt number, nothing counted.
    expect(app.query('SELECT status, receipt_no FROM sales WHERE id = ?', opened.id)).toEqual([{ status: 'open', receipt_no: null }]);

    const paid = app.waitForSale(opened.id, (s) => s.status === 'paid');
    await app.simulator().pay({ qr_string: qris.payment.action.qrString });
    const done = await paid;
    expect(done).toMatchObject({ status: 'paid', receiptNo: 'K1-000001', paid: TOTAL, pending: 0, remaining: 0, editable: false });
    expect(done.tenders.map((t) => [t.method, t.counts])).toEqual([['cash', 'paid'], ['qris', 'paid']]);
    expect(await till.ok('sales.current')).toBeNull();

    // The ledger: one order with the sale's lines and total, two payments, two tenders, the counter at 1.
    expect(app.query('SELECT total FROM orders WHERE id = ?', opened.id)).toEqual([{ total: TOTAL }]);
    expect(app.query('SELECT sku, price, quantity FROM order_items WHERE order_id = ? ORDER BY line', opened.id)).toEqual([
      { sku: 'NASI-GORENG', price: 28_000, quantity: 2 },
      { sku: 'KOPI-SUSU', price: 18_000, quantity: 1 },
    ]);
    expect(app.query('SELECT seq, applied FROM sale_tenders WHERE sale_id = ? ORDER BY seq', opened.id)).toEqual([
      { seq: 1, applied: 30_000 },
      { seq: 2, applied: 44_000 },
    ]);
    expect(app.query('SELECT last_no FROM receipt_counters')).toEqual([{ last_no: 1 }]);

    // What Midtrans got for the QRIS part: one line "Pembayaran sebagian <sale> (2/2)" and the sale reference.
    const { transactions } = (await app.simulator().get('/api/transactions')) as { transactions: EmuTx[] };
    const tx = transactions.find((t) => t.orderId === qris.payment.orderId)!;
    expect(tx).toMatchObject({ status: 'settlement', grossAmount: 44_000 });
    expect(tx.item_details).toEqual([{ id: 'PART-2', price: 44_000, quantity: 1, name: `Pembayaran sebagian ${opened.id} (2/2)` }]);
    expect(tx.sale_ref).toBe(opened.id);
    expect(app.query<{ items: string }>('SELECT items FROM sale_tenders WHERE payment_id = ?', qris.paymentId).map((r) => JSON.parse(r.items))).toEqual([
      tx.item_details,
    ]);
  });

  it('a QRIS tender of the whole sale sends the lines themselves (Core API)', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines });
    const tendered = await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' });
    const { transactions } = (await app.simulator().get('/api/transactions')) as { transactions: EmuTx[] };
    const tx = transactions.find((t) => t.orderId === tendered.tenders[0]!.payment.orderId)!;
    expect(tx.item_details).toEqual([
      { id: 'NASI-GORENG', price: 28_000, quantity: 2, name: 'Nasi Goreng' },
      { id: 'KOPI-SUSU', price: 18_000, quantity: 1, name: 'Es Kopi Susu' },
    ]);
    // A second electronic tender while this one is open is refused before any network call.
    const before = transactions.length;
    const refused = await till.fails('sales.addTender', { saleId: sale.id, method: 'gopay', amount: 1_000 });
    expect([refused.code, refused.params]).toEqual(['CONFLICT', { reason: 'tender_open', method: 'qris' }]);
    const after = (await app.simulator().get('/api/transactions')) as { transactions: EmuTx[] };
    expect(after.transactions.length).toBe(before);
  });

  it('a SNAP-BI QRIS part carries the sale reference', async () => {
    app = await makeApp();
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines });
    await till.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 4_000 });
    const tendered = await till.ok('sales.addTender', { saleId: sale.id, method: 'qris', amount: 20_000 });
    expect(tendered).toMatchObject({ paid: 4_000, pending: 20_000, remaining: 50_000 });
    const { transactions } = (await app.simulator().get('/api/transactions')) as { transactions: EmuTx[] };
    const tx = transactions.find((t) => t.orderId === tendered.tenders[1]!.payment.orderId)!;
    expect([tx.grossAmount, tx.sale_ref]).toEqual([20_000, sale.id]);
    // Three parts at least: this one is 2 of 3 (the rest still needs one more).
    expect(app.query<{ items: string }>('SELECT items FROM sale_tenders WHERE payment_id = ?', tendered.tenders[1]!.paymentId).map((r) => JSON.parse(r.items)))
      .toEqual([[{ id: 'PART-2', price: 20_000, quantity: 1, name: `Pembayaran sebagian ${sale.id} (2/3)` }]]);
  });
});
