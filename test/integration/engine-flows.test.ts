/**
 * Every payment method, create → paid, through the whole engine against the
 * emulator over real HTTPS (real keychain, real SQLite file): once confirmed
 * by webhook (listener on) and once by status polling with the listener
 * blocked, on the default routing (SNAP-BI except convenience stores) and on
 * the Core API for every method it supports. Each case ends with the ledger
 * row, its last source and its payment_events trail equal to the emulator's
 * record of the charge — and exactly one charge there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_API_METHODS, DEFAULT_API_FOR, PAYMENT_METHODS, type GatewayApi, type PaymentMethod } from '../../shared/domain/payment';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import {
  cart,
  customerPays,
  eventsOf,
  expectLedgerMatchesEmulator,
  ledgerReaches,
  notificationsOf,
  paymentRow,
  pollUntil,
  quiesce,
} from '../fixtures/engine-truth';

type Method = Exclude<PaymentMethod, 'cash'>;
const ALL_METHODS = PAYMENT_METHODS.filter((m): m is Method => m !== 'cash');
const CORE_METHODS = CORE_API_METHODS.filter((m): m is Method => m !== 'cash');
const CORE_ROUTING: Partial<Record<PaymentMethod, GatewayApi>> = Object.fromEntries(CORE_METHODS.map((m) => [m, 'core_api']));

const ROUTINGS: [string, Partial<Record<PaymentMethod, GatewayApi>>, Method[]][] = [
  ['default routing', {}, ALL_METHODS],
  ['Core API routing', CORE_ROUTING, CORE_METHODS],
];

let amountSeq = 0;
/** Distinct amounts per charge make a mixed-up order visible. */
const nextAmount = (): number => 10_000 + ++amountSeq * 1_000;

describe.each(ROUTINGS)('%s', (_label, routing, methods) => {
  const apiOf = (m: Method): GatewayApi => routing[m] ?? DEFAULT_API_FOR[m];

  describe('paid, confirmed by webhook', () => {
    let h: EngineHarness;
    beforeAll(async () => {
      h = await startEngine({ routing });
    });
    afterAll(async () => h?.close());

    it.each(methods)('%s', async (method) => {
      const amount = nextAmount();
      const p = await h.payments.create({ items: cart(amount), method });
      expect(p).toMatchObject({ status: 'pending', amount, refundedAmount: 0, method });
      expect(p.action).not.toBeNull();
      expect(paymentRow(h, p.id)).toMatchObject({ gateway_order_id: p.orderId, api: apiOf(method) });
      // Core API announces the new charge too; let that settle first so the trail below is in order.
      await quiesce(h);
      expectLedgerMatchesEmulator(h, p.id);

      await customerPays(h, p);
      await ledgerReaches(h, p.id, 'settlement');
      await quiesce(h);

      const tx = expectLedgerMatchesEmulator(h, p.id, 'webhook');
      expect(tx.status).toBe('settlement');
      // The listener recorded Midtrans' claim before the confirmed transition was applied.
      const events = eventsOf(h, p.id);
      const claim = events.findIndex((e) => e.note === 'notification' && e.claimed_status === 'settlement');
      const paid = events.findIndex((e) => e.applied === 1 && e.to_status === 'settlement');
      expect(claim).toBeGreaterThanOrEqual(0);
      expect(paid).toBeGreaterThan(claim);
      expect(events[paid]).toMatchObject({ source: 'webhook', from_status: 'pending' });
      expect(events[claim]!.raw).toContain(p.orderId);
      const delivered = h.emulator.dispatcher.log(p.orderId).filter((r) => r.status === 'settlement');
      expect(delivered.map((r) => r.state)).toEqual(['delivered']);
      expect(h.tracking.isTracking(p.id)).toBe(false);
      expect(h.tracking.statusCalls(p.id)).toBe(0);
    });
  });

  describe('paid, confirmed by polling (listener blocked)', () => {
    let h: EngineHarness;
    beforeAll(async () => {
      h = await startEngine({ routing, listener: false });
    });
    afterAll(async () => h?.close());

    it.each(methods)('%s', async (method) => {
      const amount = nextAmount();
      const p = await h.payments.create({ items: cart(amount), method });
      expect(p.status).toBe('pending');
      expect(h.tracking.isTracking(p.id)).toBe(true);

      await customerPays(h, p);
      // Nothing moves until the engine's clock reaches the first poll (3 s).
      h.clock.advance(2_000);
      expect(h.payments.get(p.id).status).toBe('pending');
      await pollUntil(h, p.id, 'settlement');
      await h.payments.idle();

      const tx = expectLedgerMatchesEmulator(h, p.id, 'poll');
      expect(tx.status).toBe('settlement');
      expect(notificationsOf(h, p.id)).toEqual([]);
      expect(h.emulator.dispatcher.log(p.orderId)).toEqual([]);
      expect(eventsOf(h, p.id).filter((e) => e.applied === 1).map((e) => [e.source, e.to_status])).toEqual([
        ['charge', 'pending'],
        ['poll', 'settlement'],
      ]);
      expect(h.tracking.statusCalls(p.id)).toBeGreaterThanOrEqual(1);
      expect(h.tracking.isTracking(p.id)).toBe(false);
    });
  });
});
