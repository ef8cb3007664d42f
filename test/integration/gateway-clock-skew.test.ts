/**
 * The gateway's clock decides expiry, not the till's (issue 9, item 4). The
 * emulator's test clock runs off the till's (`clockOffsetSeconds`), and every
 * answer's `Date` header follows it, so the till measures a real offset:
 * - till 3 min ahead, no webhook: a QRIS paid in the last minute of its
 *   window still reaches settlement by polling (tracking ends on Midtrans' clock);
 * - till 15 min behind: SNAP-BI charges are accepted (the emulator refuses a
 *   validity that is not at least 20 s ahead of *its* clock), from the first one;
 * - the expiry on screen is Midtrans' own, shown on the till's clock;
 * - the cashier is told the till's clock is off (`app.notice` `clock_skew`).
 * The emulator does not check `X-TIMESTAMP` freshness (emulator/SNAP-BI.md:
 * Midtrans' limit is unconfirmed); what it checks is the validity fields, so
 * that is what these tests measure (X-TIMESTAMP itself: test/unit/gateway-clock.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/src/index';
import type { PaymentView } from '../../shared/contract/schemas';
import type { GatewayApi, PaymentMethod } from '../../shared/domain/payment';
import { expiryOnTillClock } from '../../renderer/src/features/payment/till-expiry';
import { makeApp, type AppHarness } from '../fixtures/app-harness';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import { cart, customerPays, expectLedgerMatchesEmulator, paymentRow, theCharge } from '../fixtures/engine-truth';

const MIN = 60_000;
/** Date has 1 s resolution, and the emulator's clock runs in real time while the till's ManualClock stands still. */
const SLACK_MS = 5_000;
type Routing = Partial<Record<PaymentMethod, GatewayApi>>;

async function engineWithSkew(clockOffsetSeconds: number, opts: { listener?: boolean; routing?: Routing } = {}): Promise<EngineHarness> {
  const emulator = await startEmulator({ clockOffsetSeconds });
  return startEngine({ ...opts, emulator });
}

/** Waits until no status call is queued or running and the tracker has its next poll armed (or stopped). */
async function pollsSettled(h: EngineHarness, id: string): Promise<void> {
  const idle = (): boolean => {
    const { inFlight = 0, queued = 0 } = h.tracking.counters().status ?? {};
    return inFlight === 0 && queued === 0 && (h.clock.pending() > 0 || !h.tracking.isTracking(id));
  };
  await expect.poll(idle, { timeout: 5_000, interval: 5 }).toBe(true);
}

/** Both clocks move together, in steps, with every due poll answered before the next step. */
async function elapse(h: EngineHarness, id: string, ms: number, stepMs = 20_000): Promise<void> {
  for (let done = 0; done < ms; done += stepMs) {
    const step = Math.min(stepMs, ms - done);
    h.emulator.clock.advance(step / 1000);
    h.clock.advance(step);
    await pollsSettled(h, id);
  }
}

describe('the till 3 minutes ahead of Midtrans, no webhook', () => {
  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const ROUTINGS = [
    ['qris on SNAP-BI', {} as Routing],
    ['qris on the Core API', { qris: 'core_api' } as Routing],
  ] as const;

  it.each(ROUTINGS)("%s: paid 30 s before Midtrans closes its window → settlement by polling, not left pending", async (_label, routing) => {
    h = await engineWithSkew(-180, { listener: false, routing });
    const p = await h.payments.create({ items: cart(15_000), method: 'qris' });
    expect(p.status).toBe('pending');
    // The window as Midtrans holds it (whatever validity the till sent), on Midtrans' clock.
    await elapse(h, p.id, theCharge(h, p.orderId).expiresAt - 30_000 - h.emulator.clock.now());
    expect(h.emulator.store.find(p.orderId)?.status).toBe('pending');
    // Past expires_at + 60 s on the till's clock, but not on Midtrans': still tracked.
    expect(h.tracking.isTracking(p.id)).toBe(true);
    await customerPays(h, p);
    // Late in a window polls are sparse; the last one is due at expiry + 60 s on Midtrans' clock.
    await elapse(h, p.id, 2 * MIN, 5_000);
    await expect.poll(() => h!.payments.get(p.id).status, { timeout: 5_000, interval: 20 }).toBe('settlement');
    expectLedgerMatchesEmulator(h, p.id, 'poll');
  });

  it.each(ROUTINGS)("%s: the window is Midtrans' 15 minutes, and the screen shows all 15 on the till's clock", async (_label, routing) => {
    h = await engineWithSkew(-180, { listener: false, routing });
    const p = await h.payments.create({ items: cart(15_500), method: 'qris' });
    const charge = theCharge(h, p.orderId);
    expect(Math.abs(charge.expiresAt - (h.emulator.clock.now() + 15 * MIN))).toBeLessThan(SLACK_MS);
    // The view carries Midtrans' instant and the offset; on the till's clock (3 minutes fast) that is 15 minutes away, not 12.
    expect(Math.abs(Date.parse(p.expiresAt!) - charge.expiresAt)).toBeLessThan(1_000);
    expect(Math.abs(Date.parse(expiryOnTillClock(p)!) - h.clock.now() - 15 * MIN)).toBeLessThan(SLACK_MS);
    expect(Math.abs((p.clockOffsetMs ?? 0) + 3 * MIN)).toBeLessThan(SLACK_MS);
  });

  it('an unpaid QRIS: tracking ends after Midtrans\' expiry, with the ledger at expire', async () => {
    h = await engineWithSkew(-180, { listener: false, routing: { qris: 'core_api' } });
    const p = await h.payments.create({ items: cart(16_000), method: 'qris' });
    await elapse(h, p.id, 17 * MIN);
    expect(h.payments.get(p.id).status).toBe('expire');
    expect(h.tracking.isTracking(p.id)).toBe(false);
    expectLedgerMatchesEmulator(h, p.id, 'poll');
  });
});

describe('the till 15 minutes behind Midtrans', () => {
  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each([
    ['qris', 15 * MIN],
    ['gopay', 15 * MIN],
    ['va_bca', 24 * 60 * MIN],
  ] as const)('SNAP-BI %s is accepted from the very first charge, valid for its window on Midtrans\' clock', async (method, window) => {
    h = await engineWithSkew(900);
    const p: PaymentView = await h.payments.create({ items: cart(17_000), method });
    expect(p.status).toBe('pending');
    expect(p.action).not.toBeNull();
    const charge = theCharge(h, p.orderId);
    expect(Math.abs(charge.expiresAt - (h.emulator.clock.now() + window))).toBeLessThan(SLACK_MS);
    expect(Math.abs(Date.parse(paymentRow(h, p.id).expires_at!) - charge.expiresAt)).toBeLessThan(1_000);
    expect(Math.abs(Date.parse(expiryOnTillClock(p)!) - h.clock.now() - window)).toBeLessThan(SLACK_MS);
    expect(Math.abs((p.clockOffsetMs ?? 0) - 15 * MIN)).toBeLessThan(SLACK_MS);
    await customerPays(h, p);
    await expect.poll(() => h!.payments.get(p.id).status, { timeout: 5_000, interval: 20 }).toBe('settlement');
  });
});

describe('the cashier is told', () => {
  let app: AppHarness | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const skewNotices = (a: AppHarness) =>
    a.events.filter((e) => e.name === 'app.notice' && (e.payload as { code: string }).code === 'clock_skew').map((e) => e.payload);

  it('once when the till is off by more than a minute, again when the skew changes a lot; never when it is right', async () => {
    app = await makeApp();
    const till = app.caller('page-1');
    await till.ok('app.info');
    const [product] = await till.ok('catalog.list');
    const item = { sku: product!.sku, name: product!.name, price: product!.price, quantity: 1 };
    const sale = () => till.ok('payments.create', { items: [item], method: 'qris' });
    await sale();
    expect(skewNotices(app)).toEqual([]);

    // The first readings after a change are not trusted alone (median of the last 5): a few sales confirm it.
    const salesUntilNotices = async (n: number): Promise<void> => {
      for (let i = 0; i < 6 && skewNotices(app!).length < n; i++) await sale();
    };
    await app.simulator().post('/api/clock/offset', { seconds: -180 });
    await salesUntilNotices(1);
    await expect.poll(() => skewNotices(app!), { timeout: 5_000 }).toEqual([
      { level: 'warning', code: 'clock_skew', params: { minutes: 3, direction: 'ahead' } },
    ]);
    await sale();
    expect(skewNotices(app)).toHaveLength(1);

    // The till's clock jumped 6 minutes back: now 3 minutes behind Midtrans.
    await app.simulator().post('/api/clock/offset', { seconds: 180 });
    await salesUntilNotices(2);
    await expect.poll(() => skewNotices(app!).length, { timeout: 5_000 }).toBe(2);
    expect(skewNotices(app)[1]).toEqual({ level: 'warning', code: 'clock_skew', params: { minutes: 3, direction: 'behind' } });
  });
});
