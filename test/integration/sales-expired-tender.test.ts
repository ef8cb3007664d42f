/**
 * A split sale whose QRIS tender expires at the emulator (the customer never
 * scanned it): the expired tender stops counting, the sale stays open with
 * that part uncovered, and cash replaces it. Real HTTPS, real SQLite; the
 * expiry reaches the till as Midtrans' notification (no sleeps: the test
 * waits on the pushed `sale.updated`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

describe('split tender: the QRIS part expires and cash replaces it', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it.each(['snap_bi', 'core_api'] as const)('QRIS on %s', async (api) => {
    app = await makeApp({ settings: { routing: { qris: api } } });
    const till = app.caller('till-1');
    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 2 }] });
    await till.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 20_000 });
    const tendered = await till.ok('sales.addTender', { saleId: sale.id, method: 'qris' });
    const qris = tendered.tenders[1]!;
    expect(qris).toMatchObject({ counts: 'open', applied: 30_000 });

    const expired = app.waitForSale(sale.id, (s) => s.tenders[1]?.status === 'expire');
    await app.simulator().post('/api/expire', { order_id: qris.payment.orderId });
    const after = await expired;
    expect(after).toMatchObject({ status: 'open', paid: 20_000, pending: 0, remaining: 30_000, receiptNo: null, editable: false });
    expect(after.tenders[1]).toMatchObject({ counts: 'no', status: 'expire' });
    expect(after.cash).toMatchObject({ exact: 30_000, due: 30_000 });

    // Cash for the rest, with change.
    const paid = await till.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 50_000 });
    expect(paid).toMatchObject({ status: 'paid', receiptNo: 'K1-000001', paid: 50_000, change: 20_000 });
    expect(paid.tenders.map((t) => [t.seq, t.method, t.counts, t.applied])).toEqual([
      [1, 'cash', 'paid', 20_000],
      [2, 'qris', 'no', 30_000],
      [3, 'cash', 'paid', 30_000],
    ]);
    expect(paid.tenders[2]).toMatchObject({ received: 50_000, change: 20_000, amount: 30_000 });
    expect(app.query('SELECT method, status, amount FROM payments ORDER BY created_at, rowid')).toEqual([
      { method: 'cash', status: 'settlement', amount: 20_000 },
      { method: 'qris', status: 'expire', amount: 30_000 },
      { method: 'cash', status: 'settlement', amount: 30_000 },
    ]);
  });
});
