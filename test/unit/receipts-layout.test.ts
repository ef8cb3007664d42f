import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../shared/contract/schemas';
import {
  itemLines,
  labelValue,
  layoutReceipt,
  printable,
  shopDateTime,
  wrapText,
} from '../../electron/main/core/receipts/receipt-layout';

const paid: PaymentView = {
  id: 'PAY-1',
  orderId: 'ORD-0123456789ABCDEF',
  method: 'cash',
  status: 'settlement',
  amount: 1_234_500,
  refundedAmount: 0,
  action: { kind: 'cash' },
  createdAt: '2026-11-26T16:29:00.000Z',
  // 16:30 UTC is 23:30 WIB on the 26th, 00:30 WITA on the 27th.
  updatedAt: '2026-11-26T16:30:00.000Z',
  expiresAt: null,
  lastSource: 'manual',
  referenceNo: null,
  items: [
    { sku: 'NASI', name: 'Nasi Goreng', price: 28_000, quantity: 1 },
    { sku: 'TEH', name: 'Es Teh Manis', price: 8_000, quantity: 2 },
    { sku: 'BIG', name: 'Paket Nasi Tumpeng Kuning Lengkap Ayam Bakar', price: 1_190_500, quantity: 1 },
  ],
};

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('receipt layout', () => {
  it.each([32, 48])('keeps every line within %i columns and right-aligns amounts to the edge', (columns) => {
    const lines = layoutReceipt('Warung Kopi Senja', paid, 'Asia/Jakarta', 'id', columns);
    for (const { text } of lines) expect(text.length).toBeLessThanOrEqual(columns);
    const total = lines.find((l) => l.text.startsWith('TOTAL'));
    expect(total).toEqual({ text: 'TOTAL' + 'Rp 1.234.500'.padStart(columns - 5), align: 'left', bold: true });
    expect(texts(lines)).toContain('1 x Nasi Goreng'.padEnd(columns - 'Rp 28.000'.length) + 'Rp 28.000');
    expect(texts(lines)).toContain('2 x Es Teh Manis'.padEnd(columns - 'Rp 16.000'.length) + 'Rp 16.000');
    expect(lines[0]).toEqual({ text: 'Warung Kopi Senja', align: 'center', bold: true });
    expect(lines.filter((l) => l.text === '-'.repeat(columns))).toHaveLength(3);
  });

  it('prints the shop time and zone, order id, method, LUNAS and thanks in Indonesian', () => {
    const lines = texts(layoutReceipt('Warung', paid, 'Asia/Jakarta', 'id'));
    expect(lines).toContain('Waktu' + '26 Nov 2026, 23.30 WIB'.padStart(27));
    expect(lines).toContain('No. pesanan ORD-0123456789ABCDEF');
    expect(lines).toContain('Metode' + 'Tunai'.padStart(26));
    expect(lines).toContain('Status' + 'LUNAS'.padStart(26));
    expect(lines.at(-1)).toBe('Terima kasih!');
    expect(lines.join('\n')).not.toMatch(/Dikembalikan/);
  });

  it('prints the Midtrans reference when there is one, within the width', () => {
    const ref = '1015a919-b03f-450a-bc85-b38202a79a96';
    const lines = texts(layoutReceipt('Warung', { ...paid, referenceNo: ref }, 'Asia/Jakarta', 'id'));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(32);
    expect(lines).toContain('Ref. Midtrans');
    expect(lines.join('')).toContain('1015a919-b03f-450a-bc85-b38202a7');
    expect(texts(layoutReceipt('Warung', paid, 'Asia/Jakarta', 'id'))).not.toContain('Ref. Midtrans');
  });

  it('speaks English, with the time in the shop zone (not the machine zone)', () => {
    const lines = texts(layoutReceipt('Warung', paid, 'Asia/Makassar', 'en'));
    expect(lines).toContain('Time' + '27 Nov 2026, 00:30 WITA'.padStart(28));
    expect(lines).toContain('Method' + 'Cash'.padStart(26));
    expect(lines).toContain('Status' + 'PAID'.padStart(26));
    expect(lines).toContain('Order no.   ORD-0123456789ABCDEF');
  });

  it('wraps a long item name under itself, the price staying on the first line', () => {
    const lines = itemLines(1, 'Paket Nasi Tumpeng Kuning Lengkap Ayam Bakar', 'Rp 1.190.500', 32);
    expect(lines).toEqual([
      '1 x Paket Nasi      Rp 1.190.500',
      '    Tumpeng Kuning Lengkap Ayam',
      '    Bakar',
    ]);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(32);
  });

  it('splits a word longer than the line and never loops on a tiny width', () => {
    expect(wrapText('ABCDEFGHIJ KL', 4)).toEqual(['ABCD', 'EFGH', 'IJ', 'KL']);
    expect(wrapText('', 10)).toEqual(['']);
    expect(wrapText('abc', 0)).toEqual(['a', 'b', 'c']);
  });

  it('puts a value that does not fit beside its label on the next line, flush right', () => {
    expect(labelValue('No. pesanan', 'ORD-0123456789ABCDEFGH', 32)).toEqual(['No. pesanan', 'ORD-0123456789ABCDEFGH'.padStart(32)]);
  });

  it('adds a refund line once money went back, and dates a refunded sale by its creation', () => {
    const refunded: PaymentView = { ...paid, status: 'partial_refund', refundedAmount: 16_000, updatedAt: '2026-11-27T03:00:00.000Z' };
    const lines = texts(layoutReceipt('Warung', refunded, 'Asia/Jakarta', 'id'));
    expect(lines).toContain('Dikembalikan' + 'Rp 16.000'.padStart(20));
    expect(lines).toContain('Waktu' + '26 Nov 2026, 23.29 WIB'.padStart(27));
  });

  it('formats rupiah with id-ID grouping in both languages', () => {
    const en = texts(layoutReceipt('W', paid, 'Asia/Jakarta', 'en')).join('\n');
    expect(en).toContain('Rp 1.234.500');
    expect(en).not.toMatch(/Rp 1,234/);
  });

  it('strips control characters so a name cannot carry printer commands, and prints no gateway action', () => {
    expect(printable('Kopi\u001bp\u0000\u0019\u00fa Susu\n\t x')).toBe('Kopi p \u00fa Susu x');
    const sneaky: PaymentView = {
      ...paid,
      method: 'qris',
      action: { kind: 'qr', qrString: '00020101021226QRSECRET' },
      items: [{ sku: 'X', name: 'Kopi\u001bp\u0000\u0019\u00fa', price: 1, quantity: 1 }],
    };
    const all = texts(layoutReceipt('Warung\u001d', sneaky, 'Asia/Jakarta', 'id')).join('\n');
    expect(all).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(all).not.toContain('QRSECRET');
  });

  it('names the zone as Indonesians write it, with a fallback for other zones', () => {
    expect(shopDateTime('2026-11-26T16:30:00.000Z', 'Asia/Jayapura', 'id')).toBe('27 Nov 2026, 01.30 WIT');
    expect(shopDateTime('2026-11-26T16:30:00.000Z', 'Europe/Amsterdam', 'en')).toMatch(/^26 Nov 2026, 17:30 /);
  });
});
