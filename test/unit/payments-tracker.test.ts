import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import { PaymentTracker } from '../../electron/main/core/payments/tracker';
import type { VerifiedNotification } from '../../electron/main/core/webhook/types';
import { advance, flush, makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'ES', name: 'Es jeruk', price: 8000, quantity: 1 }];

describe('PaymentTracker (unit)', () => {
  it('polls after 3 s, every 5 s while on the screen (2 min), then backs off ×2 from 10 s', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const attended: boolean[] = [];
    const start = clock.now();
    const t = new PaymentTracker({
      clock, logger: silentLogger, poll: async (_id, onScreen) => (times.push(clock.now() - start), attended.push(onScreen), true),
    });
    t.track('P', null);
    await advance(clock, 5 * 60_000, 250);
    const screen = Array.from({ length: 25 }, (_, i) => 3_000 + i * 5_000); // 3 s, 8 s, … 123 s
    expect(times).toEqual([...screen, 136_000, 162_000, 214_000]);
    // The 123 s poll is the grid's last; the payment is 2 min old by then, so it is asked at poll priority.
    expect(attended).toEqual([...screen.slice(0, 24).map(() => true), false, false, false, false]);
    t.stop();
    expect(clock.pending()).toBe(0);
  });

  it('the cadence follows the payment’s age: tracking an older payment (after a restart) skips the fast phase', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const start = clock.now();
    const t = new PaymentTracker({ clock, logger: silentLogger, poll: async () => (times.push(clock.now() - start), true) });
    t.track('P', null, new Date(start - 10 * 60_000).toISOString());
    await advance(clock, 25 * 60_000, 1_000);
    // Age 10 min: 10 s + (10 min − 2 min) = 490 s, then doubling.
    expect(times).toEqual([490_000, 1_470_000]);
    t.stop();
  });

  it('stops at expiry + grace after one last call', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const t = new PaymentTracker({
      clock, logger: silentLogger, poll: async () => (calls++, true), timings: { graceMs: 5_000 },
    });
    t.track('P', new Date(clock.now() + 20_000).toISOString());
    await advance(clock, 25_000, 250);
    // 3, 8, 13, 18, 23 and the last call at the 25 s deadline.
    expect(calls).toBe(6);
    expect(t.isTracking('P')).toBe(false);
    expect(clock.pending()).toBe(0);
    await advance(clock, 60_000, 1_000);
    expect(calls).toBe(6);
  });

  it('keeps going after poll errors', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const t = new PaymentTracker({
      clock, logger: silentLogger,
      poll: async () => {
        calls++;
        if (calls <= 2) throw new Error('ECONNRESET');
        return false;
      },
    });
    t.track('P', null);
    await advance(clock, 20_000, 250);
    expect(calls).toBe(3);
    expect(clock.pending()).toBe(0);
  });

  it('after a verified notification, polls are at least a minute apart (and no longer on-screen)', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const attended: boolean[] = [];
    const t = new PaymentTracker({
      clock, logger: silentLogger, poll: async (_id, onScreen) => (times.push(clock.now()), attended.push(onScreen), true),
    });
    const start = clock.now();
    t.track('P', null);
    t.noteWebhook('P');
    await advance(clock, 3 * 60_000, 250);
    expect(times.map((x) => x - start)).toEqual([60_000, 120_000, 180_000]);
    expect(attended).toEqual([false, false, false]);
    t.stop();
  });

  it('expiry is the gateway’s: the deadline follows the gateway clock it is given', async () => {
    const clock = new ManualClock();
    let calls = 0;
    // The till is 3 minutes ahead of the gateway.
    const gatewayTime = { now: () => clock.now() - 3 * 60_000 };
    const t = new PaymentTracker({ clock, gatewayTime, logger: silentLogger, poll: async () => (calls++, true), timings: { graceMs: 0 } });
    const expiresAt = new Date(gatewayTime.now() + 5 * 60_000).toISOString(); // 5 min on the gateway's clock
    t.track('P', expiresAt);
    await advance(clock, 4 * 60_000 + 59_000, 1_000);
    expect(t.isTracking('P')).toBe(true); // on the till's clock it "expired" 3 minutes ago
    await advance(clock, 2_000, 1_000);
    expect(t.isTracking('P')).toBe(false);
    expect(calls).toBeGreaterThan(0);
  });
});

describe('PaymentService polling', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('confirms a payment by polling when no webhook arrives, then stops', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    await advance(h.clock, 9_000);
    expect(h.tracking.statusCalls(p.id)).toBe(2);
    h.gateway.set(p.orderId, 'settlement');
    await advance(h.clock, 10_000);
    expect(h.service.get(p.id)).toMatchObject({ status: 'settlement', lastSource: 'poll' });
    expect(h.updates.at(-1)!.source).toBe('poll');
    expect(h.tracking.statusCalls(p.id)).toBe(3);
    expect(h.clock.pending()).toBe(0);
  });

  it('survives status errors and applies expiry reported by the gateway', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.fail('status', unknownOutcome, { times: 2 });
    await advance(h.clock, 9_000);
    expect(h.service.get(p.id).status).toBe('pending');
    h.gateway.set(p.orderId, 'expire');
    await advance(h.clock, 10_000);
    expect(h.service.get(p.id).status).toBe('expire');
    expect(h.clock.pending()).toBe(0);
  });

  it('gives up at expiry + grace, bounded number of calls', async () => {
    h = makeHarness({ deps: { tracking: { graceMs: 60_000 } } });
    h.gateway.expiryMs = 60_000;
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    await advance(h.clock, 10 * 60_000, 1_000);
    const calls = h.tracking.statusCalls(p.id);
    // 3, 8, 13, ..., 118 s on the screen, plus the last call at the 120 s deadline.
    expect(calls).toBe(25);
    expect(h.clock.pending()).toBe(0);
    expect(h.tracking.counters().tracked).toBe(0);
  });

  it.each([
    ['an unpaid QRIS (15 min)', 'qris', 15 * 60_000, 40],
    ['an unpaid VA (24 h)', 'va_bca', 24 * 60 * 60_000, 100],
    ['an unpaid store code (24 h)', 'indomaret', 24 * 60 * 60_000, 100],
  ] as const)('%s costs at most $3 status calls over its whole window, and nothing is held for it after', async (_l, method, expiryMs, most) => {
    h = makeHarness();
    h.gateway.expiryMs = expiryMs;
    const p = await h.service.create({ items: [{ sku: 'TV', name: 'TV', price: 250_000, quantity: 1 }], method });
    // Fine steps while polls are seconds apart (a coarse step would hide calls), coarse once they are minutes apart.
    await advance(h.clock, 10 * 60_000, 500);
    await advance(h.clock, expiryMs - 5 * 60_000, 30_000);
    expect(h.tracking.isTracking(p.id)).toBe(false);
    const calls = h.tracking.statusCalls(p.id);
    expect(calls).toBeGreaterThan(20);
    expect(calls).toBeLessThanOrEqual(most);
    expect(h.gateway.calls.status).toBe(calls);
    const c = h.tracking.counters();
    expect(c.perPayment).toEqual({});
    expect(c.status).toMatchObject({ livePayments: 0, queued: 0, inFlight: 0, released: { payments: 1, calls } });
  });

  it('a webhook that confirms the payment ends polling: no call after it', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    const claim: VerifiedNotification = { api: 'snap_bi', orderId: p.orderId, referenceNo: null, claimedStatus: 'settlement', raw: {} };
    await h.sink.accept(claim);
    await h.service.idle();
    expect(h.service.get(p.id).status).toBe('settlement');
    await advance(h.clock, 10 * 60_000, 1_000);
    expect(h.tracking.statusCalls(p.id)).toBe(0);
    expect(h.tracking.callsFor(p.id)).toMatchObject({ confirm: 1, poll: 0 });
    expect(h.gateway.calls.status).toBe(1);
  });

  it('stop() cancels every timer', async () => {
    h = makeHarness();
    await h.service.create({ items: ITEMS, method: 'qris' });
    await h.service.create({ items: ITEMS, method: 'gopay' });
    await flush();
    expect(h.clock.pending()).toBe(2);
    h.stop();
    expect(h.clock.pending()).toBe(0);
  });

  it('cancel through the gateway stops tracking', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    const v = await h.service.cancel(p.id);
    expect(v).toMatchObject({ status: 'cancel', lastSource: 'manual' });
    expect(h.clock.pending()).toBe(0);
  });
});
