/**
 * The one transactional hook for domain events: every payment state change,
 * order and payment insert, refund, day closing and product edit appends its
 * event to the outbox in the same transaction as the write — both commit or
 * neither does — and the outbox only grows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import {
  LedgerWriter,
  OutboxDomainEvents,
  OutboxReader,
  PaymentRepository,
  ProductRepository,
  type DomainEvents,
  type OutboxRow,
} from '../../electron/main/core/ledger';
import { CatalogService } from '../../electron/main/core/catalog/catalog-service';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'KOPI', name: 'Kopi', price: 12_000, quantity: 2 }];
/** 10:00 WIB on 26 Nov 2026. */
const MORNING = Date.UTC(2026, 10, 26, 3);

describe('domain events in the outbox', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const outbox = (): OutboxRow[] => new OutboxReader(h.db).after();
  const summary = () => outbox().map((r) => [r.type, JSON.parse(r.payload) as Record<string, unknown>]);

  it('a cash sale appends order.placed, payment.created and payment.status_changed, in that order', async () => {
    h = makeHarness({ clock: new ManualClock(MORNING) });
    const sale = await h.service.create({ items: ITEMS, method: 'cash' });
    const rows = outbox();
    expect(rows.map((r) => r.type)).toEqual(['order.placed', 'payment.created', 'payment.status_changed']);
    const [placed, created, settled] = rows;
    expect(JSON.parse(placed!.payload)).toEqual({ total: 24_000, lines: 1 });
    expect(created).toMatchObject({ aggregate_id: sale.id, actor: 'till', at: '2026-11-26T03:00:00.000Z', published_at: null });
    expect(JSON.parse(created!.payload)).toMatchObject({ method: 'cash', api: 'none', status: 'creating', amount: 24_000, gatewayEnv: 'emulator' });
    expect(JSON.parse(settled!.payload)).toEqual({ status: 'settlement', refundedAmount: 0, source: 'manual' });
  });

  it('every gateway state change and a refund append theirs; ignored duplicates append none', async () => {
    h = makeHarness({ clock: new ManualClock(MORNING) });
    const sale = await h.service.create({ items: ITEMS, method: 'qris' });
    h.gateway.set(sale.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: sale.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    const before = outbox().length;
    await h.sink.accept({ api: 'snap_bi', orderId: sale.orderId, referenceNo: null, claimedStatus: '00', raw: {} }); // a repeat
    await h.service.idle();
    expect(outbox()).toHaveLength(before);
    await h.service.refund(sale.id, 4_000);
    expect(summary()).toEqual([
      ['order.placed', { total: 24_000, lines: 1 }],
      ['payment.created', expect.objectContaining({ method: 'qris', status: 'creating' })],
      ['payment.status_changed', { status: 'pending', refundedAmount: 0, source: 'charge' }],
      ['payment.status_changed', { status: 'settlement', refundedAmount: 0, source: 'webhook' }],
      ['refund.requested', { paymentId: sale.id, amount: 4_000, refundedBefore: 0 }],
      ['payment.status_changed', { status: 'partial_refund', refundedAmount: 4_000, source: 'manual' }],
      ['refund.status_changed', { status: 'succeeded' }],
    ]);
  });

  it('a day closing and product edits append theirs', async () => {
    h = makeHarness({ clock: new ManualClock(MORNING) });
    const catalog = new CatalogService({ db: h.db, clock: h.clock, defaults: [] });
    catalog.save({ sku: 'ES-JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', active: true, isNew: true }, 'STF-OWNER');
    catalog.save({ sku: 'ES-JERUK', name: 'Es Jeruk', price: 10_000, category: 'Minuman', active: true });
    catalog.remove('ES-JERUK');
    catalog.remove('ES-JERUK'); // already off the till: nothing written, nothing appended
    new DayClosingService({ db: h.db, clock: h.clock }).closeDay({ countedCash: 0 });
    const rows = outbox();
    expect(rows.map((r) => [r.type, r.aggregate_id, r.actor])).toEqual([
      ['product.created', 'ES-JERUK', 'STF-OWNER'],
      ['product.updated', 'ES-JERUK', 'till'],
      ['product.active_changed', 'ES-JERUK', 'till'],
      ['day.closed', '2026-11-26', 'till'],
    ]);
    expect(JSON.parse(rows[1]!.payload)).toEqual({ name: 'Es Jeruk', price: 10_000, category: 'Minuman', active: true });
    expect(JSON.parse(rows[3]!.payload)).toMatchObject({ paidCount: 0, netTotal: 0, countedCash: 0, forced: false });
    expect(new ProductRepository(h.db).update({ sku: 'NOPE', name: 'x', price: 1, category: 'x', active: 1, updated_at: 'x' })).toBe(false);
    expect(outbox()).toHaveLength(4);
  });

  it('a write that fails takes its event with it, and an event that fails takes its write', () => {
    h = makeHarness({ clock: new ManualClock(MORNING) });
    const payments = new PaymentRepository(h.db);
    const order = { id: 'O-1', total: 1_000, created_at: '2026-11-26T03:00:00.000Z' };
    const intent = {
      id: 'P-1', order_id: 'O-1', gateway_order_id: 'KSR-1', method: 'cash', api: 'none', external_id: 'X-1', reference_no: null,
      status: 'creating', amount: 0, refunded_amount: 0, action: null, va_number: null, expires_at: null, paid_at: null,
      last_source: 'manual', created_at: order.created_at, updated_at: order.created_at, gateway_env: 'emulator',
    } as const;
    // payments.amount > 0: the payment insert fails, so the order (and both events) roll back.
    expect(() => h.db.transaction(() => { payments.insertOrder(order, []); payments.insertPayment(intent); })()).toThrow(/CHECK/);
    expect(outbox()).toEqual([]);
    expect(h.db.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toBe(0);

    const failing: DomainEvents = { append: () => { throw new Error('outbox full'); } };
    const broken = new PaymentRepository(h.db, undefined, new LedgerWriter(h.db, failing));
    expect(() => broken.insertOrder(order, [])).toThrow('outbox full');
    expect(h.db.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toBe(0);
  });

  it("is append-only for the open day: its unpublished rows are never deleted; rows change only to be marked published, once", async () => {
    h = makeHarness({ clock: new ManualClock(MORNING) });
    await h.service.create({ items: ITEMS, method: 'cash' });
    const [first] = outbox();
    expect(() => h.db.prepare('DELETE FROM outbox WHERE id = ?').run(first!.id)).toThrow(/never deleted/);
    expect(() => h.db.prepare("UPDATE outbox SET payload = '{}' WHERE id = ?").run(first!.id)).toThrow(/marked published/);
    h.db.prepare("UPDATE outbox SET published_at = '2026-11-26T04:00:00.000Z' WHERE id = ?").run(first!.id);
    expect(() => h.db.prepare("UPDATE outbox SET published_at = '2026-11-26T05:00:00.000Z' WHERE id = ?").run(first!.id)).toThrow(/once/);
    expect(() => h.db.prepare("INSERT INTO outbox (type, aggregate_id, payload, at) VALUES ('Payment Created', 'P', '{}', 'x')").run()).toThrow(/CHECK/);
  });

  it('refuses an event outside a transaction (it could commit without its write)', () => {
    h = makeHarness();
    expect(() => new OutboxDomainEvents(h.db).append({ type: 'order.placed', aggregateId: 'O', payload: {}, at: 'x' })).toThrow(/outside a transaction/);
  });
});
