/**
 * Discounts on a sale, through the router (real SQLite, the emulator): a
 * 100% discount makes a Rp 0 sale that is completed with no payment at all
 * and still gets its receipt number; a discount above the owner's threshold
 * needs the owner (session or one-time PIN), audited as
 * `privileged.sales.discount`; one within it does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

const OWNER_PIN = '730194';
const DEWI_PIN = '5837';
const kopi = { id: 'l1', sku: 'KOPI-HITAM', quantity: 2 };

describe('discounts on a sale', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it('a 100% discount: Rp 0, no payment row, a receipt number', async () => {
    app = await makeApp();
    const owner = app.caller('till-1');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const sale = await owner.ok('sales.open');
    const free = await owner.ok('sales.setLines', {
      saleId: sale.id,
      lines: [kopi],
      saleDiscounts: [{ kind: 'percent', basisPoints: 10_000, reason: 'Ulang tahun' }],
    });
    expect(free).toMatchObject({ total: 0, remaining: 0, cash: null, editable: true });
    expect(free.quote).toMatchObject({ subtotal: 24_000, discountTotal: 24_000, total: 0 });
    // An electronic tender of nothing never reaches Midtrans.
    expect((await owner.fails('sales.addTender', { saleId: sale.id, method: 'qris' })).params).toEqual({ reason: 'nothing_due' });

    const done = await owner.ok('sales.addTender', { saleId: sale.id, method: 'cash' });
    expect(done).toMatchObject({ status: 'paid', receiptNo: 'K1-000001', total: 0, tenders: [] });
    expect(app.query('SELECT COUNT(*) AS n FROM payments')).toEqual([{ n: 0 }]);
    expect(app.query('SELECT status, receipt_no, total, discount_total FROM sales WHERE id = ?', sale.id)).toEqual([
      { status: 'paid', receipt_no: 1, total: 0, discount_total: 24_000 },
    ]);
    expect(app.query('SELECT total FROM orders WHERE id = ?', sale.id)).toEqual([{ total: 0 }]);
    expect(app.query('SELECT sku, quantity FROM order_items WHERE order_id = ?', sale.id)).toEqual([{ sku: 'KOPI-HITAM', quantity: 2 }]);
    // The next sale continues the numbering.
    const next = await owner.ok('sales.open');
    await owner.ok('sales.setLines', { saleId: next.id, lines: [kopi] });
    expect(await owner.ok('sales.addTender', { saleId: next.id, method: 'cash' })).toMatchObject({ receiptNo: 'K1-000002' });
  });

  it('a discount above the threshold needs the owner; within it the cashier goes ahead', async () => {
    app = await makeApp();
    const owner = app.caller('owner-page');
    const { session } = await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const ownerId = session.staff!.id;
    await owner.ok('owner.updateSettings', { discountApprovalAbovePercent: 10 });
    const dewi = await owner.ok('staff.create', { name: 'Dewi', pin: DEWI_PIN, role: 'cashier' });
    const till = app.caller('till-1');
    await till.ok('session.signIn', { staffId: dewi.id, pin: DEWI_PIN });
    const sale = await till.ok('sales.open');

    const within = await till.ok('sales.setLines', {
      saleId: sale.id, lines: [{ ...kopi, discount: { kind: 'percent', basisPoints: 1_000, reason: 'Member' } }],
    });
    expect(within.quote).toMatchObject({ discountTotal: 2_400, total: 21_600 });

    const big = { saleId: sale.id, lines: [kopi], saleDiscounts: [{ kind: 'amount', amount: 5_000, reason: 'Rusak' }] };
    const refused = await till.fails('sales.setLines', big);
    expect(refused.code).toBe('PIN_REQUIRED');
    // Nothing changed: the sale still has the 10% line discount.
    expect((await till.ok('sales.get', { saleId: sale.id })).quote.discountTotal).toBe(2_400);
    expect((await till.fails('sales.setLines', { ...big, approval: { staffId: dewi.id, pin: DEWI_PIN } })).code).toBe('FORBIDDEN');
    const approved = await till.ok('sales.setLines', { ...big, approval: { staffId: ownerId, pin: OWNER_PIN } });
    expect(approved.quote).toMatchObject({ discountTotal: 5_000, total: 19_000 });
    // The approval stands while the cashier keeps ringing up: another product needs no second PIN…
    const more = await till.ok('sales.setLines', { ...big, lines: [kopi, { id: 'l2', sku: 'TEH-MANIS', quantity: 1 }] });
    expect(more.quote.discountTotal).toBe(5_000);
    // …but a smaller basket would make the same Rp 5.000 a bigger share than the owner saw.
    expect((await till.fails('sales.setLines', { ...big, lines: [{ ...kopi, quantity: 1 }] })).code).toBe('PIN_REQUIRED');
    await till.ok('sales.setLines', big); // back to what the owner approved: it still stands
    // Small discounts that stack past the threshold need the owner too.
    const stacked = {
      saleId: sale.id,
      lines: [{ ...kopi, discount: { kind: 'percent', basisPoints: 1_000, reason: 'Member' } }],
      saleDiscounts: [{ kind: 'percent', basisPoints: 1_000, reason: 'Voucher' }],
    };
    expect((await till.fails('sales.setLines', stacked)).code).toBe('PIN_REQUIRED');
    // The owner's own session needs no PIN.
    const ownSale = await owner.ok('sales.get', { saleId: sale.id });
    expect(ownSale.id).toBe(sale.id);
    expect((await owner.ok('sales.setLines', stacked)).quote.discountTotal).toBe(4_560);

    const audit = app.query<{ outcome: string; actor: string; target: string | null; details: string }>(
      "SELECT outcome, actor, target, details FROM audit_log WHERE action = 'privileged.sales.discount' ORDER BY id",
    );
    expect(audit.map((r) => [r.outcome, r.actor, JSON.parse(r.details).reason ?? JSON.parse(r.details).via])).toEqual([
      ['refused', dewi.id, 'pin_required'],
      ['refused', dewi.id, 'not_owner'],
      ['ok', dewi.id, 'approval'],
      ['refused', dewi.id, 'pin_required'],
      ['refused', dewi.id, 'pin_required'],
      ['ok', ownerId, 'owner_session'],
    ]);
    expect(audit[2]!.target).toBe(sale.id);
    expect(JSON.parse(audit[2]!.details)).toMatchObject({ approvedBy: ownerId, discounts: 1, stacked: true });
  });
});
