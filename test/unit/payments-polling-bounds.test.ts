/**
 * Issue 12 #3, what the polling numbers depend on (ManualClock, no sleeps):
 * the whole life of an unpaid payment stays within Midtrans' advice with
 * every kind of status call counted — polls, the re-reads before a day is
 * closed, re-checks — polling ends once a webhook confirmed the payment, and
 * nothing per payment is held once it is final.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isoUtc, ManualClock } from '../../electron/main/core/clock';
import { openLedger, type Database } from '../../electron/main/core/ledger';
import { silentLogger } from '../../electron/main/core/logger';
import { createPaymentEngine, type PaymentEngine } from '../../electron/main/core/payments';
import { StatusCallCounts, STATUS_KINDS, type StatusKindCounts } from '../../electron/main/core/payments/status-counts';
import type { VerifiedNotification } from '../../electron/main/core/webhook/types';
import type { PaymentMethod } from '../../shared/domain/payment';
import { advance, FakeGateway, tempLedger } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'TV', name: 'TV', price: 250_000, quantity: 1 }];
const total = (c: StatusKindCounts): number => STATUS_KINDS.reduce((s, k) => s + c[k], 0);

/** The production engine with re-checks on (the app's defaults) over a fake gateway. */
function engineWithRechecks(): { engine: PaymentEngine; gateway: FakeGateway; clock: ManualClock; db: Database; close(): void } {
  const loc = tempLedger();
  const clock = new ManualClock();
  const gateway = new FakeGateway(clock);
  const db = openLedger(loc.file);
  const engine = createPaymentEngine({ db, gateway, clock, logger: silentLogger, gatewayEnv: 'emulator' });
  return {
    engine, gateway, clock, db,
    close: () => {
      engine.stop();
      db.close();
      rmSync(loc.dir, { recursive: true, force: true });
    },
  };
}

describe('status calls over the whole life of an unpaid payment, re-checks included', () => {
  let t: ReturnType<typeof engineWithRechecks>;
  afterEach(() => t?.close());

  it.each([
    ['an unpaid QRIS (15 min)', 'qris', 15 * 60_000, 40],
    ['an unpaid VA (24 h)', 'va_bca', 24 * 60 * 60_000, 100],
    ['an unpaid bill (24 h)', 'mandiri_bill', 24 * 60 * 60_000, 100],
    ['an unpaid store code (24 h)', 'indomaret', 24 * 60 * 60_000, 100],
  ] as [string, PaymentMethod, number, number][])('%s: every status call counted stays within $3', async (_l, method, expiryMs, most) => {
    t = engineWithRechecks();
    t.gateway.expiryMs = expiryMs;
    const created = t.clock.now();
    const p = await t.engine.payments.create({ items: ITEMS, method });
    const day = { from: isoUtc(created - 60 * 60_000), to: isoUtc(created + 25 * 60 * 60_000) };
    // Fine steps while polls are seconds apart, coarse once they are minutes apart; the day is
    // closed twice while the payment is open (each close re-reads it, at closing priority).
    await advance(t.clock, 5 * 60_000, 500);
    const closing = t.engine.recheckDay(day);
    await advance(t.clock, 5 * 60_000, 500);
    expect((await closing).checked).toBe(1);
    await advance(t.clock, Math.min(expiryMs, 60 * 60_000), 30_000);
    const later = t.engine.recheckDay(day);
    await advance(t.clock, 60_000, 1_000);
    await later;
    await advance(t.clock, expiryMs, 30_000);
    // The fake gateway never expires it by itself: still pending at the gateway, tracking ended at expiry + grace.
    expect(t.engine.tracking.isTracking(p.id)).toBe(false);
    const calls = t.engine.tracking.callsFor(p.id);
    expect(calls.closing).toBeGreaterThanOrEqual(1);
    expect(total(calls)).toBeLessThanOrEqual(most);
    expect(t.gateway.calls.status).toBe(total(calls)); // nothing reached the gateway uncounted
    // Final: nothing for it in the tracker or the scheduler.
    const c = t.engine.tracking.counters();
    expect(c).toMatchObject({ tracked: 0, perPayment: {} });
    expect(c.status).toMatchObject({ livePayments: 0, queued: 0, inFlight: 0 });
  });
});

describe('after a webhook confirmed it, and once it is final', () => {
  let t: ReturnType<typeof engineWithRechecks>;
  afterEach(() => t?.close());
  const settlement = (orderId: string): VerifiedNotification => ({
    api: 'core_api', orderId, referenceNo: null, claimedStatus: 'settlement', raw: { order_id: orderId, transaction_status: 'settlement' },
  });

  it('no poll follows a webhook confirmation, whatever the method; the tracker and the scheduler hold nothing for the final payments', async () => {
    t = engineWithRechecks();
    const methods: PaymentMethod[] = ['qris', 'gopay', 'va_bca', 'indomaret', 'qris', 'va_bni'];
    const ps = [];
    for (const method of methods) ps.push(await t.engine.payments.create({ items: ITEMS, method }));
    await advance(t.clock, 4_000, 500); // one on-screen poll each
    for (const p of ps) t.gateway.set(p.orderId, 'settlement');
    for (const p of ps) await t.engine.notifications.accept(settlement(p.orderId));
    await t.engine.idle();
    const polls = ps.map((p) => t.engine.tracking.callsFor(p.id).poll);
    for (const p of ps) {
      expect(t.engine.payments.get(p.id)).toMatchObject({ status: 'settlement', lastSource: 'webhook' });
      expect(t.engine.tracking.isTracking(p.id)).toBe(false);
    }
    await advance(t.clock, 30 * 60_000, 5_000);
    expect(ps.map((p) => t.engine.tracking.callsFor(p.id).poll)).toEqual(polls);
    expect(ps.map((p) => t.engine.tracking.callsFor(p.id).confirm)).toEqual(ps.map(() => 1));
    const c = t.engine.tracking.counters();
    expect(c).toMatchObject({ tracked: 0, perPayment: {} });
    // Re-checks of the paid ones (a reversal can still come) run on the plan in the ledger, not per payment in memory.
    expect(c.status).toMatchObject({ livePayments: 0, queued: 0, inFlight: 0 });
    expect(c.status.released.payments).toBe(ps.length);
  });

  it('the scheduler keeps released counts for a bounded number of recent payments only', () => {
    const counts = new StatusCallCounts(100);
    for (let i = 0; i < 1_000; i++) {
      counts.add(`P${i}`, 'poll');
      counts.add(`P${i}`, 'confirm');
      counts.release(`P${i}`);
    }
    expect(counts.live).toBe(0);
    expect(total(counts.of('P0'))).toBe(0); // long released: forgotten
    expect(counts.of('P999')).toMatchObject({ poll: 1, confirm: 1 });
    expect(counts.releasedSummary()).toEqual({ payments: 1_000, calls: 2_000, maxCalls: 2 });
  });
});
