import { describe, expect, it } from 'vitest';
import { countingTenders, lastPaidTender, tillMode } from '../../renderer/src/features/till/till-mode';
import type { SaleView, TenderView } from '../../shared/contract/sale-schemas';

type Counts = TenderView['counts'];

function tender(seq: number, method: TenderView['method'], status: TenderView['status'], counts: Counts, applied: number): TenderView {
  return { seq, paymentId: `PAY-${seq}`, method, status, counts, applied, amount: applied, rounding: 0, received: null, change: null, drawerRefunded: 0 } as unknown as TenderView;
}

function sale(over: Partial<SaleView> = {}): SaleView {
  const tenders = over.tenders ?? [];
  const paid = tenders.filter((t) => t.counts === 'paid').reduce((s, t) => s + t.applied, 0);
  const pending = tenders.filter((t) => t.counts === 'open').reduce((s, t) => s + t.applied, 0);
  const total = over.total ?? 50_000;
  return {
    id: 'ORD-1',
    status: 'open',
    lines: [{ id: 'l1', sku: 'A', name: 'A', unitPrice: total, quantity: 1, taxClass: 'standard', discount: null }],
    total,
    paid,
    pending,
    remaining: total - paid - pending,
    editable: paid === 0 && pending === 0,
    ...over,
    tenders,
  } as unknown as SaleView;
}

describe('which screen the till shows', () => {
  it('no sale yet, or a sale being built: the cart; a panel the cashier opened shows over it', () => {
    expect(tillMode(null, 'none', null)).toEqual({ kind: 'cart' });
    expect(tillMode(null, 'cash', null)).toEqual({ kind: 'cart' });
    expect(tillMode(sale(), 'none', null)).toEqual({ kind: 'cart' });
    expect(tillMode(sale(), 'cash', null)).toEqual({ kind: 'cash' });
    expect(tillMode(sale(), 'part', null)).toEqual({ kind: 'part' });
  });

  it('an open electronic tender is on screen whatever the cashier opened before', () => {
    const qris = tender(1, 'qris', 'pending', 'open', 50_000);
    expect(tillMode(sale({ tenders: [qris] }), 'cash', null)).toEqual({ kind: 'tender', tender: qris });
  });

  it('the tender the cashier started failed: shown until acknowledged, then the cart for another method', () => {
    const expired = tender(1, 'qris', 'expire', 'no', 50_000);
    const s = sale({ tenders: [expired] });
    expect(tillMode(s, 'none', 'PAY-1')).toEqual({ kind: 'failed', tender: expired });
    expect(tillMode(s, 'none', null)).toEqual({ kind: 'cart' });
  });

  it('a split sale with part paid and nothing open goes back to the cart for the next tender', () => {
    const cash = tender(1, 'cash', 'settlement', 'paid', 20_000);
    const s = sale({ tenders: [cash] });
    expect(s.remaining).toBe(30_000);
    expect(tillMode(s, 'none', null)).toEqual({ kind: 'cart' });
    expect(tillMode(s, 'part', null)).toEqual({ kind: 'part' });
  });

  it('paid and voided sales have their own screens', () => {
    expect(tillMode(sale({ status: 'paid' }), 'cash', 'PAY-1')).toEqual({ kind: 'paid' });
    expect(tillMode(sale({ status: 'voided' }), 'none', null)).toEqual({ kind: 'voided' });
  });

  it('a Rp 0 sale (100% discount) can still take the cash step that completes it; a part payment cannot', () => {
    const zero = sale({ total: 0 });
    expect(tillMode(zero, 'cash', null)).toEqual({ kind: 'cash' });
    expect(tillMode(zero, 'part', null)).toEqual({ kind: 'cart' });
  });

  it('lists the tenders that count and finds the last one paid', () => {
    const s = sale({
      tenders: [tender(1, 'qris', 'expire', 'no', 30_000), tender(2, 'cash', 'settlement', 'paid', 20_000), tender(3, 'qris', 'settlement', 'paid', 30_000)],
    });
    expect(countingTenders(s).map((t) => t.seq)).toEqual([2, 3]);
    expect(lastPaidTender(s)?.seq).toBe(3);
    expect(lastPaidTender(sale())).toBeNull();
  });
});
