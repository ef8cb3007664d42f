/**
 * The rest of a payment's life through the engine against the emulator:
 * cancel of a pending charge (every method, both APIs), expiry driven by the
 * emulator's test clock (seen by webhook, and by polling where no webhook
 * comes), and full / partial refunds of settled QRIS and e-wallet charges on
 * both APIs — integer amounts, cumulative refunded_amount, a second partial
 * refund, and over-refunds refused with a typed error leaving the ledger
 * untouched. Every case ends with the ledger equal to the emulator's truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_API_METHODS, PAYMENT_METHODS, type GatewayApi, type PaymentMethod } from '../../shared/domain/payment';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import {
  cart,
  customerPays,
  emulatorTxs,
  eventsOf,
  expectLedgerMatchesEmulator,
  ledgerReaches,
  paymentRow,
  pollUntil,
  quiesce,
  refundsOf,
} from '../fixtures/engine-truth';
import { rejection } from '../fixtures/failure';

type Method = Exclude<PaymentMethod, 'cash'>;
type Routing = Partial<Record<PaymentMethod, GatewayApi>>;
const ALL_METHODS = PAYMENT_METHODS.filter((m): m is Method => m !== 'cash');
const CORE_METHODS = CORE_API_METHODS.filter((m): m is Method => m !== 'cash');
const ALL_CORE: Routing = Object.fromEntries(CORE_METHODS.map((m) => [m, 'core_api']));


/** Ledger, trail, refund requests and emulator refunds, to prove a refused call changed nothing. */
const snapshot = (h: EngineHarness, id: string) => ({
  row: paymentRow(h, id),
  events: eventsOf(h, id).length,
  refunds: refundsOf(h, id),
  atEmulator: emulatorTxs(h, paymentRow(h, id).gateway_order_id).map((t) => ({ status: t.status, refunds: t.refunds.length })),
});

async function settled(h: EngineHarness, method: Method, amount: number): Promise<string> {
  const p = await h.payments.create({ items: cart(amount), method });
  await quiesce(h);
  await customerPays(h, p);
  await ledgerReaches(h, p.id, 'settlement');
  await quiesce(h);
  return p.id;
}

describe.each([
  ['default routing', {} as Routing, ALL_METHODS],
  ['Core API routing', ALL_CORE, CORE_METHODS],
] as const)('cancel of a pending charge (%s)', (_label, routing, methods) => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngine({ routing });
  });
  afterAll(async () => h?.close());

  it.each(methods)('%s', async (method) => {
    const p = await h.payments.create({ items: cart(30_000), method });
    await quiesce(h);
    const view = await h.payments.cancel(p.id);
    expect(view.status).toBe('cancel');
    await quiesce(h);
    const tx = expectLedgerMatchesEmulator(h, p.id);
    expect(tx.status).toBe('cancel');
    // The till's own call applies it; a racing cancel notification may get there first — never twice.
    expect(['manual', 'webhook']).toContain(view.lastSource);
    expect(eventsOf(h, p.id).filter((e) => e.applied === 1 && e.to_status === 'cancel')).toHaveLength(1);
    expect(h.tracking.isTracking(p.id)).toBe(false);
    // A settled or cancelled charge cannot be cancelled again, and nothing is sent.
    const before = snapshot(h, p.id);
    expect((await rejection(h.payments.cancel(p.id))).code).toBe('ILLEGAL_TRANSITION');
    expect(snapshot(h, p.id)).toEqual(before);
  });
});

describe('expiry on the emulator clock', () => {
  it.each([
    ['qris', {} as Routing],
    ['qris', { qris: 'core_api' } as Routing],
    ['gopay', {} as Routing],
  ] as const)('%s %j: the expiry notification moves the ledger to expire', async (method, routing) => {
    const h = await startEngine({ routing });
    try {
      const p = await h.payments.create({ items: cart(12_000), method });
      await quiesce(h);
      h.emulator.clock.advance(16 * 60);
      await ledgerReaches(h, p.id, 'expire');
      await quiesce(h);
      expect(expectLedgerMatchesEmulator(h, p.id, 'webhook').status).toBe('expire');
      expect(eventsOf(h, p.id).some((e) => e.note === 'notification' && e.claimed_status === 'expire')).toBe(true);
      expect(h.tracking.isTracking(p.id)).toBe(false);
    } finally {
      await h.close();
    }
  });

  it.each([
    ['qris', { listener: false }, 16 * 60],
    ['indomaret', { listener: false }, 25 * 60 * 60],
    // SNAP-BI announces a VA only when it is paid: even with the listener up, polling sees the expiry.
    ['va_bni', {}, 25 * 60 * 60],
  ] as const)('%s %j: polling finds the expiry', async (method, opts, seconds) => {
    const h = await startEngine(opts);
    try {
      const p = await h.payments.create({ items: cart(12_000), method });
      await quiesce(h);
      h.emulator.clock.advance(seconds);
      expect(h.emulator.store.find(p.orderId)?.status).toBe('expire');
      await pollUntil(h, p.id, 'expire');
      await quiesce(h);
      expect(expectLedgerMatchesEmulator(h, p.id, 'poll').status).toBe('expire');
      expect(h.tracking.isTracking(p.id)).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe.each([
  ['default routing', {} as Routing],
  ['Core API routing', ALL_CORE],
] as const)('refunds (%s)', (label, routing) => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngine({ routing });
  });
  afterAll(async () => h?.close());

  const fullOnly = (m: Method): boolean => m === 'shopeepay' && label === 'Core API routing';
  const wallets: Method[] = label === 'default routing' ? ['qris', 'gopay', 'shopeepay', 'dana'] : ['qris', 'gopay', 'shopeepay'];

  it.each(wallets)('%s: full refund', async (method) => {
    const id = await settled(h, method, 41_000);
    const view = await h.payments.refund(id, undefined, 'customer changed mind');
    expect(view).toMatchObject({ status: 'refund', amount: 41_000, refundedAmount: 41_000, lastSource: 'manual' });
    await quiesce(h);
    const tx = expectLedgerMatchesEmulator(h, id);
    expect(tx.refunds.map((r) => r.amount)).toEqual([41_000]);
    expect(refundsOf(h, id).map((r) => [r.amount, r.status])).toEqual([[41_000, 'succeeded']]);
    // Nothing is left to refund.
    const before = snapshot(h, id);
    expect((await rejection(h.payments.refund(id, 1))).code).toBe('ILLEGAL_TRANSITION');
    expect(snapshot(h, id)).toEqual(before);
  });

  it.each(wallets.filter((m) => !fullOnly(m)))('%s: two partial refunds, an over-refund refused, then the rest', async (method) => {
    const id = await settled(h, method, 50_000);
    let view = await h.payments.refund(id, 12_500);
    expect(view).toMatchObject({ status: 'partial_refund', refundedAmount: 12_500 });
    await quiesce(h);
    expectLedgerMatchesEmulator(h, id);

    view = await h.payments.refund(id, 7_000);
    expect(view).toMatchObject({ status: 'partial_refund', refundedAmount: 19_500 });
    await quiesce(h);
    expect(expectLedgerMatchesEmulator(h, id).refunds.map((r) => r.amount)).toEqual([12_500, 7_000]);

    const before = snapshot(h, id);
    for (const bad of [30_501, 0, -5, 100.5]) {
      const e = await rejection(h.payments.refund(id, bad));
      expect(e.code).toBe('AMOUNT_INVALID');
      expect(e.message).toContain('30500');
    }
    expect(snapshot(h, id)).toEqual(before);

    view = await h.payments.refund(id);
    expect(view).toMatchObject({ status: 'refund', refundedAmount: 50_000 });
    await quiesce(h);
    expect(expectLedgerMatchesEmulator(h, id).refunds.map((r) => r.amount)).toEqual([12_500, 7_000, 30_500]);
    expect(refundsOf(h, id).map((r) => [r.amount, r.refunded_before, r.status])).toEqual([
      [12_500, 0, 'succeeded'],
      [7_000, 12_500, 'succeeded'],
      [30_500, 19_500, 'succeeded'],
    ]);
    expect(eventsOf(h, id).filter((e) => e.refunded_delta > 0).map((e) => e.refunded_delta)).toEqual([12_500, 7_000, 30_500]);
  });

  it('refunds of unpaid or non-refundable charges are refused and change nothing', async () => {
    const pending = await h.payments.create({ items: cart(9_000), method: 'qris' });
    await quiesce(h);
    const beforePending = snapshot(h, pending.id);
    expect((await rejection(h.payments.refund(pending.id))).code).toBe('ILLEGAL_TRANSITION');
    expect(snapshot(h, pending.id)).toEqual(beforePending);

    // Midtrans refunds no VA: the till refuses before any network call or refund row; the payment is unchanged.
    const va = await settled(h, 'va_bri', 9_000);
    const beforeVa = snapshot(h, va);
    const e = await rejection(h.payments.refund(va));
    expect(e.code).toBe('ILLEGAL_TRANSITION');
    expect(paymentRow(h, va)).toEqual(beforeVa.row);
    expect(refundsOf(h, va)).toEqual([]);
    expectLedgerMatchesEmulator(h, va);
  });

  if (label === 'Core API routing') it('shopeepay on Core takes full refunds only: a partial one is refused by Midtrans', async () => {
    const id = await settled(h, 'shopeepay', 20_000);
    const before = snapshot(h, id);
    expect((await rejection(h.payments.refund(id, 5_000))).code).toBe('AMOUNT_INVALID');
    expect(paymentRow(h, id)).toEqual(before.row);
    expect(refundsOf(h, id).map((r) => r.status)).toEqual(['failed']);
    expect(expectLedgerMatchesEmulator(h, id).refunds).toEqual([]);
  });
});
