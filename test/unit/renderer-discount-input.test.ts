import { describe, expect, it } from 'vitest';
import { discountFrom, fieldsOf, parsePercent } from '../../renderer/src/features/till/discount-input';
import { discountSchema } from '../../shared/domain/pricing';

describe('a discount as the cashier types it', () => {
  it('reads percentages with a comma or a dot, at most two decimals, above 0 and up to 100', () => {
    expect(parsePercent('10')).toBe(1000);
    expect(parsePercent('12,5')).toBe(1250);
    expect(parsePercent('12.5 %')).toBe(1250);
    expect(parsePercent('7,25')).toBe(725);
    expect(parsePercent('100')).toBe(10_000);
    for (const bad of ['', '0', '0,00', '101', '12,345', '-5', 'abc', '1.000']) expect(parsePercent(bad), bad).toBeNull();
  });

  it('builds a discount the contract accepts, with the reason trimmed', () => {
    const pct = discountFrom({ kind: 'percent', value: '10', reason: '  Promo ' });
    expect(pct).toEqual({ ok: true, discount: { kind: 'percent', basisPoints: 1000, reason: 'Promo' } });
    const rp = discountFrom({ kind: 'amount', value: 'Rp 5.000', reason: 'Member' });
    expect(rp).toEqual({ ok: true, discount: { kind: 'amount', amount: 5000, reason: 'Member' } });
    for (const r of [pct, rp]) if (r.ok) expect(discountSchema.safeParse(r.discount).success).toBe(true);
  });

  it('says which field is wrong: the value first, then the reason', () => {
    expect(discountFrom({ kind: 'amount', value: '0', reason: 'x' })).toEqual({ ok: false, problem: 'value' });
    expect(discountFrom({ kind: 'amount', value: '5.00', reason: 'x' })).toEqual({ ok: false, problem: 'value' });
    expect(discountFrom({ kind: 'percent', value: '10', reason: '   ' })).toEqual({ ok: false, problem: 'reason' });
    expect(discountFrom({ kind: 'percent', value: '10', reason: 'x'.repeat(101) })).toEqual({ ok: false, problem: 'reason' });
  });

  it('prefills the form from an existing discount, and reads it back unchanged', () => {
    for (const d of [
      { kind: 'percent' as const, basisPoints: 1250, reason: 'Promo' },
      { kind: 'amount' as const, amount: 12_500, reason: 'Member' },
    ]) {
      expect(discountFrom(fieldsOf(d))).toEqual({ ok: true, discount: d });
    }
    expect(fieldsOf(null)).toEqual({ kind: 'percent', value: '', reason: '' });
  });
});
