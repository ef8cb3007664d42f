/**
 * SNAP-BI signature helpers against the published and generated vectors in
 * ../shared/reference/samples/snap-bi (copied inline so the test needs no
 * file outside the repository): 01 (docs' SHA256withRSA example), 02 (docs'
 * HMAC-SHA512 example), the official Node client's wire capture and a signed
 * notification vector — plus the wire-format parsers.
 */
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hmacSha512Base64,
  minifyJson,
  notificationStringToSign,
  safeEqual,
  sha256Hex,
  signSha256WithRsa,
  tokenStringToSign,
  transactionStringToSign,
  verifySha256WithRsa,
  verifyTransactionSignature,
} from '../../emulator/src/snap-bi/crypto';
import { amountOf, parseAmount, parseIsoTimestamp, wibTimestamp } from '../../emulator/src/snap-bi/format';
import { isFailure } from '../../emulator/src/snap-bi/codes';

/** samples/snap-bi/doc-sample-merchant-private-key.pem (published in the Midtrans docs). */
const DOC_SAMPLE_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCVZu2WHd4z5tbe
fkAWPjbB10Lgvu1CpsuIIVtO/wrrvKeD2LArmYSf5QxeJGG8HYlVYVp8I8/EVqay
JUbcyOd4aMLQFiCambDipecCfI7ecJ0K4+2ZneWOEq9JM91ZnGtwuLVdr1X/4/Nv
yGuNvmLAyfpJkU14yZliAUqJJ656jpM+WfY+hOpcLOzUe2wzx5RV7wYCyMl7/d1i
X33afJc6kbbUaA27yjlPdY6m0+DoZ0NNaRNZS7jzfJFtVXLTg/PgvwMNlMO/5Zyw
BWIOfWsD+MHUC6P9QYrHai8ZwEf9r+GivlNsAFs4NTpw9MdPngrexJm29k1Xh4UM
HV//jB1/AgMBAAECggEADcXGyitns/4oOauGyeYjUxw+eIxxP88zfRGiIralMZUb
Fi7wEpzc2oaZbMZK0jYg1mOanU4J1a4tQMfp7+l/WRzDNL6Nc+MOKN6lXJfR7dSQ
zZO0cBBbvIyhZwymb5/ZUbNdWM0UjvnbE6d0rsTpwp77+TMxYpynDJ9U2S70ySxe
fGi7x4rK02/8xmj1fY/Ls+uoYhF4IbGJIkFvrlAdWyFvv6sCGBYxl5sPuitgQxPv
Yc7dS7HE+6nZ+wWgoIXjC4CfxHBa9u3dfu3XAnPY3xpnVsbxCAH9OOIrZPY0C/Pq
gj+EElCBChUzDiedV3XipKUweDA+64sNm5NjqlqU8QKBgQDFf5a9vHVf9r2CTOgm
z5wTrK7aTwKwCNC4zpZUxDR8k7AV2gTelabpPWqUMZyRMUPs2hyBvhEWVNKxx3qs
7BAVpmcttuS5/dLNVdhNPUC2IgZqf3jWH2aS3lkci8DATQCphrEXZ3jrNaIRtrSC
kflE+yY8YP8b7ObktgvHz39JMQKBgQDBqCsMmOsQAveIQk5FGAMxsFU9G7OIBFHo
xpwkKUCjoqGxM+YQqDvcVeXNd/HdLnmR05//eoONemuDyYy8XRoud4tpaRKU/FK7
06WdljztB5rn2+cdUbmcU0fZiRQk+WuXsopZn3GUNvA/fQOW9qs7B5Rm5W71FeGk
ZgsvlAUlrwKBgQCUgFFaLWCcXa01UpqkxCp5aLi5EfvVXWuD6mKDLlzA51PZums6
6o/shO+kqoEtczu91mrk64NxpSof3vxRFdcqUEr4xrLJXx+oocnYmhwUVxU38s1r
Q4UfHe0nV7YBYmUDE3IJRRZY1aUdaKHmI9iok6e2csCfwMwEYRYOkekFoQKBgCyy
Oa1gpfA+Hw+N7i64ShRv1FyURi2Agb8uB9+4vbiG0rbpeZIioh5KnQ19P4+DKH/l
zinTBwXiWWpDXH4lJuPOp5ierbFBQ38ibDkg8dLrTG9zK7ZypFpWRmEI6GNYReLv
TEs/J6HDxFOC8Q8ow4COUUwmbCOY90lQXAiRK1b1AoGAScK1db9X5Ct+JtnjYyzi
GYLwyPhHCQIVmEDfuvbMs74woQsrBm3dBB3b2vf9pqcSZB4WAbTQ3wCdxCJKg6MN
6eXBO1M1lcIpZjCDyiXXi7PozNmkasRDUyDFwxlnyDLdRHL3FD+dh6do32FwGLBQ
u256RIyMB13qIuqrc91Z0hM=
-----END PRIVATE KEY-----
`;

/** samples/snap-bi/01-access-token-signature-vector.txt */
const VECTOR_01 = {
  clientKey: 'G1234325-SNAP',
  timestamp: '2023-07-31T07:10:00+07:00',
  signatureB64:
    'iv5YorKVVFOFS59l0HChDvPe+HeoE/jY5CfVgCg5i16nj5/DVnKg49ilkv8PyeU7y38apHhgO+cUrvkfUs5BhDD69yLn7xp8hzN9RcR0UDy5+nCrQ3GGCVSzZJvlEXN+TB0j4Q6pMsjrq4+YRoyDa4mTlsjJTU9aGjLRFBYgY4MyMQ5x11JyLnoFwbS8TJ5e/q4mUozrp49VyHe7OQSFnJNwvMSFrDyAIxoOK0IZQIlY29PaDIFcWoR+RJAY42H2FryjJcPpNfeercbkj9jsBLV3wmEKiNoN6lgFFLk5QicDnAAQzL45s92EYeCqDNuTTJOydaJbUqEo1d/ZPVNBtQ==',
  signatureHex:
    '8afe58a2b2955453854b9f65d070a10ef3def877a813f8d8e427d58028398b5ea78f9fc35672a0e3d8a592ff0fc9e53bcb7f1aa478603be714aef91f52ce418430faf722e7ef1a7c87337d45c474503cb9fa70ab4371860954b3649be511737e4c1d23e10ea932c8ebab8f98468c836b899396c8c94d4f5a1a32d1141620638332310e71d752722e7a05c1b4bc4c9e5efeae26528ceba78f55c877bb3904859c9370bcc485ac3c80231a0e2b4219408958dbd3da0c815c5a847e449018e361f616bca325c3e935f79eadc6e48fd8ec04b577c2610a88da0dea580514b9394227039c0010ccbe39b3dd8461e0aa0cdb934c93b275a25b52a128d5dfd93d5341b5',
};

/** samples/snap-bi/02-transaction-hmac-signature-vector.txt */
const VECTOR_02 = {
  clientSecret: 'fdppqbF5wq7vVegyvsV1CROMv646nJ7A',
  token: 'gp9HjjEj813Y9JGoqwOeOPWbnt4CupvIJbU1Mmu4a11MNDZ7Sg5u9a',
  bodySha256: '56fa5f4999ad8014de49d7898c1d1d53472569db8999de3c1b752a0dd181e98c',
  timestamp: '2020-01-01T00:00:00+07:00',
  stringToSign:
    'POST:/v1.0/debit/payment-host-to-host:gp9HjjEj813Y9JGoqwOeOPWbnt4CupvIJbU1Mmu4a11MNDZ7Sg5u9a:56fa5f4999ad8014de49d7898c1d1d53472569db8999de3c1b752a0dd181e98c:2020-01-01T00:00:00+07:00',
  signatureB64: 'FSlidRHe4ow9qppNifGVQNcdv67lBjgCiP0BHylh+IKXo4fs2rHaGsFNUY0N8t0rPlZs4iAHAOCDklnCccwuJw==',
  signatureHex:
    '1529627511dee28c3daa9a4d89f19540d71dbfaee506380288fd011f2961f88297a387ecdab1da1ac14d518d0df2dd2b3e566ce2200700e0839259c271cc2e27',
};

/** samples/snap-bi/generated/throwaway-test-public-key.pem */
const THROWAWAY_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmB92aA/WZmbONgu5UaIv
W96zvF6kLAbyabGAnXyMh0YjWyEk0nfg9CRSvACez/pwGkB7s7wRu0fhjkOd3YdT
as6EzPjvfbPJH5lGBDMLGccLPXwrlg6k1uiKay0f4X+WIHjDM74zZY80xNIOCZdj
5WjQQiGjrvmWMaWEiPvRd8lCU42RgLXhMIIVEul7bzV13FgW58rVUGkra+ySlOIP
skNYhViCQMZmJAA1ThF4If8/zb1ltLvThHhW5ynoS8fRaOErR73lBxtfTi+yejQe
RvruCzPQS8gSjXtoxQlbr94dnQ4Pwu3BOWZlQ3d+RKiDSWAkTvYlK/q0MquIMxdX
/QIDAQAB
-----END PUBLIC KEY-----
`;

/** samples/snap-bi/generated/node-client-1.4.3-wire-capture.jsonl (midtrans-client 1.4.3 on the wire). */
const WIRE = {
  clientId: 'TEST-CLIENT-ID',
  clientSecret: 'test-client-secret',
  token: {
    timestamp: "2026-11-26T08:51:01.835Z",
    signature: "YwoMfO4TMgabhn4NecYx1aV1AZH4aKA8Zh2UmwA/w5CMBAIttxTvXUMPqrtfOZMjWy2sr+WWfGlTZGU7iDWNTWo/lGThUpoqEXh+sbT8lMwymc1NlQwoR13SYj5ssIuGshH+Ue8l0w7/4ef0eQlJkQpw6fBYE+mnv8IO1fL5w0wXRVNB+Dy0QRXpW98pOco8p0Qv8inQkPBpNpr7uveJSRXxm0D2jdclkPSwUCe4S4i4qoWWg6YXhY5rfuLzXWrVB3WS3X7kMkfcjnHaCiqDzsi0PKU8emzD3VM5BkTR1ABoIG88Wmmx8mkIv0sptkE3ReAj50jE/vmE2u/7gG1CkA==",
    raw: "{\"grant_type\":\"client_credentials\"}",
  },
  generate: {
    path: "/v1.0/qr/qr-mpm-generate",
    bearer: 'TESTTOKEN123',
    timestamp: "2026-11-26T08:51:01.835Z",
    signature: "0GEiWqQd1wlxfmXcHec4G2FWhBfHrhtJZLr3jmrKVV6ejhCBk2JiB2FqtuBPfco+dK0jp43EpgoGdElVqc7DYw==",
    contentLength: 163,
    raw: "{\"partnerReferenceNo\":\"ord-1\",\"merchantId\":\"G000000001\",\"amount\":{\"value\":\"15000.00\",\"currency\":\"IDR\"},\"additionalInfo\":{\"acquirer\":\"gopay\",\"note\":\"a/b é \\\"q\\\"\"}}",
  },
};

/** samples/snap-bi/generated/notification-vector-signed-with-throwaway-key.json */
const NOTIFICATION_VECTOR = {
  path: "/v1.0/qr/qr-mpm-notify",
  timestamp: "2026-11-26T15:51:01+07:00",
  signature: "kdNDWiTdMasSSaOesC1zNVBE0q2spLEGW476AtqfobM6ejBoDbgmheU8lWf+araiR9peAZ2m9LW855c8tVmLNUub0IMkdryN47NmDg1wRDVrFD2EPx33o9P2E6/8u5EIKeR4r/h9r8Ikg+kUBEHWvDJXkPzP8CXlsuTTykdZCgpe558ouuyRB2uwwd+o/JdiRjQl4Ends+xa7MkZq9sU9H6fNi100N8iV7Jd8+Jm2J2tLVM3J237N/gsfNh4T5jRGCR7HvM4gWCE07yQpcCjTPQFMuWt3NJoybWbRnR02A7tVwFLlnShbycuLR7uAGfDDR+HCqoqvSsb4YNRoXdSPQ==",
  raw: "{\"originalPartnerReferenceNo\":\"ord-1\",\"originalReferenceNo\":\"A1REF\",\"merchantId\":\"G000000001\",\"amount\":{\"value\":\"15000.00\",\"currency\":\"IDR\"},\"latestTransactionStatus\":\"00\",\"transactionStatusDesc\":\"SUCCESS\",\"additionalInfo\":{\"note\":\"a/b é\"}}",
  stringToSign: "POST:/v1.0/qr/qr-mpm-notify:14d823ee0f61edc942df17090f3ccb169d6402a611661df16e327e8af66c55e0:2026-11-26T15:51:01+07:00",
};

describe('SNAP-BI worked example 01 (B2B token, SHA256withRSA)', () => {
  it('reproduces the published signature byte for byte', () => {
    const data = tokenStringToSign(VECTOR_01.clientKey, VECTOR_01.timestamp);
    expect(data).toBe('G1234325-SNAP|2023-07-31T07:10:00+07:00');
    const sig = signSha256WithRsa(data, DOC_SAMPLE_PRIVATE_KEY);
    expect(sig).toBe(VECTOR_01.signatureB64);
    expect(Buffer.from(sig, 'base64').toString('hex')).toBe(VECTOR_01.signatureHex);
  });

  it('verifies with the public half and rejects any change', () => {
    const pub = createPublicKey(DOC_SAMPLE_PRIVATE_KEY).export({ type: 'spki', format: 'pem' }).toString();
    const data = tokenStringToSign(VECTOR_01.clientKey, VECTOR_01.timestamp);
    expect(verifySha256WithRsa(data, VECTOR_01.signatureB64, pub)).toBe(true);
    expect(verifySha256WithRsa(`${data} `, VECTOR_01.signatureB64, pub)).toBe(false);
    expect(verifySha256WithRsa(data, 'not base64!', pub)).toBe(false);
    expect(verifySha256WithRsa(data, VECTOR_01.signatureB64, 'not a key')).toBe(false);
  });
});

describe('SNAP-BI worked example 02 (transactional, HMAC-SHA512)', () => {
  it('reproduces the published string-to-sign and signature', () => {
    // The body behind the hash is unpublished, so the string is assembled from the hash.
    const s = `POST:/v1.0/debit/payment-host-to-host:${VECTOR_02.token}:${VECTOR_02.bodySha256}:${VECTOR_02.timestamp}`;
    expect(s).toBe(VECTOR_02.stringToSign);
    const sig = hmacSha512Base64(s, VECTOR_02.clientSecret);
    expect(sig).toBe(VECTOR_02.signatureB64);
    expect(Buffer.from(sig, 'base64').toString('hex')).toBe(VECTOR_02.signatureHex);
    expect(verifyTransactionSignature(s, VECTOR_02.signatureB64, VECTOR_02.clientSecret)).toBe(true);
    expect(verifyTransactionSignature(s, VECTOR_02.signatureB64.replace('F', 'G'), VECTOR_02.clientSecret)).toBe(false);
  });
});

describe('official Node client wire capture (generated)', () => {
  it('token request verifies with the throwaway public key', () => {
    const data = tokenStringToSign(WIRE.clientId, WIRE.token.timestamp);
    expect(verifySha256WithRsa(data, WIRE.token.signature, THROWAWAY_PUBLIC_KEY)).toBe(true);
  });

  it('transaction HMAC verifies over the exact bytes sent (UTF-8, escaped quotes)', () => {
    const raw = Buffer.from(WIRE.generate.raw, 'utf8');
    expect(raw.length).toBe(WIRE.generate.contentLength);
    const s = transactionStringToSign('post', WIRE.generate.path, WIRE.generate.bearer, raw, WIRE.generate.timestamp);
    expect(verifyTransactionSignature(s, WIRE.generate.signature, WIRE.clientSecret)).toBe(true);
    // Hashing a re-serialized body with different bytes must not verify.
    const pretty = JSON.stringify(JSON.parse(WIRE.generate.raw), null, 2);
    const s2 = transactionStringToSign('POST', WIRE.generate.path, WIRE.generate.bearer, pretty, WIRE.generate.timestamp);
    expect(verifyTransactionSignature(s2, WIRE.generate.signature, WIRE.clientSecret)).toBe(false);
    // …unless minified back (the lenient option).
    const s3 = transactionStringToSign('POST', WIRE.generate.path, WIRE.generate.bearer, minifyJson(pretty), WIRE.generate.timestamp);
    expect(verifyTransactionSignature(s3, WIRE.generate.signature, WIRE.clientSecret)).toBe(true);
  });
});

describe('notification vector (generated)', () => {
  it('string-to-sign and signature match', () => {
    const s = notificationStringToSign(NOTIFICATION_VECTOR.path, NOTIFICATION_VECTOR.raw, NOTIFICATION_VECTOR.timestamp);
    expect(s).toBe(NOTIFICATION_VECTOR.stringToSign);
    expect(verifySha256WithRsa(s, NOTIFICATION_VECTOR.signature, THROWAWAY_PUBLIC_KEY)).toBe(true);
  });
});

describe('helpers', () => {
  it('sha256Hex is lower-case hex', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('safeEqual handles unequal lengths without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('abc', 'abd')).toBe(false);
  });

  it('minifyJson keeps whitespace inside strings, including after escaped quotes', () => {
    expect(minifyJson('{ "a" : "x y \\" z" ,\n\t"b": [1, 2] }')).toBe('{"a":"x y \\" z","b":[1,2]}');
  });


  it('parses ISO-8601 timestamps in the forms clients send', () => {
    const t = Date.UTC(2026, 10, 26, 8, 51, 1, 835);
    expect(parseIsoTimestamp('2026-11-26T08:51:01.835Z')).toBe(t);
    expect(parseIsoTimestamp('2026-11-26T15:51:01.835+07:00')).toBe(t);
    expect(parseIsoTimestamp('2026-11-26T15:51:01.835304+0700')).toBe(t);
    expect(parseIsoTimestamp('2026-11-26T15:51:01')).toBeUndefined();
    expect(parseIsoTimestamp('2026-02-31T00:00:00Z')).toBeUndefined();
    expect(wibTimestamp(Date.UTC(2026, 10, 26, 8, 51, 1, 835))).toBe('2026-11-26T15:51:01+07:00');
  });

  it('parses amounts and rejects fractional rupiah', () => {
    expect(parseAmount({ value: '15000.00', currency: 'IDR' }, 'amount')).toBe(15000);
    expect(amountOf(15000)).toEqual({ value: '15000.00', currency: 'IDR' });
    const bad = [
      [{ value: '15000.50', currency: 'IDR' }, '01'],
      [{ value: '15000', currency: 'IDR' }, '01'],
      [{ value: 15000, currency: 'IDR' }, '01'],
      [{ value: '15000.00', currency: 'USD' }, '01'],
      [{ value: '0.00', currency: 'IDR' }, '01'],
      [{ currency: 'IDR' }, '02'],
      [undefined, '02'],
    ] as const;
    for (const [v, code] of bad) {
      const r = parseAmount(v, 'amount');
      expect(isFailure(r) && r.caseCode).toBe(code);
    }
  });
});
