import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createLogger, silentLogger } from '../../electron/main/core/logger';
import { GatewayError, isOutcomeUnknown } from '../../electron/main/core/gateway/errors';
import { classifyTransportError, GatewayHttp } from '../../electron/main/core/gateway/http';
import { backoffDelay, isWorthRepeating, withRetry } from '../../electron/main/core/gateway/retry';
import { applyRoutingOverrides } from '../../electron/main/core/gateway/routing-gateway';

const ambiguous5xx = () => new GatewayError('unavailable', { delivery: 'maybe_processed', details: { httpStatus: 503 } });
const refused = () => new GatewayError('unavailable', { delivery: 'not_sent', details: { transportCode: 'ECONNREFUSED' } });

function recorder() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms), random: () => 0.5 };
}

describe('withRetry', () => {
  it('retries transient errors with capped exponential backoff, then succeeds', async () => {
    const r = recorder();
    let calls = 0;
    const out = await withRetry(async () => {
      calls++;
      if (calls < 4) throw ambiguous5xx();
      return 'ok';
    }, 'write', { ...r, baseDelayMs: 100, maxDelayMs: 300, maxAttempts: 4 }, silentLogger, 'charge');
    expect(out).toBe('ok');
    expect(r.delays).toEqual([75, 150, 225]);
  });

  it('never retries a 4xx-class error', async () => {
    const r = recorder();
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new GatewayError('amount', { delivery: 'answered' });
      }, 'write', r, silentLogger, 'charge'),
    ).rejects.toMatchObject({ kind: 'amount' });
    expect(calls).toBe(1);
    expect(r.delays).toEqual([]);
  });

  it('turns lingering ambiguity on a write into an unknown outcome (maybe_processed)', async () => {
    const e = await withRetry(async () => { throw ambiguous5xx(); }, 'write', { ...recorder(), maxAttempts: 3 }, silentLogger, 'charge').catch((x: unknown) => x);
    expect(isOutcomeUnknown(e)).toBe(true);
    expect((e as GatewayError).code).toBe('GATEWAY_UNAVAILABLE');
    expect((e as GatewayError).params).toEqual({ outcome: 'maybe_processed' });
  });

  it('a duplicate after an ambiguous attempt is an unknown outcome (it is probably our own charge)', async () => {
    let calls = 0;
    const e = await withRetry(async () => {
      calls++;
      throw calls === 1 ? ambiguous5xx() : new GatewayError('duplicate');
    }, 'write', recorder(), silentLogger, 'charge').catch((x: unknown) => x);
    expect(isOutcomeUnknown(e)).toBe(true);
  });

  it('connection refused every time stays "unavailable" (definitely not sent)', async () => {
    const e = await withRetry(async () => { throw refused(); }, 'write', recorder(), silentLogger, 'charge').catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'unavailable', delivery: 'not_sent', params: { outcome: 'not_sent' } });
    expect(isOutcomeUnknown(e)).toBe(false);
  });

  it('reads are retried, then the last error is thrown as it came', async () => {
    const last = ambiguous5xx();
    let calls = 0;
    const e = await withRetry(async () => { calls++; throw calls === 4 ? last : ambiguous5xx(); }, 'read', recorder(), silentLogger, 'status').catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'unavailable' });
    expect(e).toBe(last);
  });

  it('honours Retry-After within the cap', () => {
    expect(backoffDelay(1, { baseDelayMs: 100, maxDelayMs: 4000, random: () => 0 }, 2)).toBe(2000);
    expect(backoffDelay(1, { baseDelayMs: 100, maxDelayMs: 4000, random: () => 0 }, 60)).toBe(4000);
  });

  it('backoff stays within [exp/2, exp] and never above the cap (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, rnd) => {
        const d = backoffDelay(attempt, { baseDelayMs: 250, maxDelayMs: 4000, random: () => rnd });
        const exp = Math.min(4000, 250 * 2 ** (attempt - 1));
        expect(d).toBeGreaterThanOrEqual(Math.floor(exp / 2));
        expect(d).toBeLessThanOrEqual(4000);
      }),
    );
  });

  it('logs retries without secrets', async () => {
    const lines: string[] = [];
    const logger = createLogger('t', { sink: (l) => lines.push(l), level: 'debug' });
    await withRetry(async (n) => { if (n === 1) throw ambiguous5xx(); return 1; }, 'write', recorder(), logger, 'charge');
    expect(lines.join('\n')).toContain('retrying');
  });
});

describe('transport classification', () => {
  it('connect-phase timeouts are not ambiguous; response timeouts and resets are', () => {
    const mk = (code: string) => Object.assign(new Error(code), { code });
    expect(classifyTransportError(mk('ECONNREFUSED')).delivery).toBe('not_sent');
    expect(classifyTransportError(mk('ECONNRESET')).delivery).toBe('maybe_processed');
    expect(classifyTransportError(mk('EPIPE')).delivery).toBe('maybe_processed');
    const cert = classifyTransportError(mk('UNABLE_TO_VERIFY_LEAF_SIGNATURE'));
    expect(cert).toMatchObject({ kind: 'untrusted', delivery: 'not_sent', code: 'GATEWAY_UNAVAILABLE' });
    expect(isWorthRepeating(cert)).toBe(false);
    expect(cert.message).toMatch(/certificate/);
  });
});

describe('GatewayHttp configuration', () => {
  it('refuses plain http and an emulator without its CA', () => {
    expect(() => new GatewayHttp({ env: 'sandbox', baseUrl: 'http://127.0.0.1:1', logger: silentLogger })).toThrow(/HTTPS/);
    expect(() => new GatewayHttp({ env: 'emulator', baseUrl: 'https://127.0.0.1:1', logger: silentLogger })).toThrow(/CA/);
  });

  it('ignores an extra CA outside the emulator environment (and says so)', () => {
    const lines: string[] = [];
    const logger = createLogger('t', { sink: (l) => lines.push(l) });
    const h = new GatewayHttp({ env: 'production', baseUrl: 'https://127.0.0.1:1', caCertPem: 'PEM', logger });
    h.close();
    expect(lines.join()).toContain('ignoring extra CA');
  });

  it('connection refused on a charge is classified as not sent', async () => {
    const h = new GatewayHttp({ env: 'sandbox', baseUrl: 'https://127.0.0.1:1', logger: silentLogger, timeouts: { connectMs: 500 } });
    const e = (await h.request({ method: 'GET', path: '/x', headers: {} }).then(() => null, (x: unknown) => x)) as GatewayError;
    h.close();
    expect(e).toBeInstanceOf(GatewayError);
    expect(e.delivery).toBe('not_sent');
    expect(isWorthRepeating(e)).toBe(true);
  });
});

describe('routing', () => {
  it('defaults to SNAP-BI where it covers the method and Core API for stores', () => {
    const r = applyRoutingOverrides({});
    expect(r.qris).toBe('snap_bi');
    expect(r.va_bca).toBe('snap_bi');
    expect(r.indomaret).toBe('core_api');
    expect(applyRoutingOverrides({ qris: 'core_api' }).qris).toBe('core_api');
  });

  it('refuses impossible routes', () => {
    expect(() => applyRoutingOverrides({ indomaret: 'snap_bi' })).toThrow();
    expect(() => applyRoutingOverrides({ dana: 'core_api' })).toThrow();
  });
});

describe('a definite-looking answer after an ambiguous write', () => {
  it('is still an unknown outcome: the first attempt may have gone through', async () => {
    const { withRetry } = await import('../../electron/main/core/gateway/retry');
    const { GatewayError } = await import('../../electron/main/core/gateway/errors');
    const { silentLogger } = await import('../../electron/main/core/logger');
    let n = 0;
    const op = async () => {
      n++;
      if (n === 1) throw new GatewayError('unavailable', { delivery: 'maybe_processed', details: { transportCode: 'ETIMEDOUT' } });
      throw new GatewayError('rejected', { details: { httpStatus: 403 } });
    };
    const err = await withRetry(op, 'write', { sleep: async () => {} }, silentLogger, 'charge').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', delivery: 'maybe_processed' });
    expect(isOutcomeUnknown(err)).toBe(true);
    expect(n).toBe(2);
  });
});
