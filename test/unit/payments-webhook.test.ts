import { afterEach, describe, expect, it } from 'vitest';
import { EventRepository } from '../../electron/main/core/ledger';
import type { VerifiedNotification } from '../../electron/main/core/webhook/types';
import { flush, makeHarness, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'TEH', name: 'Es teh', price: 5000, quantity: 2 }];

describe('webhook → NotificationSink → confirmed transition', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const note = (orderId: string, claimedStatus: string, api: 'core_api' | 'snap_bi' = 'core_api'): VerifiedNotification => ({
    api, orderId, referenceNo: null, claimedStatus,
    raw: { order_id: orderId, transaction_status: claimedStatus, signature_key: 'abc123' },
  });
  const events = (id: string) => new EventRepository(h.db).forPayment(id);

  it('answers unknown_order for an order it never made, writing nothing', async () => {
    h = makeHarness();
    expect(await h.sink.accept(note('KSR-NOPE', 'settlement'))).toBe('unknown_order');
    expect(h.db.prepare('SELECT COUNT(*) FROM payment_events').pluck().get()).toBe(0);
  });

  it('records durably before resolving, then confirms with the status API and applies with source webhook', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    const releaseStatus = h.gateway.hold('status');
    expect(await h.sink.accept(note(p.orderId, 'settlement', 'snap_bi'))).toBe('recorded');
    // Recorded (applied = 0) but not applied until the gateway confirms.
    const recorded = events(p.id).at(-1)!;
    expect(recorded).toMatchObject({ source: 'webhook', note: 'notification', applied: 0, claimed_status: 'settlement' });
    expect(recorded.raw).not.toContain('abc123'); // signature redacted from the ledger
    expect(h.service.get(p.id).status).toBe('pending');
    releaseStatus();
    await h.service.idle();
    expect(h.service.get(p.id)).toMatchObject({ status: 'settlement', lastSource: 'webhook' });
    expect(h.updates.at(-1)).toMatchObject({ source: 'webhook', view: { status: 'settlement' } });
    expect(h.tracking.isTracking(p.id)).toBe(false);
    expect(h.clock.pending()).toBe(0);
  });

  it('finds a SNAP-BI payment by external id too', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'indomaret' });
    const ext = h.db.prepare('SELECT external_id FROM payments WHERE id = ?').pluck().get(p.id) as string;
    expect(await h.sink.accept(note(ext, 'pending'))).toBe('recorded');
  });

  it('duplicates change nothing and confirmation calls are coalesced', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    const before = h.gateway.calls.status;
    await Promise.all([1, 2, 3, 4].map(() => h.sink.accept(note(p.orderId, 'settlement'))));
    await h.service.idle();
    const evs = events(p.id);
    expect(evs.filter((e) => e.applied === 1 && e.to_status === 'settlement')).toHaveLength(1);
    // One claim, stored once and counted four times.
    expect(evs.filter((e) => e.note === 'notification').map((e) => e.received)).toEqual([4]);
    expect(h.gateway.calls.status - before).toBeLessThanOrEqual(2);
    expect(h.updates.filter((u) => u.view.status === 'settlement')).toHaveLength(1);
    // A later duplicate is recorded as received once more (and, the state being settled already, not re-confirmed).
    await h.sink.accept(note(p.orderId, 'settlement'));
    await h.service.idle();
    expect(events(p.id).filter((e) => e.note === 'notification')).toEqual([
      expect.objectContaining({ applied: 0, note: 'notification', source: 'webhook', claimed_status: 'settlement', received: 5 }),
    ]);
  });

  it('a late pending notification after settlement is recorded and ignored', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept(note(p.orderId, 'settlement'));
    await h.service.idle();
    const applied = h.service.applyGatewayState(p.id, { ...h.gateway.tx(p.orderId)!, status: 'pending' }, 'webhook');
    expect(applied.applied).toBe(false);
    expect(applied.view.status).toBe('settlement');
    expect(events(p.id).at(-1)).toMatchObject({ note: 'late', applied: 0, from_status: 'settlement', to_status: 'pending' });
  });

  it('a forged-looking claim is not trusted: the gateway status decides', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    await h.sink.accept(note(p.orderId, 'settlement')); // gateway still says pending
    await h.service.idle();
    expect(h.service.get(p.id).status).toBe('pending');
  });

  it('a notification racing the charge response is applied once; the charge answer fills the details', async () => {
    h = makeHarness();
    const release = h.gateway.hold('charge');
    const creating = h.service.create({ items: ITEMS, method: 'qris' });
    await flush();
    const orderId = h.gateway.charges[0]!.orderId;
    await h.sink.accept(note(orderId, 'pending'));
    await h.service.idle();
    const id = h.db.prepare('SELECT id FROM payments').pluck().get() as string;
    expect(h.service.get(id)).toMatchObject({ status: 'pending', lastSource: 'webhook' });
    release();
    const view = await creating;
    expect(view).toMatchObject({ status: 'pending', action: { kind: 'qr' } });
    expect(events(id).filter((e) => e.applied === 1)).toHaveLength(1);
  });

  it('an out-of-order expire after settlement never regresses', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept(note(p.orderId, 'settlement'));
    await h.service.idle();
    h.gateway.set(p.orderId, 'expire');
    await h.sink.accept(note(p.orderId, 'expire'));
    await h.service.idle();
    expect(h.service.get(p.id).status).toBe('settlement');
  });
});

describe('webhook dedupe of settled states', () => {
  let h: Harness;
  afterEach(() => h?.close());
  const note = (orderId: string, claimedStatus: string): VerifiedNotification => ({
    api: 'core_api', orderId, referenceNo: null, claimedStatus, raw: { order_id: orderId, transaction_status: claimedStatus },
  });

  it('records a replayed settlement but asks the status API no more', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept(note(p.orderId, 'settlement'));
    await h.service.idle();
    expect(h.service.get(p.id).status).toBe('settlement');
    const before = h.gateway.calls.status;
    for (let i = 0; i < 5; i++) await h.sink.accept(note(p.orderId, 'settlement'));
    await h.service.idle();
    expect(h.gateway.calls.status).toBe(before);
    expect(new EventRepository(h.db).forPayment(p.id).filter((e) => e.note === 'notification').map((e) => e.received)).toEqual([6]);
  });

  it('still confirms anything that could be news: a refund of a settled payment', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept(note(p.orderId, 'settlement'));
    await h.service.idle();
    const before = h.gateway.calls.status;
    await h.sink.accept(note(p.orderId, 'refund'));
    await h.service.idle();
    expect(h.gateway.calls.status).toBeGreaterThan(before);
  });
});
