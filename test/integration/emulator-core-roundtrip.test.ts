/**
 * Round trips through the emulator's Core API with the official midtrans-client
 * over HTTPS (trusting the emulator CA): charge → simulator pay → status →
 * refund / cancel / expire, for every supported payment method.
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { chargeBody, coreClient, midtransError, orderId, simulator, type CoreApiClient } from './emulator-core-helpers';

let emu: RunningEmulator;
let core: CoreApiClient;

beforeAll(async () => {
  emu = await startEmulator({});
  core = coreClient(emu);
});
afterAll(async () => {
  await emu.close();
});

const WIB_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function fetchBytes(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: emu.caCertPem }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('Core API round trips with midtrans-client', () => {
  it('QRIS: charge, pay by QR string, status, partial refund, direct refund of the rest', async () => {
    const id = orderId('qris');
    const charge = await core.charge(chargeBody(id, 'qris', { qris: { acquirer: 'gopay' } }, 275000));
    expect(charge).toMatchObject({
      status_code: '201',
      status_message: 'QRIS transaction is created',
      order_id: id,
      merchant_id: emu.credentials.merchantId,
      gross_amount: '275000.00',
      currency: 'IDR',
      payment_type: 'qris',
      transaction_status: 'pending',
      fraud_status: 'accept',
      acquirer: 'gopay',
    });
    expect(charge.transaction_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(charge.transaction_time).toMatch(WIB_TIME);
    expect(charge.expiry_time).toMatch(WIB_TIME);
    expect(charge.qr_string).toMatch(/^000201010212.*6304[0-9A-F]{4}$/);
    const actions = charge.actions as { name: string; url: string }[];
    expect(actions.map((a) => a.name)).toEqual(['generate-qr-code', 'generate-qr-code-v2']);
    for (const a of actions) {
      expect(a.url.startsWith(emu.urls.coreApiUrl)).toBe(true);
      const img = await fetchBytes(a.url);
      expect(img.status).toBe(200);
      expect(img.type).toBe('image/png');
      expect(img.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    }

    const paid = await simulator(emu, 'pay', { qr_string: charge.qr_string, issuer: 'shopeepay' });
    expect(paid.ok).toBe(true);

    const status = await core.transaction.status(id);
    expect(status).toMatchObject({
      status_code: '200',
      transaction_status: 'settlement',
      transaction_id: charge.transaction_id,
      issuer: 'shopeepay',
      transaction_type: 'off-us',
    });
    expect(status.settlement_time).toMatch(WIB_TIME);
    expect(status.signature_key).toMatch(/^[0-9a-f]{128}$/);

    const partial = await core.transaction.refund(id, { refund_key: `${id}-r1`, amount: 75000, reason: 'retur' });
    expect(partial).toMatchObject({
      status_code: '200',
      transaction_status: 'partial_refund',
      refund_amount: '75000.00',
      refund_key: `${id}-r1`,
      refund_chargeback_id: 1,
    });
    const rest = await core.transaction.refundDirect(String(charge.transaction_id), { refund_key: `${id}-r2` });
    expect(rest).toMatchObject({ transaction_status: 'refund', refund_amount: '200000.00', refund_chargeback_id: 2 });
    const after = await core.transaction.status(id);
    expect(after).toMatchObject({ status_code: '200', transaction_status: 'refund', refund_amount: '275000.00' });
    expect(after.refunds).toHaveLength(2);
  });

  it('GoPay: actions point at the emulator, pay by order id, full refund', async () => {
    const id = orderId('gopay');
    const charge = await core.charge(chargeBody(id, 'gopay', { gopay: { enable_callback: true, callback_url: 'kasir://done' } }));
    expect(charge).toMatchObject({ status_code: '201', status_message: 'GO-PAY billing created', payment_type: 'gopay' });
    const actions = charge.actions as { name: string; method: string; url: string }[];
    expect(actions.map((a) => a.name)).toEqual([
      'generate-qr-code',
      'generate-qr-code-v2',
      'deeplink-redirect',
      'get-status',
      'cancel',
    ]);
    const deeplink = actions.find((a) => a.name === 'deeplink-redirect');
    expect(deeplink?.url).toContain(`${emu.urls.simulatorUrl}/checkout/${String(charge.transaction_id)}`);
    const page = await fetchBytes(deeplink?.url ?? '');
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toContain(id);

    await simulator(emu, 'pay', { order_id: id });
    const status = await core.transaction.status(String(charge.transaction_id));
    expect(status).toMatchObject({ transaction_status: 'settlement', payment_option_type: 'GOPAY_WALLET' });
    const refund = await core.transaction.refund(id, {});
    expect(refund).toMatchObject({ status_code: '200', transaction_status: 'refund', refund_amount: '10000.00' });
  });

  it('ShopeePay: cancel a pending charge, then reuse its order id', async () => {
    const id = orderId('spay');
    const charge = await core.charge(chargeBody(id, 'shopeepay', { shopeepay: { callback_url: 'https://kasir.test/done' } }));
    expect(charge).toMatchObject({
      status_code: '201',
      status_message: 'ShopeePay transaction is created',
      channel_response_code: '0',
    });
    expect((charge.actions as { name: string }[])[0]?.name).toBe('deeplink-redirect');
    const cancelled = await core.transaction.cancel(id);
    expect(cancelled).toMatchObject({ status_code: '200', transaction_status: 'cancel' });
    expect(await core.transaction.status(id)).toMatchObject({ status_code: '200', transaction_status: 'cancel' });

    const again = await core.charge(chargeBody(id, 'shopeepay'));
    expect(again.transaction_id).not.toBe(charge.transaction_id);
    expect(await core.transaction.status(id)).toMatchObject({ transaction_status: 'pending', status_code: '201' });
  });

  it.each(['bca', 'bni', 'bri', 'cimb'])('bank transfer %s: VA number, pay by VA, VA refund refused (412)', async (bank) => {
    const id = orderId(`va-${bank}`);
    const charge = await core.charge(chargeBody(id, 'bank_transfer', { bank_transfer: { bank } }, 44000));
    expect(charge).toMatchObject({
      status_code: '201',
      status_message: 'Success, Bank Transfer transaction is created',
      payment_type: 'bank_transfer',
    });
    const va = (charge.va_numbers as { bank: string; va_number: string }[])[0];
    expect(va?.bank).toBe(bank);
    expect(va?.va_number).toMatch(/^\d{15,16}$/);
    expect(charge.expiry_time).toMatch(WIB_TIME);

    await simulator(emu, 'pay', { va_number: va?.va_number });
    const status = await core.transaction.status(id);
    expect(status).toMatchObject({ status_code: '200', transaction_status: 'settlement', va_numbers: [va] });
    expect((status.payment_amounts as { amount: string }[])[0]?.amount).toBe('44000.00');
    const refused = await midtransError(core.transaction.refund(id, { amount: 1000 }));
    expect(Number(refused.httpStatusCode)).toBe(412);
  });

  it('a custom va_number is zero-padded behind the bank prefix', async () => {
    const id = orderId('va-custom');
    const charge = await core.charge(chargeBody(id, 'bank_transfer', { bank_transfer: { bank: 'bni', va_number: '1234' } }));
    expect((charge.va_numbers as { va_number: string }[])[0]?.va_number).toBe('9888500200001234');
  });

  it.each([
    ['bank_transfer object', { bank_transfer: { bank: 'permata' } }, 'bank_transfer'],
    ['legacy payment_type permata', {}, 'permata'],
  ])('Permata (%s): permata_va_number, pay, status', async (_label, extra, paymentType) => {
    const id = orderId('permata');
    const charge = await core.charge(chargeBody(id, paymentType, extra));
    expect(charge).toMatchObject({
      status_message: 'Success, PERMATA VA transaction is successful',
      payment_type: 'bank_transfer',
    });
    expect(charge.permata_va_number).toMatch(/^\d{15}$/);
    expect(charge.va_numbers).toBeUndefined();
    await simulator(emu, 'pay', { va_number: charge.permata_va_number });
    expect(await core.transaction.status(id)).toMatchObject({
      transaction_status: 'settlement',
      permata_va_number: charge.permata_va_number,
    });
  });

  it('Mandiri Bill: bill key and biller code, expire (407), order id reusable', async () => {
    const id = orderId('bill');
    const charge = await core.charge(
      chargeBody(id, 'echannel', { echannel: { bill_info1: 'Payment:', bill_info2: 'Kasir order' } }),
    );
    expect(charge).toMatchObject({ status_message: 'OK, Mandiri Bill transaction is successful', biller_code: '70012' });
    expect(charge.bill_key).toMatch(/^\d{12}$/);
    const expired = await core.transaction.expire(id);
    expect(expired).toMatchObject({
      status_code: '407',
      status_message: 'Success, transaction has expired',
      transaction_status: 'expire',
    });
    expect(await core.transaction.status(id)).toMatchObject({ status_code: '407', transaction_status: 'expire' });
    const again = await core.charge(chargeBody(id, 'echannel', { echannel: { bill_info1: 'a', bill_info2: 'b' } }));
    expect(again.status_code).toBe('201');
  });

  it.each(['indomaret', 'alfamart'])('cstore %s: payment code, pay by code, status', async (store) => {
    const id = orderId(store);
    const charge = await core.charge(chargeBody(id, 'cstore', { cstore: { store, message: 'Kasir' } }, 44000));
    expect(charge).toMatchObject({ status_message: 'Success, cstore transaction is successful', store });
    expect(charge.payment_code).toMatch(store === 'indomaret' ? /^\d{12}$/ : /^\d{16}$/);
    await simulator(emu, 'pay', { va_number: charge.payment_code });
    const status = await core.transaction.status(id);
    expect(status).toMatchObject({ transaction_status: 'settlement', store, payment_code: charge.payment_code });
    if (store === 'indomaret') expect(status.approval_code).toMatch(/^\d{20}$/);
  });

  it('simulator deny and a cancel of a settled charge (412)', async () => {
    const denied = orderId('deny');
    await core.charge(chargeBody(denied, 'qris'));
    await simulator(emu, 'deny', { order_id: denied });
    expect(await core.transaction.status(denied)).toMatchObject({ status_code: '202', transaction_status: 'deny' });

    const settled = orderId('settled');
    await core.charge(chargeBody(settled, 'qris'));
    await simulator(emu, 'settle', { order_id: settled });
    const err = await midtransError(core.transaction.cancel(settled));
    expect(err.httpStatusCode).toBe('412');
    expect(err.ApiResponse?.status_message).toBe('Merchant cannot modify the status of the transaction');
  });
});
