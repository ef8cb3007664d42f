/**
 * Issue 9 item 6: the gateway's refund total is the truth. The ledger never
 * records a cumulative refunded amount Midtrans did not report — neither the
 * amount a refund request asked for nor "before + asked", whatever a refund
 * call answered.
 *
 * The case: a full refund (Rp 10,000) was asked for and its outcome lost (the
 * row is `unknown`), while Midtrans holds a *partial* refund of Rp 4,000 under
 * that very refund key (what it really did). When the cashier next refunds,
 * the earlier request is settled first: it succeeded (the gateway lists its
 * key), and the ledger shows what the gateway reports — `partial_refund`,
 * Rp 4,000 — not the full refund the request asked for. The re-sent request's
 * "duplicate" answer (406 / 409xx01) does not make it full either.
 * Polling only (no listener), so nothing but the engine's own reads moves the ledger.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { isoUtc } from '../../electron/main/core/clock';
import { RefundRepository } from '../../electron/main/core/ledger';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import type { GatewayApi } from '../../shared/domain/payment';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import { cart, customerPays, eventsOf, expectLedgerMatchesEmulator, pollUntil, refundsOf, sim } from '../fixtures/engine-truth';
import { rejection } from '../fixtures/failure';

let emulator: RunningEmulator;
const engines = new Set<EngineHarness>();

beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  for (const h of engines) await h.close({ keepEmulator: true });
  engines.clear();
});
afterAll(async () => {
  await emulator?.close();
});

it.each<[Exclude<GatewayApi, 'none'>]>([['core_api'], ['snap_bi']])(
  '%s: a partial refund at the gateway stays partial where the ledger would infer "full"',
  async (api) => {
    const h = await startEngine({ emulator, listener: false, routing: { qris: api } });
    engines.add(h);
    const view = await h.payments.create({ items: cart(10_000), method: 'qris' });
    await customerPays(h, view);
    await pollUntil(h, view.id, 'settlement');

    // A full refund was asked for; its outcome was lost...
    const key = randomUUID();
    const refunds = new RefundRepository(h.db);
    const at = isoUtc(h.clock.now());
    refunds.insert({ payment_id: view.id, refund_key: key, amount: 10_000, refunded_before: 0, reason: null, at });
    refunds.setStatus(key, 'unknown', at);
    // ...while Midtrans made a partial refund under that key, and told nobody.
    await sim(h, 'refund', { order_id: view.orderId, amount: 4_000, refund_key: key, notify: false });

    // The cashier's next refund first settles the earlier request: it went through (Rp 4,000 of it).
    const e = await rejection(h.payments.refund(view.id, 1_000));

    expect(h.payments.get(view.id)).toMatchObject({ status: 'partial_refund', refundedAmount: 4_000 });
    expect(e).toMatchObject({ code: 'CONFLICT', params: { reason: 'refund_went_through', amount: 4_000 } });
    expect(refundsOf(h, view.id).map((r) => [r.refund_key, r.status])).toEqual([[key, 'succeeded']]);
    const truth = expectLedgerMatchesEmulator(h, view.id);
    expect(truth).toMatchObject({ status: 'partial_refund' });
    expect(truth.refunds.map((r) => [r.refundKey, r.amount])).toEqual([[key, 4_000]]);
    // No applied change carries a total the gateway did not send.
    const applied = eventsOf(h, view.id).filter((x) => x.applied === 1);
    expect(applied.map((x) => x.to_status)).toEqual(['pending', 'settlement', 'partial_refund']);
    expect(applied.some((x) => (x.raw ?? '').includes('inferred'))).toBe(false);
  },
);

it('core_api: each partial refund records the total Midtrans reports, not one the till worked out', async () => {
  const h = await startEngine({ emulator, listener: false, routing: { gopay: 'core_api' } });
  engines.add(h);
  const view = await h.payments.create({ items: cart(10_000), method: 'gopay' });
  await customerPays(h, view);
  await pollUntil(h, view.id, 'settlement');

  // A Core refund answer names only its own refund (refund_amount = that refund), never the total.
  expect(await h.payments.refund(view.id, 4_000)).toMatchObject({ status: 'partial_refund', refundedAmount: 4_000 });
  expect(await h.payments.refund(view.id, 3_000)).toMatchObject({ status: 'partial_refund', refundedAmount: 7_000 });
  expectLedgerMatchesEmulator(h, view.id);

  // Every applied refund change was written from a gateway status body whose own refunds[] add up to the new total.
  let total = 0;
  const reported = eventsOf(h, view.id)
    .filter((x) => x.applied === 1 && x.refunded_delta > 0)
    .map((x) => {
      total += x.refunded_delta;
      const raw = JSON.parse(x.raw ?? 'null') as { refunds?: { refund_amount: string }[] } | null;
      return { total, reported: (raw?.refunds ?? []).reduce((s, r) => s + Number(r.refund_amount), 0) };
    });
  expect(reported).toEqual([{ total: 4_000, reported: 4_000 }, { total: 7_000, reported: 7_000 }]);
});
