/**
 * Midtrans' clock as the till measures it (gateway/gateway-clock.ts): readings
 * from `Date` headers (and a body time when no `Date` came), a median robust
 * to one odd reading, a deadband for Date's 1 s resolution, the skew report
 * the cashier hears, the first-reading probe; and SNAP-BI signing with it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import { GatewayClock, tillTime, type ClockSkew } from '../../electron/main/core/gateway/gateway-clock';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../electron/main/core/gateway/http';
import { SnapBiClient } from '../../electron/main/core/gateway/snap-bi-client';
import { snapBiTimestamp } from '../../electron/main/core/gateway/time';
import { buildIntent } from '../../electron/main/core/payments/intent';
import { DEFAULT_API_FOR } from '../../shared/domain/payment';
import { noticeText, type Translate } from '../../renderer/src/components/error-text';
import { expiryOnTillClock } from '../../renderer/src/features/payment/till-expiry';
import i18next from 'i18next';
import { en } from '../../renderer/src/i18n/en';
import { id } from '../../renderer/src/i18n/id';

const MIN = 60_000;
/** A till clock on a whole second, so a `Date` header carries it exactly. */
const start = Date.UTC(2026, 10, 26, 3, 0, 0);
const dateAt = (ms: number): string => new Date(ms).toUTCString();

function setup(opts: { probe?: () => Promise<unknown> } = {}) {
  const clock = new ManualClock(start);
  const gc = new GatewayClock({ clock, logger: silentLogger, ...opts });
  const skews: ClockSkew[] = [];
  gc.onSkew((s) => skews.push(s));
  /** One answer whose `Date` says the till's clock plus `offsetMs`. */
  const answer = (offsetMs: number): void => gc.begin().fromDate(dateAt(clock.now() + offsetMs));
  return { clock, gc, skews, answer };
}

describe('GatewayClock', () => {
  it('is the till clock until the first reading, then the till clock plus the measured offset', () => {
    const { clock, gc, answer } = setup();
    expect(gc.measured()).toBe(false);
    expect(gc.now()).toBe(clock.now());
    answer(-3 * MIN);
    expect(gc.measured()).toBe(true);
    // Date is truncated to the second: the reading is taken mid-second, so within ±0.5 s.
    expect(Math.abs(gc.offsetMs() + 3 * MIN)).toBeLessThanOrEqual(500);
    expect(gc.now() - clock.now()).toBe(gc.offsetMs());
  });

  it('treats less than 1.5 s as no offset (what a 1 s Date can tell), and ignores unreadable headers', () => {
    const { gc, answer } = setup();
    answer(900);
    expect(gc.offsetMs()).toBe(0);
    gc.begin().fromDate('not a date');
    gc.begin().fromDate(undefined);
    expect(gc.offsetMs()).toBe(0);
  });

  it('takes the midpoint of send and receive: a slow answer does not count as skew', () => {
    const { clock, gc } = setup();
    const reading = gc.begin();
    clock.advance(4_000); // 4 s round trip; the server answered half-way
    reading.fromDate(dateAt(clock.now() - 2_000));
    expect(gc.offsetMs()).toBe(0);
  });

  it('one odd reading never moves it; a real change shows after it is confirmed', () => {
    const { gc, answer } = setup();
    for (let i = 0; i < 4; i++) answer(-3 * MIN);
    const settled = gc.offsetMs();
    answer(2 * 60 * MIN); // a cached answer from hours ago, say
    expect(gc.offsetMs()).toBe(settled);
    answer(-3 * MIN);
    expect(gc.offsetMs()).toBe(settled);

    // The till's clock was corrected: Midtrans now agrees with it.
    const fresh = setup();
    fresh.answer(-3 * MIN);
    fresh.answer(0);
    expect(fresh.gc.offsetMs()).not.toBe(0); // two readings: the newer one is not trusted yet
    fresh.answer(0);
    expect(fresh.gc.offsetMs()).toBe(0);
  });

  it('a body time counts only when the answer had no Date', () => {
    const { clock, gc } = setup();
    const withDate = gc.begin();
    withDate.fromDate(dateAt(clock.now()));
    withDate.fromBody(clock.now() - 10 * MIN);
    expect(gc.offsetMs()).toBe(0);
    gc.begin().fromBody(clock.now() + 5 * MIN);
    gc.begin().fromBody(clock.now() + 5 * MIN);
    expect(Math.abs(gc.offsetMs() - 5 * MIN)).toBeLessThanOrEqual(500);
  });

  it('reports a skew over a minute once, again when it changes by a minute or more, and afresh after it was fixed', () => {
    const { gc, skews, answer } = setup();
    answer(-50_000);
    expect(skews).toEqual([]);
    answer(-3 * MIN);
    answer(-3 * MIN);
    expect(skews).toEqual([{ offsetMs: gc.offsetMs(), minutes: 3, direction: 'ahead' }]);
    for (let i = 0; i < 5; i++) answer(-3 * MIN - 20_000);
    expect(skews).toHaveLength(1);
    for (let i = 0; i < 5; i++) answer(15 * MIN);
    expect(skews).toHaveLength(2);
    expect(skews[1]).toMatchObject({ minutes: 15, direction: 'behind' });
    for (let i = 0; i < 5; i++) answer(0);
    for (let i = 0; i < 5; i++) answer(15 * MIN);
    expect(skews).toHaveLength(3);
  });

  it('sync() probes once for a first reading (concurrent callers share it), never again once measured, and never throws', async () => {
    let probes = 0;
    const clock = new ManualClock(start);
    const gc: GatewayClock = new GatewayClock({
      clock,
      logger: silentLogger,
      probe: async () => {
        probes++;
        gc.begin().fromDate(dateAt(clock.now() + 15 * MIN));
      },
    });
    await Promise.all([gc.sync(), gc.sync()]);
    expect(probes).toBe(1);
    expect(Math.abs(gc.offsetMs() - 15 * MIN)).toBeLessThanOrEqual(500);
    await gc.sync();
    expect(probes).toBe(1);

    const failing = new GatewayClock({ clock, logger: silentLogger, probe: () => Promise.reject(new Error('down')) });
    await expect(failing.sync()).resolves.toBeUndefined();
    expect(failing.measured()).toBe(false);
    await expect(new GatewayClock({ clock, logger: silentLogger }).sync()).resolves.toBeUndefined();
  });

  it('tillTime is the till clock with no offset', () => {
    const clock = new ManualClock(start);
    const t = tillTime(clock);
    expect([t.now(), t.offsetMs(), t.measured()]).toEqual([start, 0, false]);
  });
});

describe('SNAP-BI on Midtrans time', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const creds = {
    clientId: 'CID', clientSecret: 's', partnerId: 'G1', channelId: '12345', notificationPublicKeyPem: '',
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const json = (body: unknown): HttpResponse => ({ status: 200, headers: {}, text: JSON.stringify(body) });

  it('X-TIMESTAMP of the token and of every call is Midtrans time, not the till time', async () => {
    const clock = new ManualClock(start);
    const sent: HttpRequest[] = [];
    const http: HttpTransport = {
      async request(req) {
        sent.push(req);
        if (req.path === '/v1.0/access-token/b2b') return json({ responseCode: '2007300', accessToken: 'T', tokenType: 'Bearer', expiresIn: '900' });
        return json({ responseCode: '2004700', referenceNo: 'R', partnerReferenceNo: 'O', qrContent: 'QR' });
      },
    };
    const gatewayTime = { now: () => clock.now() + 15 * MIN };
    const client = new SnapBiClient({ http, credentials: creds, clock, gatewayTime, logger: silentLogger });
    await client.charge({ orderId: 'O', method: 'qris', amount: 1_000, items: [], idempotencyKey: 'O', expiresAt: null });
    expect(sent.map((r) => r.headers['X-TIMESTAMP'])).toEqual([snapBiTimestamp(start + 15 * MIN), snapBiTimestamp(start + 15 * MIN)]);
  });
});

describe('the intent', () => {
  it("fixes a SNAP-BI expiry on Midtrans' clock (created_at stays the till's)", () => {
    const ids = { paymentId: () => 'P', orderId: () => 'O', gatewayOrderId: () => 'G', externalId: () => 'E', refundKey: () => 'R' };
    const row = buildIntent({
      ids, orderId: 'O', method: 'qris', amount: 15_000, routing: DEFAULT_API_FOR, now: start, gatewayNow: start + 15 * MIN, zone: 'Asia/Jakarta', gatewayEnv: 'emulator',
    });
    expect([row.created_at, row.expires_at]).toEqual([new Date(start).toISOString(), new Date(start + 30 * MIN).toISOString()]);
  });
});

describe('what the cashier sees', () => {
  const translator = (lng: 'id' | 'en'): Translate => {
    const instance = i18next.createInstance();
    void instance.init({ resources: { id: { translation: id }, en: { translation: en } }, lng, initAsync: false, interpolation: { escapeValue: false } });
    return (key, values) => instance.t(key, values ?? {});
  };

  it('the clock_skew notice names the minutes and the direction in both languages', () => {
    expect(noticeText({ code: 'clock_skew', params: { minutes: 3, direction: 'ahead' } }, translator('en'))).toMatch(
      /^This computer's clock is 3 min ahead of Midtrans' clock\./,
    );
    expect(noticeText({ code: 'clock_skew', params: { minutes: 15, direction: 'behind' } }, translator('id'))).toMatch(
      /^Jam komputer ini lebih lambat 15 menit dari jam Midtrans\./,
    );
  });

  it('"valid until" is Midtrans\' expiry on the till clock: a till 3 minutes fast shows it 3 minutes later', () => {
    const expiresAt = '2026-11-26T03:15:00.000Z';
    expect(expiryOnTillClock({ expiresAt, clockOffsetMs: -3 * MIN })).toBe('2026-11-26T03:18:00.000Z');
    expect(expiryOnTillClock({ expiresAt })).toBe(expiresAt);
    expect(expiryOnTillClock({ expiresAt: null, clockOffsetMs: 5 })).toBeNull();
  });
});
