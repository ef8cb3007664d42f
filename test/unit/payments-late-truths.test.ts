import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'ROTI', name: 'Roti', price: 25_000, quantity: 1 }];

describe('gateway truths that arrive late', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('a reversed settlement (deny) leaves the day’s takings', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'indomaret' });
    const tx = h.gateway.tx(p.orderId)!;
    h.service.applyGatewayState(p.id, { ...tx, status: 'settlement' }, 'poll');
    expect(h.today.report()).toMatchObject({ paidCount: 1, paidTotal: 25_000 });
    const out = h.service.applyGatewayState(p.id, { ...tx, status: 'deny' }, 'poll');
    expect(out).toMatchObject({ applied: true, view: { status: 'deny' } });
    expect(h.today.report()).toMatchObject({ paidCount: 0, paidTotal: 0 });
  });

  it('a refund seen while the ledger still says pending is applied, counted as paid and refunded', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    const tx = h.gateway.tx(p.orderId)!;
    const out = h.service.applyGatewayState(p.id, { ...tx, status: 'refund', refundedAmount: 25_000 }, 'recovery');
    expect(out).toMatchObject({ applied: true, view: { status: 'refund', refundedAmount: 25_000 } });
    expect(h.today.report()).toMatchObject({ paidCount: 1, paidTotal: 25_000, refundedTotal: 25_000 });
    expect(h.tracking.isTracking(p.id)).toBe(false);
  });
});
