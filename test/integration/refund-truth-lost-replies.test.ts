/**
 * Issue 9 item 1: a refund (or cancel) whose reply is lost is never reported
 * as refused. The emulator processes the call and then resets the connection
 * (`{"action":"reset","when":"after"}`); what the retry gets is "illegal now"
 * (Core 412 after a full refund, 406 "Duplicate refund ID" after a partial
 * one, SNAP-BI 409xx01 / 405xx01 under a fresh X-EXTERNAL-ID) or the stored
 * answer replayed. Kasir must read the gateway's truth and record what really
 * happened: the refund `succeeded` (the gateway lists its refund_key), the
 * cashier is answered with the refunded payment, exactly one refund exists at
 * the emulator, and — with polling only, no webhook listener — the ledger
 * reaches `refund` / `partial_refund` instead of staying `settlement`.
 *
 * Each case runs twice: with the gateway's own retries (the retry meets the
 * "illegal now" answer) and with a single attempt (the engine's own re-send
 * under the same refund key meets it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import type { GatewayApi, PaymentMethod } from '../../shared/domain/payment';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import {
  cart,
  customerPays,
  expectLedgerMatchesEmulator,
  pollUntil,
  refundsOf,
  theCharge,
} from '../fixtures/engine-truth';

let emulator: RunningEmulator;
const engines = new Set<EngineHarness>();

beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  emulator.faults.clear();
  for (const h of engines) await h.close({ keepEmulator: true });
  engines.clear();
});
afterAll(async () => {
  await emulator?.close();
});

/** Retries inside the gateway (default) or none, so the engine's own re-send meets the "illegal now" answer. */
const RETRIES = [
  ['gateway retries', undefined],
  ['single attempt', { maxAttempts: 1 }],
] as const;

/** Polling only: no webhook listener, so nothing but the engine's own status reads can move the ledger. */
async function engine(method: PaymentMethod, api: Exclude<GatewayApi, 'none'>, retry?: { maxAttempts: number }): Promise<EngineHarness> {
  const h = await startEngine({ emulator, listener: false, routing: { [method]: api }, ...(retry ? { retry } : {}) });
  engines.add(h);
  return h;
}

/** A paid payment, settled by polling. */
async function paid(h: EngineHarness, method: PaymentMethod, amount: number): Promise<string> {
  const view = await h.payments.create({ items: cart(amount), method });
  await customerPays(h, view);
  await pollUntil(h, view.id, 'settlement');
  return view.id;
}

/** The emulator processes the next matching call, then resets the connection instead of answering. */
function loseReply(h: EngineHarness, paymentId: string, path: string): void {
  const orderId = h.payments.get(paymentId).orderId;
  h.emulator.faults.add({ kind: 'api', match: { orderId, path }, action: 'reset', when: 'after', times: 1 });
}

/** The rule fired (the reply really was lost) and the refund rows, oldest first, with the emulator's refund keys. */
function refundTruth(h: EngineHarness, paymentId: string) {
  const tx = theCharge(h, h.payments.get(paymentId).orderId);
  return {
    lostReplies: h.emulator.faults.list().reduce((n, f) => n + f.hits, 0),
    rows: refundsOf(h, paymentId).map((r) => ({ key: r.refund_key, amount: r.amount, status: r.status })),
    atGateway: tx.refunds.map((r) => ({ key: r.refundKey, amount: r.amount })),
  };
}

describe.each(RETRIES)('lost refund reply (%s)', (_label, retry) => {
  it('Core API full refund: 412 on the retry; the refund succeeded, the ledger shows refund', async () => {
    const h = await engine('qris', 'core_api', retry);
    const id = await paid(h, 'qris', 10_000);
    loseReply(h, id, '/refund');

    const view = await h.payments.refund(id, undefined, 'salah pesan');
    expect(view).toMatchObject({ status: 'refund', refundedAmount: 10_000 });
    const truth = refundTruth(h, id);
    expect(truth.lostReplies).toBe(1);
    expect(truth.rows).toEqual([{ key: expect.any(String), amount: 10_000, status: 'succeeded' }]);
    expect(truth.atGateway).toEqual([{ key: truth.rows[0]!.key, amount: 10_000 }]);
    expect(expectLedgerMatchesEmulator(h, id)).toMatchObject({ status: 'refund' });
  });

  it('Core API partial refunds: 406 on the retry; each refund succeeded, the ledger shows the gateway total', async () => {
    const h = await engine('gopay', 'core_api', retry);
    const id = await paid(h, 'gopay', 10_000);
    loseReply(h, id, '/refund');
    expect(await h.payments.refund(id, 4_000)).toMatchObject({ status: 'partial_refund', refundedAmount: 4_000 });
    // A second partial refund, its reply lost too: the refund answer names only this refund, not the total.
    loseReply(h, id, '/refund');
    expect(await h.payments.refund(id, 3_000)).toMatchObject({ status: 'partial_refund', refundedAmount: 7_000 });

    const truth = refundTruth(h, id);
    expect(truth.lostReplies).toBe(2);
    expect(truth.rows.map((r) => [r.amount, r.status])).toEqual([[4_000, 'succeeded'], [3_000, 'succeeded']]);
    expect(truth.atGateway).toEqual(truth.rows.map((r) => ({ key: r.key, amount: r.amount })));
    expect(expectLedgerMatchesEmulator(h, id)).toMatchObject({ status: 'partial_refund' });
  });

  it('SNAP-BI QRIS partial refund: the refund succeeded, the ledger shows partial_refund', async () => {
    const h = await engine('qris', 'snap_bi', retry);
    const id = await paid(h, 'qris', 12_000);
    loseReply(h, id, '/v1.0/qr/qr-mpm-refund');

    expect(await h.payments.refund(id, 5_000)).toMatchObject({ status: 'partial_refund', refundedAmount: 5_000 });
    const truth = refundTruth(h, id);
    expect(truth.lostReplies).toBe(1);
    expect(truth.rows).toEqual([{ key: expect.any(String), amount: 5_000, status: 'succeeded' }]);
    expect(truth.atGateway).toEqual([{ key: truth.rows[0]!.key, amount: 5_000 }]);
    expect(expectLedgerMatchesEmulator(h, id)).toMatchObject({ status: 'partial_refund' });
  });

  it('SNAP-BI direct-debit (GoPay) full refund: the refund succeeded, the ledger shows refund', async () => {
    const h = await engine('gopay', 'snap_bi', retry);
    const id = await paid(h, 'gopay', 9_000);
    loseReply(h, id, '/v1.0/debit/refund');

    expect(await h.payments.refund(id)).toMatchObject({ status: 'refund', refundedAmount: 9_000 });
    const truth = refundTruth(h, id);
    expect(truth.lostReplies).toBe(1);
    expect(truth.rows).toEqual([{ key: expect.any(String), amount: 9_000, status: 'succeeded' }]);
    expect(truth.atGateway).toEqual([{ key: truth.rows[0]!.key, amount: 9_000 }]);
    expect(expectLedgerMatchesEmulator(h, id)).toMatchObject({ status: 'refund' });
  });
});

describe.each(RETRIES)('lost cancel reply (%s)', (_label, retry) => {
  it.each([
    ['core_api', '/cancel'],
    ['snap_bi', '/v1.0/debit/cancel'],
  ] as const)('%s: the cancel went through; the cashier sees it cancelled, not "failed"', async (api, path) => {
    const h = await engine('gopay', api, retry);
    const view = await h.payments.create({ items: cart(15_000), method: 'gopay' });
    loseReply(h, view.id, path);

    expect(await h.payments.cancel(view.id)).toMatchObject({ status: 'cancel' });
    expect(h.emulator.faults.list().reduce((n, f) => n + f.hits, 0)).toBe(1);
    expect(expectLedgerMatchesEmulator(h, view.id)).toMatchObject({ status: 'cancel' });
  });
});
