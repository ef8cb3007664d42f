import { describe, expect, it } from 'vitest';
import { layoutSaleReceipt, type SaleReceiptInput } from '../../electron/main/core/receipts/sale-receipt-layout';
import { amountLine } from '../../electron/main/core/receipts/receipt-builder';
import { formatNpwp, formatRate } from '../../electron/main/core/receipts/sale-receipt-words';
import type { SaleView, TenderView } from '../../shared/contract/sale-schemas';
import { formatRupiah } from '../../shared/domain/money';
import { cashRounding, type PricingLine } from '../../shared/domain/pricing';
import { CAFE_LINES, CAFE_SETTINGS, MEMBER, cafeCashSale, paidSale, tender } from '../fixtures/receipt-sales';

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);
/** "label … value" flush to the edge, as the receipt prints a money row. */
const row = (label: string, value: string, columns: number) => label + value.padStart(columns - label.length);
const input = (sale: SaleView, more: Partial<SaleReceiptInput> = {}): SaleReceiptInput => ({
  shopName: 'Kafe Senja', zone: 'Asia/Jakarta', npwp: null, sale, copy: false, demo: false, ...more,
});

describe('sale receipt: the README café example (PB1 10%, service 5% taxed, cash rounding Rp 500)', () => {
  it.each([32, 48])('prints every line, discount, service, tax, rounding, cash and change within %i columns', (columns) => {
    const lines = layoutSaleReceipt(input(cafeCashSale()), 'id', columns);
    for (const { text } of lines) expect(text.length).toBeLessThanOrEqual(columns);
    const rule = '-'.repeat(columns);
    expect(texts(lines)).toEqual([
      'Kafe Senja',
      row('No. struk', 'K1-000042', columns),
      row('Waktu', '26 Nov 2026, 13.00 WIB', columns),
      row('Kasir', 'Ani', columns),
      rule,
      'Kopi Susu',
      row('  2 x Rp 18.000', 'Rp 36.000', columns),
      row('  Diskon Promo 10%', '-Rp 3.600', columns),
      row('Roti Bakar', 'Rp 25.000', columns),
      row('Air Mineral', 'Rp 7.000', columns),
      rule,
      row('Subtotal', 'Rp 68.000', columns),
      row('Diskon item', '-Rp 3.600', columns),
      row('Diskon Member', '-Rp 5.000', columns),
      row('Layanan 5%', 'Rp 2.970', columns),
      row('PB1 10%', 'Rp 6.237', columns),
      row('TOTAL', 'Rp 68.607', columns),
      row('Pembulatan', '-Rp 107', columns),
      row('Total bayar', 'Rp 68.500', columns),
      rule,
      row('Tunai', 'Rp 100.000', columns),
      row('Kembali', 'Rp 31.500', columns),
      rule,
      'Terima kasih!',
    ]);
    expect(lines[0]).toEqual({ text: 'Kafe Senja', align: 'center', bold: true });
    const bold = lines.filter((l) => l.bold).map((l) => l.text.split(' ')[0]);
    expect(bold).toEqual(['Kafe', 'TOTAL', 'Total', 'Kembali']);
  });

  it('speaks English with the same amounts', () => {
    const lines = texts(layoutSaleReceipt(input(cafeCashSale()), 'en', 32));
    expect(lines).toContain(row('Receipt no.', 'K1-000042', 32));
    expect(lines).toContain(row('Time', '26 Nov 2026, 13:00 WIB', 32));
    expect(lines).toContain(row('  Discount Promo 10%', '-Rp 3.600', 32));
    expect(lines).toContain(row('Service 5%', 'Rp 2.970', 32));
    expect(lines).toContain(row('Rounding', '-Rp 107', 32));
    expect(lines).toContain(row('Cash', 'Rp 100.000', 32));
    expect(lines).toContain(row('Change', 'Rp 31.500', 32));
    expect(lines.at(-1)).toBe('Terima kasih! Thank you!');
  });

  it('marks a reprint as a copy and emulator money as demo; neither otherwise', () => {
    const marked = layoutSaleReceipt(input(cafeCashSale(), { copy: true, demo: true }), 'id', 32);
    expect(marked.slice(1, 3)).toEqual([
      { text: 'SALINAN', align: 'center', bold: true },
      { text: 'DEMO — bukan uang sungguhan', align: 'center', bold: false },
    ]);
    expect(texts(layoutSaleReceipt(input(cafeCashSale(), { copy: true, demo: true }), 'en', 32)).slice(1, 3)).toEqual(['COPY', 'DEMO — not real money']);
    expect(texts(layoutSaleReceipt(input(cafeCashSale()), 'id', 32)).join('\n')).not.toMatch(/SALINAN|DEMO/);
  });
});

describe('sale receipt: PPN', () => {
  const goods = (taxClass: PricingLine['taxClass'], sku: string, name: string): PricingLine => ({
    id: sku, sku, name, unitPrice: 100_000, quantity: 1, taxClass, discount: null,
  });
  const REF = 'A120261126130000QRIS01ID';

  it('exclusive prices: DPP and PPN per class (ordinary 11/12, luxury on the full price), the NPWP, a QRIS reference', () => {
    const sale = paidSale([goods('standard', 'TAS', 'Tas Kanvas'), goods('luxury', 'JAM', 'Jam Tangan'), goods('exempt', 'BERAS', 'Beras 5 kg')], [],
      { priceMode: 'exclusive', tax: { kind: 'ppn' }, serviceCharge: null },
      (total) => [tender(1, 'qris', total, undefined, REF)]);
    expect(sale.total).toBe(323_000);
    for (const columns of [32, 48]) {
      const lines = texts(layoutSaleReceipt(input(sale, { npwp: '012345678901000' }), 'id', columns));
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns);
      expect(lines[1]).toBe('NPWP 01.234.567.8-901.000');
      const money = lines.slice(lines.indexOf(row('Subtotal', 'Rp 300.000', columns)), lines.indexOf(row('TOTAL', 'Rp 323.000', columns)) + 1);
      expect(money).toEqual([
        row('Subtotal', 'Rp 300.000', columns),
        row('DPP', 'Rp 91.667', columns),
        row('PPN 12%', 'Rp 11.000', columns),
        row('DPP mewah', 'Rp 100.000', columns),
        row('PPN 12% mewah', 'Rp 12.000', columns),
        row('TOTAL', 'Rp 323.000', columns),
      ]);
      expect(lines).toContain(row('QRIS', 'Rp 323.000', columns));
      expect(lines.join(' ')).toMatch(/Ref\. Midtrans\s+A120261126130000/);
    }
  });

  it('inclusive prices: the README basket, tax "termasuk" inside the total', () => {
    const sale = paidSale(CAFE_LINES, [MEMBER], { priceMode: 'inclusive', tax: { kind: 'ppn' }, serviceCharge: null }, (total) => [
      tender(1, 'cash', total, { rounding: 0, received: 60_000 }),
    ]);
    const lines = texts(layoutSaleReceipt(input(sale, { npwp: '0123456789012345' }), 'id', 32));
    expect(lines).toContain('NPWP 0123456789012345');
    expect(lines).toContain(row('DPP', 'Rp 49.055', 32));
    expect(lines).toContain(row('PPN 12% termasuk', 'Rp 5.886', 32));
    expect(lines).toContain(row('TOTAL', 'Rp 59.400', 32));
    expect(lines).toContain(row('Kembali', 'Rp 600', 32));
    expect(lines.join('\n')).not.toMatch(/Pembulatan/);
  });

  it('prints no NPWP without PPN, even when the shop has one', () => {
    expect(texts(layoutSaleReceipt(input(cafeCashSale(), { npwp: '012345678901000' }), 'id', 32)).join('\n')).not.toContain('NPWP');
  });
});

describe('sale receipt: other sales', () => {
  it('inclusive PB1 with a taxed service: the tax inside the prices is "termasuk", the service tax is added', () => {
    const sale = paidSale(CAFE_LINES, [], { ...CAFE_SETTINGS, priceMode: 'inclusive' }, (total) => [tender(1, 'gopay', total)]);
    const tax = sale.quote.taxes[0]!;
    const lines = texts(layoutSaleReceipt(input(sale), 'id', 32));
    expect(tax.included).toBeGreaterThan(0);
    expect(tax.added).toBeGreaterThan(0);
    expect(lines).toContain(row('PB1 10% termasuk', formatRupiah(tax.included), 32));
    expect(lines).toContain(row('PB1 10% atas layanan', formatRupiah(tax.added), 32));
    expect(lines).toContain(row('GoPay', formatRupiah(sale.total), 32));
  });

  it('a split sale lists each tender that counts (a pending one marked), skipping the expired one', () => {
    const lines: PricingLine[] = [{ id: 'a', sku: 'NASI', name: 'Nasi Goreng', unitPrice: 28_250, quantity: 3, taxClass: 'standard', discount: null }];
    const sale = paidSale(lines, [], { priceMode: 'inclusive', tax: { kind: 'none' }, serviceCharge: null }, (total) => {
      const expired: TenderView = { ...tender(1, 'qris', 50_000), status: 'expire', counts: 'no' };
      const qris = tender(2, 'qris', 50_000, undefined, 'A1202611QR');
      const cash = tender(3, 'cash', total - 50_000, { rounding: cashRounding(total - 50_000, 1_000).adjustment, received: 40_000 });
      return [expired, qris, cash];
    });
    const out = texts(layoutSaleReceipt(input(sale), 'id', 32));
    const tenders = out.slice(out.indexOf(row('Total bayar', 'Rp 84.000', 32)) + 2, -2);
    expect(tenders).toEqual([
      row('QRIS', 'Rp 50.000', 32),
      '  Ref. Midtrans A1202611QR',
      row('Tunai', 'Rp 40.000', 32),
      row('Kembali', 'Rp 6.000', 32),
    ]);
    const pending = { ...sale, status: 'open' as const, receiptNo: null, tenders: [{ ...sale.tenders[1]!, status: 'pending' as const, counts: 'open' as const }] };
    const open = texts(layoutSaleReceipt(input(pending), 'id', 32));
    expect(open).toContain('BELUM LUNAS');
    expect(open).toContain(row('No. transaksi', 'SALE-01', 32));
    expect(open).toContain(row('QRIS (menunggu)', 'Rp 50.000', 32));
  });

  it('a refund asked for while Midtrans was unreachable prints as "diajukan, belum diproses", not as refunded', () => {
    const lines: PricingLine[] = [{ id: 'a', sku: 'NASI', name: 'Nasi Goreng', unitPrice: 28_000, quantity: 1, taxClass: 'standard', discount: null }];
    const sale = paidSale(lines, [], { priceMode: 'inclusive', tax: { kind: 'none' }, serviceCharge: null }, (total) => {
      const qris = tender(1, 'qris', total, undefined, 'A1202611QR');
      return [{ ...qris, payment: { ...qris.payment, refundQueued: true } }];
    });
    const out = texts(layoutSaleReceipt(input(sale), 'id', 32));
    expect(out).toContain('Refund diajukan, belum diproses');
    expect(out.some((l) => l.startsWith('  Dikembalikan'))).toBe(false);
    expect(texts(layoutSaleReceipt(input(sale), 'en', 32))).toContain('Refund requested, not yet');
  });

  it('a voided sale says so with its reason; money paid back from the drawer is listed with why', () => {
    const voided: SaleView = {
      ...cafeCashSale(),
      status: 'voided',
      receiptNo: null,
      voidReason: 'Pelanggan batal',
      drawerMovements: [{ id: 1, kind: 'void_return', saleId: 'SALE-01', paymentId: 'PAY-1', amount: 68_500, reason: 'Pelanggan batal', createdAt: '2026-11-26T06:01:00.000Z', actorName: 'Budi' }],
    };
    const lines = texts(layoutSaleReceipt(input(voided), 'id', 32));
    expect(lines.slice(1, 3)).toEqual(['DIBATALKAN', 'Alasan: Pelanggan batal']);
    expect(lines).toContain(row('Dikembalikan (batal)', '-Rp 68.500', 32));
    const refunded: SaleView = {
      ...cafeCashSale(),
      drawerMovements: [{ id: 2, kind: 'refund', saleId: 'SALE-01', paymentId: 'PAY-1', amount: 7_000, reason: 'Air tumpah', createdAt: '2026-11-26T06:05:00.000Z', actorName: 'Budi' }],
    };
    const after = texts(layoutSaleReceipt(input(refunded), 'en', 32));
    expect(after.slice(-4, -2)).toEqual([row('Refund from drawer', '-Rp 7.000', 32), '  Air tumpah']);
  });

  it('strips control characters from everything typed, and wraps long names and reasons within the width', () => {
    const sneaky: PricingLine[] = [
      { id: 'x', sku: 'X', name: 'Kopi\u001bp\u0000\u0019 Susu Gula Aren Spesial Ukuran Besar', unitPrice: 18_000, quantity: 1, taxClass: 'standard',
        discount: { kind: 'amount', amount: 1_000, reason: 'Teman\u001d\u0056\u0001 pemilik toko yang datang pagi-pagi' } },
    ];
    const sale = paidSale(sneaky, [], { priceMode: 'inclusive', tax: { kind: 'none' }, serviceCharge: null }, (total) => [tender(1, 'cash', total, { rounding: 0, received: total })]);
    for (const columns of [32, 48]) {
      const lines = layoutSaleReceipt(input({ ...sale, actorName: 'Ani\u001b@' }, { shopName: 'Kafe\u001bp0 Senja' }), 'id', columns);
      const all = texts(lines).join('\n');
      expect(all).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(columns);
      expect(all).toContain('Rp 17.000');
    }
    expect(texts(layoutSaleReceipt(input(sale), 'id', 32)).slice(5, 10)).toEqual([
      'Kopi p Susu Gula Aren  Rp 18.000',
      'Spesial Ukuran Besar',
      '  Diskon Teman V       -Rp 1.000',
      '  pemilik toko yang datang',
      '  pagi-pagi',
    ]);
  });
});

describe('sale receipt helpers', () => {
  it('formats rates, and NPWPs as printed', () => {
    expect([formatRate(1_000, 'id'), formatRate(1_250, 'id'), formatRate(1_250, 'en'), formatRate(1_205, 'en'), formatRate(50, 'id')]).toEqual([
      '10%', '12,5%', '12.5%', '12.05%', '0,5%',
    ]);
    expect(formatNpwp('012345678901000')).toBe('01.234.567.8-901.000');
    expect(formatNpwp('01.234.567.8-901.000')).toBe('01.234.567.8-901.000');
    expect(formatNpwp('0123456789012345')).toBe('0123456789012345');
  });

  it('puts an amount that leaves no room beside its label below it, flush right', () => {
    expect(amountLine('Pembulatan', 'Rp 999.999.999.999', 24)).toEqual(['Pembulatan', 'Rp 999.999.999.999'.padStart(24)]);
  });
});
