import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import { PaymentTracker } from '../../electron/main/core/payments/tracker';
import { advance, flush, makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'ES', name: 'Es jeruk', price: 8000, quantity: 1 }];

describe('PaymentTracker (unit)', () => {
  it('polls after 3 s, backs off ×2, caps at one call per 10 s', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const start = clock.now();
    const t = new PaymentTracker({ clock, logger: silentLogger, poll: async () => (times.push(clock.now() - start), true) });
    t.track('P', null);
    await advance(clock, 60_000, 250);
    expect(times.slice(0, 7)).toEqual([3_000, 9_000, 19_000, 29_000, 39_000, 49_000, 59_000]);
    expect(t.statusCalls('P')).toBe(7);
    t.stop();
    expect(clock.pending()).toBe(0);
  });

  it('stops at expiry + grace after one last call', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const t = new PaymentTracker({
      clock, logger: silentLogger, poll: async () => (calls++, true), timings: { graceMs: 5_000 },
    });
    t.track('P', new Date(clock.now() + 20_000).toISOString());
    await advance(clock, 25_000, 250);
    // 3, 9, 19 and the last call at the 25 s deadline.
    expect(calls).toBe(4);
    expect(t.isTracking('P')).toBe(false);
    expect(clock.pending()).toBe(0);
    await advance(clock, 60_000, 1_000);
    expect(calls).toBe(4);
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

  it('a webhook relaxes polling to the slowest cadence', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const t = new PaymentTracker({ clock, logger: silentLogger, poll: async () => (times.push(clock.now()), true) });
    const start = clock.now();
    t.track('P', null);
    t.noteWebhook('P');
    await advance(clock, 10_000, 250);
    expect(times.map((x) => x - start)).toEqual([10_000]);
    t.stop();
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
    // 3, 9, 19, 29, ..., 119 s, plus the last call at the 120 s deadline.
    expect(calls).toBe(14);
    expect(h.clock.pending()).toBe(0);
    expect(h.tracking.counters().tracked).toBe(0);
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
