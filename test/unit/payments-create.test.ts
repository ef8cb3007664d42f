import { afterEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { KasirError } from '../../shared/contract/result';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import { EventRepository } from '../../electron/main/core/ledger';
import { advance, makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [
  { sku: 'KOPI', name: 'Kopi susu', price: 18000, quantity: 2 },
  { sku: 'ROTI', name: 'Roti bakar', price: 12500, quantity: 1 },
];
const TOTAL = 48500;

describe('PaymentService.create', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const events = (id: string) => new EventRepository(h.db).forPayment(id);
  const rowCount = () => h.db.prepare('SELECT COUNT(*) FROM payments').pluck().get();

  it('commits order + intent before the gateway is called, then stores the pending charge', async () => {
    h = makeHarness();
    let seen: unknown;
    h.gateway.onCharge = (req) => {
      // A second connection only sees committed data: the intent must already be durable.
      const other = new BetterSqlite3(h.file, { readonly: true });
      try {
        seen = other
          .prepare('SELECT status, amount, external_id FROM payments WHERE gateway_order_id = ?')
          .get(req.orderId);
      } finally {
        other.close();
      }
    };
    const view = await h.service.create({ items: ITEMS, method: 'qris' });
    expect(seen).toMatchObject({ status: 'creating', amount: TOTAL });
    expect(view).toMatchObject({ status: 'pending', amount: TOTAL, refundedAmount: 0, lastSource: 'charge' });
    expect(view.action).toMatchObject({ kind: 'qr' });
    expect(view.expiresAt).toMatch(/Z$/);
    expect(view.items).toEqual(ITEMS);
    expect(view.orderId).toMatch(/^[A-Za-z0-9._~-]{1,36}$/);
    const req = h.gateway.charges[0]!;
    expect(req).toMatchObject({ orderId: view.orderId, amount: TOTAL, method: 'qris' });
    expect(req.idempotencyKey).toBe(view.orderId); // SNAP-BI: X-EXTERNAL-ID = partnerReferenceNo
    expect(events(view.id).map((e) => [e.source, e.from_status, e.to_status, e.applied])).toEqual([
      ['charge', 'creating', 'pending', 1],
    ]);
    expect(h.updates.map((u) => [u.view.status, u.source])).toEqual([['pending', 'charge']]);
    expect(h.tracking.isTracking(view.id)).toBe(true);
  });

  it('routes by configuration and uses a separate idempotency key on Core API', async () => {
    h = makeHarness({ deps: { notificationUrls: () => ['https://relay.example/hook'] } });
    const view = await h.service.create({ items: ITEMS, method: 'indomaret' });
    const req = h.gateway.charges[0]!;
    expect(req.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.idempotencyKey).not.toBe(view.orderId);
    expect(req.notificationUrls).toEqual(['https://relay.example/hook']);
    expect(h.db.prepare('SELECT api FROM payments').pluck().get()).toBe('core_api');
  });

  it('settles cash locally without touching the gateway', async () => {
    h = makeHarness();
    const view = await h.service.create({ items: ITEMS, method: 'cash' });
    expect(view).toMatchObject({ status: 'settlement', lastSource: 'manual', action: null });
    expect(h.gateway.calls.charge).toBe(0);
    expect(h.updates.map((u) => u.source)).toEqual(['manual']);
    expect(h.tracking.isTracking(view.id)).toBe(false);
  });

  it('rejects empty carts and invalid amounts before writing anything', async () => {
    h = makeHarness();
    await expect(h.service.create({ items: [], method: 'qris' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      h.service.create({ items: [{ sku: 'X', name: 'x', price: 10.5, quantity: 1 }], method: 'qris' }),
    ).rejects.toMatchObject({ code: 'AMOUNT_INVALID' });
    expect(rowCount()).toBe(0);
  });

  it.each([
    ['auth', 'GATEWAY_AUTH'],
    ['amount', 'AMOUNT_INVALID'],
    ['rejected', 'GATEWAY_REJECTED'],
  ] as const)('a definite %s rejection marks failed_to_create with %s, no status call', async (kind, code) => {
    h = makeHarness();
    h.gateway.fail('charge', () => new GatewayError(kind));
    const err = await h.service.create({ items: ITEMS, method: 'qris' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KasirError);
    expect((err as KasirError).code).toBe(code);
    const [p] = h.service.list();
    expect(p!.status).toBe('failed_to_create');
    expect(h.gateway.calls.status).toBe(0);
    expect(h.clock.pending()).toBe(0);
  });

  it('unknown outcome + charge exists → adopts it after a status check, never charges twice', async () => {
    h = makeHarness();
    h.gateway.fail('charge', unknownOutcome, { processed: true });
    const view = await h.service.create({ items: ITEMS, method: 'va_bca' });
    expect(view).toMatchObject({ status: 'pending', action: { kind: 'va' } });
    expect(h.gateway.calls).toMatchObject({ charge: 1, status: 1 });
    expect(events(view.id).map((e) => e.note)).toEqual(['charge_error', 'applied']);
  });

  it('unknown outcome + not found → failed_to_create and GATEWAY_UNAVAILABLE', async () => {
    h = makeHarness();
    h.gateway.fail('charge', unknownOutcome);
    await expect(h.service.create({ items: ITEMS, method: 'qris' })).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
    expect(h.service.list()[0]!.status).toBe('failed_to_create');
    expect(h.gateway.calls.charge).toBe(1);
  });

  it('an unclassified error is treated as unknown (status is checked)', async () => {
    h = makeHarness();
    h.gateway.fail('charge', () => new TypeError('socket hang up'), { processed: true });
    const view = await h.service.create({ items: ITEMS, method: 'qris' });
    expect(view.status).toBe('pending');
  });

  it('duplicate order → it is ours: adopt via status', async () => {
    h = makeHarness();
    h.gateway.fail('charge', () => new GatewayError('duplicate'), { processed: true });
    const view = await h.service.create({ items: ITEMS, method: 'qris' });
    expect(view.status).toBe('pending');
  });

  it('unknown outcome and status unreachable → stays creating, recovering, resolved later by polling', async () => {
    h = makeHarness();
    h.gateway.fail('charge', unknownOutcome, { processed: true }).fail('status', unknownOutcome);
    await expect(h.service.create({ items: ITEMS, method: 'qris' })).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
    const [p] = h.service.list();
    expect(p!.status).toBe('creating');
    const orderId = h.db.prepare('SELECT order_id FROM payments').pluck().get() as string;
    expect(h.service.isRecovering(orderId)).toBe(true);
    await expect(h.service.chargeAgain(orderId, 'gopay')).rejects.toMatchObject({ code: 'CONFLICT' });
    await advance(h.clock, 3_000);
    expect(h.service.get(p!.id).status).toBe('pending');
    expect(h.service.get(p!.id).lastSource).toBe('recovery');
    expect(h.service.isRecovering(orderId)).toBe(false);
    expect(h.gateway.calls.charge).toBe(1);
  });

  it('chargeAgain creates a new attempt for a failed order and refuses while one is open', async () => {
    h = makeHarness();
    h.gateway.fail('charge', () => new GatewayError('rejected'));
    await expect(h.service.create({ items: ITEMS, method: 'qris' })).rejects.toBeInstanceOf(KasirError);
    const orderId = h.db.prepare('SELECT order_id FROM payments').pluck().get() as string;
    const again = await h.service.chargeAgain(orderId, 'gopay');
    expect(again).toMatchObject({ status: 'pending', method: 'gopay', amount: TOTAL, items: ITEMS });
    await expect(h.service.chargeAgain(orderId, 'qris')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(h.db.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toBe(1);
  });

  it('an immediate final answer is applied and not tracked', async () => {
    h = makeHarness();
    h.gateway.initialStatus = 'deny';
    const view = await h.service.create({ items: ITEMS, method: 'gopay' });
    expect(view.status).toBe('deny');
    expect(h.clock.pending()).toBe(0);
  });
});
