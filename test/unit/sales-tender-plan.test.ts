/**
 * The pure tender rules of a sale (electron/main/core/sales/tender-plan.ts,
 * tender-state.ts): cash rounding only on the cash tender that settles the
 * rest, partial cash taken as typed, change, electronic amounts and limits,
 * the "i of n" of a partial tender, and how tenders count.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isEditable, isSettled, partOf, planCash, planElectronic, saleTotals, tenderCounts, type TenderFacts } from '../../electron/main/core/sales';
import { itemDetailsFor, priceSale, type Quote } from '../../shared/domain/pricing';
import { KasirError } from '../../shared/contract/result';

const quoteOf = (total: number): Quote =>
  priceSale([{ id: 'a', sku: 'A', name: 'Barang', unitPrice: total, quantity: 1, taxClass: 'standard', discount: null }], [], {
    priceMode: 'inclusive', tax: { kind: 'none' }, serviceCharge: null,
  });

const codeOf = (fn: () => unknown): [string, unknown] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KasirError) return [e.code, e.params];
    throw e;
  }
  throw new Error('did not throw');
};

describe('planning a cash tender', () => {
  it('settles the rest: rounds down by the step, keeps what is due, gives change', () => {
    expect(planCash(68_607, 100_000, 500)).toEqual({ applied: 68_607, amount: 68_500, rounding: -107, received: 100_000, change: 31_500, settlesRest: true });
    // Exactly the due amount by default; no change.
    expect(planCash(68_607, undefined, 500)).toMatchObject({ amount: 68_500, received: 68_500, change: 0, rounding: -107 });
    // No rounding without a step, and none below one step.
    expect(planCash(68_607, undefined, 0)).toMatchObject({ amount: 68_607, rounding: 0 });
    expect(planCash(400, undefined, 500)).toMatchObject({ amount: 400, rounding: 0 });
  });

  it('a partial cash tender is taken as handed over: never rounded, no change', () => {
    expect(planCash(68_607, 50_000, 500)).toEqual({ applied: 50_000, amount: 50_000, rounding: 0, received: 50_000, change: 0, settlesRest: false });
    // Just under the rounded due is still partial (the cashier typed it).
    expect(planCash(68_607, 68_499, 500)).toMatchObject({ applied: 68_499, rounding: 0, settlesRest: false });
    // The rounded due itself settles.
    expect(planCash(68_607, 68_500, 500)).toMatchObject({ applied: 68_607, amount: 68_500, change: 0, settlesRest: true });
  });

  it('refuses nothing received', () => {
    expect(codeOf(() => planCash(10_000, 0, 0))).toEqual(['INVALID_INPUT', { issue: 'cash_not_received' }]);
  });

  it('never charges more than due, and what it covers plus the rest is the exact amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 1, max: 60_000_000 }), fc.constantFrom(0, 100, 500, 1_000), (exact, received, step) => {
        const plan = planCash(exact, received, step as 0 | 100 | 500 | 1_000);
        expect(plan.amount).toBe(plan.applied + plan.rounding);
        expect(plan.amount).toBeLessThanOrEqual(exact);
        expect(plan.rounding).toBeLessThanOrEqual(0);
        expect(plan.rounding).toBeGreaterThan(-Math.max(step, 1));
        expect(plan.received - plan.change).toBe(plan.amount);
        if (!plan.settlesRest) expect(plan).toMatchObject({ rounding: 0, change: 0, applied: received });
      }),
    );
  });
});

describe('planning an electronic tender', () => {
  it('defaults to the rest; the whole sale sends the full breakdown', () => {
    const quote = quoteOf(50_000);
    const plan = planElectronic('qris', undefined, { quote, remaining: 50_000, seq: 1, saleRef: 'ORD-1' });
    expect(plan).toEqual({ amount: 50_000, items: itemDetailsFor(quote, 50_000), part: null });
  });

  it('a smaller part is one "Pembayaran sebagian" line: i = its sequence, n = i when it pays the rest, else i + 1', () => {
    const quote = quoteOf(50_000);
    expect(planElectronic('gopay', 20_000, { quote, remaining: 50_000, seq: 1, saleRef: 'ORD-1' }).items).toEqual([
      { id: 'PART-1', price: 20_000, quantity: 1, name: 'Pembayaran sebagian ORD-1 (1/2)' },
    ]);
    expect(planElectronic('qris', undefined, { quote, remaining: 30_000, seq: 2, saleRef: 'ORD-1' }).items).toEqual([
      { id: 'PART-2', price: 30_000, quantity: 1, name: 'Pembayaran sebagian ORD-1 (2/2)' },
    ]);
    expect(partOf(3, 0, 'S')).toEqual({ saleRef: 'S', index: 3, count: 3 });
    expect(partOf(3, 5, 'S')).toEqual({ saleRef: 'S', index: 3, count: 4 });
  });

  it('refuses more than remains, nothing, and what the method cannot carry (QRIS above Rp 10.000.000: split)', () => {
    const quote = quoteOf(12_000_000);
    const ctx = { quote, remaining: 12_000_000, seq: 1, saleRef: 'S' };
    expect(codeOf(() => planElectronic('qris', undefined, ctx))).toEqual([
      'AMOUNT_INVALID', { reason: 'split_needed', method: 'qris', max: 10_000_000, amount: 12_000_000 },
    ]);
    expect(planElectronic('qris', 10_000_000, ctx).amount).toBe(10_000_000);
    expect(codeOf(() => planElectronic('qris', 12_000_001, ctx))).toEqual(['AMOUNT_INVALID', { reason: 'tender_range', min: 1, max: 12_000_000 }]);
    expect(codeOf(() => planElectronic('indomaret', 5_000, ctx))).toEqual([
      'AMOUNT_INVALID', { reason: 'method_limit', method: 'indomaret', min: 10_000, max: 5_000_000, amount: 5_000 },
    ]);
    expect(codeOf(() => planElectronic('qris', undefined, { ...ctx, remaining: 0 }))).toEqual(['CONFLICT', { reason: 'nothing_due' }]);
  });
});

describe('how tenders count', () => {
  const t = (status: TenderFacts['status'], applied: number, rounding = 0): TenderFacts => ({
    paymentId: `P-${status}-${applied}`, method: 'cash', status, applied, rounding, change: null,
  });

  it('paid, open or not at all, by the payment status', () => {
    expect(['settlement', 'capture', 'partial_refund', 'refund'].map((s) => tenderCounts(s as TenderFacts['status']))).toEqual(['paid', 'paid', 'paid', 'paid']);
    expect(['creating', 'pending'].map((s) => tenderCounts(s as TenderFacts['status']))).toEqual(['open', 'open']);
    expect(['expire', 'cancel', 'deny', 'failure', 'failed_to_create'].map((s) => tenderCounts(s as TenderFacts['status']))).toEqual(['no', 'no', 'no', 'no', 'no']);
  });

  it('a sale is settled when paid tenders cover it and none is open; a Rp 0 sale never settles by itself', () => {
    expect(saleTotals(100_000, [t('settlement', 40_000), t('expire', 60_000), t('pending', 30_000)])).toMatchObject({
      paid: 40_000, pending: 30_000, remaining: 30_000,
    });
    expect(isSettled(100_000, [t('settlement', 40_000), t('pending', 60_000)])).toBe(false);
    expect(isSettled(100_000, [t('settlement', 40_000), t('settlement', 60_000, -100)])).toBe(true);
    expect(saleTotals(100_000, [t('settlement', 40_000), t('settlement', 60_000, -100)]).rounding).toBe(-100);
    expect(isSettled(0, [])).toBe(false);
    expect(isEditable([t('expire', 1), t('cancel', 1)])).toBe(true);
    expect(isEditable([t('pending', 1)])).toBe(false);
    expect(isEditable([t('settlement', 1)])).toBe(false);
  });
});
