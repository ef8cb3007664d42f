/**
 * Refunds made "in the Midtrans dashboard" (`POST /simulator/api/refund`):
 * full or partial, with or without a notification, visible in Core API status
 * (`refund_amount`, `refunds[]`) and SNAP-BI refund history; the API's own
 * refunds continue after them; what the dashboard cannot refund is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreSignature, startEmulator, type RunningEmulator } from '../../emulator/src/index';
import {
  chargeBody,
  coreClient,
  midtransError,
  orderId,
  simulator,
  startReceiver,
  type CoreApiClient,
  type Receiver,
} from './emulator-core-helpers';
import { snapCaller, snapSignatureOk, type Json } from './emulator-snap-helpers';

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

const statuses = (id: string): string[] => emu.dispatcher.log(id).map((r) => r.status);

describe('Core API payments', () => {
  it('partial with a notification, then the rest silently; status lists both in refunds[]', async () => {
    const id = orderId('dash-core');
    await core.charge(chargeBody(id, 'qris', {}, 10000));
    await simulator(emu, 'pay', { order_id: id });

    const first = await simulator(emu, 'refund', { order_id: id, amount: 4000, reason: 'rusak' });
    expect(first).toMatchObject({ ok: true, refund: { amount: 4000, via: 'dashboard', chargebackId: 1 } });
    const firstKey = (first.refund as unknown as { refundKey: string }).refundKey;
    expect(firstKey).toMatch(/^dashboard-/);
    // Notified as any refund is: twice, the second with bank_confirmed_at.
    await expect.poll(() => rx.received.filter((n) => n.body.order_id === id).length, { timeout: 5000 }).toBe(4);
    const note = rx.received.filter((n) => n.body.order_id === id)[3]?.body ?? {};
    expect(note).toMatchObject({ transaction_status: 'partial_refund', status_code: '200', refund_amount: '4000.00' });
    expect(note.signature_key).toBe(coreSignature(id, '200', '10000.00', emu.credentials.serverKey));

    const second = await simulator(emu, 'refund', { order_id: id, refund_key: 'owner-desk-1', notify: false });
    expect(second).toMatchObject({ ok: true, refund: { amount: 6000, refundKey: 'owner-desk-1', chargebackId: 2 } });
    expect(statuses(id)).toEqual(['pending', 'settlement', 'partial_refund', 'partial_refund']); // nothing new

    const st = await core.transaction.status(id);
    expect(st).toMatchObject({ status_code: '200', transaction_status: 'refund', refund_amount: '10000.00' });
    expect(st.refunds).toEqual([
      expect.objectContaining({ refund_key: firstKey, refund_amount: '4000.00', reason: 'rusak', refund_chargeback_id: 1 }),
      expect.objectContaining({ refund_key: 'owner-desk-1', refund_amount: '6000.00', refund_chargeback_id: 2 }),
    ]);
    // Nothing left: the API itself now refuses.
    expect((await midtransError(core.transaction.refund(id, { refund_key: 'api-1' }))).httpStatusCode).toBe('412');
  });

  it('an API refund continues after a dashboard one', async () => {
    const id = orderId('dash-then-api');
    await core.charge(chargeBody(id, 'gopay', {}, 9000));
    await simulator(emu, 'pay', { order_id: id });
    await simulator(emu, 'refund', { order_id: id, amount: 2000, notify: false });
    const api = await core.transaction.refund(id, { refund_key: 'api-2', amount: 3000 });
    expect(api).toMatchObject({ transaction_status: 'partial_refund', refund_chargeback_id: 2, refund_amount: '3000.00' });
    expect((await core.transaction.status(id)).refund_amount).toBe('5000.00');
  });

  it('refuses VA / store codes, unpaid charges, too much, bad fields, a reused key and partial ShopeePay', async () => {
    const va = orderId('dash-va');
    await core.charge(chargeBody(va, 'bank_transfer', { bank_transfer: { bank: 'bca' } }));
    expect(await simulator(emu, 'refund', { order_id: va })).toMatchObject({ ok: false, error: 'cannot refund a transaction in status pending' });
    await simulator(emu, 'pay', { order_id: va });
    expect(await simulator(emu, 'refund', { order_id: va })).toMatchObject({ ok: false, error: 'bank_transfer payments cannot be refunded' });

    const id = orderId('dash-bad');
    await core.charge(chargeBody(id, 'qris', {}, 5000));
    await simulator(emu, 'pay', { order_id: id });
    expect(await simulator(emu, 'refund', { order_id: id, amount: 5001 })).toMatchObject({ ok: false, error: 'amount must be between 1 and 5000' });
    expect(await simulator(emu, 'refund', { order_id: id, amount: 10.5 })).toMatchObject({ ok: false, error: 'amount must be a whole number of rupiah' });
    expect(await simulator(emu, 'refund', { order_id: id, notify: 'no' })).toMatchObject({ ok: false });
    await simulator(emu, 'refund', { order_id: id, amount: 1000, refund_key: 'k1' });
    expect(await simulator(emu, 'refund', { order_id: id, amount: 1000, refund_key: 'k1' })).toMatchObject({ ok: false, error: 'refund_key k1 already used' });

    const sp = orderId('dash-shopee');
    await core.charge(chargeBody(sp, 'shopeepay', { shopeepay: { callback_url: 'https://x.test' } }, 5000));
    await simulator(emu, 'pay', { order_id: sp });
    expect(await simulator(emu, 'refund', { order_id: sp, amount: 1000 })).toMatchObject({ ok: false, error: 'shopeepay takes full refunds only' });
    expect(await simulator(emu, 'refund', { order_id: sp })).toMatchObject({ ok: true, refund: { amount: 5000 } });
  });
});

describe('SNAP-BI payments', () => {
  it('QRIS: a silent full refund shows in the query (status 04, refundHistory), with no notification', async () => {
    const ord = orderId('dash-snap-qris');
    const gen = await snap.qris(ord, 12000);
    await simulator(emu, 'pay', { order_id: ord });
    await simulator(emu, 'refund', { order_id: ord, notify: false, reason: 'salah input' });
    expect(statuses(ord)).toEqual(['settlement']);

    const q = await snap.call('/v1.0/qr/qr-mpm-query', { originalReferenceNo: gen.body.referenceNo, serviceCode: '47' });
    expect(q.body).toMatchObject({ latestTransactionStatus: '04', transactionStatusDesc: 'REFUNDED' });
    expect((q.body.additionalInfo as Json).refundHistory).toEqual([
      expect.objectContaining({ refundAmount: { value: '12000.00', currency: 'IDR' }, refundStatus: '00', reason: 'salah input' }),
    ]);
  });

  it('debit (DANA): a notified partial refund carries refundHistory; status lists it', async () => {
    const ord = orderId('dash-snap-dana');
    const p = await snap.debit(ord, 20000, 'DANA');
    await simulator(emu, 'pay', { order_id: ord });
    await simulator(emu, 'refund', { order_id: ord, amount: 7500, refund_key: 'dana-desk-1' });

    await expect.poll(() => rx.received.filter((n) => n.body.originalPartnerReferenceNo === ord).length, { timeout: 5000 }).toBe(2);
    const note = rx.received.filter((n) => n.body.originalPartnerReferenceNo === ord)[1];
    expect(note?.path).toBe('/notify/v1.0/debit/notify');
    expect(snapSignatureOk(emu, '/v1.0/debit/notify', note?.raw ?? '', note?.headers ?? {})).toBe(true);
    const history = [expect.objectContaining({ partnerReferenceNo: 'dana-desk-1', refundAmount: { value: '7500.00', currency: 'IDR' } })];
    expect(note?.body).toMatchObject({ latestTransactionStatus: '04', transactionStatusDesc: 'PARTIALLY REFUNDED' });
    expect((note?.body.additionalInfo as unknown as Json).refundHistory).toEqual(history);

    const st = await snap.call('/v1.0/debit/status', { originalReferenceNo: p.body.referenceNo, serviceCode: '54' });
    expect(st.body).toMatchObject({ latestTransactionStatus: '04' });
    expect(st.body.refundHistory).toEqual(history);
  });

  it('a SNAP-BI VA has no refund at all', async () => {
    const trxId = orderId('dash-snap-va');
    const data = (await snap.va(trxId, 9000, 'permata')).body.virtualAccountData as Json;
    await simulator(emu, 'pay', { va_number: String(data.virtualAccountNo) });
    expect(await simulator(emu, 'refund', { order_id: trxId })).toMatchObject({ ok: false, error: 'bank_transfer payments cannot be refunded' });
  });
});
