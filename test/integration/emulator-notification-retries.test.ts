/**
 * How notifications come again: SNAP-BI retries byte-identical (`verbatim`,
 * the default) or re-signed with a fresh X-TIMESTAMP (`resign`, switched
 * through `/simulator/api/settings` or `emu.configure`), and the replay fault
 * (`/simulator/api/notifications/replay`): a captured notification sent N
 * times, optionally padded with a junk field, once each, never retried.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coreSignature, startEmulator, type DeliveryRecord, type RunningEmulator } from '../../emulator/src/index';
import { chargeBody, coreClient, orderId, simulator, startReceiver, type Received, type Receiver } from './emulator-core-helpers';
import { snapCaller, snapSignatureOk } from './emulator-snap-helpers';

const QRIS_PATH = '/v1.0/qr/qr-mpm-notify';

let emu: RunningEmulator;
let rx: Receiver;
let snap: ReturnType<typeof snapCaller>;

beforeAll(async () => {
  rx = await startReceiver();
  emu = await startEmulator({ notificationUrls: [rx.url] });
  snap = snapCaller(emu);
});
afterAll(async () => {
  snap.close();
  await emu.close();
  await rx.close();
});
afterEach(() => {
  emu.configure({ snapBiRetries: 'verbatim' });
  rx.replies.clear();
});

const snapNotes = (ord: string): Received[] => rx.received.filter((n) => n.body.originalPartnerReferenceNo === ord);

/** A SNAP-BI QRIS settlement whose first delivery gets HTTP 500, then its one retry (+2 min). */
async function settlementRetried(ord: string): Promise<[Received, Received]> {
  await snap.qris(ord, 15000);
  rx.replies.set(ord, [500]);
  await simulator(emu, 'pay', { order_id: ord });
  await expect.poll(() => emu.dispatcher.log(ord)[0]?.state, { timeout: 5000 }).toBe('retry-scheduled');
  emu.clock.advance(120);
  await expect.poll(() => snapNotes(ord).length, { timeout: 5000 }).toBe(2);
  return snapNotes(ord) as [Received, Received];
}

describe('SNAP-BI retries', () => {
  it('verbatim (default): the retry is byte-identical, headers included', async () => {
    expect(emu.settings().snapBiRetries).toBe('verbatim');
    const [first, retry] = await settlementRetried(orderId('retry-verbatim'));
    expect(retry.raw).toBe(first.raw);
    for (const h of ['x-timestamp', 'x-signature', 'x-external-id']) expect(retry.headers[h]).toBe(first.headers[h]);
    expect(snapSignatureOk(emu, QRIS_PATH, retry.raw, retry.headers)).toBe(true);
  });

  it('resign: same body and X-EXTERNAL-ID, a fresh X-TIMESTAMP on the emulator clock and a valid new signature', async () => {
    expect(await simulator(emu, 'settings', { snapBiRetries: 'resign' })).toMatchObject({ ok: true, settings: { snapBiRetries: 'resign' } });
    const ord = orderId('retry-resign');
    const [first, retry] = await settlementRetried(ord);
    expect(retry.raw).toBe(first.raw);
    expect(retry.headers['x-external-id']).toBe(first.headers['x-external-id']);
    expect(retry.headers['x-signature']).not.toBe(first.headers['x-signature']);
    const gap = Date.parse(String(retry.headers['x-timestamp'])) - Date.parse(String(first.headers['x-timestamp']));
    expect(gap).toBeGreaterThanOrEqual(120_000);
    expect(gap).toBeLessThan(125_000);
    expect(snapSignatureOk(emu, QRIS_PATH, retry.raw, retry.headers)).toBe(true);
    // The delivery log keeps each attempt's own headers.
    const [a0, a1] = emu.dispatcher.log(ord)[0]?.attempts ?? [];
    expect(a0?.headers['X-TIMESTAMP']).toBe(first.headers['x-timestamp']);
    expect(a1?.headers['X-TIMESTAMP']).toBe(retry.headers['x-timestamp']);
  });

  it('settings are validated and readable', async () => {
    expect(await simulator(emu, 'settings', { snapBiRetries: 'sometimes' })).toMatchObject({ ok: false });
    expect(await simulator(emu, 'settings', { other: 1 })).toMatchObject({ ok: false });
    expect(await simulator(emu, 'settings', undefined, 'GET')).toEqual({ settings: { snapBiRetries: 'verbatim' } });
    expect(() => emu.configure({ snapBiRetries: 'never' as 'resign' })).toThrow();
  });

  it('Core API retries stay verbatim whatever the setting (their signature_key has no time in it)', async () => {
    emu.configure({ snapBiRetries: 'resign' });
    const id = orderId('retry-core');
    rx.replies.set(id, [500]);
    await coreClient(emu).charge(chargeBody(id, 'qris'));
    await expect.poll(() => emu.dispatcher.log(id)[0]?.state, { timeout: 5000 }).toBe('retry-scheduled');
    emu.clock.advance(120);
    await expect.poll(() => rx.received.filter((n) => n.body.order_id === id).length, { timeout: 5000 }).toBe(2);
    const [a, b] = rx.received.filter((n) => n.body.order_id === id);
    expect(b?.raw).toBe(a?.raw);
  });
});

describe('replaying a captured notification', () => {
  const replayed = (sourceId: number): DeliveryRecord[] => emu.dispatcher.log().filter((r) => r.replayOf === sourceId);

  it('a Core notification padded with 60 kB, 50 times: each arrives once, signature_key still valid', async () => {
    const id = orderId('replay-core');
    await coreClient(emu).charge(chargeBody(id, 'qris', {}, 21000));
    await simulator(emu, 'pay', { order_id: id });
    await expect.poll(() => emu.dispatcher.log(id).at(-1)?.state, { timeout: 5000 }).toBe('delivered');
    const before = rx.received.length;
    rx.replies.set(id, [500]); // a refusal is not retried: a replay is one shot

    const r = await simulator(emu, 'notifications/replay', { order_id: id, status: 'settlement', times: 50, pad: { bytes: 60_000 } });
    expect(r).toMatchObject({ ok: true, replayed: 50 });
    const source = emu.dispatcher.log(id).find((x) => x.status === 'settlement' && x.fault === undefined) as DeliveryRecord;
    expect(r.replayOf).toBe(source.id);
    await expect.poll(() => rx.received.length - before, { timeout: 10_000 }).toBe(50);
    await emu.dispatcher.idle();

    const got = rx.received.slice(before);
    for (const n of got) {
      expect(n.raw.length).toBeGreaterThan(60_000);
      expect(n.body._pad).toHaveLength(60_000);
      expect(n.body.signature_key).toBe(coreSignature(id, '200', '21000.00', emu.credentials.serverKey));
    }
    const records = replayed(source.id);
    expect(records).toHaveLength(50);
    expect(records.every((x) => x.fault === 'replay' && x.attempts.length === 1)).toBe(true);
    expect(records[0]?.state).toBe('failed');
    emu.clock.advance(3600);
    expect(replayed(source.id).every((x) => x.attempts.length === 1)).toBe(true);
  });

  it('SNAP-BI: verbatim replays verify; a padded one breaks the signature unless re-signed', async () => {
    const ord = orderId('replay-snap');
    await snap.qris(ord, 8000);
    await simulator(emu, 'pay', { order_id: ord });
    await expect.poll(() => snapNotes(ord).length, { timeout: 5000 }).toBe(1);
    const original = snapNotes(ord)[0] as Received;
    const sourceId = emu.dispatcher.log(ord)[0]?.id as number;

    expect(await simulator(emu, 'notifications/replay', { id: sourceId, times: 3 })).toMatchObject({ ok: true, replayed: 3 });
    expect(await simulator(emu, 'notifications/replay', { id: sourceId, pad: { bytes: 1000, field: 'junk' } })).toMatchObject({ ok: true });
    expect(await simulator(emu, 'notifications/replay', { id: sourceId, pad: { bytes: 1000 }, resign: true })).toMatchObject({ ok: true });
    await expect.poll(() => snapNotes(ord).length, { timeout: 5000 }).toBe(6);

    const [, v1, v2, v3, padded, resigned] = snapNotes(ord) as Received[];
    for (const n of [v1, v2, v3] as Received[]) {
      expect(n.raw).toBe(original.raw);
      expect(n.headers['x-signature']).toBe(original.headers['x-signature']);
      expect(n.headers['x-external-id']).toBe(original.headers['x-external-id']);
      expect(snapSignatureOk(emu, QRIS_PATH, n.raw, n.headers)).toBe(true);
    }
    expect(padded?.body.junk).toHaveLength(1000);
    expect(snapSignatureOk(emu, QRIS_PATH, padded?.raw ?? '', padded?.headers ?? {})).toBe(false);
    expect(resigned?.body._pad).toHaveLength(1000);
    expect(resigned?.headers['x-external-id']).toBe(original.headers['x-external-id']);
    expect(snapSignatureOk(emu, QRIS_PATH, resigned?.raw ?? '', resigned?.headers ?? {})).toBe(true);
  });

  it('refuses what cannot be replayed', async () => {
    expect(await simulator(emu, 'notifications/replay', { order_id: 'nothing-sent' })).toMatchObject({ ok: false, error: 'no such notification in the delivery log' });
    expect(await simulator(emu, 'notifications/replay', { times: 2 })).toMatchObject({ ok: false });
    expect(await simulator(emu, 'notifications/replay', { order_id: 'x', times: 0 })).toMatchObject({ ok: false });
    const id = orderId('replay-core-resign');
    await coreClient(emu).charge(chargeBody(id, 'qris'));
    expect(await simulator(emu, 'notifications/replay', { order_id: id, resign: true })).toMatchObject({
      ok: false,
      error: 'only SNAP-BI notifications can be re-signed',
    });
  });
});
