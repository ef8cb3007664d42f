/**
 * Bank / store reversals (settlement → deny) through `POST /simulator/api/reverse`:
 * Core API Permata VA, Mandiri bill and store codes notify `deny` (status_code
 * 202, signed); SNAP-BI VAs (incl. Mandiri) send a signed VA payment
 * notification with paymentFlagStatus "09" and show it in the status inquiry;
 * a failing receiver gets Midtrans' retry schedule on the test clock.
 */
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import {
  chargeBody,
  coreClient,
  orderId,
  simulator,
  startReceiver,
  type CoreApiClient,
  type Received,
  type Receiver,
} from './emulator-core-helpers';
import { snapCaller, snapSignatureOk, type Json } from './emulator-snap-helpers';
import { coreSignature } from '../../emulator/src/index';

interface NotificationVerifier {
  withNotificationPayload(p: unknown): NotificationVerifier;
  withSignature(s: string): NotificationVerifier;
  withTimeStamp(t: string): NotificationVerifier;
  withNotificationUrlPath(p: string): NotificationVerifier;
  isWebhookNotificationVerified(): boolean;
}
const { SnapBi, SnapBiConfig } = createRequire(import.meta.url)('midtrans-client') as {
  SnapBi: { notification(): NotificationVerifier };
  SnapBiConfig: Record<string, unknown>;
};

const VA_PATH = '/v1.0/transfer-va/payment';

let emu: RunningEmulator;
let core: CoreApiClient;
let rx: Receiver;
let snap: ReturnType<typeof snapCaller>;

beforeAll(async () => {
  rx = await startReceiver();
  emu = await startEmulator({ notificationUrls: [rx.url] });
  core = coreClient(emu);
  snap = snapCaller(emu);
});
afterAll(async () => {
  snap.close();
  await emu.close();
  await rx.close();
});
afterEach(() => rx.replies.clear());

const coreNotes = (id: string): Received[] => rx.received.filter((n) => n.body.order_id === id);
const vaNotes = (trxId: string): Received[] => rx.received.filter((n) => n.body.trxId === trxId);

describe('Core API reversals', () => {
  it.each([
    ['permata VA', 'bank_transfer', { bank_transfer: { bank: 'permata' } }],
    ['BCA VA', 'bank_transfer', { bank_transfer: { bank: 'bca' } }],
    ['Mandiri bill', 'echannel', { echannel: { bill_info1: 'Bayar', bill_info2: 'Warung' } }],
    ['Indomaret', 'cstore', { cstore: { store: 'indomaret' } }],
    ['Alfamart', 'cstore', { cstore: { store: 'alfamart' } }],
  ])('%s: settlement → deny, notified with status_code 202 and a valid signature_key', async (_label, type, extra) => {
    const id = orderId('rev');
    await core.charge(chargeBody(id, type, extra, 44000));
    await simulator(emu, 'pay', { order_id: id });
    const rev = await simulator(emu, 'reverse', { order_id: id });
    expect(rev).toMatchObject({ ok: true, transaction: { status: 'deny' } });

    const st = await core.transaction.status(id);
    expect(st).toMatchObject({ status_code: '202', transaction_status: 'deny' });
    expect(st.settlement_time).toEqual(expect.any(String)); // it was paid once
    await expect.poll(() => coreNotes(id).map((n) => n.body.transaction_status), { timeout: 5000 }).toEqual([
      'pending',
      'settlement',
      'deny',
    ]);
    const deny = coreNotes(id)[2]?.body ?? {};
    expect(deny.status_code).toBe('202');
    expect(deny.signature_key).toBe(coreSignature(id, '202', '44000.00', emu.credentials.serverKey));
  });

  it('refuses what a bank does not reverse: a pending charge, a QRIS payment, an unknown one', async () => {
    const pending = orderId('rev-pending');
    await core.charge(chargeBody(pending, 'bank_transfer', { bank_transfer: { bank: 'bni' } }));
    expect(await simulator(emu, 'reverse', { order_id: pending })).toMatchObject({
      ok: false,
      error: 'cannot reverse a transaction in status pending',
    });
    const qris = orderId('rev-qris');
    await core.charge(chargeBody(qris, 'qris'));
    await simulator(emu, 'pay', { order_id: qris });
    expect(await simulator(emu, 'reverse', { order_id: qris })).toMatchObject({ ok: false, error: expect.stringContaining('refund') });
    expect((await core.transaction.status(qris)).transaction_status).toBe('settlement');
    expect(await simulator(emu, 'reverse', { order_id: 'nope' })).toMatchObject({ ok: false, error: 'no such transaction' });
  });
});

describe('SNAP-BI VA reversals', () => {
  it.each(['bca', 'mandiri'])('%s: payment then reversal notifications, both signed; status inquiry shows 09', async (bank) => {
    const trxId = orderId(`snap-rev-${bank}`);
    const created = await snap.va(trxId, 25000, bank);
    expect(created.body.responseCode).toBe('2002700');
    const data = created.body.virtualAccountData as Json;
    await simulator(emu, 'pay', { va_number: String(data.virtualAccountNo) });
    await simulator(emu, 'reverse', { order_id: trxId });

    await expect.poll(() => vaNotes(trxId).length, { timeout: 5000 }).toBe(2);
    const [paid, reversed] = vaNotes(trxId) as [Received, Received];
    expect(paid.path).toBe(`/notify${VA_PATH}`);
    expect(reversed.path).toBe(`/notify${VA_PATH}`);
    expect((paid.body.additionalInfo as unknown as Json).paymentFlagStatus).toBe('00');
    expect(reversed.body).toMatchObject({
      trxId,
      virtualAccountNo: data.virtualAccountNo,
      paidAmount: { value: '25000.00', currency: 'IDR' },
      additionalInfo: { bank, paymentFlagStatus: '09', paidTime: expect.any(String) },
    });
    for (const n of [paid, reversed]) expect(snapSignatureOk(emu, VA_PATH, n.raw, n.headers)).toBe(true);
    expect(reversed.headers['x-external-id']).not.toBe(paid.headers['x-external-id']);

    // The official client's verifier agrees (it re-stringifies the parsed payload).
    SnapBiConfig.snapBiPublicKey = emu.credentials.snapBi.notificationPublicKeyPem;
    const verified = SnapBi.notification()
      .withNotificationPayload(JSON.parse(reversed.raw))
      .withSignature(String(reversed.headers['x-signature']))
      .withTimeStamp(String(reversed.headers['x-timestamp']))
      .withNotificationUrlPath(VA_PATH)
      .isWebhookNotificationVerified();
    expect(verified).toBe(true);

    const st = await snap.call('/v1.0/transfer-va/status', { ...data, inquiryRequestId: trxId, additionalInfo: { merchantId: emu.credentials.snapBi.merchantId } });
    expect(st.body).toMatchObject({
      responseCode: '2002600',
      virtualAccountData: { paymentFlagStatus: '09', paymentFlagReason: { english: 'DENIED' }, trxId },
    });
  });

  it('a reversal notification the receiver refuses is retried at +2, +10, +30, +90 min (503: four retries)', async () => {
    const trxId = orderId('snap-rev-retry');
    const data = (await snap.va(trxId, 15000, 'bni')).body.virtualAccountData as Json;
    await simulator(emu, 'pay', { va_number: String(data.virtualAccountNo) });
    await expect.poll(() => vaNotes(trxId).length, { timeout: 5000 }).toBe(1);
    rx.replies.set(trxId, [503, 503, 503, 503, 503]);
    await simulator(emu, 'reverse', { order_id: trxId });

    const record = () => emu.dispatcher.log(trxId).find((r) => r.status === 'deny');
    const attemptsMade = async (n: number): Promise<void> => {
      await expect.poll(() => record()?.attempts.length, { timeout: 5000 }).toBe(n);
    };
    await attemptsMade(1);
    for (const [i, minutes] of [2, 10, 30, 90].entries()) {
      expect(record()?.state).toBe('retry-scheduled');
      emu.clock.advance(minutes * 60 - 1);
      expect(record()?.attempts.length).toBe(i + 1); // not a second early
      emu.clock.advance(1);
      await attemptsMade(i + 2);
    }
    await expect.poll(() => record()?.state, { timeout: 5000 }).toBe('failed');
    const at = record()?.attempts.map((a) => a.at) ?? [];
    const gaps = at.slice(1).map((t, i) => Math.round((t - (at[i] as number)) / 60_000));
    expect(gaps).toEqual([2, 10, 30, 90]);
    expect(vaNotes(trxId).filter((n) => (n.body.additionalInfo as unknown as Json).paymentFlagStatus === '09')).toHaveLength(5);
  });

  it('a pending VA deleted or denied is not announced (VA notifications are payments and their reversals)', async () => {
    const trxId = orderId('snap-rev-none');
    await snap.va(trxId, 5000, 'bri');
    await simulator(emu, 'deny', { order_id: trxId });
    expect(emu.dispatcher.log(trxId)).toEqual([]);
  });
});
