/**
 * Core API notifications from the emulator to a local node:http receiver:
 * documented signature formula, status codes per state, override/append
 * headers, expiry on the test clock and Midtrans' retry schedule (advancing
 * the clock, never sleeping). Fault injection is in emulator-core-faults.
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
let rx2: Receiver;

beforeAll(async () => {
  [rx, rx2] = await Promise.all([startReceiver(), startReceiver()]);
  emu = await startEmulator({ notificationUrls: [rx.url] });
  core = coreClient(emu);
});
afterAll(async () => {
  await emu.close();
  await Promise.all([rx.close(), rx2.close()]);
});
afterEach(async () => {
  await simulator(emu, 'faults', undefined, 'DELETE');
  emu.setNotificationUrls([rx.url]);
  rx.replies.clear();
});

/** The documented formula, computed independently of the emulator's code. */
const expectedSignature = (n: Record<string, string>): string =>
  createHash('sha512')
    .update(`${n.order_id}${n.status_code}${n.gross_amount}${emu.credentials.serverKey}`)
    .digest('hex');

const forOrder = (r: Receiver, id: string): Received[] => r.received.filter((n) => n.body.order_id === id);

async function waitFor(r: Receiver, id: string, count: number): Promise<Received[]> {
  await expect.poll(() => forOrder(r, id).length, { timeout: 5000, interval: 10 }).toBeGreaterThanOrEqual(count);
  return forOrder(r, id);
}

const attempts = (id: string): number => emu.dispatcher.log(id).reduce((s, r) => s + r.attempts.length, 0);

describe('notification content', () => {
  it('pending then settlement, each signed with sha512(order_id+status_code+gross_amount+serverKey)', async () => {
    const id = orderId('n-qris');
    await core.charge(chargeBody(id, 'qris', { custom_field1: 'till-03', metadata: { shift: 'A' } }, 789000));
    await waitFor(rx, id, 1);
    await simulator(emu, 'pay', { order_id: id });
    const [pending, settled] = await waitFor(rx, id, 2);
    expect(pending?.body).toMatchObject({
      status_code: '201',
      transaction_status: 'pending',
      status_message: 'midtrans payment notification',
      gross_amount: '789000.00',
      currency: 'IDR',
      payment_type: 'qris',
      custom_field1: 'till-03',
      metadata: { shift: 'A' },
    });
    expect(settled?.body).toMatchObject({ status_code: '200', transaction_status: 'settlement', transaction_type: 'on-us' });
    for (const n of [pending, settled]) {
      expect(n?.body.signature_key).toBe(expectedSignature(n?.body ?? {}));
      expect(n?.headers['content-type']).toBe('application/json');
      expect(n?.headers['user-agent']).toBe('Veritrans');
      expect(n?.path).toBe('/notify');
    }
    const log = emu.dispatcher.log(id);
    expect(log.map((r) => r.state)).toEqual(['delivered', 'delivered']);
    expect(log[0]?.attempts[0]?.httpStatus).toBe(200);
    expect(log[0]?.attempts[0]?.replyExcerpt).toBe('{"ok":true}');
  });

  it('expiry fires on the test clock (QRIS 15 min) and notifies status_code 202', async () => {
    const id = orderId('n-exp');
    await core.charge(chargeBody(id, 'qris'));
    emu.clock.advance(14 * 60 + 59);
    expect((await core.transaction.status(id)).transaction_status).toBe('pending');
    emu.clock.advance(1);
    expect(await core.transaction.status(id)).toMatchObject({ status_code: '407', transaction_status: 'expire' });
    const [, expired] = await waitFor(rx, id, 2);
    expect(expired?.body).toMatchObject({ status_code: '202', transaction_status: 'expire' });
    expect(expired?.body.signature_key).toBe(expectedSignature(expired?.body ?? {}));
  });

  it('VA charges live 24 h; custom_expiry is honoured', async () => {
    const va = orderId('n-va');
    const custom = orderId('n-custom');
    await core.charge(chargeBody(va, 'bank_transfer', { bank_transfer: { bank: 'bri' } }));
    await core.charge(chargeBody(custom, 'bank_transfer', {
      bank_transfer: { bank: 'bni' },
      custom_expiry: { expiry_duration: 90, unit: 'second' },
    }));
    emu.clock.advance(90);
    expect((await core.transaction.status(custom)).transaction_status).toBe('expire');
    emu.clock.advance(24 * 3600 - 91);
    expect((await core.transaction.status(va)).transaction_status).toBe('pending');
    emu.clock.advance(1);
    expect((await core.transaction.status(va)).transaction_status).toBe('expire');
  });

  it('cancel notifies 202; a refund notifies twice, the second with bank_confirmed_at', async () => {
    const c = orderId('n-cancel');
    await core.charge(chargeBody(c, 'gopay'));
    await core.transaction.cancel(c);
    const [, cancelled] = await waitFor(rx, c, 2);
    expect(cancelled?.body).toMatchObject({ status_code: '202', transaction_status: 'cancel' });

    const r = orderId('n-refund');
    await core.charge(chargeBody(r, 'gopay', {}, 50000));
    await simulator(emu, 'pay', { order_id: r });
    await core.transaction.refund(r, { amount: 20000, refund_key: 'rk' });
    const all = await waitFor(rx, r, 4);
    const [first, second] = all.slice(2).map((n) => n.body as unknown as { status_code: string; transaction_status: string; refund_amount: string; refunds: { bank_confirmed_at?: string }[] });
    expect(first).toMatchObject({ status_code: '200', transaction_status: 'partial_refund', refund_amount: '20000.00' });
    expect(first?.refunds[0]?.bank_confirmed_at).toBeUndefined();
    expect(second?.refunds[0]?.bank_confirmed_at).toMatch(/^\d{4}-/);
  });

  it('X-Override-Notification replaces the configured URL; X-Append adds to it; override wins', async () => {
    const withHeaders = (headers: Record<string, string>): CoreApiClient => {
      const c = coreClient(emu);
      Object.assign(c.httpClient.http_client.defaults.headers.common, headers);
      return c;
    };
    const o = orderId('n-override');
    await withHeaders({ 'X-Override-Notification': `${rx2.url}?a=1, ${rx2.url}?b=2` }).charge(chargeBody(o, 'qris'));
    await waitFor(rx2, o, 2);
    expect(forOrder(rx2, o).map((n) => n.path).sort()).toEqual(['/notify?a=1', '/notify?b=2']);
    expect(forOrder(rx, o)).toHaveLength(0);

    const a = orderId('n-append');
    await withHeaders({ 'X-Append-Notification': rx2.url }).charge(chargeBody(a, 'qris'));
    await waitFor(rx2, a, 1);
    await waitFor(rx, a, 1);

    const both = orderId('n-both');
    await withHeaders({ 'X-Append-Notification': `${rx.url}?append`, 'X-Override-Notification': `${rx2.url}?override` }).charge(
      chargeBody(both, 'qris'),
    );
    await waitFor(rx2, both, 1);
    expect(forOrder(rx2, both)[0]?.path).toBe('/notify?override');
    expect(forOrder(rx, both)).toHaveLength(0);
  });
});

describe('retries on the test clock (2, 10, 30, 90, 210 min)', () => {
  async function attemptsAfter(id: string, expected: number): Promise<void> {
    await expect.poll(() => attempts(id), { timeout: 5000, interval: 10 }).toBe(expected);
  }

  it('a non-2xx reply (502) is retried 5 times on the schedule, then given up', async () => {
    const id = orderId('n-retry');
    rx.replies.set(id, [502, 502, 502, 502, 502, 502]);
    await core.charge(chargeBody(id, 'bank_transfer', { bank_transfer: { bank: 'bca' } }));
    await attemptsAfter(id, 1);
    const scheduleMin = [2, 10, 30, 90, 210];
    for (const [i, minutes] of scheduleMin.entries()) {
      const record = emu.dispatcher.log(id)[0];
      expect(record?.state).toBe('retry-scheduled');
      expect((record?.nextAttemptAt ?? 0) - emu.clock.now()).toBeLessThanOrEqual(minutes * 60_000);
      emu.clock.advance(minutes * 60 - 2);
      await new Promise((r) => setImmediate(r));
      expect(attempts(id)).toBe(i + 1);
      emu.clock.advance(2);
      await attemptsAfter(id, i + 2);
    }
    expect(emu.dispatcher.log(id)[0]?.state).toBe('failed');
    emu.clock.advance(24 * 3600);
    expect(emu.dispatcher.log(id)[0]?.attempts).toHaveLength(6);
    // The transaction itself expired meanwhile; its notification went through.
    await expect.poll(() => forOrder(rx, id).map((n) => n.body.transaction_status)).toContain('expire');
  });

  it.each([
    [500, 1],
    [503, 4],
    [404, 2],
    [400, 2],
    [302, 0],
  ])('reply %i gets %i retries', async (status, retries) => {
    const id = orderId(`n-${status}`);
    rx.replies.set(id, Array<number>(retries + 1).fill(status));
    // A VA lives 24 h, longer than the retries: no expiry notification gets in the way.
    await core.charge(chargeBody(id, 'bank_transfer', { bank_transfer: { bank: 'bca' } }));
    await attemptsAfter(id, 1);
    for (let i = 0; i < retries; i++) {
      emu.clock.advance(210 * 60);
      await attemptsAfter(id, i + 2);
    }
    emu.clock.advance(210 * 60);
    await new Promise((r) => setTimeout(r, 20));
    expect(attempts(id)).toBe(retries + 1);
    expect(emu.dispatcher.log(id)[0]?.state).toBe('failed');
  });

  it('a success on retry stops the retries and is visible in the simulator log', async () => {
    const id = orderId('n-recover');
    rx.replies.set(id, [503]);
    await core.charge(chargeBody(id, 'qris'));
    await attemptsAfter(id, 1);
    emu.clock.advance(120);
    await attemptsAfter(id, 2);
    const api = await simulator(emu, `notifications?order_id=${id}`, undefined, 'GET');
    const [record] = api.notifications as { state: string; attempts: { httpStatus: number }[] }[];
    expect(record?.state).toBe('delivered');
    expect(record?.attempts.map((a) => a.httpStatus)).toEqual([503, 200]);
  });
});

describe('timeouts', () => {
  it('a receiver slower than the timeout counts as a failure and is retried', async () => {
    const { createServer } = await import('node:http');
    let hits = 0;
    const slow = createServer((_req, res) => {
      hits++;
      if (hits === 1) setTimeout(() => res.end('late'), 400);
      else res.end('ok');
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as { port: number }).port;
    const quick = await startEmulator({ notificationUrls: [`http://127.0.0.1:${port}/`], notificationTimeoutMs: 100 });
    try {
      const id = orderId('n-timeout');
      await coreClient(quick).charge(chargeBody(id, 'qris'));
      await expect.poll(() => quick.dispatcher.log(id)[0]?.state, { timeout: 5000 }).toBe('retry-scheduled');
      expect(quick.dispatcher.log(id)[0]?.attempts[0]).toMatchObject({ httpStatus: null, error: 'timeout after 100 ms' });
      quick.clock.advance(120);
      await expect.poll(() => quick.dispatcher.log(id)[0]?.state, { timeout: 5000 }).toBe('delivered');
    } finally {
      await quick.close();
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });
});
