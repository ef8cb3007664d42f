/**
 * Conformance of the emulator's SNAP-BI front end with the official Node client
 * (`midtrans-client`, unchanged apart from its base URL) over HTTPS: QRIS,
 * direct debit and VA round trips through the simulator, signature and token
 * failures, X-EXTERNAL-ID replay/conflict, and notifications that the client's
 * own verifier accepts. NB: the client itself builds its https.Agent with
 * certificate checks off — that is the library's doing; this file's own calls
 * (simulator) trust the emulator CA explicitly.
 */
import { createHash, randomUUID, verify } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { rsaPair } from '../fixtures/emu-context';

type Json = Record<string, unknown>;
interface SnapBiRequest {
  withBody(b: unknown): SnapBiRequest;
  withAccessToken(t: string): SnapBiRequest;
  createPayment(externalId: string): Promise<Json>;
  getStatus(externalId: string): Promise<Json>;
  cancel(externalId: string): Promise<Json>;
  refund(externalId: string): Promise<Json>;
  getAccessToken(): Promise<Json>;
  withNotificationPayload(p: unknown): SnapBiRequest;
  withSignature(s: string): SnapBiRequest;
  withTimeStamp(t: string): SnapBiRequest;
  withNotificationUrlPath(p: string): SnapBiRequest;
  isWebhookNotificationVerified(): boolean;
}
interface MidtransClient {
  SnapBi: { qris(): SnapBiRequest; directDebit(): SnapBiRequest; va(): SnapBiRequest; notification(): SnapBiRequest };
  SnapBiConfig: Record<string, string | boolean | null>;
}
const { SnapBi, SnapBiConfig } = createRequire(import.meta.url)('midtrans-client') as MidtransClient;

interface Received { path: string; headers: http.IncomingHttpHeaders; raw: string }
let emu: RunningEmulator;
let receiver: http.Server;
const received: Received[] = [];
let mid = '';

/** POST to the emulator with our own client, trusting only its CA. */
function emuPost(url: string, body: unknown): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const raw = JSON.stringify(body);
    const req = https.request(url, { method: 'POST', ca: emu.caCertPem, headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json }));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

async function simulate(action: 'pay' | 'expire', selector: Json): Promise<void> {
  const r = await emuPost(`${emu.urls.simulatorUrl}/api/${action}`, selector);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  await emu.dispatcher.idle();
}

/** The last notification the merchant endpoint received for an order, verified two ways. */
async function lastNotification(snapPath: string, orderId: string): Promise<Json> {
  await emu.dispatcher.idle();
  const forOrder = (r: Received): boolean => {
    const b = JSON.parse(r.raw) as Json;
    return (b.originalPartnerReferenceNo ?? b.trxId) === orderId;
  };
  const n = received.filter((r) => r.path === `/hooks${snapPath}` && forOrder(r)).at(-1);
  if (!n) throw new Error(`no notification on ${snapPath} for ${orderId}`);
  const sig = String(n.headers['x-signature']);
  const ts = String(n.headers['x-timestamp']);
  const payload = JSON.parse(n.raw) as Json;
  const official = SnapBi.notification().withNotificationPayload(payload).withSignature(sig).withTimeStamp(ts).withNotificationUrlPath(snapPath).isWebhookNotificationVerified();
  expect(official).toBe(true);
  // Independently: RSA over the raw bytes received.
  const s = `POST:${snapPath}:${createHash('sha256').update(n.raw).digest('hex')}:${ts}`;
  expect(verify('sha256', Buffer.from(s), emu.credentials.snapBi.notificationPublicKeyPem, Buffer.from(sig, 'base64'))).toBe(true);
  return payload;
}
function configureClient(): void {
  const c = emu.credentials.snapBi;
  SnapBiConfig.isProduction = false;
  SnapBiConfig.SNAP_BI_SANDBOX_BASE_URL = emu.urls.snapBiUrl;
  SnapBiConfig.snapBiClientId = c.clientId;
  SnapBiConfig.snapBiPrivateKey = c.merchantPrivateKeyPem;
  SnapBiConfig.snapBiClientSecret = c.clientSecret;
  SnapBiConfig.snapBiPartnerId = c.partnerId;
  SnapBiConfig.snapBiChannelId = c.channelId;
  SnapBiConfig.snapBiPublicKey = c.notificationPublicKeyPem;
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"responseCode":"2005600","responseMessage":"Successful"}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  emu = await startEmulator({ notificationUrls: [`http://127.0.0.1:${port}/hooks/`] });
  mid = emu.credentials.snapBi.merchantId;
  configureClient();
});

afterAll(async () => {
  await emu?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

const money = (value: string): Json => ({ value, currency: 'IDR' });

describe('official client: QRIS', () => {
  it('create → pay (simulator) → status → partial refund; cancel of another', async () => {
    const ext = randomUUID();
    const created = await SnapBi.qris().withBody({ partnerReferenceNo: ext, merchantId: mid, amount: money('15000.00'), additionalInfo: { acquirer: 'gopay' } }).createPayment(ext);
    expect(created).toMatchObject({ responseCode: '2004700', partnerReferenceNo: ext });
    const ref = String(created.referenceNo);
    await simulate('pay', { qr_string: created.qrContent });
    const n = await lastNotification('/v1.0/qr/qr-mpm-notify', ext);
    expect(n).toMatchObject({ originalReferenceNo: ref, latestTransactionStatus: '00' });

    const status = await SnapBi.qris().withBody({ originalReferenceNo: ref, originalPartnerReferenceNo: ext, merchantId: mid, serviceCode: '47' }).getStatus(randomUUID());
    expect(status).toMatchObject({ responseCode: '2005100', latestTransactionStatus: '00' });
    const refundExt = randomUUID();
    const refund = await SnapBi.qris().withBody({ merchantId: mid, originalPartnerReferenceNo: ext, originalReferenceNo: ref, partnerRefundNo: refundExt, reason: 'retur', refundAmount: money('5000.00') }).refund(refundExt);
    expect(refund).toMatchObject({ responseCode: '2007800', refundAmount: money('5000.00') });
    expect((await lastNotification('/v1.0/qr/qr-mpm-notify', ext)).latestTransactionStatus).toBe('04');

    const ext2 = randomUUID();
    const other = await SnapBi.qris().withBody({ partnerReferenceNo: ext2, merchantId: mid, amount: money('1000.00') }).createPayment(ext2);
    const cancel = await SnapBi.qris().withBody({ originalReferenceNo: other.referenceNo, merchantId: mid, reason: 'cancel reason' }).cancel(randomUUID());
    expect(cancel).toMatchObject({ responseCode: '2007700' });
  });
});

describe('official client: direct debit', () => {
  it.each(['GOPAY', 'SHOPEEPAY', 'DANA'])('%s: create → pay → status → refund', async (wallet) => {
    const ext = randomUUID();
    const created = await SnapBi.directDebit().withBody({
      partnerReferenceNo: ext, chargeToken: '', merchantId: mid,
      urlParam: { url: 'https://merchant.example/back', type: 'PAY_RETURN', isDeeplink: 'N' },
      payOptionDetails: [{ payMethod: wallet, payOption: wallet, transAmount: money('25000.00') }],
    }).createPayment(ext);
    expect(created).toMatchObject({ responseCode: '2005400', additionalInfo: { paymentType: wallet } });
    expect(String(created.webRedirectUrl)).toContain(`${emu.urls.simulatorUrl}/checkout/`);
    await simulate('pay', { order_id: ext });
    expect((await lastNotification('/v1.0/debit/notify', ext)).latestTransactionStatus).toBe('00');
    const status = await SnapBi.directDebit().withBody({ originalExternalId: ext, serviceCode: '54' }).getStatus(randomUUID());
    expect(status).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00' });
    const refund = await SnapBi.directDebit().withBody({ originalReferenceNo: created.referenceNo, reason: 'refund reason' }).refund(randomUUID());
    expect(refund).toMatchObject({ responseCode: '2005800', refundAmount: money('25000.00') });
  });

  it('cancels a pending charge; cancel after payment is 405', async () => {
    const paidExt = randomUUID();
    const paid = await SnapBi.directDebit().withBody({ partnerReferenceNo: paidExt, chargeToken: '', merchantId: mid, payOptionDetails: [{ payMethod: 'DANA', payOption: 'DANA', transAmount: money('1500.00') }] }).createPayment(paidExt);
    await simulate('pay', { order_id: paidExt });
    expect(await SnapBi.directDebit().withBody({ originalReferenceNo: paid.referenceNo }).cancel(randomUUID())).toMatchObject({ responseCode: '4055701' });

    const ext = randomUUID();
    const body = { partnerReferenceNo: ext, chargeToken: '', merchantId: mid, payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: money('1500.00') }] };
    const created = await SnapBi.directDebit().withBody(body).createPayment(ext);
    expect(await SnapBi.directDebit().withBody({ originalReferenceNo: created.referenceNo }).cancel(randomUUID())).toMatchObject({ responseCode: '2005700' });
    expect((await lastNotification('/v1.0/debit/notify', ext)).latestTransactionStatus).toBe('05');
  });
});

describe('official client: VA', () => {
  it('create → pay by VA number → status; delete of a pending one', async () => {
    const ext = randomUUID();
    const created = await SnapBi.va().withBody({
      partnerServiceId: '    1234', customerNo: '0000000000', virtualAccountNo: '    12340000000000', virtualAccountName: 'Merchant Operation',
      trxId: ext, totalAmount: money('1500.00'), additionalInfo: { merchantId: mid, bank: 'bca', flags: { shouldRandomizeVaNumber: true } },
    }).createPayment(ext);
    expect(created.responseCode).toBe('2002700');
    const va = created.virtualAccountData as Record<string, string>;
    await simulate('pay', { va_number: va.virtualAccountNo });
    expect(await lastNotification('/v1.0/transfer-va/payment', ext)).toMatchObject({ trxId: ext, additionalInfo: { paymentFlagStatus: '00', bank: 'bca' } });
    const status = await SnapBi.va().withBody({ partnerServiceId: va.partnerServiceId, customerNo: va.customerNo, virtualAccountNo: va.virtualAccountNo, inquiryRequestId: ext, additionalInfo: { merchantId: mid } }).getStatus(randomUUID());
    expect(status).toMatchObject({ responseCode: '2002600', virtualAccountData: { paymentFlagStatus: '00' } });

    const ext2 = randomUUID();
    const second = await SnapBi.va().withBody({
      partnerServiceId: '   70012', virtualAccountName: 'Budi', trxId: ext2, totalAmount: money('20000.00'),
      additionalInfo: { merchantId: mid, bank: 'mandiri', mandiri: { billInfo1: 'bank_name', billInfo2: 'mandiri' } },
    }).createPayment(ext2);
    const v2 = second.virtualAccountData as Record<string, string>;
    const del = await SnapBi.va().withBody({ ...v2, trxId: ext2, additionalInfo: { merchantId: mid } }).cancel(randomUUID());
    expect(del).toMatchObject({ responseCode: '2003100' });
  });
});

describe('official client: failures', () => {
  it('wrong client secret → 401xx00; wrong RSA key → 4017300', async () => {
    try {
      SnapBiConfig.snapBiClientSecret = 'wrong-secret';
      const r = await SnapBi.qris().withBody({ originalReferenceNo: 'x', serviceCode: '47' }).getStatus(randomUUID());
      expect(r).toEqual({ responseCode: '4015100', responseMessage: 'Unauthorized. Signature' });
      SnapBiConfig.snapBiPrivateKey = rsaPair().privateKeyPem;
      const t = await SnapBi.qris().withBody({ originalReferenceNo: 'x' }).getStatus(randomUUID());
      expect(t.responseCode).toBe('4017300');
    } finally {
      configureClient();
    }
  });

  it('a token used 901 s (emulator time) after issue → 401xx01', async () => {
    const tok = await SnapBi.qris().getAccessToken();
    expect(tok).toMatchObject({ responseCode: '2007300', expiresIn: '900' });
    emu.clock.advance(901);
    const r = await SnapBi.qris().withAccessToken(String(tok.accessToken)).withBody({ originalReferenceNo: 'x' }).getStatus(randomUUID());
    expect(r).toEqual({ responseCode: '4015101', responseMessage: 'Invalid Token (B2B)' });
  });

  it('same X-EXTERNAL-ID: same body → original response, other body → 409', async () => {
    const ext = randomUUID();
    const body = { partnerReferenceNo: ext, merchantId: mid, amount: money('2000.00') };
    const first = await SnapBi.qris().withBody(body).createPayment(ext);
    const again = await SnapBi.qris().withBody(body).createPayment(ext);
    expect(again).toEqual(first);
    const conflict = await SnapBi.qris().withBody({ ...body, amount: money('3000.00') }).createPayment(ext);
    expect(conflict).toEqual({ responseCode: '4094700', responseMessage: 'Cannot use same X-EXTERNAL-ID' });
  });
});
