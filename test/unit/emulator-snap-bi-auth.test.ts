/**
 * SNAP-BI front end, security layer: B2B token issue/expiry, HMAC verification
 * over the exact bytes, header validation, X-EXTERNAL-ID replay and conflict,
 * and the responseCode ↔ HTTP status rule. Handlers are called directly with
 * the fake context; the clock is advanced, never slept on.
 */
import { createHash, createHmac, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSnapBiRoutes } from '../../emulator/src/snap-bi/index';
import { createFakeEmuContext, createSnapBiCaller, rsaPair } from '../fixtures/emu-context';

const QRIS = '/v1.0/qr/qr-mpm-generate';

function setup(options: Parameters<typeof createSnapBiRoutes>[1] = {}) {
  const ctx = createFakeEmuContext();
  const routes = createSnapBiRoutes(ctx, options);
  const api = createSnapBiCaller(ctx, routes);
  let n = 0;
  const qrisBody = (over: Record<string, unknown> = {}) => ({
    partnerReferenceNo: `ord-${++n}`,
    amount: { value: '15000.00', currency: 'IDR' },
    merchantId: ctx.credentials.snapBi.merchantId,
    additionalInfo: { acquirer: 'gopay' },
    ...over,
  });
  return { ctx, routes, api, qrisBody };
}

const code = (res: { body: unknown }): string => (res.body as { responseCode: string }).responseCode;

describe('POST /v1.0/access-token/b2b', () => {
  it('issues a Bearer token for a valid RSA signature (grant_type, as the clients send)', async () => {
    const { api } = setup();
    const res = await api.token({ timestamp: '2026-11-26T08:51:01.835Z' });
    expect(res.status).toBe(200);
    expect(res.headers?.['X-TIMESTAMP']).toBe('2026-11-26T08:51:01.835Z');
    const body = res.body as Record<string, unknown>;
    expect(body).toMatchObject({ responseCode: '2007300', responseMessage: 'Successful', tokenType: 'Bearer', expiresIn: '900' });
    expect(typeof body.accessToken).toBe('string');
  });

  it('accepts the documented grantType spelling too', async () => {
    const { api } = setup();
    expect(code(await api.token({ body: '{"grantType":"client_credentials"}' }))).toBe('2007300');
    const bad = await api.token({ body: '{"grantType":"password"}' });
    expect([bad.status, code(bad)]).toEqual([400, '4007301']);
    const missing = await api.token({ body: '{}' });
    expect([missing.status, code(missing)]).toEqual([400, '4007302']);
  });

  it('rejects a bad signature and an unknown client alike with 401 4017300', async () => {
    const { api } = setup();
    const ts = '2026-11-26T10:00:00+07:00';
    const forgedSig = sign('sha256', Buffer.from(`TEST-CLIENT-ID|${ts}`), rsaPair().privateKeyPem).toString('base64');
    const forged = await api.token({ timestamp: ts, signature: forgedSig });
    expect([forged.status, code(forged)]).toEqual([401, '4017300']);
    const wrongTs = await api.token({ timestamp: '2026-11-26T10:00:00+07:00', signature: 'AAAA' });
    expect([wrongTs.status, code(wrongTs)]).toEqual([401, '4017300']);
    const unknown = await api.token({ clientId: 'SOMEONE-ELSE' });
    expect([unknown.status, code(unknown)]).toEqual([401, '4017300']);
  });

  it('validates X-TIMESTAMP format', async () => {
    const { api } = setup();
    const res = await api.token({ timestamp: '26/11/2026 10:00' });
    expect([res.status, code(res)]).toEqual([400, '4007301']);
  });
});

describe('transactional guard', () => {
  it('rejects a wrong HMAC with 401SS00 "Unauthorized. Signature"', async () => {
    const { api, qrisBody } = setup();
    const res = await api.call(QRIS, qrisBody(), { signature: 'A'.repeat(86) + '==' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ responseCode: '4014700', responseMessage: 'Unauthorized. Signature' });
  });

  it('hashes the exact bytes received: a signature over other bytes fails', async () => {
    const { ctx, api, qrisBody } = setup();
    const token = await api.accessToken();
    const body = qrisBody();
    const compact = JSON.stringify(body);
    const pretty = JSON.stringify(body, null, 2);
    // Sign the compact form, send the pretty one.
    const good = await api.call(QRIS, compact, { token, externalId: 'x-1', timestamp: '2026-11-26T10:00:00+07:00' });
    expect(code(good)).toBe('2004700');
    const sig = createHmac('sha512', ctx.credentials.snapBi.clientSecret)
      .update(`POST:${QRIS}:${token}:${createHash('sha256').update(compact).digest('hex')}:2026-11-26T10:00:00+07:00`)
      .digest('base64');
    const body2 = { ...body, partnerReferenceNo: 'other' };
    const tampered = await api.call(QRIS, JSON.stringify(body2), { token, signature: sig, timestamp: '2026-11-26T10:00:00+07:00' });
    expect(code(tampered)).toBe('4014700');
    const prettySigned = createHmac('sha512', ctx.credentials.snapBi.clientSecret)
      .update(`POST:${QRIS}:${token}:${createHash('sha256').update(JSON.stringify(JSON.parse(pretty))).digest('hex')}:2026-11-26T10:00:00+07:00`)
      .digest('base64');
    const pr = await api.call(QRIS, pretty.replace('ord-', 'pp-'), { token, signature: prettySigned, timestamp: '2026-11-26T10:00:00+07:00' });
    expect(code(pr)).toBe('4014700');
  });

  it('optionally accepts a hash over the minified body (raw-or-minified)', async () => {
    const { ctx, api, qrisBody } = setup({ bodyHash: 'raw-or-minified' });
    const token = await api.accessToken();
    const body = qrisBody();
    const ts = '2026-11-26T10:00:00+07:00';
    const sig = createHmac('sha512', ctx.credentials.snapBi.clientSecret)
      .update(`POST:${QRIS}:${token}:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}:${ts}`)
      .digest('base64');
    const res = await api.call(QRIS, JSON.stringify(body, null, 2), { token, signature: sig, timestamp: ts });
    expect(code(res)).toBe('2004700');
  });

  it('requires a known, unexpired token: 401SS01 for unknown, and after 900 s', async () => {
    const { ctx, api, qrisBody } = setup();
    const unknown = await api.call(QRIS, qrisBody(), { token: 'no-such-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ responseCode: '4014701', responseMessage: 'Invalid Token (B2B)' });
    const noAuth = await api.call(QRIS, qrisBody(), { headers: { Authorization: undefined } });
    expect(code(noAuth)).toBe('4014701');

    const token = await api.accessToken();
    ctx.clock.advance(899);
    expect(code(await api.call(QRIS, qrisBody(), { token }))).toBe('2004700');
    ctx.clock.advance(2); // 901 s after issue
    const expired = await api.call(QRIS, qrisBody(), { token });
    expect([expired.status, code(expired)]).toEqual([401, '4014701']);
    // The same token is refused on every endpoint (service code changes, case stays 01).
    expect(code(await api.call('/v1.0/debit/status', { originalReferenceNo: 'x' }, { token }))).toBe('4015501');
  });

  it('validates the mandatory headers', async () => {
    const { api, qrisBody } = setup();
    const cases: [Record<string, string | undefined>, number, string][] = [
      [{ 'X-EXTERNAL-ID': undefined }, 400, '4004702'],
      [{ 'X-EXTERNAL-ID': 'x'.repeat(37) }, 400, '4004701'],
      [{ 'CHANNEL-ID': undefined }, 400, '4004702'],
      [{ 'CHANNEL-ID': '1234' }, 400, '4004701'],
      [{ 'CHANNEL-ID': 'abcde' }, 400, '4004701'],
      [{ 'X-PARTNER-ID': undefined }, 400, '4004702'],
      [{ 'X-PARTNER-ID': 'SOMEBODY' }, 401, '4014700'],
      [{ 'X-TIMESTAMP': undefined }, 400, '4004702'],
      [{ 'X-SIGNATURE': undefined }, 400, '4004702'],
      [{ 'Content-Type': 'text/plain' }, 400, '4004701'],
    ];
    for (const [headers, status, expected] of cases) {
      const res = await api.call(QRIS, qrisBody(), { headers });
      expect([status, expected], JSON.stringify(headers)).toEqual([res.status, code(res)]);
    }
    const badTs = await api.call(QRIS, qrisBody(), { timestamp: 'yesterday' });
    expect(code(badTs)).toBe('4004701');
  });

  it('answers malformed (but signed) JSON with 400SS00', async () => {
    const { api } = setup();
    const res = await api.call(QRIS, '{"partnerReferenceNo":', {});
    expect([res.status, code(res)]).toEqual([400, '4004700']);
    const arr = await api.call(QRIS, '[]', {});
    expect(code(arr)).toBe('4004700');
  });
});

describe('X-EXTERNAL-ID', () => {
  it('replays the original response for the same id and body, without a second charge', async () => {
    const { ctx, api, qrisBody } = setup();
    const body = qrisBody();
    const first = await api.call(QRIS, body, { externalId: 'same-1', timestamp: '2026-11-26T10:00:00+07:00' });
    const again = await api.call(QRIS, body, { externalId: 'same-1', timestamp: '2026-11-26T10:00:05+07:00' });
    expect(code(first)).toBe('2004700');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers?.['X-TIMESTAMP']).toBe('2026-11-26T10:00:05+07:00');
    expect(ctx.txs).toHaveLength(1);
  });

  it('answers 409SS00 for the same id with a different body or on another endpoint', async () => {
    const { api, qrisBody } = setup();
    await api.call(QRIS, qrisBody(), { externalId: 'same-2' });
    const conflict = await api.call(QRIS, qrisBody(), { externalId: 'same-2' });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ responseCode: '4094700', responseMessage: 'Cannot use same X-EXTERNAL-ID' });
    const elsewhere = await api.call('/v1.0/qr/qr-mpm-query', { originalExternalId: 'same-2' }, { externalId: 'same-2' });
    expect(code(elsewhere)).toBe('4095100');
  });

  it('forgets the id after 24 h of emulator time', async () => {
    const { ctx, api, qrisBody } = setup();
    await api.call(QRIS, qrisBody(), { externalId: 'day-1' });
    ctx.clock.advance(24 * 3600 + 1);
    expect(code(await api.call(QRIS, qrisBody(), { externalId: 'day-1' }))).toBe('2004700');
  });

  it('does not consume the id on a rejected request', async () => {
    const { api, qrisBody } = setup();
    const bad = await api.call(QRIS, qrisBody({ amount: { value: '1.50', currency: 'IDR' } }), { externalId: 'fix-1' });
    expect(code(bad)).toBe('4004701');
    expect(code(await api.call(QRIS, qrisBody(), { externalId: 'fix-1' }))).toBe('2004700');
  });

  it('serialises concurrent duplicates into one charge', async () => {
    const { ctx, api, qrisBody } = setup();
    const token = await api.accessToken();
    const body = qrisBody();
    const ts = '2026-11-26T10:00:00+07:00';
    const [a, b] = await Promise.all([
      api.call(QRIS, body, { token, externalId: 'race-1', timestamp: ts }),
      api.call(QRIS, body, { token, externalId: 'race-1', timestamp: ts }),
    ]);
    expect(a.body).toEqual(b.body);
    expect(ctx.txs).toHaveLength(1);
  });
});

describe('response code format', () => {
  it('HTTP status always equals the first three digits of responseCode', async () => {
    const { api, qrisBody } = setup();
    const responses = [
      await api.call(QRIS, qrisBody()),
      await api.call(QRIS, qrisBody({ merchantId: 'G999' })),
      await api.call(QRIS, qrisBody(), { token: 'nope' }),
      await api.call('/v1.0/qr/qr-mpm-query', { originalReferenceNo: 'missing' }),
      await api.token({ clientId: 'x' }),
    ];
    for (const r of responses) {
      expect(code(r)).toMatch(/^\d{7}$/);
      expect(String(r.status)).toBe(code(r).slice(0, 3));
    }
  });
});
