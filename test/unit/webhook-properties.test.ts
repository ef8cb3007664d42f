import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { silentLogger } from '../../electron/main/core/logger';
import { coreNotificationSignature, signSnapBiNotification } from '../../electron/main/core/gateway/signatures';
import { startWebhookListener, type WebhookListener } from '../../electron/main/core/webhook/listener';
import type { NotificationSink, VerifiedNotification } from '../../electron/main/core/webhook/types';
import { NotificationVerifier } from '../../electron/main/core/webhook/verifier';

const KEY = 'SB-Mid-server-property-test-key';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUB = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const verifier = new NotificationVerifier({ coreServerKey: KEY, snapNotificationPublicKeyPem: PUB });
const TS = '2026-11-26T10:00:00+07:00';
const PATHS = ['/v1.0/qr/qr-mpm-notify', '/v1.0/debit/notify', '/v1.0/transfer-va/payment'] as const;
const KIND = { '/v1.0/qr/qr-mpm-notify': 'qris', '/v1.0/debit/notify': 'debit', '/v1.0/transfer-va/payment': 'va' } as const;

const coreFields = fc.record({
  order_id: fc.stringMatching(/^[A-Za-z0-9_~.-]{1,50}$/),
  status_code: fc.constantFrom('200', '201', '202', '407'),
  gross_amount: fc.integer({ min: 1, max: 999_999_999 }).map((n) => `${n}.00`),
  transaction_status: fc.constantFrom('pending', 'settlement', 'expire', 'cancel', 'deny', 'refund'),
});
const garbage = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.dictionary(fc.constantFrom('order_id', 'status_code', 'gross_amount', 'signature_key', 'transaction_status', 'x'), fc.oneof(fc.string(), fc.integer(), fc.constant(null)))
    .map((o) => Buffer.from(JSON.stringify(o))),
);

describe('Core notification parsing (properties)', () => {
  it('garbage never throws and never verifies', () => {
    fc.assert(
      fc.property(garbage, (raw) => {
        expect(verifier.verifyCore(raw).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a correctly signed notification verifies; any tampering with a signed field does not', () => {
    fc.assert(
      fc.property(coreFields, fc.constantFrom('order_id', 'status_code', 'gross_amount'), fc.string({ minLength: 1, maxLength: 3 }), (f, field, junk) => {
        const body = { ...f, signature_key: coreNotificationSignature(f, KEY) };
        const ok = verifier.verifyCore(Buffer.from(JSON.stringify(body)));
        expect(ok.ok && ok.notification.orderId === f.order_id && ok.notification.claimedStatus === f.transaction_status).toBe(true);
        const tampered = { ...body, [field]: body[field] + junk };
        expect(verifier.verifyCore(Buffer.from(JSON.stringify(tampered))).ok).toBe(false);
        expect(verifier.verifyCore(Buffer.from(JSON.stringify({ ...body, signature_key: coreNotificationSignature(f, `${KEY}x`) }))).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('SNAP-BI notification parsing (properties)', () => {
  it('garbage with arbitrary headers never throws and never verifies', () => {
    fc.assert(
      fc.property(garbage, fc.constantFrom(...PATHS), fc.option(fc.string()), fc.option(fc.base64String()), (raw, path, ts, sig) => {
        const r = verifier.verifySnapBi({ kind: KIND[path], snapPath: path, raw, timestamp: ts ?? undefined, signature: sig ?? undefined });
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('signed bodies verify only on their own path and unmodified; shape decides the rest', () => {
    const body = fc.record({
      originalPartnerReferenceNo: fc.stringMatching(/^[A-Za-z0-9-]{1,36}$/),
      originalReferenceNo: fc.string({ maxLength: 30 }),
      latestTransactionStatus: fc.constantFrom('00', '03', '04', '05', '06', '08', '09', '77'),
      amount: fc.record({ value: fc.integer({ min: 1, max: 1e9 }).map((n) => `${n}.00`), currency: fc.constant('IDR') }),
      note: fc.string(),
    });
    fc.assert(
      fc.property(body, fc.constantFrom(...PATHS), (b, path) => {
        const raw = Buffer.from(JSON.stringify(b));
        const signature = signSnapBiNotification({ path, body: raw, timestamp: TS }, privateKey);
        const r = verifier.verifySnapBi({ kind: KIND[path], snapPath: path, raw, timestamp: TS, signature });
        // VA notifications need trxId: a QRIS-shaped body on the VA path is malformed even though signed.
        if (KIND[path] === 'va') expect(r).toEqual({ ok: false, reason: 'malformed' });
        else expect(r.ok && r.notification.orderId === b.originalPartnerReferenceNo).toBe(true);
        const other = PATHS.find((p) => p !== path)!;
        expect(verifier.verifySnapBi({ kind: KIND[other], snapPath: other, raw, timestamp: TS, signature }).ok).toBe(false);
        const changed = Buffer.from(JSON.stringify({ ...b, note: `${b.note}!` }));
        expect(verifier.verifySnapBi({ kind: KIND[path], snapPath: path, raw: changed, timestamp: TS, signature }).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe('listener never hands unsigned input to the sink (property)', () => {
  const got: VerifiedNotification[] = [];
  const sink: NotificationSink = { accept: async (n) => (got.push(n), 'recorded') };
  let l: WebhookListener;
  beforeAll(async () => {
    l = await startWebhookListener({ port: 0, sink, verifier, logger: silentLogger });
  });
  afterAll(() => l.close());

  it('random bodies and headers get 4xx and reach no sink', async () => {
    await fc.assert(
      fc.asyncProperty(
        garbage,
        fc.constantFrom('/midtrans/notification', ...PATHS),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', ''),
        fc.option(fc.base64String({ maxLength: 400 })),
        async (raw, path, type, sig) => {
          const headers: Record<string, string> = { 'x-timestamp': TS };
          if (type) headers['content-type'] = type;
          if (sig) headers['x-signature'] = sig;
          const res = await fetch(l.url + path, { method: 'POST', body: raw, headers });
          await res.arrayBuffer();
          expect([400, 401, 415]).toContain(res.status);
        },
      ),
      { numRuns: 150 },
    );
    expect(got).toHaveLength(0);
  });
});
