/**
 * The rules around a sale's lines and tenders, through the router against
 * the emulator: lines lock once a tender is open (and unlock when it is
 * cancelled), a QRIS tender above Rp 10.000.000 is refused before any
 * network call with a suggestion to split, main prices every line from the
 * catalogue, and `payments.create` stays the one-tender shortcut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

describe('sale lines and tender limits', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  const emulatorCount = async (): Promise<number> =>
    ((await app.simulator().get('/api/transactions')) as { transactions: unknown[] }).transactions.length;

  it('lines are locked while a tender is open or paid, and editable again once it is cancelled', async () => {
    app = await makeApp();
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    expect(await till.ok('sales.open')).toMatchObject({ id: sale.id }); // the till's open sale, not a second one
    expect(await till.ok('sales.current')).toMatchObject({ id: sale.id });
    await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MIE-AYAM', quantity: 1 }] });
    const tendered = await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' });
    expect(tendered.editable).toBe(false);

    const locked = await till.fails('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MIE-AYAM', quantity: 3 }] });
    expect([locked.code, locked.params]).toEqual(['CONFLICT', { reason: 'sale_tendered' }]);
    expect((await till.ok('sales.get', { saleId: sale.id })).total).toBe(22_000);

    const cancelled = await till.ok('sales.cancelTender', { saleId: sale.id, paymentId: tendered.tenders[0]!.paymentId });
    expect(cancelled).toMatchObject({ editable: true, remaining: 22_000 });
    expect(cancelled.tenders[0]).toMatchObject({ status: 'cancel', counts: 'no' });
    const changed = await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MIE-AYAM', quantity: 3 }] });
    expect(changed.total).toBe(66_000);

    // A part paid in cash locks the lines too.
    await till.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 6_000 });
    expect((await till.fails('sales.setLines', { saleId: sale.id, lines: [] })).params).toEqual({ reason: 'sale_tendered' });
    // Unknown tenders and products are named.
    expect((await till.fails('sales.cancelTender', { saleId: sale.id, paymentId: 'PAY-NONE' })).params).toEqual({ what: 'tender', id: 'PAY-NONE' });
    const other = app.caller('till-2');
    const fresh = await other.ok('sales.get', { saleId: sale.id });
    expect(fresh.paid).toBe(6_000);
  });

  it('a QRIS tender above Rp 10.000.000 is refused before any network call, suggesting a split', async () => {
    app = await makeApp();
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    // 401 × Rp 25.000 = Rp 10.025.000.
    await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 401 }] });
    const before = await emulatorCount();
    const refused = await till.fails('sales.addTender', { saleId: sale.id, method: 'qris' });
    expect([refused.code, refused.params]).toEqual(['AMOUNT_INVALID', { reason: 'split_needed', method: 'qris', max: 10_000_000, amount: 10_025_000 }]);
    expect(app.query('SELECT COUNT(*) AS n FROM payments')).toEqual([{ n: 0 }]);
    expect(app.query('SELECT COUNT(*) AS n FROM sale_tenders')).toEqual([{ n: 0 }]);
    expect(await emulatorCount()).toBe(before);
    // The shortcut refuses it the same way, and writes no sale for it.
    const sales = app.query<{ n: number }>('SELECT COUNT(*) AS n FROM sales')[0]!.n;
    const shortcut = await till.fails('payments.create', { items: [{ sku: 'MATCHA', name: 'Matcha Latte', price: 25_000, quantity: 401 }], method: 'qris' });
    expect(shortcut.params).toMatchObject({ reason: 'split_needed' });
    expect(app.query('SELECT COUNT(*) AS n FROM sales')).toEqual([{ n: sales }]);

    // Split: Rp 25.000 in cash, the rest (exactly Rp 10.000.000) by QRIS.
    await till.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 25_000 });
    const split = await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' });
    expect(split.tenders[1]).toMatchObject({ method: 'qris', amount: 10_000_000, counts: 'open' });
    // A tender of more than is left, or of nothing, is refused.
    const again = await till.fails('sales.addTender', { saleId: sale.id, method: 'cash' });
    expect(again.params).toEqual({ reason: 'nothing_due' });
  });

  it('payments.create: a new sale with one tender of the whole, answered as that tender\'s payment', async () => {
    app = await makeApp();
    const till = app.caller('till-1');
    const open = await till.ok('sales.open');
    const payment = await till.ok('payments.create', { items: [{ sku: 'TEH-MANIS', name: 'Es Teh Manis', price: 8_000, quantity: 3 }], method: 'cash' });
    expect(payment).toMatchObject({ method: 'cash', status: 'settlement', amount: 24_000, items: [{ sku: 'TEH-MANIS', price: 8_000, quantity: 3 }] });
    const sale = app.query<{ id: string; status: string; receipt_no: number; total: number }>(
      'SELECT s.id, s.status, s.receipt_no, s.total FROM sales s JOIN payments p ON p.order_id = s.id WHERE p.id = ?', payment.id,
    );
    expect(sale).toMatchObject([{ status: 'paid', receipt_no: 1, total: 24_000 }]);
    // The till's own open sale is untouched: the shortcut never becomes the current sale.
    expect(await till.ok('sales.current')).toMatchObject({ id: open.id, total: 0 });
    expect((await till.ok('sales.list')).map((s) => [s.receiptNo, s.methods, s.tenderCount])).toEqual([['K1-000001', ['cash'], 1]]);
  });
});
