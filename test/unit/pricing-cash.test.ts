import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASH_ROUNDING_STEPS, cashRounding, changeDue, quickNotes, tenderDue } from '../../shared/domain/pricing';
import { PAYMENT_METHODS, PAYMENT_METHOD_SPECS } from '../../shared/domain/payment-methods';

const rupiah = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 999_999_999_999 }));
const step = fc.constantFrom(...CASH_ROUNDING_STEPS);
const electronic = PAYMENT_METHODS.filter((m) => PAYMENT_METHOD_SPECS[m].family !== 'cash');
const cash = PAYMENT_METHODS.filter((m) => PAYMENT_METHOD_SPECS[m].family === 'cash');

describe('cash rounding: down to the step, in the customer\'s favour', () => {
  it.each([
    [53_450, 100, 53_400, -50],
    [53_450, 500, 53_000, -450],
    [53_450, 1_000, 53_000, -450],
    [53_999, 1_000, 53_000, -999],
    [53_000, 1_000, 53_000, 0],
    [53_450, 0, 53_450, 0],
    [450, 500, 450, 0], // less than one step: not rounded to Rp 0
    [0, 1_000, 0, 0],
  ] as const)('%i at step %i → %i (%i)', (total, s, due, adjustment) => {
    expect(cashRounding(total, s)).toEqual({ due, adjustment });
  });

  it('never asks more than the total, never takes off a whole step, lands on the step', () => {
    fc.assert(
      fc.property(rupiah, step, (total, s) => {
        const { due, adjustment } = cashRounding(total, s);
        expect(due).toBeLessThanOrEqual(total);
        expect(due - total).toBe(adjustment);
        if (s > 0) {
          expect(total - due).toBeLessThan(s);
          if (total >= s) expect(due % s).toBe(0);
        } else expect(due).toBe(total);
      }),
    );
  });

  it('never applies to a non-cash tender (QRIS, e-wallets, VA, bills, stores are charged to the rupiah)', () => {
    expect(electronic.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(rupiah, step, fc.constantFrom(...electronic), (amount, s, method) => {
        expect(tenderDue(amount, method, s)).toEqual({ due: amount, adjustment: 0 });
      }),
    );
  });

  it('applies to cash tenders', () => {
    expect(cash).toEqual(['cash']);
    expect(tenderDue(53_450, 'cash', 500)).toEqual({ due: 53_000, adjustment: -450 });
  });

  it('refuses a step the shop cannot choose and a non-rupiah amount', () => {
    expect(() => cashRounding(1_000, 200 as 100)).toThrow(RangeError);
    expect(() => cashRounding(-1, 100)).toThrow(RangeError);
    expect(() => cashRounding(10.5, 100)).toThrow(RangeError);
  });
});

describe('quick notes', () => {
  it.each([
    [23_500, [23_500, 25_000, 30_000, 40_000, 50_000, 100_000]],
    [60_000, [60_000, 100_000]],
    [100_000, [100_000]],
    [3_200, [3_200, 5_000, 10_000, 20_000, 50_000, 100_000]],
    [1_234_567, [1_234_567, 1_235_000, 1_240_000, 1_250_000, 1_300_000]],
    [0, [0]],
  ])('%i → %j', (total, notes) => {
    expect(quickNotes(total)).toEqual(notes);
  });

  it('start with the exact amount, ascend without duplicates, cover the total, each the next multiple of a note', () => {
    fc.assert(
      fc.property(rupiah, (total) => {
        const notes = quickNotes(total);
        expect(notes[0]).toBe(total);
        notes.slice(1).forEach((n, i) => {
          expect(n).toBeGreaterThan(notes[i]!);
          expect([5_000, 10_000, 20_000, 50_000, 100_000].some((v) => n % v === 0 && n - v < total)).toBe(true);
        });
        expect(notes.length).toBeLessThanOrEqual(6);
      }),
    );
  });
});

describe('change', () => {
  it('gives change or says how much is short', () => {
    expect(changeDue(100_000, 68_500)).toEqual({ kind: 'change', change: 31_500 });
    expect(changeDue(68_500, 68_500)).toEqual({ kind: 'change', change: 0 });
    expect(changeDue(50_000, 68_500)).toEqual({ kind: 'short', short: 18_500 });
    expect(() => changeDue(1.5, 1)).toThrow(RangeError);
  });

  it('received = due + change, for every quick note', () => {
    fc.assert(
      fc.property(rupiah, step, (total, s) => {
        const { due } = cashRounding(total, s);
        for (const received of quickNotes(due)) {
          const c = changeDue(received, due);
          expect(c.kind === 'change' && c.change + due === received).toBe(true);
        }
      }),
    );
  });
});
