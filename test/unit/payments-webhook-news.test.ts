import { afterEach, describe, expect, it } from 'vitest';
import { EventRepository } from '../../electron/main/core/ledger';
import { claimMayChange } from '../../electron/main/core/payments/notification-sink';
import type { VerifiedNotification } from '../../electron/main/core/webhook/types';
import type { PaymentStatus } from '../../shared/domain/payment';
import { advance, flush, makeHarness, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'TEH', name: 'Es teh', price: 5000, quantity: 2 }];

/** A distinct claim each time (`id` varies the identity), as distinct notifications are. */
const claim = (orderId: string, claimedStatus: string, id = claimedStatus): VerifiedNotification => ({
  api: 'core_api', orderId, referenceNo: null, claimedStatus, raw: { order_id: orderId, transaction_status: claimedStatus }, identity: [id],
});

describe('claimMayChange: which new claims are worth a status call', () => {
  it.each([
    ['pending', 'pending', false],
    ['pending', 'settlement', true],
    ['pending', 'expire', true],
    ['settlement', 'settlement', false],
    ['settlement', 'pending', false],
    ['settlement', 'expire', false],
    ['settlement', 'refund', true],
    ['settlement', 'deny', true], // a reversal
    ['partial_refund', 'partial_refund', true], // the refunded amount may have grown
    ['refund', 'refund', false],
    ['expire', 'settlement', false],
    ['creating', 'pending', true], // the charge answer may be lost
    ['creating', 'creating', true],
    ['pending', 'snap:99', true], // a word Kasir does not know: ask
  ] as [PaymentStatus, string, boolean][])('%s ← %s: %s', (from, claimed, expected) => {
    expect(claimMayChange(from, claimed)).toBe(expected);
  });
});

describe('no status call for a notification that cannot change anything', () => {
  let h: Harness;
  afterEach(() => h?.close());
  const notifications = (id: string) => new EventRepository(h.db).forPayment(id).filter((e) => e.note === 'notification');

  it('a pending notification for a pending payment is recorded, asks nothing, and slows polling to the after-webhook cadence', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    const before = h.gateway.calls.status;
    expect(await h.sink.accept(claim(p.orderId, 'pending'))).toBe('recorded');
    await h.service.idle();
    expect(h.gateway.calls.status).toBe(before);
    expect(h.tracking.callsFor(p.id).confirm).toBe(0);
    expect(notifications(p.id)).toEqual([expect.objectContaining({ claimed_status: 'pending', applied: 0 })]);
    // The listener is reachable: no on-screen polls every 5 s any more, the first one comes at 60 s.
    await advance(h.clock, 59_000, 500);
    expect(h.tracking.statusCalls(p.id)).toBe(0);
    await advance(h.clock, 2_000, 500);
    expect(h.tracking.statusCalls(p.id)).toBe(1);
  });

  it('a settlement for a pending payment is confirmed once', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept(claim(p.orderId, 'settlement'));
    await h.service.idle();
    expect(h.tracking.callsFor(p.id)).toMatchObject({ confirm: 1, poll: 0 });
    expect(h.service.get(p.id)).toMatchObject({ status: 'settlement', lastSource: 'webhook' });
  });

  it('after settlement: a late pending, an illegal expire, a repeated settlement (distinct claims) ask nothing; a refund still does', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept(claim(p.orderId, 'settlement'));
    await h.service.idle();
    const before = h.gateway.calls.status;
    for (const [status, id] of [['pending', 'p'], ['expire', 'e'], ['settlement', 's2'], ['capture', 'c']] as const) {
      expect(await h.sink.accept(claim(p.orderId, status, id))).toBe('recorded');
    }
    await h.service.idle();
    await flush();
    expect(h.gateway.calls.status).toBe(before);
    expect(notifications(p.id)).toHaveLength(5); // every claim is on the audit trail
    expect(h.service.get(p.id).status).toBe('settlement');
    h.gateway.set(p.orderId, 'refund');
    await h.sink.accept(claim(p.orderId, 'refund'));
    await h.service.idle();
    expect(h.gateway.calls.status).toBe(before + 1);
    expect(h.service.get(p.id).status).toBe('refund');
  });

  it('a duplicate asks nothing, whatever the state', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    await h.sink.accept(claim(p.orderId, 'settlement')); // the gateway still says pending
    await h.service.idle();
    const before = h.gateway.calls.status;
    for (let i = 0; i < 5; i++) expect(await h.sink.accept(claim(p.orderId, 'settlement'))).toBe('duplicate');
    await h.service.idle();
    expect(h.gateway.calls.status).toBe(before);
  });
});
