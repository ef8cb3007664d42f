import { describe, expect, it } from 'vitest';
import {
  addSku,
  draftOf,
  nextLineId,
  removeLine,
  sameDraft,
  setLineDiscount,
  setLinesInput,
  setQuantity,
  setSaleDiscount,
  type Draft,
} from '../../renderer/src/stores/sale-lines';
import { saleInputs } from '../../shared/contract/sale-schemas';

const empty: Draft = { lines: [], saleDiscounts: [] };
const promo = { kind: 'percent' as const, basisPoints: 1000, reason: 'Promo' };

describe('the basket edits sent to sales.setLines', () => {
  it('a tap adds a line of one, a second tap on the same product adds one to it', () => {
    const one = addSku(empty, 'KOPI-SUSU');
    expect(one.lines).toEqual([{ id: 'l1', sku: 'KOPI-SUSU', quantity: 1, discount: null }]);
    const two = addSku(addSku(one, 'TEH-MANIS'), 'KOPI-SUSU');
    expect(two.lines).toEqual([
      { id: 'l1', sku: 'KOPI-SUSU', quantity: 2, discount: null },
      { id: 'l2', sku: 'TEH-MANIS', quantity: 1, discount: null },
    ]);
  });

  it('line ids stay unique after a removal (never reused while a higher one exists)', () => {
    const d = removeLine(addSku(addSku(empty, 'A'), 'B'), 'l1');
    expect(addSku(d, 'C').lines.map((l) => l.id)).toEqual(['l2', 'l3']);
    expect(nextLineId([{ id: 'custom' }, { id: 'l9' }])).toBe('l10');
  });

  it('quantity 0 removes the line; quantities stay whole and within the limit', () => {
    const d = addSku(empty, 'A');
    expect(setQuantity(d, 'l1', 0).lines).toEqual([]);
    expect(setQuantity(d, 'l1', -3).lines).toEqual([]);
    expect(setQuantity(d, 'l1', 2.7).lines[0]?.quantity).toBe(2);
    expect(setQuantity(d, 'l1', 50_000).lines[0]?.quantity).toBe(9_999);
  });

  it('a line discount is set and cleared on its own line; the sale carries one sale discount', () => {
    const d = setLineDiscount(addSku(addSku(empty, 'A'), 'B'), 'l2', promo);
    expect(d.lines.map((l) => l.discount)).toEqual([null, promo]);
    expect(setLineDiscount(d, 'l2', null).lines[1]?.discount).toBeNull();
    const member = { kind: 'amount' as const, amount: 5_000, reason: 'Member' };
    expect(setSaleDiscount(setSaleDiscount(d, promo), member).saleDiscounts).toEqual([member]);
    expect(setSaleDiscount(d, null).saleDiscounts).toEqual([]);
  });

  it('reads main’s sale back into a draft and builds an input the contract accepts', () => {
    const sale = {
      lines: [{ id: 'l1', sku: 'A', name: 'A', unitPrice: 1000, quantity: 2, taxClass: 'standard' as const, discount: promo }],
      saleDiscounts: [{ kind: 'amount' as const, amount: 100, reason: 'Member' }],
    };
    const d = draftOf(sale);
    expect(d).toEqual({ lines: [{ id: 'l1', sku: 'A', quantity: 2, discount: promo }], saleDiscounts: sale.saleDiscounts });
    expect(draftOf(null)).toEqual(empty);
    expect(saleInputs.setLines.safeParse(setLinesInput('ORD-1', addSku(d, 'B'))).success).toBe(true);
    expect(sameDraft(d, draftOf(sale))).toBe(true);
    expect(sameDraft(d, addSku(d, 'A'))).toBe(false);
  });

  it('never mutates the draft it was given', () => {
    const d = addSku(empty, 'A');
    const frozen = JSON.stringify(d);
    addSku(d, 'A');
    setQuantity(d, 'l1', 5);
    setLineDiscount(d, 'l1', promo);
    expect(JSON.stringify(d)).toBe(frozen);
  });
});
