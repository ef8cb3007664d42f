/**
 * Money back from the drawer, through the router against the emulator and a
 * real TCP printer stand-in: a cash refund and a store-code (Indomaret)
 * refund are drawer movements with who and why — the payments keep their
 * status, and re-reading them at Midtrans (a store-code payment is re-read
 * at +2 min: a store may still reverse it) leaves them alone. QRIS goes back through
 * Midtrans instead. The drawer opens on a cash tender and on an audited
 * "no sale"; a receipt printed again is marked as a copy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { makeApp, type AppHarness, type TestCaller } from '../fixtures/app-harness';
import { startCapturePrinter, type CapturePrinter } from '../fixtures/printer-capture';

const OWNER_PIN = '730194';
/** ESC p: the drawer pulse. */
const PULSE = Buffer.from([0x1b, 0x70]);

describe('the cash drawer', () => {
  let app: AppHarness;
  let printer: CapturePrinter | undefined;
  afterEach(async () => {
    await app?.close();
    await printer?.close();
    printer = undefined;
  });

  const ownerTill = async (): Promise<TestCaller> => {
    const owner = app.caller('till-1');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    return owner;
  };

  const sell = async (by: TestCaller, sku: string, quantity: number) => {
    const sale = await by.ok('sales.open');
    await by.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku, quantity }] });
    return sale.id;
  };

  it('a cash refund and a store-code refund are drawer movements; the payments and a re-read at Midtrans leave them alone', async () => {
    const clock = new ManualClock(Date.now());
    app = await makeApp({ clock });
    const owner = await ownerTill();
    const cashSale = await sell(owner, 'NASI-GORENG', 1);
    const cash = (await owner.ok('sales.addTender', { saleId: cashSale, method: 'cash', received: 50_000 })).tenders[0]!;
    expect(cash).toMatchObject({ amount: 28_000, received: 50_000, change: 22_000 });

    const part = await owner.ok('sales.refundToDrawer', { saleId: cashSale, paymentId: cash.paymentId, amount: 8_000, reason: 'Porsi kurang' });
    expect(part.tenders[0]).toMatchObject({ status: 'settlement', drawerRefunded: 8_000 });
    const rest = await owner.ok('sales.refundToDrawer', { saleId: cashSale, paymentId: cash.paymentId, reason: 'Dibatalkan' });
    expect(rest.drawerMovements.map((m) => [m.kind, m.amount, m.reason, m.actorName])).toEqual([
      ['refund', 8_000, 'Porsi kurang', 'Bu Sari'],
      ['refund', 20_000, 'Dibatalkan', 'Bu Sari'],
    ]);
    const more = await owner.fails('sales.refundToDrawer', { saleId: cashSale, paymentId: cash.paymentId, amount: 1, reason: 'lagi' });
    expect([more.code, more.params]).toEqual(['AMOUNT_INVALID', { reason: 'refund_range', min: 1, max: 0 }]);

    // Indomaret (Core API): paid at the store, then paid back from the drawer.
    const storeSale = await sell(owner, 'MATCHA', 1);
    const store = (await owner.ok('sales.addTender', { saleId: storeSale, method: 'indomaret' })).tenders[0]!;
    const paid = app.waitForSale(storeSale, (s) => s.status === 'paid');
    await app.simulator().pay({ order_id: store.payment.orderId });
    await paid;
    const events = () => app.query<{ n: number }>('SELECT COUNT(*) AS n FROM payment_events WHERE payment_id IN (?, ?) AND applied = 1', cash.paymentId, store.paymentId)[0]!.n;
    const eventsBefore = events();
    await owner.ok('sales.refundToDrawer', { saleId: storeSale, paymentId: store.paymentId, reason: 'Barang rusak' });

    // Midtrans can still reverse a store-code payment, so Kasir re-reads it at +2 min: the answer (still paid) changes nothing.
    clock.advance(3 * 60_000);
    await expect.poll(() => app.query<{ checks: number }>('SELECT checks FROM payment_rechecks WHERE payment_id = ?', store.paymentId)[0]?.checks).toBeGreaterThan(0);
    expect(app.query('SELECT id, status, refunded_amount FROM payments WHERE id IN (?, ?) ORDER BY created_at, rowid', cash.paymentId, store.paymentId)).toEqual([
      { id: cash.paymentId, status: 'settlement', refunded_amount: 0 },
      { id: store.paymentId, status: 'settlement', refunded_amount: 0 },
    ]);
    expect(events()).toBe(eventsBefore);
    expect(app.query('SELECT kind, payment_id, amount FROM drawer_movements ORDER BY id')).toEqual([
      { kind: 'refund', payment_id: cash.paymentId, amount: 8_000 },
      { kind: 'refund', payment_id: cash.paymentId, amount: 20_000 },
      { kind: 'refund', payment_id: store.paymentId, amount: 25_000 },
    ]);
    const audited = app.query<{ target: string; details: string }>("SELECT target, details FROM audit_log WHERE action = 'privileged.sales.refundToDrawer' AND outcome = 'ok' ORDER BY id");
    expect(audited.map((r) => [r.target, JSON.parse(r.details).amount, JSON.parse(r.details).why])).toEqual([
      [cashSale, 8_000, 'Porsi kurang'],
      [cashSale, 20_000, 'Dibatalkan'],
      [storeSale, 25_000, 'Barang rusak'],
    ]);
  });

  it('QRIS goes back through Midtrans, not the drawer; an open sale has nothing to refund yet', async () => {
    app = await makeApp();
    const owner = await ownerTill();
    const saleId = await sell(owner, 'KOPI-HITAM', 1);
    const qris = (await owner.ok('sales.addTender', { saleId, method: 'qris' })).tenders[0]!;
    const early = await owner.fails('sales.refundToDrawer', { saleId, paymentId: qris.paymentId, reason: 'x' });
    expect(early.params).toEqual({ reason: 'sale_not_paid' });
    if (qris.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    const paid = app.waitForSale(saleId, (s) => s.status === 'paid');
    await app.simulator().pay({ qr_string: qris.payment.action.qrString });
    await paid;
    const refused = await owner.fails('sales.refundToDrawer', { saleId, paymentId: qris.paymentId, reason: 'x' });
    expect([refused.code, refused.params]).toEqual(['ILLEGAL_TRANSITION', { reason: 'refund_via_midtrans', method: 'qris' }]);
    expect(app.query('SELECT COUNT(*) AS n FROM drawer_movements')).toEqual([{ n: 0 }]);
  });

  it('opens on a cash tender and on an audited "no sale"; without a printer "no sale" is refused and nothing recorded', async () => {
    app = await makeApp();
    const till = app.caller('till-1');
    const refused = await till.fails('drawer.open', { reason: 'Tukar uang' });
    expect([refused.code, refused.params]).toEqual(['PRINTER_UNAVAILABLE', { reason: 'not_set_up' }]);
    expect(app.query('SELECT COUNT(*) AS n FROM drawer_movements')).toEqual([{ n: 0 }]);
    expect(app.query<{ outcome: string }>("SELECT outcome FROM audit_log WHERE action = 'drawer.no_sale'")).toEqual([{ outcome: 'error' }]);
    await app.close();

    printer = await startCapturePrinter();
    app = await makeApp({ settings: { printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port } } });
    const cashier = app.caller('till-1');
    expect(await cashier.ok('drawer.open', { reason: 'Tukar uang' })).toEqual({ opened: true });
    expect((await printer.nextJob()).includes(PULSE)).toBe(true);
    expect(app.query('SELECT kind, amount, reason, sale_id FROM drawer_movements')).toEqual([{ kind: 'no_sale', amount: 0, reason: 'Tukar uang', sale_id: null }]);
    const row = app.query<{ outcome: string; details: string }>("SELECT outcome, details FROM audit_log WHERE action = 'drawer.no_sale'");
    expect(row.map((r) => [r.outcome, JSON.parse(r.details).reason])).toEqual([['ok', 'Tukar uang']]);

    // A cash tender kicks the drawer by itself; the receipt prints, and a second print is a copy.
    const saleId = await sell(cashier, 'KOPI-HITAM', 1);
    await cashier.ok('sales.addTender', { saleId, method: 'cash' });
    expect((await printer.nextJob()).includes(PULSE)).toBe(true);
    expect(await cashier.ok('sales.printReceipt', { saleId, language: 'id' })).toMatchObject({ printed: true, copy: false });
    const original = (await printer.nextJob()).toString('latin1');
    expect(original).toContain('K1-000001');
    expect(original).not.toContain('SALINAN');
    expect(await cashier.ok('sales.printReceipt', { saleId, language: 'id' })).toMatchObject({ copy: true });
    expect((await printer.nextJob()).toString('latin1')).toContain('SALINAN');
    const onScreen = await cashier.ok('sales.receipt', { saleId, language: 'en', copy: true });
    expect(onScreen).toMatchObject({ saleId, receiptNo: 'K1-000001', copy: true, columns: 32 });
    expect(onScreen.lines.every((l) => l.text.length <= 32)).toBe(true);
  });
});
