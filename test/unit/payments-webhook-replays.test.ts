/**
 * The notification sink against replays (issue 9, item 7), with the real
 * ledger and the engine's reconciler over the fake gateway: a claim is one
 * row however often it comes, a payment keeps a bounded number of claims, a
 * SNAP-BI delivery already recorded is answered at any age, a new stale one
 * is refused with nothing written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EventRepository } from '../../electron/main/core/ledger';
import { MAX_CLAIMS_PER_PAYMENT, MAX_DELIVERIES_PER_CLAIM } from '../../electron/main/core/payments/notification-sink';
import type { VerifiedNotification } from '../../electron/main/core/webhook/types';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'TEH', name: 'Es teh', price: 5000, quantity: 2 }];
const KEY = (n: number) => n.toString(16).padStart(64, '0');

describe('notification sink against replays', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const note = (orderId: string, over: Partial<VerifiedNotification> = {}): VerifiedNotification => ({
    api: 'snap_bi', orderId, referenceNo: null, claimedStatus: 'settlement', raw: { originalPartnerReferenceNo: orderId, latestTransactionStatus: '00' }, ...over,
  });
  const claims = (id: string) => new EventRepository(h.db).forPayment(id).filter((e) => e.note === 'notification');
  const deliveries = () => h.db.prepare('SELECT count(*) FROM notification_deliveries').pluck().get() as number;

  it('a new delivery outside the window is refused with nothing written', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    const before = h.gateway.calls.status;
    expect(await h.sink.accept(note(p.orderId, { delivery: { key: KEY(1), fresh: false } }))).toBe('stale');
    await h.service.idle();
    expect(claims(p.id)).toEqual([]);
    expect(deliveries()).toBe(0);
    expect(h.gateway.calls.status).toBe(before);
  });

  it('a recorded delivery is answered at any age, counted on its claim, and not confirmed again', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    expect(await h.sink.accept(note(p.orderId, { delivery: { key: KEY(2), fresh: true } }))).toBe('recorded');
    await h.service.idle();
    const before = h.gateway.calls.status;
    expect(await h.sink.accept(note(p.orderId, { delivery: { key: KEY(2), fresh: false } }))).toBe('duplicate');
    // The same claim under a new, fresh delivery: counted too, and remembered.
    expect(await h.sink.accept(note(p.orderId, { delivery: { key: KEY(3), fresh: true } }))).toBe('duplicate');
    expect(await h.sink.accept(note(p.orderId, { delivery: { key: KEY(3), fresh: false } }))).toBe('duplicate');
    await h.service.idle();
    expect(claims(p.id).map((e) => e.received)).toEqual([4]);
    expect(claims(p.id)[0]!.last_received_at).not.toBeNull();
    expect(h.gateway.calls.status).toBe(before);
  });

  it(`remembers at most ${MAX_DELIVERIES_PER_CLAIM} deliveries per claim`, async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    for (let i = 0; i < 10; i++) await h.sink.accept(note(p.orderId, { delivery: { key: KEY(100 + i), fresh: true } }));
    expect(deliveries()).toBe(MAX_DELIVERIES_PER_CLAIM);
    expect(claims(p.id).map((e) => e.received)).toEqual([10]);
  });

  it(`keeps at most ${MAX_CLAIMS_PER_PAYMENT} distinct claims per payment; the rest are answered, not stored or confirmed`, async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'indomaret' });
    const before = h.gateway.calls.status;
    const outcomes: string[] = [];
    for (let i = 0; i < MAX_CLAIMS_PER_PAYMENT + 8; i++) {
      // Core API signs only order id, status code and amount: anything else in a captured body can vary.
      outcomes.push(await h.sink.accept({ api: 'core_api', orderId: p.orderId, referenceNo: null, claimedStatus: 'settlement', raw: { n: i }, identity: [i] }));
    }
    await h.service.idle();
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(MAX_CLAIMS_PER_PAYMENT);
    expect(outcomes.filter((o) => o === 'ignored')).toHaveLength(8);
    expect(claims(p.id)).toHaveLength(MAX_CLAIMS_PER_PAYMENT);
    expect(h.gateway.calls.status - before).toBeLessThanOrEqual(MAX_CLAIMS_PER_PAYMENT);
  });

  it('never stores more than a notification could mean, whatever a caller hands over', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    await h.sink.accept(note(p.orderId, { raw: { junk: 'x'.repeat(100_000) } }));
    const raw = claims(p.id)[0]!.raw!;
    expect(raw.length).toBeLessThan(100);
    expect(JSON.parse(raw)).toMatchObject({ omitted: true });
  });

  it('identical claims arriving in one burst are written once', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => h.sink.accept(note(p.orderId))));
    await h.service.idle();
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
    expect(claims(p.id).map((e) => e.received)).toEqual([50]);
  });
});
