/**
 * A café sale with discounts, PB1, a taxed service charge and cash rounding
 * (settings.json "sales"), through the router against the emulator: main
 * prices it with the pricing core, the QRIS part is charged to the rupiah
 * (never rounded), the cash tender that settles the rest is rounded down and
 * gives change, and screen, ledger and receipt agree.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { priceSale } from '../../shared/domain/pricing';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

const SALES = {
  priceMode: 'exclusive',
  tax: { kind: 'pb1', rateBasisPoints: 1_000 },
  serviceCharge: { rateBasisPoints: 500, taxed: true },
  cashRounding: 500,
};

describe('cash rounding on a taxed, discounted sale', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  it('rounds only the settling cash tender, down; QRIS is charged to the rupiah', async () => {
    app = await makeApp({ settings: { sales: SALES, routing: { qris: 'core_api' } } });
    const owner = app.caller('till-1');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: '730194' });
    const sale = await owner.ok('sales.open');
    const promo = { kind: 'percent', basisPoints: 1_000, reason: 'Promo' } as const;
    const member = { kind: 'amount', amount: 5_000, reason: 'Member' } as const;
    const priced = await owner.ok('sales.setLines', {
      saleId: sale.id,
      lines: [
        { id: 'l1', sku: 'KOPI-SUSU', quantity: 2, discount: promo },
        { id: 'l2', sku: 'ROTI-BAKAR', quantity: 1 },
        { id: 'l3', sku: 'AIR-MINERAL', quantity: 1 },
      ],
      saleDiscounts: [member],
    });
    // The README's worked example, priced by the same core: 59.400 after discounts, service 2.970, PB1 6.237.
    const expected = priceSale(
      [
        { id: 'l1', sku: 'KOPI-SUSU', name: 'Es Kopi Susu', unitPrice: 18_000, quantity: 2, taxClass: 'standard', discount: promo },
        { id: 'l2', sku: 'ROTI-BAKAR', name: 'Roti Bakar', unitPrice: 15_000, quantity: 1, taxClass: 'standard', discount: null },
        { id: 'l3', sku: 'AIR-MINERAL', name: 'Air Mineral', unitPrice: 5_000, quantity: 1, taxClass: 'standard', discount: null },
      ],
      [member],
      { priceMode: 'exclusive', tax: { kind: 'pb1', rateBasisPoints: 1_000 }, serviceCharge: { rateBasisPoints: 500, taxed: true } },
    );
    expect(priced.quote).toEqual(expected);
    expect(priced.total).toBe(expected.total);
    // The cash view rounds the whole rest down to Rp 500.
    expect(priced.cash).toEqual({ step: 500, exact: expected.total, due: expected.total - (expected.total % 500), rounding: -(expected.total % 500), quickNotes: expect.any(Array) });

    // QRIS Rp 20.001: charged exactly.
    const qris = (await owner.ok('sales.addTender', { saleId: sale.id, method: 'qris', amount: 20_001 })).tenders[0]!;
    expect(qris).toMatchObject({ amount: 20_001, rounding: 0 });
    if (qris.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    const paidPart = app.waitForSale(sale.id, (s) => s.tenders[0]?.counts === 'paid');
    await app.simulator().pay({ qr_string: qris.payment.action.qrString });
    await paidPart;

    // Cash settles the rest: rounded down, change from a Rp 100.000 note.
    const rest = expected.total - 20_001;
    const due = rest - (rest % 500);
    const done = await owner.ok('sales.addTender', { saleId: sale.id, method: 'cash', received: 100_000 });
    expect(done).toMatchObject({ status: 'paid', receiptNo: 'K1-000001', rounding: due - rest, change: 100_000 - due });
    expect(done.tenders[1]).toMatchObject({ method: 'cash', applied: rest, amount: due, rounding: due - rest, received: 100_000, change: 100_000 - due });
    expect(app.query('SELECT total, rounding, tax_total, service_total, discount_total FROM sales WHERE id = ?', sale.id)).toEqual([
      { total: expected.total, rounding: due - rest, tax_total: expected.taxTotal, service_total: expected.serviceAmount, discount_total: expected.discountTotal },
    ]);
    const receipt = await owner.ok('sales.receipt', { saleId: sale.id, language: 'id' });
    expect(receipt.lines.map((l) => l.text).join('\n')).toContain('Pembulatan');
  });
});
