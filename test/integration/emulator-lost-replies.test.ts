/**
 * Lost replies: `{"action":"reset","when":"after"}` lets the emulator process
 * a refund / cancel and then drop the connection with a TCP RST, so the
 * caller cannot know it happened. What a retry then gets is what the app must
 * resolve by reading status:
 * - Core API, same refund_key: 412 once fully refunded (state is checked
 *   first), 406 "Duplicate refund ID" after a partial one; with the same
 *   Idempotency-Key within 5 min the original success is replayed; with
 *   `coreApi.refundKeyRetry: 'replay'` the original success is answered again.
 * - SNAP-BI: same X-EXTERNAL-ID + same body → the stored answer replayed;
 *   a fresh X-EXTERNAL-ID with the same partnerRefundNo → 409xx01.
 * - Cancel: Core 412; SNAP-BI replay, or 405xx01 under a fresh X-EXTERNAL-ID.
 * Every case: exactly one refund (or cancel) at the emulator.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { chargeBody, coreClient, midtransError, orderId, simulator, type CoreApiClient } from './emulator-core-helpers';
import { snapCaller, type Json } from './emulator-snap-helpers';

let emu: RunningEmulator;
let core: CoreApiClient;
let snap: ReturnType<typeof snapCaller>;

beforeAll(async () => {
  emu = await startEmulator();
  core = coreClient(emu);
  snap = snapCaller(emu);
});
afterAll(async () => {
  snap.close();
  await emu.close();
});
afterEach(async () => {
  await simulator(emu, 'faults', undefined, 'DELETE');
});

/** Process the next matching call, then reset the connection instead of answering. */
const loseReply = (orderIdOrTx: string, path: string): Promise<unknown> =>
  simulator(emu, 'faults', { match: { orderId: orderIdOrTx, path }, action: 'reset', when: 'after', times: 1 });

async function paidCoreQris(amount = 10000): Promise<string> {
  const id = orderId('lost');
  await core.charge(chargeBody(id, 'qris', {}, amount));
  await simulator(emu, 'pay', { order_id: id });
  return id;
}

describe('Core API', () => {
  it('full refund: processed, reply lost; the same refund_key then gets 412; status shows it', async () => {
    const id = await paidCoreQris();
    await loseReply(id, '/refund');
    const lost = await midtransError(core.transaction.refund(id, { refund_key: 'rk-full', reason: 'x' }));
    expect(lost.httpStatusCode).toBeNull(); // no HTTP answer at all

    const st = await core.transaction.status(id);
    expect(st).toMatchObject({ transaction_status: 'refund', refund_amount: '10000.00' });
    expect(st.refunds).toEqual([expect.objectContaining({ refund_key: 'rk-full', refund_amount: '10000.00' })]);
    const retry = await midtransError(core.transaction.refund(id, { refund_key: 'rk-full', reason: 'x' }));
    expect(retry.httpStatusCode).toBe('412');
    expect(retry.ApiResponse?.status_message).toBe('Merchant cannot modify the status of the transaction');
    expect(emu.store.find(id)?.refunds).toHaveLength(1);
  });

  it('partial refund: processed, reply lost; the same refund_key then gets 406 "Duplicate refund ID"', async () => {
    const id = await paidCoreQris();
    await loseReply(id, '/refund');
    expect((await midtransError(core.transaction.refund(id, { refund_key: 'rk-part', amount: 4000 }))).httpStatusCode).toBeNull();
    const retry = await midtransError(core.transaction.refund(id, { refund_key: 'rk-part', amount: 4000 }));
    expect([retry.httpStatusCode, retry.ApiResponse?.status_message]).toEqual(['406', 'Duplicate refund ID']);
    expect(await core.transaction.status(id)).toMatchObject({ transaction_status: 'partial_refund', refund_amount: '4000.00' });
    expect(emu.store.find(id)?.refunds).toHaveLength(1);
  });

  it('with the same Idempotency-Key the original success is replayed within 5 minutes, not after', async () => {
    const id = await paidCoreQris();
    const c = coreClient(emu);
    c.httpClient.http_client.defaults.headers.common['Idempotency-Key'] = `idem-${id}`;
    await loseReply(id, '/refund');
    expect((await midtransError(c.transaction.refund(id, { refund_key: 'rk-idem', amount: 3000 }))).httpStatusCode).toBeNull();
    const replay = await c.transaction.refund(id, { refund_key: 'rk-idem', amount: 3000 });
    expect(replay).toMatchObject({ status_code: '200', refund_key: 'rk-idem', refund_chargeback_id: 1, refund_amount: '3000.00' });
    emu.clock.advance(301);
    expect((await midtransError(c.transaction.refund(id, { refund_key: 'rk-idem', amount: 3000 }))).httpStatusCode).toBe('406');
    expect(emu.store.find(id)?.refunds).toHaveLength(1);
  });

  it('cancel: processed, reply lost; a retry gets 412 and status shows cancel', async () => {
    const id = orderId('lost-cancel');
    await core.charge(chargeBody(id, 'gopay'));
    await loseReply(id, '/cancel');
    expect((await midtransError(core.transaction.cancel(id))).httpStatusCode).toBeNull();
    expect((await midtransError(core.transaction.cancel(id))).httpStatusCode).toBe('412');
    expect((await core.transaction.status(id)).transaction_status).toBe('cancel');
  });

  it("option refundKeyRetry 'replay': a retried refund_key answers the original success again", async () => {
    const other = await startEmulator({ coreApi: { refundKeyRetry: 'replay' } });
    try {
      const c = coreClient(other);
      const id = orderId('lost-replay');
      await c.charge(chargeBody(id, 'qris', {}, 10000));
      await simulator(other, 'pay', { order_id: id });
      await simulator(other, 'faults', { match: { orderId: id, path: '/refund' }, action: 'reset', when: 'after', times: 1 });
      expect((await midtransError(c.transaction.refund(id, { refund_key: 'rk-r' }))).httpStatusCode).toBeNull();
      const again = await c.transaction.refund(id, { refund_key: 'rk-r' });
      expect(again).toMatchObject({ status_code: '200', transaction_status: 'refund', refund_key: 'rk-r', refund_chargeback_id: 1, refund_amount: '10000.00' });
      expect(other.store.find(id)?.refunds).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('SNAP-BI', () => {
  const mid = (): string => emu.credentials.snapBi.merchantId;

  it('QRIS refund (naming only originalReferenceNo): replay under the same X-EXTERNAL-ID, 409 under a new one', async () => {
    const ord = orderId('lost-qris');
    const ref = String((await snap.qris(ord, 12000)).body.referenceNo);
    await simulator(emu, 'pay', { order_id: ord });
    // The rule names the order id; the request body carries only the transaction id.
    await loseReply(ord, '/v1.0/qr/qr-mpm-refund');
    const refundNo = randomUUID();
    const body: Json = { merchantId: mid(), originalReferenceNo: ref, partnerRefundNo: refundNo, refundAmount: snap.money(5000) };
    await expect(snap.call('/v1.0/qr/qr-mpm-refund', body, { externalId: refundNo })).rejects.toThrow();

    const replay = await snap.call('/v1.0/qr/qr-mpm-refund', body, { externalId: refundNo });
    expect(replay.body).toMatchObject({ responseCode: '2007800', partnerRefundNo: refundNo, refundAmount: snap.money(5000) });
    const fresh = await snap.call('/v1.0/qr/qr-mpm-refund', body);
    expect([fresh.status, fresh.body.responseCode]).toEqual([409, '4097801']);
    const q = await snap.call('/v1.0/qr/qr-mpm-query', { originalReferenceNo: ref, serviceCode: '47' });
    expect(q.body.latestTransactionStatus).toBe('04');
    expect((q.body.additionalInfo as Json).refundHistory).toEqual([expect.objectContaining({ partnerReferenceNo: refundNo })]);
  });

  it('debit refund (full): replay under the same X-EXTERNAL-ID, 409 under a new one even with nothing left', async () => {
    const ord = orderId('lost-debit');
    const ref = String((await snap.debit(ord, 9000)).body.referenceNo);
    await simulator(emu, 'pay', { order_id: ord });
    await loseReply(ord, '/v1.0/debit/refund');
    const refundNo = randomUUID();
    const body: Json = { originalReferenceNo: ref, originalPartnerReferenceNo: ord, partnerRefundNo: refundNo };
    await expect(snap.call('/v1.0/debit/refund', body, { externalId: refundNo })).rejects.toThrow();

    expect((await snap.call('/v1.0/debit/refund', body, { externalId: refundNo })).body).toMatchObject({ responseCode: '2005800', refundAmount: snap.money(9000) });
    const fresh = await snap.call('/v1.0/debit/refund', body);
    expect([fresh.status, fresh.body.responseCode]).toEqual([409, '4095801']);
    const st = await snap.call('/v1.0/debit/status', { originalReferenceNo: ref, serviceCode: '54' });
    expect(st.body).toMatchObject({ latestTransactionStatus: '04', refundHistory: [expect.objectContaining({ partnerReferenceNo: refundNo })] });
    expect(emu.store.find(ord)?.refunds).toHaveLength(1);
  });

  it('QRIS cancel: replay under the same X-EXTERNAL-ID, 405 under a new one', async () => {
    const ord = orderId('lost-snap-cancel');
    const ref = String((await snap.qris(ord, 3000)).body.referenceNo);
    await loseReply(ord, '/v1.0/qr/qr-mpm-cancel');
    const ext = randomUUID();
    const body: Json = { originalReferenceNo: ref, merchantId: mid(), reason: 'pelanggan batal' };
    await expect(snap.call('/v1.0/qr/qr-mpm-cancel', body, { externalId: ext })).rejects.toThrow();
    expect((await snap.call('/v1.0/qr/qr-mpm-cancel', body, { externalId: ext })).body.responseCode).toBe('2007700');
    const fresh = await snap.call('/v1.0/qr/qr-mpm-cancel', body);
    expect([fresh.status, fresh.body.responseCode]).toEqual([405, '4057701']);
    expect(emu.store.find(ord)?.status).toBe('cancel');
  });
});
