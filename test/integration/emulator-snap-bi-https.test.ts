/**
 * The emulator's SNAP-BI endpoints over real HTTPS with our own node:https
 * client that trusts the emulator CA explicitly (no verification switched
 * off): every endpoint once, signed independently of the emulator's helpers,
 * plus wire-level checks (echoed X-TIMESTAMP, HTTP status = code prefix,
 * replay/409, bad HMAC, bad RSA, token expiry through the simulator clock API).
 */
import { createHash, createHmac, randomUUID, sign } from 'node:crypto';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { rsaPair } from '../fixtures/emu-context';

type Json = Record<string, unknown>;
interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: Json; raw: Buffer }

let emu: RunningEmulator;
let agent: https.Agent;

beforeAll(async () => {
  emu = await startEmulator();
  agent = new https.Agent({ ca: emu.caCertPem, keepAlive: true });
});
afterAll(async () => {
  agent?.destroy();
  await emu?.close();
});

function request(method: 'GET' | 'POST', url: string, headers: Record<string, string>, raw = ''): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: isJson ? (JSON.parse(buf.toString('utf8')) as Json) : {}, raw: buf });
      });
    });
    req.on('error', reject);
    req.end(raw);
  });
}

const wib = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';

async function getToken(privateKeyPem = emu.credentials.snapBi.merchantPrivateKeyPem): Promise<Reply> {
  const { clientId } = emu.credentials.snapBi;
  const ts = wib();
  const sig = sign('sha256', Buffer.from(`${clientId}|${ts}`), privateKeyPem).toString('base64');
  return request('POST', `${emu.urls.snapBiUrl}/v1.0/access-token/b2b`, {
    'Content-Type': 'application/json', 'X-CLIENT-KEY': clientId, 'X-TIMESTAMP': ts, 'X-SIGNATURE': sig,
  }, '{"grantType":"client_credentials"}');
}

async function signed(path: string, body: Json, o: { token?: string; externalId?: string; secret?: string } = {}): Promise<Reply> {
  const c = emu.credentials.snapBi;
  const token = o.token ?? String((await getToken()).body.accessToken);
  const raw = JSON.stringify(body);
  const ts = wib();
  const hash = createHash('sha256').update(raw).digest('hex');
  const sig = createHmac('sha512', o.secret ?? c.clientSecret).update(`POST:${path}:${token}:${hash}:${ts}`).digest('base64');
  const res = await request('POST', `${emu.urls.snapBiUrl}${path}`, {
    'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-TIMESTAMP': ts, 'X-SIGNATURE': sig,
    'X-PARTNER-ID': c.partnerId, 'X-EXTERNAL-ID': o.externalId ?? randomUUID(), 'CHANNEL-ID': c.channelId,
  }, raw);
  // Wire rules every answer obeys.
  expect(res.headers['x-timestamp']).toBe(ts);
  expect(String(res.status)).toBe(String(res.body.responseCode).slice(0, 3));
  return res;
}

async function pay(selector: Json): Promise<void> {
  const r = await request('POST', `${emu.urls.simulatorUrl}/api/pay`, { 'Content-Type': 'application/json' }, JSON.stringify(selector));
  expect(r.status).toBe(200);
}

const money = (value: string): Json => ({ value, currency: 'IDR' });

describe('every SNAP-BI endpoint over HTTPS with the emulator CA trusted explicitly', () => {
  it('token', async () => {
    const t = await getToken();
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ responseCode: '2007300', tokenType: 'Bearer', expiresIn: '900' });
  });

  it('QRIS generate, QR image, query, refund, cancel', async () => {
    const mid = emu.credentials.snapBi.merchantId;
    const ord = randomUUID();
    const gen = await signed('/v1.0/qr/qr-mpm-generate', { partnerReferenceNo: ord, merchantId: mid, amount: money('12000.00') }, { externalId: ord });
    expect(gen.body.responseCode).toBe('2004700');
    const img = await request('GET', String(gen.body.qrUrl), {});
    expect([img.status, img.headers['content-type'], img.raw.subarray(1, 4).toString()]).toEqual([200, 'image/png', 'PNG']);
    await pay({ order_id: ord });
    expect((await signed('/v1.0/qr/qr-mpm-query', { originalReferenceNo: gen.body.referenceNo, serviceCode: '47' })).body.latestTransactionStatus).toBe('00');
    const refundNo = randomUUID();
    const rf = await signed('/v1.0/qr/qr-mpm-refund', { merchantId: mid, originalReferenceNo: gen.body.referenceNo, partnerRefundNo: refundNo }, { externalId: refundNo });
    expect(rf.body).toMatchObject({ responseCode: '2007800', refundAmount: money('12000.00') });
    const ord2 = randomUUID();
    await signed('/v1.0/qr/qr-mpm-generate', { partnerReferenceNo: ord2, merchantId: mid, amount: money('1000.00') }, { externalId: ord2 });
    const c = await signed('/v1.0/qr/qr-mpm-cancel', { originalExternalId: ord2, merchantId: mid, reason: 'x' });
    expect(c.body.responseCode).toBe('2007700');
  });

  it('debit payment, status, refund, cancel', async () => {
    const mid = emu.credentials.snapBi.merchantId;
    const body = (id: string): Json => ({ partnerReferenceNo: id, chargeToken: '', merchantId: mid, payOptionDetails: [{ payMethod: 'SHOPEEPAY', payOption: 'SHOPEEPAY', transAmount: money('8000.00') }] });
    const ord = randomUUID();
    const p = await signed('/v1.0/debit/payment-host-to-host', body(ord));
    expect(p.body.responseCode).toBe('2005400');
    await pay({ order_id: ord });
    expect((await signed('/v1.0/debit/status', { originalReferenceNo: p.body.referenceNo, serviceCode: '54' })).body.latestTransactionStatus).toBe('00');
    expect((await signed('/v1.0/debit/refund', { originalReferenceNo: p.body.referenceNo, partnerRefundNo: randomUUID(), refundAmount: money('3000.00') })).body.responseCode).toBe('2005800');
    const ord2 = randomUUID();
    const p2 = await signed('/v1.0/debit/payment-host-to-host', body(ord2));
    expect((await signed('/v1.0/debit/cancel', { originalReferenceNo: p2.body.referenceNo })).body.responseCode).toBe('2005700');
  });

  it('VA create, status, delete', async () => {
    const mid = emu.credentials.snapBi.merchantId;
    const trxId = randomUUID();
    const v = await signed('/v1.0/transfer-va/create-va', {
      partnerServiceId: '   88899', virtualAccountName: 'Ani', trxId, totalAmount: money('30000.00'), additionalInfo: { merchantId: mid, bank: 'bni' },
    }, { externalId: trxId });
    expect(v.body.responseCode).toBe('2002700');
    const data = v.body.virtualAccountData as Json;
    const st = await signed('/v1.0/transfer-va/status', { ...data, inquiryRequestId: trxId, additionalInfo: { merchantId: mid } });
    expect(st.body).toMatchObject({ responseCode: '2002600', virtualAccountData: { paymentFlagStatus: '03' } });
    const d = await signed('/v1.0/transfer-va/delete-va', { partnerServiceId: data.partnerServiceId, customerNo: data.customerNo, virtualAccountNo: data.virtualAccountNo, trxId, additionalInfo: { merchantId: mid } });
    expect(d.body.responseCode).toBe('2003100');
  });
});

describe('failures on the wire', () => {
  it('bad HMAC → 401xx00, bad RSA → 4017300', async () => {
    const bad = await signed('/v1.0/debit/status', { originalReferenceNo: 'x' }, { secret: 'not-the-secret' });
    expect([bad.status, bad.body.responseCode, bad.body.responseMessage]).toEqual([401, '4015500', 'Unauthorized. Signature']);
    const t = await getToken(rsaPair().privateKeyPem);
    expect([t.status, t.body.responseCode]).toEqual([401, '4017300']);
  });

  it('token expired after the simulator clock advances 901 s → 401xx01', async () => {
    const token = String((await getToken()).body.accessToken);
    const adv = await request('POST', `${emu.urls.simulatorUrl}/api/clock/advance`, { 'Content-Type': 'application/json' }, '{"seconds":901}');
    expect(adv.status).toBe(200);
    const r = await signed('/v1.0/qr/qr-mpm-query', { originalReferenceNo: 'x' }, { token });
    expect([r.status, r.body.responseCode, r.body.responseMessage]).toEqual([401, '4015101', 'Invalid Token (B2B)']);
  });

  it('X-EXTERNAL-ID: replay and 409 conflict', async () => {
    const mid = emu.credentials.snapBi.merchantId;
    const ext = randomUUID();
    const body = { partnerReferenceNo: ext, merchantId: mid, amount: money('5000.00') };
    const a = await signed('/v1.0/qr/qr-mpm-generate', body, { externalId: ext });
    const b = await signed('/v1.0/qr/qr-mpm-generate', body, { externalId: ext });
    expect(b.body).toEqual(a.body);
    const c = await signed('/v1.0/qr/qr-mpm-generate', { ...body, amount: money('5001.00') }, { externalId: ext });
    expect([c.status, c.body.responseCode]).toEqual([409, '4094700']);
  });
});
