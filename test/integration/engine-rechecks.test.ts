/**
 * Settled payments that can still change are re-read (issue 9, items 2–3),
 * through the whole engine against the emulator over real HTTPS:
 *
 * - a SNAP-BI VA and a Core API Indomaret payment reversed at the gateway
 *   (settlement → deny) reach the ledger as `deny` by re-check, with the
 *   listener off, at +2 min after Kasir saw them paid (not before);
 * - a dashboard refund with no notification on a QRIS payment is learned by
 *   the daily re-check;
 * - the plan survives a restart (it is in the ledger), and a restart after
 *   missed checkpoints costs one catch-up re-check, not one per checkpoint;
 * - re-checks stop after 24 h (reversible) and after the refund window;
 * - closing a day re-reads its payments first;
 * - the status-call ceiling holds under many open payments, and a payment on
 *   the cashier's screen is asked before queued background re-checks.
 *
 * Status calls are counted at a wrapping gateway, on the engine's ManualClock.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/main/core/clock';
import type { PaymentGateway } from '../../electron/main/core/gateway/types';
import { DEFAULT_RECHECK_TIMINGS } from '../../electron/main/core/payments/recheck-schedule';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import type { PaymentMethod } from '../../shared/domain/payment';
import { startEngine, type EngineHarness, type EngineHarnessOptions } from '../fixtures/engine-harness';
import { cart, customerPays, eventsOf, paymentRow, pollUntil, quiesce, sim } from '../fixtures/engine-truth';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Status calls as the gateway saw them: which order, when on the engine's clock. */
interface StatusCall {
  orderId: string;
  at: number;
}

/** Starts an engine whose gateway records every status call. */
async function recorded(opts: EngineHarnessOptions = {}): Promise<{ h: EngineHarness; calls: StatusCall[] }> {
  const calls: StatusCall[] = [];
  let clock: ManualClock | null = null;
  const wrap = (g: PaymentGateway): PaymentGateway => ({
    charge: (r) => g.charge(r),
    cancel: (r) => g.cancel(r),
    refund: (r) => g.refund(r),
    status: (ref) => {
      calls.push({ orderId: ref.orderId, at: clock?.now() ?? NaN });
      return g.status(ref);
    },
  });
  const h = await startEngine({ ...opts, wrapGateway: wrap });
  clock = h.clock;
  return { h, calls };
}

/** Moves the engine's clock by `ms` in `step`s, letting every re-check and poll finish in between. */
async function advance(h: EngineHarness, ms: number, step = ms): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    h.clock.advance(Math.min(step, ms - done));
    await quiesce(h);
    await new Promise<void>((r) => setImmediate(r));
    await h.payments.idle();
  }
}

/** Moves the engine's clock to `at` (ms). */
const advanceTo = (h: EngineHarness, at: number, step?: number): Promise<void> => advance(h, Math.max(0, at - h.clock.now()), step);

/** A charge paid and seen paid by the engine; returns it with the time Kasir saw it paid. */
async function paidSale(h: EngineHarness, method: PaymentMethod, amount: number) {
  const p = await h.payments.create({ items: cart(amount), method });
  await quiesce(h);
  await customerPays(h, p);
  if (h.listener) {
    await expect.poll(() => h.payments.get(p.id).status, { timeout: 5_000, interval: 20 }).toBe('settlement');
  } else {
    await pollUntil(h, p.id, 'settlement');
  }
  await quiesce(h);
  return { ...p, paidAt: Date.parse(paymentRow(h, p.id).paid_at!) };
}

const appliedTrail = (h: EngineHarness, id: string): [string, string | null][] =>
  eventsOf(h, id).filter((e) => e.applied === 1).map((e) => [e.source, e.to_status]);
const callsOf = (calls: StatusCall[], orderId: string, after = -Infinity): StatusCall[] =>
  calls.filter((c) => c.orderId === orderId && c.at > after);

let open: EngineHarness[] = [];
afterEach(async () => {
  for (const h of open.reverse()) await h.close().catch(() => {});
  // A restarted engine reuses the first one's data dir, which the harness then leaves to its owner: this test.
  for (const h of open) rmSync(h.dataDir, { recursive: true, force: true });
  open = [];
});
const keep = <T extends { h: EngineHarness }>(x: T): T => (open.push(x.h), x);

describe('a reversal at the gateway reaches the ledger by re-check (listener off)', () => {
  it.each([
    ['a SNAP-BI VA (BCA)', 'va_bca', 'snap_bi'],
    ['a Core API Indomaret code', 'indomaret', 'core_api'],
  ] as const)('%s: settlement → deny at +2 min, source reconcile', async (_label, method, api) => {
    const { h, calls } = keep(await recorded({ listener: false }));
    const p = await paidSale(h, method, 50_000);
    expect(paymentRow(h, p.id).api).toBe(api);
    const rev = await sim(h, 'reverse', { order_id: p.orderId });
    expect(rev).toMatchObject({ ok: true });

    await advanceTo(h, p.paidAt + 2 * MIN - 1_000, 10_000);
    expect(h.payments.get(p.id).status).toBe('settlement');
    expect(callsOf(calls, p.orderId, p.paidAt)).toEqual([]);

    await advanceTo(h, p.paidAt + 2 * MIN);
    expect(h.payments.get(p.id)).toMatchObject({ status: 'deny', lastSource: 'reconcile' });
    expect(callsOf(calls, p.orderId, p.paidAt).map((c) => c.at - p.paidAt)).toEqual([2 * MIN]);
    expect(appliedTrail(h, p.id).slice(-2)).toEqual([
      ['poll', 'settlement'],
      ['reconcile', 'deny'],
    ]);
    // A reversed sale is no longer paid, and nothing more is asked about it.
    expect(paymentRow(h, p.id).paid_at).toBeNull();
    expect(h.emulator.dispatcher.log(p.orderId)).toEqual([]);
    await advance(h, 30 * HOUR, HOUR);
    expect(callsOf(calls, p.orderId, p.paidAt)).toHaveLength(1);
  });
});

describe('a dashboard refund without a notification is learned by the daily re-check', () => {
  it('QRIS: a partial refund made in the dashboard reaches the ledger one day after payment', async () => {
    const { h, calls } = keep(await recorded());
    const p = await paidSale(h, 'qris', 30_000);
    const refund = await sim(h, 'refund', { order_id: p.orderId, amount: 10_000, notify: false });
    expect(refund).toMatchObject({ ok: true });
    await quiesce(h);

    await advanceTo(h, p.paidAt + DAY - MIN, HOUR);
    expect(h.payments.get(p.id)).toMatchObject({ status: 'settlement', refundedAmount: 0 });
    expect(callsOf(calls, p.orderId, p.paidAt)).toEqual([]);

    await advanceTo(h, p.paidAt + DAY);
    expect(h.payments.get(p.id)).toMatchObject({ status: 'partial_refund', refundedAmount: 10_000, lastSource: 'reconcile' });
    expect(callsOf(calls, p.orderId, p.paidAt).map((c) => c.at - p.paidAt)).toEqual([DAY]);
    expect(appliedTrail(h, p.id).at(-1)).toEqual(['reconcile', 'partial_refund']);
  });
});

describe('the re-check plan lives in the ledger', () => {
  it('survives a restart, and checkpoints missed while the till was off cost one re-check', async () => {
    const first = await recorded({ listener: false });
    const p = await paidSale(first.h, 'va_bni', 60_000);
    await advanceTo(first.h, p.paidAt + 2 * MIN);
    expect(callsOf(first.calls, p.orderId, p.paidAt)).toHaveLength(1);
    const plan = () => first.h.db.prepare('SELECT * FROM payment_rechecks WHERE payment_id = ?').get(p.id) as Record<string, unknown>;
    expect(plan()).toMatchObject({ checks: 1, next_at: new Date(p.paidAt + 5 * MIN).toISOString() });
    const { dataDir, emulator } = first.h;
    await first.h.close({ keepEmulator: true, keepData: true });

    // The till comes back long after: +5 min, +15 min, +1 h and +2 h all passed while it was off.
    const back = p.paidAt + 2 * HOUR + 10 * MIN;
    const again = keep(await recorded({ listener: false, dataDir, emulator, clockAt: back }));
    await advance(again.h, 10 * MIN, MIN / 6);
    // One catch-up re-check, once start-up's quiet seconds are over (the first screen comes first).
    const quiet = DEFAULT_RECHECK_TIMINGS.startDelayMs;
    expect(callsOf(again.calls, p.orderId).map((c) => c.at - p.paidAt)).toEqual([2 * HOUR + 10 * MIN + quiet]);
    const after = again.h.db.prepare('SELECT * FROM payment_rechecks WHERE payment_id = ?').get(p.id) as Record<string, unknown>;
    expect(after).toMatchObject({ checks: 2, next_at: new Date(p.paidAt + 3 * HOUR).toISOString() });
    await advanceTo(again.h, p.paidAt + 3 * HOUR);
    expect(callsOf(again.calls, p.orderId).map((c) => c.at - p.paidAt)).toEqual([2 * HOUR + 10 * MIN + quiet, 3 * HOUR]);
    expect(again.h.payments.get(p.id).status).toBe('settlement');
  });
});

describe('a paid payment without a plan (a crash between its paid commit and its plan)', () => {
  it('is planned by the start-up sweep a few seconds after start, not while the till is starting', async () => {
    const first = await recorded({ listener: false });
    const p = await paidSale(first.h, 'shopeepay', 45_000);
    const { dataDir, emulator } = first.h;
    const planOf = (h: EngineHarness) => h.db.prepare('SELECT next_at FROM payment_rechecks WHERE payment_id = ?').pluck().get(p.id);
    expect(planOf(first.h)).not.toBeUndefined();
    first.h.db.prepare('DELETE FROM payment_rechecks WHERE payment_id = ?').run(p.id);
    await first.h.close({ keepEmulator: true, keepData: true });

    // ShopeePay's window is a year: the sweep reads a year of its payments, after the first screen.
    const again = keep(await recorded({ listener: false, dataDir, emulator, clockAt: p.paidAt + HOUR }));
    expect(planOf(again.h)).toBeUndefined();
    await advance(again.h, 9_000);
    expect(planOf(again.h)).toBeUndefined();
    await advance(again.h, 2_000);
    expect(planOf(again.h)).toEqual(expect.any(String));
  });
});

describe('re-checks stop', () => {
  it('after 24 h for a VA (27 re-reads) and after the 7-day refund window for QRIS (7 re-reads)', async () => {
    const { h, calls } = keep(await recorded());
    const va = await paidSale(h, 'va_bri', 70_000);
    const qris = await paidSale(h, 'qris', 20_000);
    await advance(h, 26 * HOUR, MIN);
    const vaTimes = callsOf(calls, va.orderId, va.paidAt).map((c) => c.at - va.paidAt);
    expect(vaTimes).toEqual([2 * MIN, 5 * MIN, 15 * MIN, ...Array.from({ length: 24 }, (_, i) => (i + 1) * HOUR)].map((t) => expect.closeTo(t, -5)));
    expect(h.tracking.callsFor(va.id).recheck).toBe(27);
    await advance(h, 8 * DAY, 6 * HOUR);
    expect(callsOf(calls, va.orderId, va.paidAt)).toHaveLength(27);
    const qrisTimes = callsOf(calls, qris.orderId, qris.paidAt).map((c) => c.at - qris.paidAt);
    expect(qrisTimes).toHaveLength(7);
    expect(qrisTimes.at(-1)).toBeLessThanOrEqual(7 * DAY + 6 * HOUR);
    // Nothing left in the plan for either.
    const left = h.db.prepare('SELECT count(*) FROM payment_rechecks WHERE next_at IS NOT NULL').pluck().get();
    expect(left).toBe(0);
    expect(h.clock.pending()).toBe(0);
  });
});

describe('closing a day re-reads its payments first', () => {
  it('a reversed VA leaves the Z-report and a paid-but-unconfirmed QRIS no longer blocks the close', async () => {
    const { h } = keep(await recorded({ listener: false }));
    const va = await paidSale(h, 'va_permata', 80_000);
    await sim(h, 'reverse', { order_id: va.orderId });
    const qris = await h.payments.create({ items: cart(15_000), method: 'qris' });
    await customerPays(h, qris); // the listener is off and the next poll is seconds away
    const closing = new DayClosingService({ db: h.db, clock: h.clock, recheck: (w) => h.engine.recheckDay(w) });
    const z = await closing.closeDayAfterRecheck({ countedCash: 0 });
    expect(z).toMatchObject({ paidCount: 1, paidTotal: 15_000, openCount: 0, forced: false });
    expect(h.payments.get(va.id)).toMatchObject({ status: 'deny', lastSource: 'reconcile' });
    expect(h.payments.get(qris.id)).toMatchObject({ status: 'settlement', lastSource: 'reconcile' });
    expect(h.tracking.callsFor(va.id).closing).toBe(1);
  });
});

describe('one status-call budget', () => {
  it('the global ceiling holds under many open payments on the screen', async () => {
    const perMinute = 20;
    const { h, calls } = keep(await recorded({ listener: false, engine: { statusBudget: { perMinute } } }));
    const sales = [];
    for (let i = 0; i < 25; i++) sales.push(await h.payments.create({ items: cart(11_000 + i), method: 'qris' }));
    await advance(h, 4 * MIN, 1_000);
    const times = calls.map((c) => c.at);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + MIN).length));
    expect(busiest).toBeLessThanOrEqual(perMinute);
    expect(calls.length).toBeGreaterThanOrEqual(3 * perMinute);
    expect(h.tracking.counters().status).toMatchObject({ ceilingPerMinute: perMinute });
    expect(h.tracking.counters().status.maxPerMinute).toBeLessThanOrEqual(perMinute);
    // Every payment is still asked about (none starved for good), and a paid one is found.
    for (const s of sales) expect(h.tracking.callsFor(s.id).poll).toBeGreaterThan(0);
    await customerPays(h, sales[0]!);
    await advance(h, 2 * MIN, 1_000);
    expect(h.payments.get(sales[0]!.id).status).toBe('settlement');
  });

  it('a payment on the cashier’s screen is asked before queued background re-checks', async () => {
    // Twelve paid QRIS sales, re-checked a day later by an engine with a small budget.
    const first = await recorded();
    const paid = [];
    for (let i = 0; i < 12; i++) paid.push(await paidSale(first.h, 'qris', 12_000 + i));
    const { dataDir, emulator } = first.h;
    await first.h.close({ keepEmulator: true, keepData: true });
    const { h, calls } = keep(
      await recorded({ dataDir, emulator, listener: false, engine: { statusBudget: { perMinute: 10, backgroundShare: 0.5 } } }),
    );
    // Not `idle()`: the queued re-checks wait for the budget, which only the clock frees.
    h.clock.advance(paid.at(-1)!.paidAt + DAY - h.clock.now());
    const rechecked = new Set(paid.map((p) => p.orderId));
    const rechecks = () => calls.filter((c) => rechecked.has(c.orderId)).length;
    await expect.poll(rechecks, { timeout: 5_000, interval: 20 }).toBe(5); // the background share of 10
    await expect.poll(() => h.tracking.counters().status, { timeout: 5_000, interval: 20 }).toMatchObject({ queued: 7, inFlight: 0 });

    const onScreen = await h.payments.create({ items: cart(99_000), method: 'qris' });
    h.clock.advance(3_000);
    await expect.poll(() => calls.some((c) => c.orderId === onScreen.orderId), { timeout: 5_000, interval: 20 }).toBe(true);
    const order = calls.map((c) => (c.orderId === onScreen.orderId ? 'screen' : rechecked.has(c.orderId) ? 'recheck' : 'other'));
    expect(order).toEqual(['recheck', 'recheck', 'recheck', 'recheck', 'recheck', 'screen']);
    expect(rechecks()).toBe(5);
    // Once the sale leaves the screen (cancelled), the queued ones run at the background share: five a minute.
    await h.payments.cancel(onScreen.id);
    for (let s = 0; s < 30; s++) {
      h.clock.advance(5_000);
      await new Promise<void>((r) => setImmediate(r));
    }
    await expect.poll(rechecks, { timeout: 5_000, interval: 20 }).toBe(12);
    expect(h.tracking.counters().status.maxPerMinute).toBeLessThanOrEqual(10);
  });
});
