/**
 * Error behaviour of the emulator's Core API: validation (HTTP 400 + body 400),
 * auth (401), unknown id (body 404), duplicate order id (body 406), illegal
 * transitions (412), refund amount (414), duplicate refund key (406),
 * Idempotency-Key replay, and bad input that must never crash the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import validationSample from '../fixtures/samples/core-api/charge-validation-error-400-http400.json';
import notFoundSample from '../fixtures/samples/core-api/status-not-found-404-http200.json';
import dupSample from '../fixtures/samples/core-api/charge-duplicate-order-id-406-http200.json';
import cannotModifySample from '../fixtures/samples/core-api/error-cannot-modify-412.json';
import unauthorizedSample from '../fixtures/samples/core-api/error-unauthorized-401-http401.json';
import {
  chargeBody,
  coreClient,
  midtransError,
  orderId,
  rawRequest,
  simulator,
  type CoreApiClient,
} from './emulator-core-helpers';

let emu: RunningEmulator;
let core: CoreApiClient;

beforeAll(async () => {
  emu = await startEmulator({});
  core = coreClient(emu);
});
afterAll(async () => {
  await emu.close();
});

async function validation(body: object): Promise<string[]> {
  const err = await midtransError(core.charge(body));
  expect(err.httpStatusCode).toBe(400);
  expect(err.ApiResponse?.status_code).toBe('400');
  expect(err.ApiResponse?.status_message).toBe(validationSample.status_message);
  return err.ApiResponse?.validation_messages as string[];
}

describe('charge validation (HTTP 400, body 400, validation_messages)', () => {
  it('missing order_id, as in the published sample', async () => {
    const msgs = await validation({ payment_type: 'qris', transaction_details: { gross_amount: 1000 } });
    expect(msgs).toEqual(validationSample.validation_messages);
  });

  it.each([
    ['decimal number', 10000.5],
    ['decimal string', '10000.00'],
    ['zero', 0],
    ['negative', -5],
    ['not a number', 'abc'],
  ])('gross_amount %s is rejected', async (_label, amount) => {
    const msgs = await validation(chargeBody(orderId('amt'), 'qris', {}, amount));
    expect(msgs.some((m) => m.startsWith('transaction_details.gross_amount'))).toBe(true);
  });

  it('gross_amount as a digit string is accepted', async () => {
    const res = await core.charge(chargeBody(orderId('str'), 'qris', {}, '265000'));
    expect(res).toMatchObject({ status_code: '201', gross_amount: '265000.00' });
  });

  it('item_details must sum to gross_amount', async () => {
    const body = chargeBody(orderId('items'), 'qris', {
      item_details: [
        { id: 'A', price: 3000, quantity: 2, name: 'Kopi' },
        { id: 'B', price: 3000, quantity: 1, name: 'Roti' },
      ],
    });
    expect(await validation(body)).toContain('transaction_details.gross_amount is not equal to the sum of item_details');
    const ok = await core.charge({ ...body, transaction_details: { order_id: orderId('items'), gross_amount: 9000 } });
    expect(ok.status_code).toBe('201');
  });

  it.each([
    ['too long', 'x'.repeat(51)],
    ['bad characters', 'order#1'],
    ['space', 'order 1'],
  ])('order_id %s', async (_label, id) => {
    const msgs = await validation(chargeBody(id, 'qris'));
    expect(msgs.some((m) => m.startsWith('transaction_details.order_id'))).toBe(true);
  });

  it('order_id of exactly 50 allowed characters is fine', async () => {
    const id = `A-_~.${'9'.repeat(45)}`;
    expect((await core.charge(chargeBody(id, 'qris'))).order_id).toBe(id);
  });

  it('method objects and payment_type are checked', async () => {
    expect(await validation(chargeBody(orderId('p'), 'bank_transfer'))).toContain('bank_transfer.bank is required');
    expect(await validation(chargeBody(orderId('p'), 'bank_transfer', { bank_transfer: { bank: 'xyz' } }))).toContain(
      'bank_transfer.bank is not valid',
    );
    expect(await validation(chargeBody(orderId('p'), 'cstore', { cstore: { store: 'lawson' } }))).toContain(
      'cstore.store is not valid',
    );
    expect(await validation(chargeBody(orderId('p'), 'echannel'))).toEqual([
      'echannel.bill_info1 is required',
      'echannel.bill_info2 is required',
    ]);
    expect(await validation(chargeBody(orderId('p'), 'bitcoin'))).toContain('payment_type is not valid');
    expect(await validation({})).toEqual([
      'payment_type is required',
      'transaction_details is required',
    ]);
  });

  it('custom_expiry beyond the method maximum is rejected', async () => {
    const msgs = await validation(chargeBody(orderId('exp'), 'qris', { custom_expiry: { expiry_duration: 8, unit: 'day' } }));
    expect(msgs[0]).toContain('custom_expiry');
  });
});

describe('auth, not found, conflicts', () => {
  it('wrong or missing server key: HTTP 401, body "401"', async () => {
    const wrong = coreClient(emu, 'SB-Mid-server-wrong');
    const err = await midtransError(wrong.charge(chargeBody(orderId('auth'), 'qris')));
    expect(err.httpStatusCode).toBe(401);
    expect(err.ApiResponse).toEqual(unauthorizedSample);
    const none = await rawRequest(emu, { method: 'GET', path: '/v2/x/status', auth: false });
    expect(none.status).toBe(401);
    expect(none.json().status_code).toBe('401');
  });

  it('unknown id: HTTP 200, body "404"', async () => {
    const err = await midtransError(core.transaction.status('no-such-order'));
    expect(err.httpStatusCode).toBe('404');
    expect(err.ApiResponse?.status_message).toBe(notFoundSample.status_message);
    const raw = await rawRequest(emu, { method: 'POST', path: '/v2/no-such-order/cancel' });
    expect(raw.status).toBe(200);
    expect(raw.json().status_code).toBe('404');
  });

  it('duplicate order_id: HTTP 200, body "406"; still refused after settlement', async () => {
    const id = orderId('dup');
    await core.charge(chargeBody(id, 'qris'));
    const err = await midtransError(core.charge(chargeBody(id, 'gopay')));
    expect(err.httpStatusCode).toBe('406');
    expect(err.ApiResponse?.status_message).toBe(dupSample.status_message);
    await simulator(emu, 'pay', { order_id: id });
    expect((await midtransError(core.charge(chargeBody(id, 'qris')))).httpStatusCode).toBe('406');
  });

  it('illegal transitions: 412 (refund pending, expire settled, cancel expired)', async () => {
    const id = orderId('t');
    await core.charge(chargeBody(id, 'qris'));
    const refundPending = await midtransError(core.transaction.refund(id, { amount: 100 }));
    expect(refundPending.ApiResponse).toEqual(cannotModifySample);
    await core.transaction.expire(id);
    expect((await midtransError(core.transaction.cancel(id))).httpStatusCode).toBe('412');
    expect((await midtransError(core.transaction.expire(id))).httpStatusCode).toBe('412');
    const paid = orderId('t');
    await core.charge(chargeBody(paid, 'qris'));
    await simulator(emu, 'pay', { order_id: paid });
    expect((await midtransError(core.transaction.expire(paid))).httpStatusCode).toBe('412');
  });

  it('refund: 414 for too much or a bad amount, 406 for a reused refund_key', async () => {
    const id = orderId('rf');
    await core.charge(chargeBody(id, 'qris', {}, 10000));
    await simulator(emu, 'pay', { order_id: id });
    for (const amount of [10001, 0, -1, 10.5]) {
      const err = await midtransError(core.transaction.refund(id, { amount }));
      expect(err.httpStatusCode).toBe('414');
    }
    await core.transaction.refund(id, { refund_key: 'k-1', amount: 4000 });
    const dup = await midtransError(core.transaction.refund(id, { refund_key: 'k-1', amount: 1000 }));
    expect(dup.httpStatusCode).toBe('406');
    expect(dup.ApiResponse?.status_message).toBe('Duplicate refund ID');
    expect((await midtransError(core.transaction.refund(id, { amount: 6001 }))).httpStatusCode).toBe('414');
  });

  it('action bodies may be empty, {} or null', async () => {
    for (const body of [undefined, '{}', 'null']) {
      const id = orderId('body');
      await core.charge(chargeBody(id, 'qris'));
      const r = await rawRequest(emu, {
        method: 'POST',
        path: `/v2/${id}/cancel`,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body,
      });
      expect(r.status).toBe(200);
      expect(r.json()).toMatchObject({ status_code: '200', transaction_status: 'cancel' });
    }
  });
});

describe('Idempotency-Key', () => {
  const post = (key: string, body: object) =>
    rawRequest(emu, {
      method: 'POST',
      path: '/v2/charge',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });

  it('replays the first successful response whatever the new body, for 5 minutes of emulator time', async () => {
    const key = `idem-${orderId('k')}`;
    const first = await post(key, chargeBody(orderId('idem'), 'qris'));
    const second = await post(key, chargeBody(orderId('idem-other'), 'gopay'));
    expect(second.text).toBe(first.text);
    expect(emu.store.list(1000).filter((t) => t.transactionId === first.json().transaction_id)).toHaveLength(1);
    emu.clock.advance(301);
    const third = await post(key, chargeBody(String(first.json().order_id), 'qris'));
    expect(third.json().status_code).toBe('406');
  });

  it('does not store failures', async () => {
    const key = `idem-${orderId('f')}`;
    const bad = await post(key, { payment_type: 'qris' });
    expect(bad.status).toBe(400);
    const good = await post(key, chargeBody(orderId('idem'), 'qris'));
    expect(good.json().status_code).toBe('201');
  });

  it('applies to actions too (replayed cancel answers 200 again)', async () => {
    const id = orderId('idem-cancel');
    await core.charge(chargeBody(id, 'qris'));
    const key = `idem-${id}`;
    const cancel = () =>
      rawRequest(emu, { method: 'POST', path: `/v2/${id}/cancel`, headers: { 'Idempotency-Key': key } });
    expect((await cancel()).json().status_code).toBe('200');
    expect((await cancel()).json().status_code).toBe('200');
  });
});

describe('bad input never crashes the server', () => {
  it('malformed JSON: HTTP 400, body 413 (Midtrans\' malformed-syntax code)', async () => {
    const r = await rawRequest(emu, {
      method: 'POST',
      path: '/v2/charge',
      headers: { 'Content-Type': 'application/json' },
      body: '{"payment_type": "qris",',
    });
    expect(r.status).toBe(400);
    expect(r.json().status_code).toBe('413');
  });

  it('wrong content type: HTTP 400', async () => {
    const r = await rawRequest(emu, {
      method: 'POST',
      path: '/v2/charge',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'payment_type=qris',
    });
    expect(r.status).toBe(400);
    expect(r.json().status_code).toBe('400');
  });

  it('body over 1 MB: HTTP 413', async () => {
    const r = await rawRequest(emu, {
      method: 'POST',
      path: '/v2/charge',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 + 10, 0x20),
    });
    expect(r.status).toBe(413);
    expect(r.json().status_code).toBe('413');
  });

  it('unknown path: 404; wrong method: 405; SNAP-BI paths get SNAP-shaped errors', async () => {
    const r = await rawRequest(emu, { method: 'GET', path: '/v3/whatever' });
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ status_code: '404' });
    const m = await rawRequest(emu, { method: 'GET', path: '/v2/charge' });
    expect(m.status).toBe(405);
    const s = await rawRequest(emu, { method: 'POST', path: '/v1.0/nothing-here', auth: false });
    expect(s.status).toBe(404);
    expect(s.json()).toMatchObject({ responseCode: '4040000' });
  });

  it('odd bodies and paths get answers and the server keeps serving', async () => {
    const cases = [
      { method: 'POST', path: '/v2/charge', headers: { 'Content-Type': 'application/json' }, body: '[]' },
      { method: 'POST', path: '/v2/charge', headers: { 'Content-Type': 'application/json' }, body: '"x"' },
      { method: 'POST', path: '/v2/charge', headers: { 'Content-Type': 'application/json' }, body: '\u0000\u00ff' },
      { method: 'POST', path: '/v2/%E0%A4%A/cancel' },
      { method: 'GET', path: '/v2/' + 'a'.repeat(5000) + '/status' },
      { method: 'PUT', path: '/v2/charge' },
    ];
    for (const c of cases) {
      const r = await rawRequest(emu, c);
      expect(r.status).toBeGreaterThanOrEqual(200);
      expect(r.status).toBeLessThan(500);
    }
    expect((await core.charge(chargeBody(orderId('alive'), 'qris'))).status_code).toBe('201');
  });
});
