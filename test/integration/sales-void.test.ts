/**
 * Voiding a whole sale before it is handed over (privileged), through the
 * router against the emulator: the pending electronic tender is cancelled at
 * the gateway (the emulator shows it cancelled), a paid QRIS part is
 * refunded through Midtrans, the cash part goes back from the drawer as a
 * `void_return` movement, and the sale draws no receipt number. When the
 * gateway refuses the cancel, the void is refused and nothing changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, type AppHarness, type TestCaller } from '../fixtures/app-harness';

const OWNER_PIN = '730194';

interface EmuTx {
  orderId: string;
  status: string;
  refundedAmount?: number;
}

describe('voiding a sale', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  const emulatorTx = async (orderId: string): Promise<EmuTx> => {
    const { transactions } = (await app.simulator().get('/api/transactions')) as { transactions: EmuTx[] };
    return transactions.find((t) => t.orderId === orderId)!;
  };

  /** A Rp 100.000 sale: Rp 20.000 cash, Rp 30.000 QRIS paid, Rp 50.000 QRIS still pending. */
  const splitSale = async (owner: TestCaller) => {
    const sale = await owner.ok('sales.open');
    await owner.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 4 }] });
    await owner.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 20_000 });
    const first = (await owner.ok('sales.addTender', { saleId: sale.id, method: 'qris', amount: 30_000 })).tenders[1]!;
    if (first.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    const paid = app.waitForSale(sale.id, (s) => s.tenders[1]?.counts === 'paid');
    await app.simulator().pay({ qr_string: first.payment.action.qrString });
    await paid;
    const open = await owner.ok('sales.addTender', { saleId: sale.id, method: 'qris' });
    expect(open).toMatchObject({ paid: 50_000, pending: 50_000, remaining: 0 });
    return { sale: open, cash: open.tenders[0]!, paidQris: open.tenders[1]!, pendingQris: open.tenders[2]! };
  };

  it('cancels the pending tender at the gateway, refunds the paid QRIS, returns the cash from the drawer', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const owner = app.caller('till-1');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const { sale, cash, paidQris, pendingQris } = await splitSale(owner);
    expect((await owner.fails('sales.void', { saleId: sale.id })).code).toBe('INVALID_INPUT'); // a reason is required

    const voided = await owner.ok('sales.void', { saleId: sale.id, reason: 'Pelanggan batal' });
    expect(voided).toMatchObject({ status: 'voided', receiptNo: null, voidReason: 'Pelanggan batal' });
    expect(voided.tenders.map((t) => [t.method, t.status])).toEqual([['cash', 'settlement'], ['qris', 'refund'], ['qris', 'cancel']]);
    expect(voided.drawerMovements).toMatchObject([{ kind: 'void_return', paymentId: cash.paymentId, amount: 20_000, reason: 'Pelanggan batal', actorName: 'Bu Sari' }]);
    expect(voided.tenders[0]).toMatchObject({ drawerRefunded: 20_000, status: 'settlement' });

    expect(await emulatorTx(pendingQris.payment.orderId)).toMatchObject({ status: 'cancel' });
    expect(await emulatorTx(paidQris.payment.orderId)).toMatchObject({ status: 'refund' });
    expect(app.query('SELECT status, receipt_no, void_reason FROM sales WHERE id = ?', sale.id)).toEqual([
      { status: 'voided', receipt_no: null, void_reason: 'Pelanggan batal' },
    ]);
    expect(app.query('SELECT COUNT(*) AS n FROM receipt_counters')).toEqual([{ n: 0 }]);
    const row = app.query<{ outcome: string; target: string; details: string }>("SELECT outcome, target, details FROM audit_log WHERE action = 'privileged.sales.void'");
    expect(row.map((r) => [r.outcome, r.target, JSON.parse(r.details).why])).toEqual([['ok', sale.id, 'Pelanggan batal']]);

    // A voided sale is finished: no second void, no tender; the next paid sale is receipt 1.
    expect((await owner.fails('sales.void', { saleId: sale.id, reason: 'lagi' })).params).toEqual({ reason: 'sale_closed' });
    expect((await owner.fails('sales.addTender', { saleId: sale.id, method: 'cash' })).params).toEqual({ reason: 'sale_closed' });
    const next = await owner.ok('sales.open');
    expect(next.id).not.toBe(sale.id);
    await owner.ok('sales.setLines', { saleId: next.id, lines: [{ id: 'a', sku: 'KOPI-HITAM', quantity: 1 }] });
    expect(await owner.ok('sales.addTender', { saleId: next.id, method: 'cash' })).toMatchObject({ status: 'paid', receiptNo: 'K1-000001' });
    // A paid sale cannot be voided (it was handed over): refunds are what remain.
    expect((await owner.fails('sales.void', { saleId: next.id, reason: 'salah' })).params).toEqual({ reason: 'sale_closed' });
  });

  it('a cancel the gateway refuses refuses the void: nothing changes', async () => {
    app = await makeApp({ settings: { routing: { qris: 'core_api' } } });
    const owner = app.caller('till-1');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const sale = await owner.ok('sales.open');
    await owner.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 2 }] });
    await owner.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 10_000 });
    const pending = (await owner.ok('sales.addTender', { saleId: sale.id, method: 'qris' })).tenders[1]!;
    await app.simulator().post('/api/faults', { match: { method: 'POST', path: '/cancel', orderId: pending.payment.orderId }, action: 'status', status: 400 });

    const refused = await owner.fails('sales.void', { saleId: sale.id, reason: 'Pelanggan batal' });
    expect(refused.code).not.toBe('INTERNAL');
    const after = await owner.ok('sales.get', { saleId: sale.id });
    expect(after).toMatchObject({ status: 'open', paid: 10_000, pending: 40_000, drawerMovements: [] });
    expect(after.tenders[1]).toMatchObject({ status: 'pending', counts: 'open' });
    expect(await emulatorTx(pending.payment.orderId)).toMatchObject({ status: 'pending' });
    expect(app.query('SELECT COUNT(*) AS n FROM drawer_movements')).toEqual([{ n: 0 }]);
    expect(app.query<{ outcome: string }>("SELECT outcome FROM audit_log WHERE action = 'privileged.sales.void'")).toEqual([{ outcome: 'error' }]);
  });
});
