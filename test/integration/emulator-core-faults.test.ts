/**
 * Fault injection through `/simulator/api/faults`: notification faults (drop,
 * duplicate, delay, reorder, late) seen by a local receiver, and API faults
 * (5xx, 429, connection reset, latency, hang) seen by the official client.
 */
import { createHash } from 'node:crypto';
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

let emu: RunningEmulator;
let core: CoreApiClient;
let rx: Receiver;

beforeAll(async () => {
  rx = await startReceiver();
  emu = await startEmulator({ notificationUrls: [rx.url] });
  core = coreClient(emu);
});
afterAll(async () => {
  await emu.close();
  await rx.close();
});
afterEach(async () => {
  await simulator(emu, 'faults', undefined, 'DELETE');
});

const expectedSignature = (n: Record<string, string>): string =>
  createHash('sha512')
    .update(`${n.order_id}${n.status_code}${n.gross_amount}${emu.credentials.serverKey}`)
    .digest('hex');

const forOrder = (r: Receiver, id: string): Received[] => r.received.filter((n) => n.body.order_id === id);

async function waitFor(r: Receiver, id: string, count: number): Promise<Received[]> {
  await expect.poll(() => forOrder(r, id).length, { timeout: 5000, interval: 10 }).toBeGreaterThanOrEqual(count);
  return forOrder(r, id);
}

describe('notification faults', () => {
  it('drop: never sent, logged as dropped; counted', async () => {
    const id = orderId('f-drop');
    const added = await simulator(emu, 'faults', { kind: 'notification', action: 'drop', orderId: id, times: 1 });
    await core.charge(chargeBody(id, 'qris'));
    await simulator(emu, 'pay', { order_id: id });
    const got = await waitFor(rx, id, 1);
    expect(got.map((n) => n.body.transaction_status)).toEqual(['settlement']);
    expect(emu.dispatcher.log(id)[0]?.state).toBe('dropped');
    const list = await simulator(emu, 'faults', undefined, 'GET');
    expect(list.faults).toEqual([expect.objectContaining({ id: (added.fault as { id: string }).id, hits: 1, remaining: 0 })]);
  });

  it('duplicate: the same notification arrives twice', async () => {
    const id = orderId('f-dup');
    await simulator(emu, 'faults', { kind: 'notification', action: 'duplicate', orderId: id, times: 1 });
    await core.charge(chargeBody(id, 'qris'));
    const [a, b] = await waitFor(rx, id, 2);
    expect(a?.raw).toBe(b?.raw);
  });

  it('delay: sent only once the test clock passes the delay', async () => {
    const id = orderId('f-delay');
    await simulator(emu, 'faults', { kind: 'notification', action: 'delay', orderId: id, seconds: 45 });
    await core.charge(chargeBody(id, 'qris'));
    await new Promise((r) => setTimeout(r, 50));
    expect(forOrder(rx, id)).toHaveLength(0);
    await simulator(emu, 'clock/advance', { seconds: 45 });
    await waitFor(rx, id, 1);
  });

  it('reorder: the pending notification arrives after the settlement', async () => {
    const id = orderId('f-reorder');
    await simulator(emu, 'faults', { kind: 'notification', action: 'reorder', orderId: id, times: 1 });
    await core.charge(chargeBody(id, 'qris'));
    await simulator(emu, 'pay', { order_id: id });
    const got = await waitFor(rx, id, 2);
    expect(got.map((n) => n.body.transaction_status)).toEqual(['settlement', 'pending']);
  });

  it('late: a stale pending notification follows the final state', async () => {
    const id = orderId('f-late');
    await simulator(emu, 'faults', { kind: 'notification', action: 'late', orderId: id, times: 1 });
    await core.charge(chargeBody(id, 'qris'));
    await simulator(emu, 'pay', { order_id: id });
    const got = await waitFor(rx, id, 3);
    expect(got.map((n) => n.body.status_code)).toEqual(['201', '200', '201']);
    expect(got[2]?.body.signature_key).toBe(expectedSignature(got[2]?.body ?? {}));
  });
});

describe('API faults', () => {
  it('status 503 / 429 for N requests, then normal service', async () => {
    await simulator(emu, 'faults', { match: { method: 'POST', path: '/v2/charge' }, action: 'status', status: 503, times: 1 });
    await simulator(emu, 'faults', { match: { path: '/^\\/v2\\/charge$/' }, action: 'status', status: 429, times: 1 });
    const id = orderId('api');
    const first = await core.charge(chargeBody(id, 'qris')).catch((e: { httpStatusCode: number }) => e.httpStatusCode);
    const second = await core.charge(chargeBody(id, 'qris')).catch((e: { httpStatusCode: number; ApiResponse: unknown }) => e);
    expect(first).toBe(503);
    expect(second).toMatchObject({ httpStatusCode: 429, ApiResponse: { message: 'API rate limit exceeded' } });
    expect((await core.charge(chargeBody(id, 'qris'))).status_code).toBe('201');
  });

  it('reset after processing: the charge exists, an Idempotency-Key retry replays it', async () => {
    const id = orderId('api-reset');
    await simulator(emu, 'faults', { match: { orderId: id }, action: 'reset', when: 'after', times: 1 });
    const c = coreClient(emu);
    c.httpClient.http_client.defaults.headers.common['Idempotency-Key'] = `key-${id}`;
    const err = await c.charge(chargeBody(id, 'qris')).catch((e: { httpStatusCode: unknown; message: string }) => e);
    expect(err).toMatchObject({ httpStatusCode: null });
    const replay = await c.charge(chargeBody(id, 'qris'));
    expect(replay.status_code).toBe('201');
    expect(emu.store.find(id)?.transactionId).toBe(replay.transaction_id);
  });

  it('latency and hang past the client timeout', async () => {
    const id = orderId('api-slow');
    await simulator(emu, 'faults', { match: { orderId: id }, action: 'latency', ms: 150, times: 1 });
    const t0 = performance.now();
    await core.charge(chargeBody(id, 'qris'));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);

    await simulator(emu, 'faults', { match: { path: `/v2/${id}/status` }, action: 'hang', ms: 2000, times: 1 });
    const c = coreClient(emu);
    (c.httpClient.http_client.defaults as { timeout?: number }).timeout = 200;
    const err = await c.transaction.status(id).catch((e: { httpStatusCode: unknown }) => e);
    expect(err).toMatchObject({ httpStatusCode: null });
    expect((await core.transaction.status(id)).status_code).toBe('201');
  });

  it('bad rules are refused; rules can be removed one by one', async () => {
    const bad = await simulator(emu, 'faults', { action: 'explode' });
    expect(bad.ok).toBe(false);
    const added = await simulator(emu, 'faults', { match: { path: '/nothing' }, action: 'reset' });
    const id = (added.fault as { id: string }).id;
    expect((await simulator(emu, `faults/${id}`, undefined, 'DELETE')).ok).toBe(true);
    expect((await simulator(emu, 'faults', undefined, 'GET')).faults).toEqual([]);
  });
});
