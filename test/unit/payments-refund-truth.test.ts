/**
 * The refund truth rule (payments/refund-truth.ts) and where its inputs come
 * from: a Core API status answer lists each refund with its `refund_key`; a
 * Core refund answer names only its own refund, so it carries no list and no
 * total the engine may record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CoreApiClient, interpret, toGatewayTransaction } from '../../electron/main/core/gateway/core-api-client';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../electron/main/core/gateway/http';
import type { GatewayTransaction } from '../../electron/main/core/gateway/types';
import { silentLogger } from '../../electron/main/core/logger';
import { refundVerdict, reportsRefundTotal } from '../../electron/main/core/payments/refund-truth';
import { RefundRepository } from '../../electron/main/core/ledger';
import { makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const tx = (over: Partial<GatewayTransaction>): GatewayTransaction => ({
  orderId: 'o', referenceNo: 'r', status: 'partial_refund', amount: 10_000, refundedAmount: 0, action: null, expiresAt: null, raw: {}, ...over,
});
const request = { refund_key: 'k-1', amount: 6_000, refunded_before: 0 };

describe('refundVerdict', () => {
  it('done when the gateway lists the key, with the amount it lists', () => {
    const t = tx({ refundedAmount: 4_000, refunds: [{ refundKey: 'other', amount: 1_000 }, { refundKey: 'k-1', amount: 3_000 }] });
    expect(refundVerdict(t, request)).toEqual({ done: true, amount: 3_000 });
  });

  it('done when the reported total covers what was refunded before plus the request', () => {
    expect(refundVerdict(tx({ refundedAmount: 6_000 }), request)).toEqual({ done: true, amount: 6_000 });
    expect(refundVerdict(tx({ refundedAmount: 8_000, refunds: [] }), { ...request, refunded_before: 2_000 })).toEqual({ done: true, amount: 6_000 });
  });

  it('not done otherwise, nor when the gateway never saw the charge', () => {
    expect(refundVerdict(tx({ refundedAmount: 5_999, refunds: [{ refundKey: 'other', amount: 5_999 }] }), request)).toEqual({ done: false });
    expect(refundVerdict(tx({ status: 'settlement' }), request)).toEqual({ done: false });
    expect(refundVerdict(null, request)).toEqual({ done: false });
  });
});

describe('Core API refund lists', () => {
  const res = (body: unknown): HttpResponse => ({ status: 200, headers: {}, text: JSON.stringify(body) });
  const charge = { order_id: 'o', transaction_id: 't', gross_amount: '10000.00', payment_type: 'qris' };

  it('a status answer lists every refund with its key and reports the total', () => {
    const status = {
      ...charge, status_code: '200', transaction_status: 'partial_refund', refund_amount: '7000.00',
      refunds: [
        { refund_chargeback_id: 1, refund_amount: '4000.00', refund_key: 'k-1' },
        { refund_chargeback_id: 2, refund_amount: '3000.00', refund_key: 'k-2' },
      ],
    };
    const t = toGatewayTransaction(interpret(res(status), 'status'), 'qris');
    expect(t).toMatchObject({ refundedAmount: 7_000, refunds: [{ refundKey: 'k-1', amount: 4_000 }, { refundKey: 'k-2', amount: 3_000 }] });
    expect(reportsRefundTotal(t)).toBe(true);
    const paid = toGatewayTransaction(interpret(res({ ...charge, status_code: '200', transaction_status: 'settlement' }), 'status'), 'qris');
    expect(paid.refunds).toEqual([]);
  });

  it('a refund answer (this refund only) carries no list, so no total is taken from it', async () => {
    const answer = { ...charge, status_code: '200', transaction_status: 'partial_refund', refund_chargeback_id: 2, refund_amount: '3000.00', refund_key: 'k-2' };
    const http: HttpTransport = { request: async (_req: HttpRequest) => res(answer) };
    const c = new CoreApiClient({ http, serverKey: 'k', logger: silentLogger });
    const t = await c.refund({ ref: { api: 'core_api', orderId: 'o', method: 'qris', externalId: 'x' }, amount: 3_000, refundKey: 'k-2' });
    expect(t.refunds).toBeUndefined();
    expect(reportsRefundTotal(t)).toBe(false);
  });
});

describe('an accepted refund whose total cannot be read', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('is not recorded from what was asked: it stays unresolved until the gateway is read', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: [{ sku: 'A', name: 'Kopi', price: 10_000, quantity: 1 }], method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: p.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    // The fake's refund answer (like a Core API one) carries no refund list; the status read after it fails.
    h.gateway.fail('status', unknownOutcome);
    await expect(h.service.refund(p.id, 4_000)).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE', params: { outcome: 'maybe_processed' } });
    expect(h.service.get(p.id)).toMatchObject({ status: 'settlement', refundedAmount: 0 });
    expect(new RefundRepository(h.db).forPayment(p.id).map((r) => r.status)).toEqual(['unknown']);

    // The next refund first reads the gateway: the earlier one went through, once.
    await expect(h.service.refund(p.id, 4_000)).rejects.toMatchObject({ code: 'CONFLICT', params: { amount: 4_000 } });
    expect(h.service.get(p.id)).toMatchObject({ status: 'partial_refund', refundedAmount: 4_000 });
    expect(new RefundRepository(h.db).forPayment(p.id).map((r) => r.status)).toEqual(['succeeded']);
    expect(h.gateway.calls.refund).toBe(1);
  });
});
