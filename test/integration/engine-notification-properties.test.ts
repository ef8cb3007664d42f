/**
 * Properties of notification parsing at the listener boundary, with the real
 * listener, verifier, sink, ledger and the emulator's status API behind it
 * (the verifier alone and the listener with a fake sink are covered by
 * test/unit/webhook-properties.test.ts):
 *
 * - a notification signed with the real keys may claim anything — any status,
 *   amount or status code — it is recorded as received (a claim already
 *   recorded counts once more on its row) and the ledger still
 *   ends equal to the emulator's truth (claims are confirmed, never trusted);
 * - any single-byte corruption of a signed notification is either refused
 *   (4xx, not one row written) or, where Core API leaves a field unsigned,
 *   recorded and confirmed — and the ledger again ends equal to the truth.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreNotificationSignature, signSnapBiNotification } from '../../electron/main/core/gateway/signatures';
import { snapBiTimestamp } from '../../electron/main/core/gateway/time';
import type { PaymentEventRow } from '../../electron/main/core/ledger/rows';
import type { PaymentView } from '../../shared/contract/schemas';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';
import { cart, countRows, eventsOf, expectLedgerMatchesEmulator, notificationsOf, quiesce } from '../fixtures/engine-truth';

let h: EngineHarness;
let core: PaymentView;
let snap: PaymentView;
const QRIS_PATH = '/v1.0/qr/qr-mpm-notify';

beforeAll(async () => {
  h = await startEngine();
  core = await h.payments.create({ items: cart(31_000), method: 'indomaret' });
  snap = await h.payments.create({ items: cart(32_000), method: 'qris' });
  await quiesce(h);
});
afterAll(async () => h?.close());

const post = (url: string, body: Buffer | string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

/** A Core notification for `core`, signed with the merchant's real server key. */
function signedCore(f: { status_code: string; gross_amount: string; transaction_status: string }): string {
  const fields = { order_id: core.orderId, status_code: f.status_code, gross_amount: f.gross_amount };
  const signature_key = coreNotificationSignature(fields, h.emulator.credentials.serverKey);
  return JSON.stringify({ ...fields, transaction_status: f.transaction_status, status_message: 'midtrans payment notification', signature_key });
}

/** A SNAP-BI QRIS notification for `snap`, signed with Midtrans' (the emulator's) notification key. */
function signedSnap(code: string, value: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    originalPartnerReferenceNo: snap.orderId,
    originalReferenceNo: h.emulator.store.find(snap.orderId)!.transactionId,
    latestTransactionStatus: code,
    amount: { value, currency: 'IDR' },
  });
  // Signed now on the gateway's clock: a new notification outside the X-TIMESTAMP window is refused.
  const timestamp = snapBiTimestamp(h.emulator.clock.now());
  const signature = signSnapBiNotification({ path: QRIS_PATH, body: Buffer.from(body), timestamp }, h.emulator.credentials.snapBi.notificationPrivateKeyPem);
  return { body, headers: { 'x-timestamp': timestamp, 'x-signature': signature } };
}

/** Claim rows by id with how often each was received: a repeat counts on its claim instead of adding a row. */
const receivedBy = (paymentId: string): Map<number, number> => new Map(notificationsOf(h, paymentId).map((e) => [e.id, e.received]));
/** The one claim a notification was counted on since `before`: a new row, or a row received once more. */
function countedOn(paymentId: string, before: Map<number, number>): PaymentEventRow[] {
  return notificationsOf(h, paymentId).filter((e) => e.received !== before.get(e.id) && e.received === (before.get(e.id) ?? 0) + 1);
}

const both = (): void => {
  expect(expectLedgerMatchesEmulator(h, core.id).status).toBe('pending');
  expect(expectLedgerMatchesEmulator(h, snap.id).status).toBe('pending');
};

describe('signed notifications claiming anything', () => {
  it('Core API: recorded as claimed, confirmed with the status API, never trusted', async () => {
    const claim = fc.record({
      status_code: fc.constantFrom('200', '201', '202', '407', '999'),
      gross_amount: fc.oneof(fc.constant('31000.00'), fc.integer({ min: 1, max: 99_999_999 }).map((n) => `${n}.00`)),
      transaction_status: fc.oneof(
        fc.constantFrom('settlement', 'SETTLEMENT', 'capture', 'expire', 'cancel', 'deny', 'refund', 'partial_refund', 'failure'),
        // Object.prototype member names once resolved through a plain-object lookup and failed the write (500).
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(claim, async (c) => {
        const before = receivedBy(core.id);
        const res = await post(h.listener!.coreNotificationUrl, signedCore(c));
        expect(res.status).toBe(200);
        await quiesce(h);
        const recorded = countedOn(core.id, before);
        expect(recorded).toHaveLength(1);
        expect(recorded[0]!.claimed_status).toBe(c.transaction_status.toLowerCase().slice(0, 64));
        both();
      }),
      {
        numRuns: 25,
        examples: ['__proto__', 'constructor', 'toString'].map((t) => [{ status_code: '200', gross_amount: '31000.00', transaction_status: t }]),
      },
    );
  });

  it('SNAP-BI: recorded as claimed, confirmed with the status API, never trusted', async () => {
    const claim = fc.tuple(
      fc.constantFrom('00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '77', '__proto__', 'toString', 'valueOf'),
      fc.oneof(fc.constant('32000.00'), fc.integer({ min: 1, max: 99_999_999 }).map((n) => `${n}.00`)),
    );
    await fc.assert(
      fc.asyncProperty(claim, async ([code, value]) => {
        const before = receivedBy(snap.id);
        const n = signedSnap(code, value);
        const res = await post(h.listener!.snapBiBaseUrl + QRIS_PATH, n.body, n.headers);
        expect(res.status).toBe(200);
        await quiesce(h);
        expect(countedOn(snap.id, before)).toHaveLength(1);
        both();
      }),
      { numRuns: 20, examples: [[['__proto__', '32000.00']], [['toString', '32000.00']]] },
    );
  });
});

describe('single-byte corruption of a signed notification', () => {
  const corruption = (len: number) =>
    fc.record({ at: fc.integer({ min: 0, max: len - 1 }), byte: fc.integer({ min: 0, max: 255 }) });
  const corrupt = (text: string, c: { at: number; byte: number }): Buffer | null => {
    const b = Buffer.from(text);
    if (b[c.at] === c.byte) return null;
    b[c.at] = c.byte;
    return b;
  };

  it.each([
    [
      'Core API',
      () => ({
        url: h.listener!.coreNotificationUrl,
        body: signedCore({ status_code: '200', gross_amount: '31000.00', transaction_status: 'settlement' }),
        headers: {},
      }),
    ],
    ['SNAP-BI', () => ({ url: h.listener!.snapBiBaseUrl + QRIS_PATH, ...signedSnap('00', '32000.00') })],
  ] as const)('%s: refused with nothing written, or recorded and confirmed; the ledger stays true', async (api, make) => {
    const genuine = make();
    await fc.assert(
      fc.asyncProperty(corruption(Buffer.byteLength(genuine.body)), async (c) => {
        const body = corrupt(genuine.body, c);
        if (!body) return;
        const events = countRows(h, 'payment_events');
        const res = await post(genuine.url, body, genuine.headers);
        await res.arrayBuffer();
        expect([200, 400, 401]).toContain(res.status);
        await quiesce(h);
        if (res.status !== 200) expect(countRows(h, 'payment_events')).toBe(events);
        both();
      }),
      { numRuns: 40 },
    );
    // The uncorrupted original is accepted, recorded and still not trusted.
    const res = await post(genuine.url, genuine.body, genuine.headers);
    expect(res.status).toBe(200);
    await quiesce(h);
    expect(eventsOf(h, api === 'Core API' ? core.id : snap.id).some((e) => e.claimed_status === 'settlement')).toBe(true);
    both();
  });
});
