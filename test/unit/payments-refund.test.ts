import { afterEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import { RefundRepository } from '../../electron/main/core/ledger';
import { makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'SATE', name: 'Sate ayam', price: 30000, quantity: 2 }];

describe('cancel and refund', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const paid = async () => {
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: p.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    expect(h.service.get(p.id).status).toBe('settlement');
    return p;
  };

  it('cancel refuses non-pending payments', async () => {
    h = makeHarness();
    const p = await paid();
    await expect(h.service.cancel(p.id)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(h.service.cancel('PAY-NOPE')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancel racing a payment: the gateway refuses, the ledger follows the gateway', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await expect(h.service.cancel(p.id)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(h.service.get(p.id).status).toBe('settlement');
  });

  it('full refund: key persisted before the call, refund state applied once', async () => {
    h = makeHarness();
    const p = await paid();
    h.gateway.onRefund = (req) => {
      const other = new BetterSqlite3(h.file, { readonly: true });
      try {
        expect(other.prepare('SELECT status FROM refunds WHERE refund_key = ?').pluck().get(req.refundKey)).toBe('requested');
      } finally {
        other.close();
      }
    };
    const v = await h.service.refund(p.id, undefined, 'customer changed mind');
    expect(v).toMatchObject({ status: 'refund', refundedAmount: 60000, lastSource: 'manual' });
    expect(h.gateway.refunds[0]).toMatchObject({ amount: undefined, reason: 'customer changed mind' });
    expect(new RefundRepository(h.db).forPayment(p.id).map((r) => r.status)).toEqual(['succeeded']);
    await expect(h.service.refund(p.id)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('partial refunds accumulate and a repeated notification never double counts', async () => {
    h = makeHarness();
    const p = await paid();
    expect(await h.service.refund(p.id, 10000)).toMatchObject({ status: 'partial_refund', refundedAmount: 10000 });
    await h.sink.accept({ api: 'core_api', orderId: p.orderId, referenceNo: null, claimedStatus: 'partial_refund', raw: {} });
    await h.service.idle();
    expect(h.service.get(p.id).refundedAmount).toBe(10000);
    await expect(h.service.refund(p.id, 50001)).rejects.toMatchObject({ code: 'AMOUNT_INVALID' });
    await expect(h.service.refund(p.id, 0)).rejects.toMatchObject({ code: 'AMOUNT_INVALID' });
    expect(await h.service.refund(p.id, 20000)).toMatchObject({ status: 'partial_refund', refundedAmount: 30000 });
    expect(await h.service.refund(p.id)).toMatchObject({ status: 'refund', refundedAmount: 60000 });
    const deltas = h.db.prepare('SELECT SUM(refunded_delta) FROM payment_events WHERE payment_id = ?').pluck().get(p.id);
    expect(deltas).toBe(60000);
    expect(h.today.report().refundedTotal).toBe(60000);
  });

  it('refund with unknown outcome is settled by a status check (no second refund)', async () => {
    h = makeHarness();
    const p = await paid();
    h.gateway.fail('refund', unknownOutcome, { processed: true });
    expect(await h.service.refund(p.id, 15000)).toMatchObject({ refundedAmount: 15000, status: 'partial_refund' });
    expect(h.gateway.calls.refund).toBe(1);
    expect(new RefundRepository(h.db).forPayment(p.id).map((r) => r.status)).toEqual(['succeeded']);
  });

  it('refund unknown and unconfirmable blocks the next refund until resolved', async () => {
    h = makeHarness();
    const p = await paid();
    h.gateway.fail('refund', unknownOutcome, { processed: false }).fail('status', unknownOutcome, { times: 2 });
    await expect(h.service.refund(p.id, 15000)).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
    await expect(h.service.refund(p.id, 15000)).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
    expect(h.gateway.calls.refund).toBe(1);
    // Gateway reachable again: the old request is sent again under its own key and goes
    // through; the cashier's retry is refused instead of paying the customer twice.
    await expect(h.service.refund(p.id, 15000)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Rp 15\.000 went through/) });
    expect(h.service.get(p.id).refundedAmount).toBe(15000);
    expect(new RefundRepository(h.db).forPayment(p.id).map((r) => r.status)).toEqual(['succeeded']);
    expect(h.gateway.calls.refund).toBe(2);
  });

  it('a definite refund rejection is recorded as failed and surfaced', async () => {
    h = makeHarness();
    const p = await paid();
    h.gateway.fail('refund', () => new GatewayError('rejected'));
    await expect(h.service.refund(p.id, 1000)).rejects.toMatchObject({ code: 'GATEWAY_REJECTED' });
    expect(h.service.get(p.id).refundedAmount).toBe(0);
  });

  it('refuses concurrent actions on one payment', async () => {
    h = makeHarness();
    const p = await paid();
    const release = h.gateway.hold('refund');
    const first = h.service.refund(p.id, 1000);
    await expect(h.service.refund(p.id, 1000)).rejects.toMatchObject({ code: 'CONFLICT' });
    release();
    await first;
  });
});
