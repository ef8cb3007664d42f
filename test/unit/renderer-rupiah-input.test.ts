import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupThousands, parseRupiah } from '../../renderer/src/components/rupiah-input';
import { MAX_RUPIAH } from '../../shared/domain/money';

describe('parseRupiah (cashier-typed amounts)', () => {
  it.each([
    ['10.000', 10_000],
    ['10000', 10_000],
    [' 10.000 ', 10_000],
    ['Rp 10.000', 10_000],
    ['Rp10.000', 10_000],
    ['rp. 10.000', 10_000],
    ['Rp 10.000,-', 10_000],
    ['10.000,00', 10_000],
    ['10.000,0', 10_000],
    ['1.234.567', 1_234_567],
    ['0', 0],
    ['999.999.999.999', MAX_RUPIAH],
  ])('%j → %d', (text, value) => {
    expect(parseRupiah(text)).toBe(value);
  });

  it.each([
    '',
    '   ',
    'Rp',
    'abc',
    '-10.000',
    '10,000', // comma is the decimal separator in Indonesia: ambiguous, refused
    '10.00', // a decimal typo, not "1.000"
    '1.0000',
    '10.000,50', // IDR has no sen at the till
    '10.5',
    '.000',
    '10..000',
    '1e4',
    '0x10',
    '1.000.000.000.000', // above MAX_RUPIAH
    '9999999999999',
  ])('%j → null', (text) => {
    expect(parseRupiah(text)).toBeNull();
  });

  it('reads back what groupThousands writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_RUPIAH }), (n) => {
        expect(parseRupiah(groupThousands(n))).toBe(n);
        expect(parseRupiah(`Rp ${groupThousands(n)},-`)).toBe(n);
      }),
    );
  });

  it('groups thousands with dots', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(34_000)).toBe('34.000');
    expect(groupThousands(1_234_567)).toBe('1.234.567');
  });
});
