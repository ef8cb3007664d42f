import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/main/core/logger';
import { signSnapBiNotification } from '../../electron/main/core/gateway/signatures';
import { startWebhookListener, type WebhookListener } from '../../electron/main/core/webhook/listener';
import type { NotificationSink, VerifiedNotification } from '../../electron/main/core/webhook/types';
import { NotificationVerifier } from '../../electron/main/core/webhook/verifier';

const REF = fileURLToPath(new URL('../fixtures/samples/', import.meta.url));
const read = (p: string) => readFileSync(REF + p, 'utf8');
const SERVER_KEY = 'SB-Mid-server-GwUP_WGbJPXsDzsNEBRs8IYA';
const QRIS_SETTLED = read('core-api/notification-qris-settlement-pos-signed.json');
const VECTOR = JSON.parse(read('snap-bi/generated/notification-vector-signed-with-throwaway-key.json')) as Record<string, string>;
const SNAP_PRIV = read('snap-bi/generated/throwaway-test-private-key.pem');
const SNAP_PUB = read('snap-bi/generated/throwaway-test-public-key.pem');

class RecordingSink implements NotificationSink {
  readonly got: VerifiedNotification[] = [];
  answer: 'recorded' | 'unknown_order' | 'throw' = 'recorded';
  async accept(n: VerifiedNotification) {
    if (this.answer === 'throw') throw new Error('disk full');
    this.got.push(n);
    return this.answer;
  }
}

let listener: WebhookListener | null = null;
afterEach(async () => {
  await listener?.close();
  listener = null;
});

async function start(opts: { prefix?: string; maxBodyBytes?: number } = {}) {
  const sink = new RecordingSink();
  const logs: string[] = [];
  listener = await startWebhookListener({
    port: 0,
    sink,
    verifier: new NotificationVerifier({ coreServerKey: SERVER_KEY, snapNotificationPublicKeyPem: SNAP_PUB }),
    logger: createLogger('test', { sink: (l) => logs.push(l), level: 'debug' }),
    ...(opts.prefix ? { snapPathPrefix: opts.prefix } : {}),
    ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}),
  });
  return { sink, logs, l: listener };
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

describe('Core API notifications', () => {
  it('accepts a signed notification, answers {} only after the sink recorded it', async () => {
    const { sink, l, logs } = await start();
    expect(l.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await post(l.coreNotificationUrl, QRIS_SETTLED);
    expect(r).toEqual({ status: 200, body: {} });
    expect(sink.got).toEqual([
      expect.objectContaining({ api: 'core_api', orderId: 'order102', referenceNo: '1015a919-b03f-450a-bc85-b38202a79a96', claimedStatus: 'settlement' }),
    ]);
    expect(logs.join('\n')).not.toContain('5d40504728eb');
  });

  it('refuses a forged signature with 401 and never calls the sink', async () => {
    const { sink, l } = await start();
    const forged = QRIS_SETTLED.replace('"789000.00"', '"1.00"');
    expect((await post(l.coreNotificationUrl, forged)).status).toBe(401);
    const badSig = QRIS_SETTLED.replace('5d40504728eb', '5d40504728ec');
    expect((await post(l.coreNotificationUrl, badSig)).status).toBe(401);
    expect(sink.got).toHaveLength(0);
  });

  it('answers 400 for malformed JSON or shape, 415 for non-JSON, 405 for GET, 404 elsewhere', async () => {
    const { sink, l } = await start();
    expect((await post(l.coreNotificationUrl, '{not json')).status).toBe(400);
    expect((await post(l.coreNotificationUrl, '{"order_id":1}')).status).toBe(400);
    expect((await post(l.coreNotificationUrl, QRIS_SETTLED, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await fetch(l.coreNotificationUrl)).status).toBe(405);
    expect((await post(`${l.url}/elsewhere`, QRIS_SETTLED)).status).toBe(404);
    expect(sink.got).toHaveLength(0);
  });

  it('refuses bodies above the limit with 413', async () => {
    const { sink, l } = await start();
    const big = JSON.stringify({ pad: 'x'.repeat(70_000) });
    expect((await post(l.coreNotificationUrl, big)).status).toBe(413);
    expect(sink.got).toHaveLength(0);
  });

  it('answers 200 and logs an unknown order; 500 when the sink fails (so Midtrans retries)', async () => {
    const { sink, l, logs } = await start();
    sink.answer = 'unknown_order';
    expect((await post(l.coreNotificationUrl, QRIS_SETTLED)).status).toBe(200);
    expect(logs.join('\n')).toContain('unknown order');
    sink.answer = 'throw';
    expect((await post(l.coreNotificationUrl, QRIS_SETTLED)).status).toBe(500);
    expect(logs.join('\n')).not.toContain('disk full');
  });
});

describe('SNAP-BI notifications', () => {
  const headers = { 'x-timestamp': VECTOR['X-TIMESTAMP']!, 'x-signature': VECTOR['X-SIGNATURE']! };

  it('verifies the RSA signature over the raw bytes and acks with 2005200', async () => {
    const { sink, l } = await start();
    const r = await post(`${l.snapBiBaseUrl}/v1.0/qr/qr-mpm-notify`, VECTOR.raw_body!, headers);
    expect(r).toEqual({ status: 200, body: { responseCode: '2005200', responseMessage: 'Successful' } });
    expect(sink.got[0]).toMatchObject({ api: 'snap_bi', orderId: 'ord-1', referenceNo: 'A1REF', claimedStatus: 'settlement' });
  });

  it('also accepts a pretty-printed body signed in compact form', async () => {
    const { sink, l } = await start();
    const pretty = JSON.stringify(JSON.parse(VECTOR.raw_body!), null, 2);
    expect((await post(`${l.url}/v1.0/qr/qr-mpm-notify`, pretty, headers)).status).toBe(200);
    expect(sink.got).toHaveLength(1);
  });

  it('refuses a wrong path, a changed body or missing headers with 401 and SNAP codes', async () => {
    const { sink, l } = await start();
    const wrongPath = await post(`${l.url}/v1.0/debit/notify`, VECTOR.raw_body!, headers);
    expect(wrongPath).toEqual({ status: 401, body: { responseCode: '4015600', responseMessage: 'Unauthorized. Signature' } });
    expect((await post(`${l.url}/v1.0/qr/qr-mpm-notify`, VECTOR.raw_body!.replace('ord-1', 'ord-2'), headers)).status).toBe(401);
    expect((await post(`${l.url}/v1.0/qr/qr-mpm-notify`, VECTOR.raw_body!)).status).toBe(401);
    expect(sink.got).toHaveLength(0);
  });

  it('works under a prefix, signing only the SNAP part (or the full path)', async () => {
    const { sink, l } = await start({ prefix: '/snap' });
    expect(l.snapBiBaseUrl).toBe(`${l.url}/snap`);
    const ts = '2026-11-26T10:00:00+07:00';
    const va = JSON.stringify({ trxId: 'KSR-1', partnerServiceId: '   70012', customerNo: '123', virtualAccountNo: '   70012123', referenceNo: 'R1', additionalInfo: { paymentFlagStatus: '00' } });
    const snapSig = signSnapBiNotification({ path: '/v1.0/transfer-va/payment', body: va, timestamp: ts }, SNAP_PRIV);
    const r = await post(`${l.url}/snap/v1.0/transfer-va/payment`, va, { 'x-timestamp': ts, 'x-signature': snapSig });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ responseCode: '2002500', responseMessage: 'Successful', virtualAccountData: { trxId: 'KSR-1' } });
    const fullSig = signSnapBiNotification({ path: '/snap/v1.0/transfer-va/payment', body: va, timestamp: ts }, SNAP_PRIV);
    expect((await post(`${l.url}/snap/v1.0/transfer-va/payment`, va, { 'x-timestamp': ts, 'x-signature': fullSig })).status).toBe(200);
    expect((await post(`${l.url}/v1.0/transfer-va/payment`, va, { 'x-timestamp': ts, 'x-signature': snapSig })).status).toBe(404);
    expect(sink.got.map((n) => n.orderId)).toEqual(['KSR-1', 'KSR-1']);
  });

  it('acks debit notifications with 2005600', async () => {
    const { l } = await start();
    const body = JSON.stringify({ originalPartnerReferenceNo: 'o-9', originalReferenceNo: 'R9', latestTransactionStatus: '05' });
    const ts = '2026-11-26T10:00:00+07:00';
    const sig = signSnapBiNotification({ path: '/v1.0/debit/notify', body, timestamp: ts }, SNAP_PRIV);
    const r = await post(`${l.url}/v1.0/debit/notify`, body, { 'x-timestamp': ts, 'x-signature': sig });
    expect(r.body).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
  });
});
