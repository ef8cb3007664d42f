/**
 * Issue 9 item 8: refund rows never stay `requested` after a crash once the
 * gateway's answer is known. A till that died with a refund request written
 * (the refund key committed before the call) restarts on the same ledger;
 * start-up recovery (`payments.recover()`) resolves every `requested` /
 * `unknown` request against the gateway, by the same rule as a lost reply:
 *
 * - the crash came before the request reached Midtrans: it is sent again
 *   under its own refund key and succeeds (exactly one refund at the gateway);
 * - the request reached Midtrans and was processed, the answer never read: the
 *   gateway lists its key → `succeeded`, nothing refunded twice;
 * - Midtrans refuses it now (a dashboard refund took most of the money
 *   meanwhile) and does not list it → `failed`; the ledger shows what the
 *   gateway holds.
 *
 * The crash is set up with the ledger's own repositories (the row exactly as
 * RefundFlow writes it before calling the gateway); "reached Midtrans" is the
 * real gateway client sending it. Polling only: no listener.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isoUtc } from '../../electron/main/core/clock';
import { RefundRepository } from '../../electron/main/core/ledger';
import type { RefundStatus } from '../../electron/main/core/ledger/vocabulary';
import { refOf } from '../../electron/main/core/payments/payment-view';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import type { GatewayApi, PaymentMethod } from '../../shared/domain/payment';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import { cart, customerPays, expectLedgerMatchesEmulator, paymentRow, pollUntil, refundsOf, sim, theCharge } from '../fixtures/engine-truth';

let emulator: RunningEmulator;
const engines = new Set<EngineHarness>();

beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  for (const h of engines) await h.close({ keepEmulator: true });
  // A restarted engine reuses the first one's data dir, which the harness then leaves to its owner: this test.
  for (const h of engines) rmSync(h.dataDir, { recursive: true, force: true });
  engines.clear();
});
afterAll(async () => {
  await emulator?.close();
});

interface Case {
  method: Extract<PaymentMethod, 'qris' | 'gopay'>;
  api: Exclude<GatewayApi, 'none'>;
}
const CASES: [string, Case][] = [
  ['Core API QRIS', { method: 'qris', api: 'core_api' }],
  ['SNAP-BI QRIS', { method: 'qris', api: 'snap_bi' }],
  ['SNAP-BI GoPay (direct debit)', { method: 'gopay', api: 'snap_bi' }],
];

async function engine(c: Case, dataDir?: string): Promise<EngineHarness> {
  const h = await startEngine({ emulator, listener: false, routing: { [c.method]: c.api }, ...(dataDir ? { dataDir } : {}) });
  engines.add(h);
  return h;
}

/** A paid Rp 10,000 payment in a till that then writes a refund request and dies (status as left by the crash). */
async function tillDiesAfterRefundIntent(c: Case, amount: number, status: RefundStatus = 'requested') {
  const h = await engine(c);
  const view = await h.payments.create({ items: cart(10_000), method: c.method });
  await customerPays(h, view);
  await pollUntil(h, view.id, 'settlement');
  const key = randomUUID();
  const refunds = new RefundRepository(h.db);
  const at = isoUtc(h.clock.now());
  refunds.insert({ payment_id: view.id, refund_key: key, amount, refunded_before: 0, reason: 'rusak', at });
  if (status !== 'requested') refunds.setStatus(key, status, at);
  return { h, id: view.id, orderId: view.orderId, key };
}

/** The till process is gone; a new one starts on the same data dir and recovers. */
async function restart(c: Case, h: EngineHarness): Promise<EngineHarness> {
  await h.close({ keepEmulator: true, keepData: true });
  engines.delete(h);
  const next = await engine(c, h.dataDir);
  await next.payments.recover();
  return next;
}

const rows = (h: EngineHarness, id: string) => refundsOf(h, id).map((r) => [r.refund_key, r.amount, r.status]);
const atGateway = (h: EngineHarness, orderId: string) => theCharge(h, orderId).refunds.map((r) => [r.refundKey, r.amount]);

describe.each(CASES)('%s: a refund request left by a crash', (_label, c) => {
  it('never reached Midtrans: recovery sends it under its own key; succeeded, one refund', async () => {
    const { h, id, orderId, key } = await tillDiesAfterRefundIntent(c, 4_000);
    const after = await restart(c, h);

    expect(rows(after, id)).toEqual([[key, 4_000, 'succeeded']]);
    expect(atGateway(after, orderId)).toEqual([[key, 4_000]]);
    expect(expectLedgerMatchesEmulator(after, id)).toMatchObject({ status: 'partial_refund' });
  });

  it('reached Midtrans and was processed, the answer never read: succeeded, nothing refunded twice', async () => {
    const { h, id, orderId, key } = await tillDiesAfterRefundIntent(c, 10_000, 'unknown');
    // The request goes out exactly as RefundFlow would send it (full refund: no amount); the till dies before reading the answer.
    await h.gateway.refund({ ref: refOf(paymentRow(h, id)), refundKey: key, reason: 'rusak' });
    const after = await restart(c, h);

    expect(rows(after, id)).toEqual([[key, 10_000, 'succeeded']]);
    expect(atGateway(after, orderId)).toEqual([[key, 10_000]]);
    expect(expectLedgerMatchesEmulator(after, id)).toMatchObject({ status: 'refund' });
  });

  it('refused by Midtrans now and not listed there: failed; the ledger shows what the gateway holds', async () => {
    const { h, id, orderId, key } = await tillDiesAfterRefundIntent(c, 6_000);
    // While the till was down, the owner refunded Rp 5,000 in the Midtrans dashboard: only Rp 5,000 is left.
    const dashboard = await sim(h, 'refund', { order_id: orderId, amount: 5_000, notify: false });
    const after = await restart(c, h);

    expect(rows(after, id)).toEqual([[key, 6_000, 'failed']]);
    expect(atGateway(after, orderId)).toEqual([[(dashboard.refund as { refundKey: string }).refundKey, 5_000]]);
    expect(expectLedgerMatchesEmulator(after, id)).toMatchObject({ status: 'partial_refund' });
    // The cashier can refund what is really left.
    expect(await after.payments.refund(id)).toMatchObject({ status: 'refund', refundedAmount: 10_000 });
    expect(refundsOf(after, id).map((r) => r.status)).toEqual(['failed', 'succeeded']);
  });
});
