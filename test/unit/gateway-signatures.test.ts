import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  constantTimeEqual,
  coreNotificationSignature,
  sha256Hex,
  signSnapBiNotification,
  snapBiRequestSignature,
  snapBiRequestStringToSign,
  snapBiTokenSignature,
  stripJsonWhitespace,
  verifySnapBiNotification,
} from '../../electron/main/core/gateway/signatures';

// The reference samples live next to the repository , copied verbatim into test/fixtures/samples.
const REF = fileURLToPath(new URL('../fixtures/samples/', import.meta.url));
const read = (p: string) => readFileSync(join(REF, p), 'utf8');

interface Vector {
  file?: string;
  order_id: string;
  status_code: string;
  gross_amount: string;
  server_key: string;
  signature_key: string;
}
const vectors = JSON.parse(read('core-api/signature-vectors.json')) as {
  verified: Vector[];
  computed: Vector[];
  negative_checks: { file: string; gross_amount_without_decimals: string }[];
};

describe('coreNotificationSignature', () => {
  it.each([...vectors.verified, ...vectors.computed])('reproduces $order_id', (v) => {
    expect(coreNotificationSignature(v, v.server_key)).toBe(v.signature_key);
  });

  it.each(vectors.verified)('matches the signature_key inside the published body $file', (v) => {
    const body = JSON.parse(read(`core-api/${v.file}`)) as Record<string, string>;
    const sig = coreNotificationSignature(
      { order_id: body.order_id!, status_code: body.status_code!, gross_amount: body.gross_amount! },
      v.server_key,
    );
    expect(sig).toBe(body.signature_key);
  });

  it.each(vectors.negative_checks)('does not match with the amount stripped of decimals ($file)', (n) => {
    const v = vectors.verified.find((x) => x.file === n.file)!;
    expect(coreNotificationSignature({ ...v, gross_amount: n.gross_amount_without_decimals }, v.server_key)).not.toBe(v.signature_key);
  });
});

describe('snapBiTokenSignature', () => {
  it('reproduces the docs worked example (sample 01)', () => {
    const pem = read('snap-bi/doc-sample-merchant-private-key.pem');
    const expected = /Expected X-SIGNATURE \(base64\):\n(\S+)/.exec(read('snap-bi/01-access-token-signature-vector.txt'))![1];
    expect(snapBiTokenSignature('G1234325-SNAP', '2023-07-31T07:10:00+07:00', pem)).toBe(expected);
  });
});

describe('snapBiRequestSignature', () => {
  it('reproduces the docs worked example (sample 02) through its string-to-sign', async () => {
    const { createHmac } = await import('node:crypto');
    const text = read('snap-bi/02-transaction-hmac-signature-vector.txt');
    const stringToSign = /String to sign \(step 3\), UTF-8, no trailing newline:\n(\S+)/.exec(text)![1]!;
    const expected = /Expected X-SIGNATURE \(base64, step 4\):\n(\S+)/.exec(text)![1];
    // The body is unpublished; check the HMAC step and the shape of our string-to-sign.
    expect(createHmac('sha512', 'fdppqbF5wq7vVegyvsV1CROMv646nJ7A').update(stringToSign).digest('base64')).toBe(expected);
    const [method, path, token, hash, ...ts] = stringToSign.split(':');
    const ours = snapBiRequestStringToSign({ method: method!, path: path!, accessToken: token!, body: '', timestamp: ts.join(':') });
    expect(ours.replace(sha256Hex(''), hash!)).toBe(stringToSign);
  });

  it('matches the official Node client wire capture (exact bytes sent)', () => {
    const lines = read('snap-bi/generated/node-client-1.4.3-wire-capture.jsonl').trim().split('\n');
    const call = JSON.parse(lines[1]!) as { path: string; headers: Record<string, string>; raw: string };
    const sig = snapBiRequestSignature(
      { method: 'POST', path: call.path, accessToken: 'TESTTOKEN123', body: call.raw, timestamp: call.headers['X-TIMESTAMP']! },
      'test-client-secret',
    );
    expect(sig).toBe(call.headers['X-SIGNATURE']);
    // The same bytes as a Buffer give the same signature; a re-serialized body would not be guaranteed to.
    expect(
      snapBiRequestSignature(
        { method: 'post', path: call.path, accessToken: 'TESTTOKEN123', body: Buffer.from(call.raw), timestamp: call.headers['X-TIMESTAMP']! },
        'test-client-secret',
      ),
    ).toBe(call.headers['X-SIGNATURE']);
  });

  it('matches the token request of the wire capture (RSA over clientId|timestamp)', async () => {
    const { createVerify } = await import('node:crypto');
    const lines = read('snap-bi/generated/node-client-1.4.3-wire-capture.jsonl').trim().split('\n');
    const call = JSON.parse(lines[0]!) as { headers: Record<string, string> };
    const pem = read('snap-bi/generated/throwaway-test-private-key.pem');
    const ours = snapBiTokenSignature('TEST-CLIENT-ID', call.headers['X-TIMESTAMP']!, pem);
    expect(ours).toBe(call.headers['X-SIGNATURE']);
    const v = createVerify('RSA-SHA256').update(`TEST-CLIENT-ID|${call.headers['X-TIMESTAMP']}`);
    expect(v.verify(read('snap-bi/generated/throwaway-test-public-key.pem'), ours, 'base64')).toBe(true);
  });
});

describe('verifySnapBiNotification', () => {
  const vector = JSON.parse(read('snap-bi/generated/notification-vector-signed-with-throwaway-key.json')) as Record<string, string>;
  const pub = read('snap-bi/generated/throwaway-test-public-key.pem');
  const input = { path: vector.path!, body: vector.raw_body!, timestamp: vector['X-TIMESTAMP']!, signature: vector['X-SIGNATURE']! };

  it('accepts the generated notification vector', () => {
    expect(verifySnapBiNotification(input, pub)).toBe(true);
    expect(verifySnapBiNotification({ ...input, body: Buffer.from(input.body) }, pub)).toBe(true);
  });

  it('rejects any change to path, body, timestamp or signature', () => {
    expect(verifySnapBiNotification({ ...input, path: '/v1.0/debit/notify' }, pub)).toBe(false);
    expect(verifySnapBiNotification({ ...input, body: input.body.replace('15000', '15001') }, pub)).toBe(false);
    expect(verifySnapBiNotification({ ...input, timestamp: '2026-11-26T15:51:02+07:00' }, pub)).toBe(false);
    expect(verifySnapBiNotification({ ...input, signature: 'A' + input.signature.slice(1) }, pub)).toBe(false);
    expect(verifySnapBiNotification({ ...input, signature: 'not base64 !!' }, pub)).toBe(false);
    expect(verifySnapBiNotification(input, 'not a key')).toBe(false);
  });

  it('round-trips with signSnapBiNotification', () => {
    const priv = read('snap-bi/generated/throwaway-test-private-key.pem');
    const sig = signSnapBiNotification({ path: '/v1.0/debit/notify', body: '{"a":1}', timestamp: 'T' }, priv);
    expect(verifySnapBiNotification({ path: '/v1.0/debit/notify', body: '{"a":1}', timestamp: 'T', signature: sig }, pub)).toBe(true);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (path, body, timestamp, signature) => {
        expect(verifySnapBiNotification({ path, body, timestamp, signature }, pub)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('helpers', () => {
  it('constantTimeEqual compares content and length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual(Buffer.from('x'), 'x')).toBe(true);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => constantTimeEqual(a, b) === (a === b)));
  });

  it('stripJsonWhitespace keeps in-string whitespace and escapes', () => {
    expect(stripJsonWhitespace('{ "a" : "x y\\" z" ,\n\t"b": [1, 2] }')).toBe('{"a":"x y\\" z","b":[1,2]}');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stripJsonWhitespace(JSON.stringify(v, null, 2))).toBe(JSON.stringify(v));
      }),
    );
  });
});
