/**
 * Replays cannot fill the disk (issue 9, item 7), through the real listener,
 * sink and ledger with the emulator's genuine notifications:
 *
 * - one captured genuine notification padded with a 60 kB junk field and
 *   replayed 500 times (`POST /simulator/api/notifications/replay`) grows the
 *   ledger by less than 100 kB, is stored once as what it means (known
 *   fields only) with a count of how often it came, and asks the status API
 *   at most twice;
 * - SNAP-BI `X-TIMESTAMP` freshness on first sight only: a notification already
 *   recorded (same X-EXTERNAL-ID and body) is answered 200 without being
 *   processed again whatever its age, retried verbatim or re-signed; a new
 *   one signed more than 5 minutes away from the gateway's time is refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { signSnapBiNotification } from '../../electron/main/core/gateway/signatures';
import { snapBiTimestamp } from '../../electron/main/core/gateway/time';
import type { GatewayRef } from '../../electron/main/core/gateway/types';
import type { PaymentEventRow } from '../../electron/main/core/ledger/rows';
import type { GatewayApi, PaymentMethod } from '../../shared/domain/payment';
import type { PaymentView } from '../../shared/contract/schemas';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import { cart, countRows, customerPays, ledgerReaches, notificationsOf, quiesce, sim } from '../fixtures/engine-truth';

const QRIS_PATH = '/v1.0/qr/qr-mpm-notify';
const PAD = 60_000;
const TIMES = 500;

let h: EngineHarness;
let statusSpy: MockInstance;
/** Status calls the shared engine made for one gateway order since the spy started. */
let statusCalls: (orderId: string) => number;
beforeAll(async () => {
  h = await startEngine();
  statusSpy = vi.spyOn(h.gateway, 'status');
  statusCalls = (orderId) => callsOf(statusSpy, orderId);
});
afterAll(async () => h?.close());

/** The ledger's size in bytes once the WAL is folded back into the file. */
function bytesOf(hh: EngineHarness): number {
  hh.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = (hh.db.pragma('page_count', { simple: true }) as number) * (hh.db.pragma('page_size', { simple: true }) as number);
  expect(statSync(hh.ledgerFile).size).toBe(bytes);
  return bytes;
}
const callsOf = (spy: MockInstance, orderId: string): number =>
  spy.mock.calls.filter((args) => (args[0] as GatewayRef).orderId === orderId).length;

/** Counts the engine's status calls per gateway order from now on. */
function counter(hh: EngineHarness): (orderId: string) => number {
  const spy = vi.spyOn(hh.gateway, 'status');
  return (orderId) => callsOf(spy, orderId);
}

type Received = PaymentEventRow & { received?: number };
const claimsOf = (hh: EngineHarness, id: string, status: string): Received[] =>
  notificationsOf(hh, id).filter((e) => e.claimed_status === status) as Received[];

async function open(hh: EngineHarness, method: Exclude<PaymentMethod, 'cash'>, amount: number): Promise<PaymentView> {
  const p = await hh.payments.create({ items: cart(amount), method });
  await quiesce(hh);
  return p;
}

describe('a genuine notification padded with 60 kB and replayed 500 times', () => {
  it.each([
    ['Core API Indomaret, its `pending` while still pending', 'indomaret', 'core_api', 'pending', false],
    ['Core API QRIS, its `settlement` after the payment settled', 'qris', 'core_api', 'settlement', true],
  ] as [string, Exclude<PaymentMethod, 'cash'>, GatewayApi, string, boolean][])(
    '%s: < 100 kB of ledger, one stored claim, ≤ 2 status calls',
    async (_label, method, api, status, pay) => {
      const e = api === 'core_api' && method === 'qris' ? await startEngine({ routing: { qris: 'core_api' } }) : null;
      const hh = e ?? h;
      const spy = e ? vi.spyOn(e.gateway, 'status') : statusSpy;
      try {
        const p = await hh.payments.create({ items: cart(41_000), method });
        await quiesce(hh);
        if (pay) {
          await customerPays(hh, p);
          await ledgerReaches(hh, p.id, status as 'settlement');
          await quiesce(hh);
        }
        const before = { bytes: bytesOf(hh), calls: callsOf(spy, p.orderId), events: countRows(hh, 'payment_events') };

        const r = await sim(hh, 'notifications/replay', { order_id: p.orderId, status, times: TIMES, pad: { bytes: PAD } });
        expect(r).toMatchObject({ ok: true, replayed: TIMES });
        await quiesce(hh);

        const replays = hh.emulator.dispatcher.log(p.orderId).filter((x) => x.fault === 'replay');
        expect(replays).toHaveLength(TIMES);
        expect(replays.every((x) => x.state === 'delivered' && x.attempts[0]?.httpStatus === 200)).toBe(true);
        const grown = bytesOf(hh) - before.bytes;
        expect(grown, `ledger grew by ${grown} bytes`).toBeLessThan(100_000);
        expect(callsOf(spy, p.orderId) - before.calls).toBeLessThanOrEqual(2);
        expect(countRows(hh, 'payment_events')).toBe(before.events);
        const claim = (notificationsOf(hh, p.id) as Received[]).filter((x) => x.claimed_status === status);
        expect(claim).toHaveLength(1);
        expect(claim[0]!.received).toBe(TIMES + 1);
        // What is stored is what the notification means: no junk field, nothing near 60 kB.
        expect(claim[0]!.raw).not.toContain('_pad');
        expect(claim[0]!.raw!.length).toBeLessThan(4_000);
        expect(hh.payments.get(p.id).status).toBe(status);
      } finally {
        if (e) await e.close();
      }
    },
  );

  it('SNAP-BI QRIS settlement: padded replays re-signed are stored once; padded ones not re-signed are refused', async () => {
    const p = await open(h, 'qris', 42_000);
    await customerPays(h, p);
    await ledgerReaches(h, p.id, 'settlement');
    await quiesce(h);
    const before = { bytes: bytesOf(h), calls: statusCalls(p.orderId), events: countRows(h, 'payment_events') };

    expect(await sim(h, 'notifications/replay', { order_id: p.orderId, times: TIMES, pad: { bytes: PAD }, resign: true })).toMatchObject({ ok: true });
    expect(await sim(h, 'notifications/replay', { order_id: p.orderId, times: 20, pad: { bytes: PAD } })).toMatchObject({ ok: true });
    await quiesce(h);

    const replays = h.emulator.dispatcher.log(p.orderId).filter((x) => x.fault === 'replay');
    expect(replays.map((x) => x.attempts[0]?.httpStatus).filter((s) => s === 200)).toHaveLength(TIMES);
    expect(replays.map((x) => x.attempts[0]?.httpStatus).filter((s) => s === 401)).toHaveLength(20);
    expect(bytesOf(h) - before.bytes).toBeLessThan(100_000);
    expect(statusCalls(p.orderId) - before.calls).toBeLessThanOrEqual(2);
    expect(countRows(h, 'payment_events')).toBe(before.events);
    const claim = claimsOf(h, p.id, 'settlement');
    expect(claim).toHaveLength(1);
    expect(claim[0]!.received).toBe(TIMES + 1);
    expect(claim[0]!.raw).not.toContain('_pad');
  });
});

/**
 * Stands between the emulator and the listener: forwards every notification,
 * and for the next `lose` of them drops the listener's answer (the connection
 * is cut, as a lost reply would be), or for the next `refuse` answers 503
 * without forwarding (the listener was not reachable).
 */
async function startLossyProxy(target: () => string) {
  const state = { lose: 0, refuse: 0, forwarded: [] as number[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.refuse > 0) {
        state.refuse--;
        res.writeHead(503).end();
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>;
      void fetch(target() + (req.url ?? ''), { method: 'POST', body: Buffer.concat(chunks), headers }).then(async (r) => {
        const text = await r.text();
        state.forwarded.push(r.status);
        if (state.lose > 0) {
          state.lose--;
          req.socket.destroy();
          return;
        }
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('SNAP-BI X-TIMESTAMP freshness, on first sight only', () => {
  it.each(['verbatim', 'resign'] as const)(
    'retries (%s) of a recorded settlement whose replies were lost: each answered 200, one event, one status call, even 12 min on',
    async (mode) => {
      const h = await startEngine();
      const statusCalls = counter(h);
      const proxy = await startLossyProxy(() => h.listener!.snapBiBaseUrl);
      h.emulator.configure({ snapBiRetries: mode });
      h.emulator.setNotificationUrls([proxy.url]);
      try {
        const p = await open(h, 'qris', 43_000);
        const calls0 = statusCalls(p.orderId);
        proxy.state.lose = 2;
        await customerPays(h, p);
        const note = () => h.emulator.dispatcher.log(p.orderId).find((x) => x.status === 'settlement')!;
        await expect.poll(() => note()?.state, { timeout: 5_000 }).toBe('retry-scheduled');
        await ledgerReaches(h, p.id, 'settlement');
        await quiesce(h);
        h.emulator.clock.advance(2 * 60 + 1); // retry 1 (+2 min): its reply is lost too
        await expect.poll(() => note().attempts.length, { timeout: 5_000 }).toBe(2);
        await expect.poll(() => note().state, { timeout: 5_000 }).toBe('retry-scheduled');
        h.emulator.clock.advance(10 * 60 + 1); // retry 2 (+12 min: older than the window when verbatim)
        await expect.poll(() => note().state, { timeout: 5_000 }).toBe('delivered');
        await quiesce(h);

        const attempts = note().attempts;
        expect(attempts).toHaveLength(3);
        expect(attempts[2]!.httpStatus).toBe(200);
        expect(proxy.state.forwarded).toEqual([200, 200, 200]);
        const sent = [0, 1, 2].map((i) => attempts[i]!.headers ?? {});
        if (mode === 'verbatim') expect(sent[2]!['X-TIMESTAMP']).toBe(sent[0]!['X-TIMESTAMP']);
        else expect(sent[2]!['X-TIMESTAMP']).not.toBe(sent[0]!['X-TIMESTAMP']);
        const claim = claimsOf(h, p.id, 'settlement');
        expect(claim).toHaveLength(1);
        expect(claim[0]!.received).toBe(3);
        expect(statusCalls(p.orderId) - calls0).toBe(1);
        expect(h.payments.get(p.id)).toMatchObject({ status: 'settlement', lastSource: 'webhook' });
      } finally {
        await proxy.close();
        await h.close();
      }
    },
  );

  it.each([
    ['verbatim', 401, 0],
    ['resign', 200, 1],
  ] as const)(
    'a settlement first seen only on its retry 12 min later (%s): %i, %i claims',
    async (mode, answer, claims) => {
      const h = await startEngine();
      const proxy = await startLossyProxy(() => h.listener!.snapBiBaseUrl);
      h.emulator.configure({ snapBiRetries: mode });
      h.emulator.setNotificationUrls([proxy.url]);
      try {
        const p = await open(h, 'qris', 45_000);
        proxy.state.refuse = 2;
        await customerPays(h, p);
        const note = () => h.emulator.dispatcher.log(p.orderId).find((x) => x.status === 'settlement')!;
        await expect.poll(() => note()?.state, { timeout: 5_000 }).toBe('retry-scheduled');
        h.emulator.clock.advance(2 * 60 + 1);
        await expect.poll(() => note().attempts.length, { timeout: 5_000 }).toBe(2);
        await expect.poll(() => note().state, { timeout: 5_000 }).toBe('retry-scheduled');
        const events = countRows(h, 'payment_events');
        h.emulator.clock.advance(10 * 60 + 1);
        await expect.poll(() => note().attempts.length, { timeout: 5_000 }).toBe(3);
        await quiesce(h);
        expect(note().attempts[2]!.httpStatus).toBe(answer);
        expect(claimsOf(h, p.id, 'settlement')).toHaveLength(claims);
        if (answer === 401) expect(countRows(h, 'payment_events')).toBe(events);
      } finally {
        await proxy.close();
        await h.close();
      }
    },
  );

  /** A new SNAP-BI QRIS notification for `p`, signed with Midtrans' (the emulator's) key at `atMs`. */
  function signed(h: EngineHarness, p: PaymentView, code: string, atMs: number, externalId: string) {
    const body = JSON.stringify({
      originalPartnerReferenceNo: p.orderId,
      originalReferenceNo: h.emulator.store.find(p.orderId)!.transactionId,
      latestTransactionStatus: code,
      amount: { value: `${p.amount}.00`, currency: 'IDR' },
    });
    const timestamp = snapBiTimestamp(atMs);
    const signature = signSnapBiNotification({ path: QRIS_PATH, body: Buffer.from(body), timestamp }, h.emulator.credentials.snapBi.notificationPrivateKeyPem);
    return { body, headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature, 'x-external-id': externalId } };
  }
  const post = (h: EngineHarness, n: { body: string; headers: Record<string, string> }) =>
    fetch(h.listener!.snapBiBaseUrl + QRIS_PATH, { method: 'POST', body: n.body, headers: n.headers });

  it('a new notification signed 6 min before (or after) the gateway time is refused with nothing written; 4 min is fresh', async () => {
    const h = await startEngine();
    const statusCalls = counter(h);
    try {
      const p = await open(h, 'qris', 47_000);
      const now = h.emulator.clock.now();
      const events = countRows(h, 'payment_events');
      const calls = statusCalls(p.orderId);
      for (const [offset, id] of [[-6 * 60_000, '9001'], [6 * 60_000, '9002']] as const) {
        const res = await post(h, signed(h, p, '00', now + offset, id));
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ responseCode: '4015200' });
      }
      await quiesce(h);
      expect(countRows(h, 'payment_events')).toBe(events);
      expect(statusCalls(p.orderId)).toBe(calls);

      const fresh = signed(h, p, '00', now - 4 * 60_000, '9003');
      expect((await post(h, fresh)).status).toBe(200);
      await quiesce(h);
      expect(claimsOf(h, p.id, 'settlement')).toHaveLength(1);
      expect(statusCalls(p.orderId)).toBe(calls + 1);
      expect(h.payments.get(p.id).status).toBe('pending'); // a claim, confirmed with the status API and found untrue

      // The same delivery once the window has passed: already recorded, so 200 and nothing done again.
      h.emulator.clock.advance(6 * 60); // the QRIS (15 min) has not expired yet
      expect((await post(h, fresh)).status).toBe(200);
      await quiesce(h);
      expect(claimsOf(h, p.id, 'settlement')[0]!.received).toBe(2);
      expect(statusCalls(p.orderId)).toBe(calls + 1);
      // A fresh X-EXTERNAL-ID on those old bytes is a new notification, and stale.
      expect((await post(h, { ...fresh, headers: { ...fresh.headers, 'x-external-id': '9004' } })).status).toBe(401);
    } finally {
      await h.close();
    }
  });
});
