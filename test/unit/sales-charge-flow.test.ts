/**
 * A sale's tenders through the payment engine's charge flow (real SQLite,
 * the scriptable fake gateway, a ManualClock): the tender row and the
 * order's lines commit in the intent's transaction before any network call;
 * a hook that refuses rolls the whole intent back; the charge, and a replay
 * after a restart, send the tender's stored items and sale reference; and a
 * charge past its expiry is never replayed (a replay then could make a
 * second charge).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/main/core/logger';
import { SaleService } from '../../electron/main/core/sales';
import { CatalogService } from '../../electron/main/core/catalog/catalog-service';
import { KasirError } from '../../shared/contract/result';
import { advance, flush, makeHarness, type Harness } from '../fixtures/fake-gateway';

describe('sale tenders in the charge flow', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const salesFor = (harness: Harness): SaleService => {
    let n = 0;
    const catalog = new CatalogService({ db: harness.db, clock: harness.clock });
    catalog.seedIfEmpty();
    return new SaleService({
      db: harness.db, clock: harness.clock, ids: { orderId: () => `ORD-T${++n}` }, catalog, payments: harness.service,
      settings: { tillId: 'K1', pricing: { priceMode: 'inclusive', tax: { kind: 'none' }, serviceCharge: null }, cashRounding: 0 },
      ownerSettings: { get: () => ({ discountApprovalAbovePercent: 100 }) }, receipts: { kickDrawer: async () => {} },
      logger: silentLogger, actorName: () => null, demo: true, zone: 'Asia/Jakarta', onChanged: () => {},
    });
  };
  const count = (sql: string, ...params: unknown[]): number => h.db.prepare(sql).pluck().get(...params) as number;

  /** A Rp 36.000 sale with a Rp 10.000 cash part, and the QRIS tender of the rest. */
  const qrisPart = async (sales: SaleService) => {
    const sale = sales.open('till');
    await sales.setLines({ saleId: sale.id, lines: [{ id: 'a', sku: 'KOPI-SUSU', quantity: 2, discount: null }], saleDiscounts: [] }, 'till', { ownerApproved: false });
    await sales.addTender({ saleId: sale.id, method: 'cash', received: 10_000 }, 'till');
    return { sale, view: await sales.addTender({ saleId: sale.id, method: 'qris' }, 'till') };
  };

  it('commits the tender and the order lines before the charge goes out, and sends the stored items and the sale reference', async () => {
    h = makeHarness();
    const sales = salesFor(h);
    const seen: unknown[] = [];
    h.gateway.onCharge = (req) => seen.push({ tenders: count('SELECT COUNT(*) FROM sale_tenders WHERE sale_id = ?', req.saleRef), total: count('SELECT total FROM orders WHERE id = ?', req.saleRef) });
    const { sale, view } = await qrisPart(sales);
    expect(seen).toEqual([{ tenders: 2, total: 36_000 }]);
    const req = h.gateway.charges[0]!;
    expect(req).toMatchObject({ amount: 26_000, saleRef: sale.id, items: [{ sku: 'PART-2', name: `Pembayaran sebagian ${sale.id} (2/2)`, price: 26_000, quantity: 1 }] });
    expect(view.tenders[1]).toMatchObject({ status: 'pending', applied: 26_000 });
  });

  it('a hook that refuses rolls the intent back: no payment, no network call', async () => {
    h = makeHarness();
    const sales = salesFor(h);
    const sale = sales.open('till');
    const before = count('SELECT COUNT(*) FROM outbox');
    const refused = h.service.chargeOrder({
      orderId: sale.id, method: 'qris', amount: 5_000,
      withinIntent: () => {
        throw new KasirError('CONFLICT', 'changed meanwhile', { params: { reason: 'in_progress' } });
      },
    });
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(count('SELECT COUNT(*) FROM payments')).toBe(0);
    expect(count('SELECT COUNT(*) FROM outbox')).toBe(before);
    expect(h.gateway.calls.charge).toBe(0);
  });

  it('restores a lost QR by replaying the identical request while the charge can be paid; never once it expired', async () => {
    h = makeHarness();
    const { view } = await qrisPart(salesFor(h));
    const paymentId = view.tenders[1]!.paymentId;
    const first = h.gateway.charges[0]!;
    const loseAction = () => h.db.prepare('UPDATE payments SET action = NULL WHERE id = ?').run(paymentId);
    const statusDown = () => h.gateway.fail('status', () => new Error('status down'));

    // A restart that finds the QR missing: the replay is the first request, byte for byte.
    loseAction();
    h = h.restart();
    statusDown();
    await h.service.recover();
    await flush();
    expect(h.gateway.charges).toHaveLength(2);
    expect(h.gateway.charges[1]).toEqual(first);
    expect(h.service.get(paymentId).action).toMatchObject({ kind: 'qr' });

    // Past the charge's expiry (15 min on the gateway's clock) the replay is not sent.
    await advance(h.clock, 16 * 60_000, 60_000);
    loseAction();
    h = h.restart();
    statusDown();
    await h.service.recover();
    await flush();
    expect(h.gateway.charges).toHaveLength(2);
    expect(h.service.get(paymentId)).toMatchObject({ status: 'pending', action: null });
  });

  it('a sale whose last tender was paid while nobody settled it is settled once at start-up, with the next receipt number', async () => {
    h = makeHarness();
    // A till that never started following payments: as if it died between the payment's commit and the sale's.
    const { sale, view } = await qrisPart(salesFor(h));
    const qris = view.tenders[1]!;
    h.gateway.set(qris.payment.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: qris.payment.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    expect(h.service.get(qris.paymentId).status).toBe('settlement');
    expect(h.db.prepare('SELECT status, receipt_no FROM sales WHERE id = ?').get(sale.id)).toEqual({ status: 'open', receipt_no: null });

    const restarted = salesFor(h);
    restarted.start();
    expect(restarted.get(sale.id)).toMatchObject({ status: 'paid', receiptNo: 'K1-000001' });
    restarted.start(); // idempotent
    expect(count('SELECT last_no FROM receipt_counters')).toBe(1);
    restarted.stop();
  });
});
