/**
 * Notification faults through the whole engine, injected by the emulator's
 * fault rules or sent straight at the listener: duplicated, reordered
 * (`pending` after settlement), late (a stale `pending` after a final state,
 * a genuine settlement replayed after a refund) and forged notifications.
 * In every case the ledger ends equal to the emulator's truth with one charge
 * there, every genuine notification is recorded in the trail (a repeat as a
 * count on the claim it repeats), nothing
 * regresses, and a forged one gets 401 with not one row written.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreNotificationSignature, signSnapBiNotification } from '../../electron/main/core/gateway/signatures';
import type { PaymentMethod } from '../../shared/domain/payment';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import {
  cart,
  countRows,
  customerPays,
  eventsOf,
  expectLedgerMatchesEmulator,
  ledgerReaches,
  notificationsOf,
  quiesce,
  sim,
} from '../fixtures/engine-truth';

type Method = Exclude<PaymentMethod, 'cash'>;

let h: EngineHarness;
beforeAll(async () => {
  h = await startEngine();
});
afterAll(async () => h?.close());

const open = async (method: Method, amount = 33_000) => {
  const p = await h.payments.create({ items: cart(amount), method });
  await quiesce(h);
  return p;
};
const claims = (id: string): (string | null)[] => notificationsOf(h, id).map((e) => e.claimed_status);
/** Each notification claim and how many times it was received (a repeat counts on its claim's row). */
const received = (id: string): [string | null, number][] => notificationsOf(h, id).map((e) => [e.claimed_status, e.received]);
const appliedTo = (id: string): (string | null)[] => eventsOf(h, id).filter((e) => e.applied === 1).map((e) => e.to_status);
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
/** Every row count in the ledger, to prove a refused request wrote nothing anywhere. */
const allCounts = () => ({
  payments: countRows(h, 'payments'),
  events: countRows(h, 'payment_events'),
  refunds: countRows(h, 'refunds'),
  orders: countRows(h, 'orders'),
});

describe('duplicated notifications', () => {
  it.each(['qris', 'indomaret', 'va_bca'] as const)('%s: settlement delivered twice is recorded once, counted twice, applied once', async (method) => {
    const p = await open(method);
    // Through the simulator's JSON API, as a tester at the counter would set it.
    expect(await sim(h, 'faults', { kind: 'notification', action: 'duplicate', orderId: p.orderId })).toMatchObject({ ok: true });
    await customerPays(h, p);
    await ledgerReaches(h, p.id, 'settlement');
    await quiesce(h);

    const sent = h.emulator.dispatcher.log(p.orderId).filter((r) => r.status === 'settlement');
    expect(sent.map((r) => [r.state, r.fault ?? null])).toEqual([
      ['delivered', null],
      ['delivered', 'duplicate'],
    ]);
    expect(received(p.id).filter(([c]) => c === 'settlement')).toEqual([['settlement', 2]]);
    expect(appliedTo(p.id)).toEqual(['pending', 'settlement']);
    expectLedgerMatchesEmulator(h, p.id, 'webhook');
  });
});

describe('reordered notifications', () => {
  it.each(['indomaret', 'alfamart'] as const)('%s: the creation `pending` held back until after the settlement changes nothing', async (method) => {
    // Core API announces a new charge as pending; hold that one back (the order id is not known yet, so times: 1).
    const rule = h.emulator.faults.add({ kind: 'notification', action: 'reorder', times: 1 });
    const p = await open(method);
    expect(h.emulator.dispatcher.log(p.orderId).map((r) => r.state)).toEqual(['held']);
    await customerPays(h, p);
    await ledgerReaches(h, p.id, 'settlement');
    await quiesce(h);

    expect(h.emulator.faults.list().find((f) => f.id === rule.id)?.hits).toBe(1);
    expect(h.emulator.dispatcher.log(p.orderId).every((r) => r.state === 'delivered')).toBe(true);
    expect(claims(p.id)).toEqual(['settlement', 'pending']);
    const stale = eventsOf(h, p.id).filter((e) => e.note === 'notification' && e.claimed_status === 'pending')[0]!;
    // Recorded before or after the settlement's confirmation landed (it runs after the 200): either way it changed nothing.
    expect(['pending', 'settlement']).toContain(stale.from_status);
    expect(stale.applied).toBe(0);
    expect(appliedTo(p.id)).toEqual(['pending', 'settlement']);
    expectLedgerMatchesEmulator(h, p.id, 'webhook');
  });
});

describe('late notifications after a final state', () => {
  it('a stale `pending` after the settlement (Core API, emulator `late` rule)', async () => {
    const p = await open('indomaret');
    h.emulator.faults.add({ kind: 'notification', action: 'late', orderId: p.orderId });
    await customerPays(h, p);
    await ledgerReaches(h, p.id, 'settlement');
    await quiesce(h);
    expect(h.emulator.dispatcher.log(p.orderId).map((r) => [r.status, r.fault ?? null])).toEqual([
      ['pending', null],
      ['settlement', null],
      ['pending', 'late'],
    ]);
    expect(received(p.id)).toEqual([['pending', 2], ['settlement', 1]]);
    expect(appliedTo(p.id)).toEqual(['pending', 'settlement']);
    expectLedgerMatchesEmulator(h, p.id, 'webhook');
  });

  it.each(['cancel', 'expire'] as const)('a stale `pending` after %s (Core API)', async (end) => {
    const p = await open('alfamart');
    h.emulator.faults.add({ kind: 'notification', action: 'late', orderId: p.orderId });
    if (end === 'cancel') await h.payments.cancel(p.id);
    else await sim(h, 'expire', { order_id: p.orderId });
    await ledgerReaches(h, p.id, end);
    await quiesce(h);
    expect(received(p.id)).toEqual([['pending', 2], [end, 1]]);
    expect(appliedTo(p.id)).toEqual(['pending', end]);
    expect(expectLedgerMatchesEmulator(h, p.id).status).toBe(end);
  });

  it('SNAP-BI: a stale `pending` signed with Midtrans\' key after the settlement', async () => {
    // The emulator's `late` rule renders nothing for SNAP-BI charges (its formatter never announces
    // `pending`), so the stale notification is built and signed here with the emulator's key.
    const p = await open('qris', 29_000);
    await customerPays(h, p);
    await ledgerReaches(h, p.id, 'settlement');
    await quiesce(h);
    const path = '/v1.0/qr/qr-mpm-notify';
    const body = JSON.stringify({
      originalPartnerReferenceNo: p.orderId,
      originalReferenceNo: h.emulator.store.find(p.orderId)!.transactionId,
      latestTransactionStatus: '03',
      amount: { value: '29000.00', currency: 'IDR' },
    });
    const timestamp = new Date().toISOString();
    const signature = signSnapBiNotification({ path, body: Buffer.from(body), timestamp }, h.emulator.credentials.snapBi.notificationPrivateKeyPem);
    const res = await post(h.listener!.snapBiBaseUrl + path, body, { 'x-timestamp': timestamp, 'x-signature': signature });
    expect(res.status).toBe(200);
    await quiesce(h);
    expect(claims(p.id)).toEqual(['settlement', 'pending']);
    expect(appliedTo(p.id)).toEqual(['pending', 'settlement']);
    expectLedgerMatchesEmulator(h, p.id, 'webhook');
  });

  // Midtrans may reverse a settled Indomaret / Permata VA / Mandiri Bill payment to `deny`
  // (midtrans-core-api.md §4.6, §5.2): once confirmed by the status API it must reach the
  // ledger, or the till would keep showing money it does not have.
  it('a confirmed reversal of a settled Indomaret payment (settlement → deny) reaches the ledger', async () => {
    const p = await open('indomaret', 34_000);
    await customerPays(h, p);
    await ledgerReaches(h, p.id, 'settlement');
    await quiesce(h);
    await sim(h, 'deny', { order_id: p.orderId });
    await quiesce(h);
    expect(eventsOf(h, p.id).at(-1)).toMatchObject({ from_status: 'settlement', to_status: 'deny', applied: 1 });
    expect(h.payments.get(p.id).status).toBe('deny');
    expectLedgerMatchesEmulator(h, p.id);
  });

  it.each([
    ['SNAP-BI', {}],
    ['Core API', { qris: 'core_api' }],
  ] as const)('%s: the genuine QRIS settlement notification replayed after a full refund changes nothing', async (_api, routing) => {
    const e = await startEngine({ routing });
    try {
      const p = await e.payments.create({ items: cart(28_000), method: 'qris' });
      await customerPays(e, p);
      await ledgerReaches(e, p.id, 'settlement');
      await quiesce(e);
      await e.payments.refund(p.id);
      await quiesce(e);
      expectLedgerMatchesEmulator(e, p.id);

      // Midtrans retrying an old delivery: the very bytes and headers it signed, sent again.
      const original = e.emulator.dispatcher.log(p.orderId).find((r) => r.status === 'settlement')!;
      const res = await fetch(original.url, { method: 'POST', body: original.body, headers: original.headers });
      expect(res.status).toBe(200);
      await quiesce(e);
      // Recorded once: the replay counts on the settlement claim it repeats, which stays unapplied.
      const replayed = eventsOf(e, p.id).filter((x) => x.note === 'notification' && x.claimed_status === 'settlement');
      expect(replayed).toEqual([expect.objectContaining({ claimed_status: 'settlement', applied: 0, received: 2 })]);
      expect(eventsOf(e, p.id).filter((x) => x.applied === 1).map((x) => x.to_status)).toEqual(['pending', 'settlement', 'refund']);
      expect(expectLedgerMatchesEmulator(e, p.id)).toMatchObject({ status: 'refund' });
    } finally {
      await e.close();
    }
  });
});

describe('forged notifications', () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  it('Core API: a wrong signature_key claiming settlement → 401, no row written, still pending', async () => {
    const p = await open('indomaret', 45_000);
    const fields = { order_id: p.orderId, status_code: '200', gross_amount: '45000.00' };
    const before = allCounts();
    for (const signature_key of [
      '0'.repeat(128),
      coreNotificationSignature(fields, 'SB-Mid-server-not-the-merchants-key'),
      coreNotificationSignature({ ...fields, gross_amount: '45000' }, h.emulator.credentials.serverKey),
    ]) {
      const res = await post(h.listener!.coreNotificationUrl, JSON.stringify({ ...fields, transaction_status: 'settlement', signature_key }));
      expect(res.status).toBe(401);
    }
    await quiesce(h);
    expect(allCounts()).toEqual(before);
    expect(expectLedgerMatchesEmulator(h, p.id).status).toBe('pending');
  });

  it.each([
    ['qris', '/v1.0/qr/qr-mpm-notify'],
    ['gopay', '/v1.0/debit/notify'],
  ] as const)('SNAP-BI %s: a settlement signed by another key, or unsigned → 401, nothing written', async (method, path) => {
    const p = await open(method, 46_000);
    const body = JSON.stringify({
      originalPartnerReferenceNo: p.orderId,
      originalReferenceNo: h.emulator.store.find(p.orderId)!.transactionId,
      latestTransactionStatus: '00',
      amount: { value: '46000.00', currency: 'IDR' },
    });
    const timestamp = new Date().toISOString();
    const url = h.listener!.snapBiBaseUrl + path;
    const before = allCounts();
    const forged = signSnapBiNotification({ path, body: Buffer.from(body), timestamp }, other);
    expect((await post(url, body, { 'x-timestamp': timestamp, 'x-signature': forged })).status).toBe(401);
    expect((await post(url, body, { 'x-timestamp': timestamp })).status).toBe(401);
    await quiesce(h);
    expect(allCounts()).toEqual(before);
    expect(expectLedgerMatchesEmulator(h, p.id).status).toBe('pending');
  });

  it('a genuine notification for an order this till never made → 200, logged, nothing written', async () => {
    const fields = { order_id: 'KSR-SOMEONE-ELSE-1', status_code: '200', gross_amount: '10000.00' };
    const before = allCounts();
    const res = await post(
      h.listener!.coreNotificationUrl,
      JSON.stringify({ ...fields, transaction_status: 'settlement', signature_key: coreNotificationSignature(fields, h.emulator.credentials.serverKey) }),
    );
    expect(res.status).toBe(200);
    expect(allCounts()).toEqual(before);
  });

  it('the emulator’s own simulator cannot be used to forge either: a notification signed for another path is refused', async () => {
    const p = await open('qris', 47_000);
    await sim(h, 'pay', { order_id: p.orderId });
    await ledgerReaches(h, p.id, 'settlement');
    await quiesce(h);
    const genuine = h.emulator.dispatcher.log(p.orderId).find((r) => r.status === 'settlement')!;
    const before = allCounts();
    // Same signed bytes, posted to the debit path: the signature covers the path, so it no longer verifies.
    const res = await fetch(`${h.listener!.snapBiBaseUrl}/v1.0/debit/notify`, { method: 'POST', body: genuine.body, headers: genuine.headers });
    expect(res.status).toBe(401);
    expect(allCounts()).toEqual(before);
    expectLedgerMatchesEmulator(h, p.id, 'webhook');
  });
});
