/**
 * The one queue for status calls (payments/status-scheduler.ts), driven bare
 * with a scriptable gateway on a ManualClock: the ceiling per rolling minute,
 * the share kept for the screen, priorities, one call per payment at a time,
 * shared calls for a payment already queued, counters and their release.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import type { GatewayRef, GatewayTransaction } from '../../electron/main/core/gateway/types';
import { StatusScheduler, StatusSchedulerStopped, type StatusPriority, type StatusBudget } from '../../electron/main/core/payments/status-scheduler';
import { flush } from '../fixtures/fake-gateway';

/** A status endpoint that records who asked and when, and answers when told to (or at once). */
class Gate {
  readonly calls: { orderId: string; at: number }[] = [];
  hold = false;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly clock: ManualClock) {}
  status = async (ref: GatewayRef): Promise<GatewayTransaction | null> => {
    this.calls.push({ orderId: ref.orderId, at: this.clock.now() });
    if (this.hold) await new Promise<void>((r) => this.waiting.push(r));
    return { orderId: ref.orderId, referenceNo: null, status: 'pending', amount: 1, refundedAmount: 0, action: null, expiresAt: null, raw: {} };
  };
  releaseOne(): void {
    this.waiting.shift()?.();
  }
}

const ref = (id: string): (() => GatewayRef) => () => ({ api: 'core_api', orderId: id, method: 'qris', externalId: `x-${id}` });

function setup(budget: Partial<StatusBudget>, retain?: (id: string) => boolean) {
  const clock = new ManualClock();
  const gate = new Gate(clock);
  const scheduler = new StatusScheduler({ gateway: gate, clock, logger: silentLogger, budget, retain });
  const ask = (id: string, priority: StatusPriority = 'screen') =>
    scheduler.status({ paymentId: id, kind: priority === 'recheck' ? 'recheck' : 'poll', priority, ref: ref(id) });
  return { clock, gate, scheduler, ask };
}

/** Most calls started in any 60 s window. */
const busiestMinute = (times: number[]): number => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));

describe('StatusScheduler', () => {
  it('never starts more calls in any 60 s than the ceiling, however many are asked for', async () => {
    const { clock, gate, scheduler, ask } = setup({ perMinute: 10, maxConcurrent: 4 });
    const all = Array.from({ length: 35 }, (_, i) => ask(`P${i}`));
    await flush();
    expect(gate.calls).toHaveLength(10);
    for (let s = 0; s < 4 * 60; s += 5) {
      clock.advance(5_000);
      await flush();
    }
    await Promise.all(all);
    expect(gate.calls).toHaveLength(35);
    expect(busiestMinute(gate.calls.map((c) => c.at))).toBe(10);
    expect(scheduler.counters()).toMatchObject({ calls: 35, maxPerMinute: 10, ceilingPerMinute: 10, queued: 0, inFlight: 0 });
  });

  it('keeps part of the ceiling for the screen: background work stops at its share', async () => {
    const { gate, ask } = setup({ perMinute: 8, backgroundShare: 0.5 });
    for (let i = 0; i < 6; i++) void ask(`B${i}`, 'recheck');
    await flush();
    expect(gate.calls).toHaveLength(4);
    void ask('SCREEN', 'screen');
    await flush();
    expect(gate.calls.map((c) => c.orderId)).toContain('SCREEN');
    expect(gate.calls).toHaveLength(5);
  });

  it('serves who is waiting first: a payment on the screen before queued confirmations, recovery and re-checks', async () => {
    const { gate, ask } = setup({ perMinute: 100, maxConcurrent: 1 });
    gate.hold = true;
    const first = ask('BUSY', 'screen');
    await flush();
    void ask('R1', 'recheck');
    void ask('V1', 'recovery');
    void ask('C1', 'confirm');
    void ask('R2', 'recheck');
    void ask('S1', 'screen');
    for (let i = 0; i < 6; i++) {
      gate.releaseOne();
      await flush();
    }
    await first;
    expect(gate.calls.map((c) => c.orderId)).toEqual(['BUSY', 'S1', 'C1', 'V1', 'R1', 'R2']);
  });

  it('one call per payment at a time; a request for one already queued shares its call, at the better priority', async () => {
    const { gate, ask, scheduler } = setup({ perMinute: 100, maxConcurrent: 1 });
    gate.hold = true;
    const busy = ask('OTHER');
    await flush();
    const a = ask('P', 'recheck');
    const b = ask('P', 'screen');
    const c = ask('Q', 'confirm');
    gate.releaseOne();
    await flush();
    // P was raised to screen priority and goes before Q.
    expect(gate.calls.map((x) => x.orderId)).toEqual(['OTHER', 'P']);
    const later = ask('P', 'poll'); // P's call is running: this one waits for a fresh answer
    gate.releaseOne();
    await flush();
    expect(await a).toEqual(await b);
    gate.releaseOne();
    await flush();
    gate.releaseOne();
    await Promise.all([busy, c, later]);
    expect(gate.calls.map((x) => x.orderId)).toEqual(['OTHER', 'P', 'Q', 'P']);
    expect(scheduler.callsFor('P')).toMatchObject({ poll: 2, recheck: 0 });
  });

  it('counts per kind and per payment, and lets a payment’s counts go when nothing needs them', async () => {
    const tracked = new Set(['T']);
    const { scheduler, ask } = setup({}, (id) => tracked.has(id));
    await ask('T');
    await ask('T');
    await ask('U', 'recheck');
    await flush();
    const c = scheduler.counters();
    expect(c).toMatchObject({ calls: 3, byKind: { poll: 2, recheck: 1 }, livePayments: 1, released: { payments: 1, calls: 1, maxCalls: 1 } });
    expect(scheduler.counts.livePolls()).toEqual({ T: 2 });
    tracked.delete('T');
    scheduler.release('T');
    expect(scheduler.counters()).toMatchObject({ livePayments: 0, released: { payments: 2, calls: 3, maxCalls: 2 } });
    // Still readable among the recent ones.
    expect(scheduler.callsFor('T').poll).toBe(2);
  });

  it('stop() fails what is queued with StatusSchedulerStopped and refuses new requests; running calls finish', async () => {
    const { gate, ask, scheduler } = setup({ perMinute: 100, maxConcurrent: 1 });
    gate.hold = true;
    const running = ask('A');
    await flush();
    const queued = ask('B');
    scheduler.stop();
    await expect(queued).rejects.toBeInstanceOf(StatusSchedulerStopped);
    await expect(ask('C')).rejects.toBeInstanceOf(StatusSchedulerStopped);
    gate.releaseOne();
    await expect(running).resolves.toMatchObject({ orderId: 'A' });
  });
});
