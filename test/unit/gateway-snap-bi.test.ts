import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../electron/main/core/gateway/http';
import { snapBiRequestSignature } from '../../electron/main/core/gateway/signatures';
import { buildSnapCreateBody, customerNoFor } from '../../electron/main/core/gateway/snap-bi-bodies';
import { SnapBiClient } from '../../electron/main/core/gateway/snap-bi-client';
import { interpretSnap } from '../../electron/main/core/gateway/snap-bi-errors';
import { snapEnvelope } from '../../electron/main/core/gateway/snap-bi-schemas';
import { snapBiTimestamp } from '../../electron/main/core/gateway/time';
import type { ChargeRequest } from '../../electron/main/core/gateway/types';
import { failure } from '../fixtures/failure';


const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CREDS = {
  clientId: 'CID',
  clientSecret: 'client-secret-1',
  partnerId: 'G123456789',
  channelId: '12345',
  privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  notificationPublicKeyPem: '',
};
const json = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, text: JSON.stringify(body) });
const tokenOk = (n: number) => json(200, { responseCode: '2007300', accessToken: `TOKEN${n}`, tokenType: 'Bearer', expiresIn: '900' });

/** Answers token requests itself; other paths from the script. */
class FakeSnap implements HttpTransport {
  readonly sent: HttpRequest[] = [];
  tokens = 0;
  constructor(private readonly script: ((req: HttpRequest) => HttpResponse)[]) {}
  async request(req: HttpRequest): Promise<HttpResponse> {
    this.sent.push(req);
    if (req.path === '/v1.0/access-token/b2b') return tokenOk(++this.tokens);
    const next = this.script.shift();
    if (!next) throw new Error(`unexpected ${req.path}`);
    return next(req);
  }
  calls(path: string) {
    return this.sent.filter((r) => r.path === path);
  }
}

const setup = (script: ((req: HttpRequest) => HttpResponse)[]) => {
  const http = new FakeSnap(script);
  const clock = new ManualClock();
  let n = 0;
  const client = new SnapBiClient({ http, credentials: CREDS, clock, logger: silentLogger, newExternalId: () => `ext-${++n}` });
  return { http, clock, client };
};

const req = (method: ChargeRequest['method']): ChargeRequest => ({
  orderId: 'KSR-20261126-ABC',
  method,
  amount: 15000,
  items: [],
  idempotencyKey: 'KSR-20261126-ABC',
});

const qrisOk = () => json(200, { responseCode: '2004700', referenceNo: 'A1REF', partnerReferenceNo: 'KSR-20261126-ABC', qrContent: '000201...' });

describe('SnapBiClient', () => {
  it('signs every request over the exact bytes sent with the headers SNAP-BI needs', async () => {
    const { http, client, clock } = setup([qrisOk]);
    const tx = await client.charge(req('qris'));
    expect(tx).toMatchObject({ status: 'pending', amount: 15000, referenceNo: 'A1REF', action: { kind: 'qr', qrString: '000201...' } });
    const [token, call] = http.sent;
    expect(token!.headers['X-CLIENT-KEY']).toBe('CID');
    expect(token!.headers['X-TIMESTAMP']).toBe(snapBiTimestamp(clock.now()));
    expect(call!.headers['X-TIMESTAMP']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(call!.headers.Authorization).toBe('Bearer TOKEN1');
    expect(call!.headers['X-EXTERNAL-ID']).toBe('KSR-20261126-ABC');
    expect(call!.headers['X-PARTNER-ID']).toBe('G123456789');
    expect(call!.headers['CHANNEL-ID']).toBe('12345');
    const expected = snapBiRequestSignature(
      { method: 'POST', path: call!.path, accessToken: 'TOKEN1', body: call!.body!, timestamp: call!.headers['X-TIMESTAMP']! },
      CREDS.clientSecret,
    );
    expect(call!.headers['X-SIGNATURE']).toBe(expected);
  });

  it('caches the token until 60 s before its 900 s expiry', async () => {
    const { http, client, clock } = setup([qrisOk, qrisOk, qrisOk]);
    await client.charge(req('qris'));
    clock.advance(839_000);
    await client.charge(req('qris'));
    expect(http.tokens).toBe(1);
    clock.advance(2_000);
    await client.charge(req('qris'));
    expect(http.tokens).toBe(2);
  });

  it('refreshes the token once on 401xx01 and re-signs with the new one', async () => {
    const { http, client } = setup([() => json(401, { responseCode: '4014701', responseMessage: 'Invalid Token (B2B)' }), qrisOk]);
    await client.charge(req('qris'));
    const calls = http.calls('/v1.0/qr/qr-mpm-generate');
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer TOKEN1', 'Bearer TOKEN2']);
    expect(calls[0]!.body).toBe(calls[1]!.body);
    expect(calls[1]!.headers['X-EXTERNAL-ID']).toBe(calls[0]!.headers['X-EXTERNAL-ID']);
  });

  it('does not loop on a second 401xx01', async () => {
    const bad = () => json(401, { responseCode: '4014701', responseMessage: 'Invalid Token (B2B)' });
    const { client } = setup([bad, bad]);
    const e = await failure(client.charge(req('qris')));
    expect(e.kind).toBe('auth');
  });

  it('maps a debit charge to a deeplink and a VA charge to the number Midtrans returned', async () => {
    const debit = () => json(200, { responseCode: '2005400', referenceNo: 'R', webRedirectUrl: 'https://pay/x', appRedirectUrl: 'gojek://x', additionalInfo: { validUpTo: '2026-11-26T10:15:00+07:00' } });
    const va = (r: HttpRequest) => {
      const b = JSON.parse(r.body!) as { partnerServiceId: string; customerNo: string };
      return json(200, { responseCode: '2002700', virtualAccountData: { ...b, virtualAccountNo: b.partnerServiceId + b.customerNo, expiredDate: '2026-11-27T10:00:00+07:00' } });
    };
    const { client } = setup([debit, va, va]);
    expect(await client.charge(req('gopay'))).toMatchObject({ action: { kind: 'deeplink', url: 'https://pay/x' }, expiresAt: '2026-11-26T03:15:00.000Z' });
    const bca = await client.charge(req('va_bca'));
    expect(bca.action).toEqual({ kind: 'va', bank: 'bca', vaNumber: `70012${customerNoFor('KSR-20261126-ABC', 'bca')}` });
    expect(bca.virtualAccountNo).toBe(`   70012${customerNoFor('KSR-20261126-ABC', 'bca')}`);
    const bill = await client.charge(req('mandiri_bill'));
    expect(bill.action).toEqual({ kind: 'bill', billerCode: '70012', billKey: customerNoFor('KSR-20261126-ABC', 'mandiri') });
  });

  it('status maps SNAP codes and returns null when not found', async () => {
    const st = (code: string, refunds: unknown[] = []) => () =>
      json(200, { responseCode: '2005100', latestTransactionStatus: code, amount: { value: '15000.00', currency: 'IDR' }, additionalInfo: { refundHistory: refunds } });
    const { client, http } = setup([
      st('00'),
      st('04', [{ refundAmount: { value: '5000.00' }, refundStatus: '00' }]),
      st('08'),
      () => json(404, { responseCode: '4045101', responseMessage: 'Transaction Not Found' }),
    ]);
    const ref = { api: 'snap_bi' as const, orderId: 'o', method: 'qris' as const, externalId: 'o' };
    expect((await client.status(ref))?.status).toBe('settlement');
    expect(await client.status(ref)).toMatchObject({ status: 'partial_refund', refundedAmount: 5000 });
    expect((await client.status(ref))?.status).toBe('expire');
    expect(await client.status(ref)).toBeNull();
    const ids = http.calls('/v1.0/qr/qr-mpm-query').map((c) => c.headers['X-EXTERNAL-ID']);
    expect(new Set(ids).size).toBe(4);
  });

  it('refunds with partnerRefundNo = X-EXTERNAL-ID = refundKey and reads status back', async () => {
    const { client, http } = setup([
      () => json(200, { responseCode: '2005800', refundAmount: { value: '15000.00' } }),
      () => json(200, { responseCode: '2005500', latestTransactionStatus: '04', transAmount: { value: '15000.00' }, refundHistory: [] }),
    ]);
    const tx = await client.refund({ ref: { api: 'snap_bi', orderId: 'o', method: 'shopeepay', externalId: 'o', referenceNo: 'R' }, refundKey: 'rk-1' });
    expect(tx).toMatchObject({ status: 'refund', refundedAmount: 15000 });
    const call = http.calls('/v1.0/debit/refund')[0]!;
    expect(call.headers['X-EXTERNAL-ID']).toBe('rk-1');
    expect(JSON.parse(call.body!)).toMatchObject({ partnerRefundNo: 'rk-1', originalReferenceNo: 'R', originalPartnerReferenceNo: 'o' });
  });

  it('refuses VA refunds as illegal without calling Midtrans', async () => {
    const { client, http } = setup([]);
    const e = await failure(client.refund({ ref: { api: 'snap_bi', orderId: 'o', method: 'va_bni', externalId: 'o' }, refundKey: 'r' }));
    expect(e.kind).toBe('illegal');
    expect(http.sent).toHaveLength(0);
  });
});

describe('bodies and codes', () => {
  const cfg = { merchantId: 'G1', partnerServiceIdFor: () => '   70012', callbackUrl: 'kasir://x' };
  it('create bodies are deterministic (no clock, no randomness)', () => {
    for (const m of ['qris', 'gopay', 'dana', 'va_bri', 'mandiri_bill'] as const) {
      expect(JSON.stringify(buildSnapCreateBody(req(m), cfg))).toBe(JSON.stringify(buildSnapCreateBody(req(m), cfg)));
    }
    expect(buildSnapCreateBody(req('dana'), cfg).body).toMatchObject({ payOptionDetails: [{ payOption: 'DANA', transAmount: { value: '15000.00', currency: 'IDR' } }] });
  });

  it.each([
    ['4097801', 409, 'duplicate'],
    ['4094700', 409, 'duplicate'],
    ['4054701', 405, 'illegal'],
    ['4045113', 404, 'amount'],
    ['4035402', 403, 'amount'],
    ['4012700', 401, 'auth'],
    ['4004702', 400, 'rejected'],
    ['5004700', 500, 'unavailable'],
    ['4294700', 429, 'unavailable'],
  ])('responseCode %s → %s', (code, status, kind) => {
    try {
      interpretSnap(json(status, { responseCode: code, responseMessage: 'x' }), snapEnvelope);
      expect.unreachable();
    } catch (e) {
      expect((e as GatewayError).kind).toBe(kind);
    }
  });
});
