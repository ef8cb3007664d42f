/**
 * Safe retries against the emulator's fault injection: 5xx, resets and hangs
 * on charge (before and after Midtrans processed it) are retried with the same
 * Idempotency-Key / X-EXTERNAL-ID and body, and the emulator ends up with
 * exactly one charge. Lingering ambiguity becomes an unknown outcome (`maybe_processed`), which
 * the status API then resolves. No real sleeping: back-off is injected.
 */
import tls from 'node:tls';
import { httpsJson } from '../fixtures/emulator-https';
import { loadOrCreatePki } from '../../emulator/src/pki/ca';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/src/index';
import { SystemClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import { GatewayError, isOutcomeUnknown } from '../../electron/main/core/gateway/errors';
import type { GatewayMethod } from '../../electron/main/core/gateway/mapping';
import { createGateway, type KasirGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { ChargeRequest, GatewayRef } from '../../electron/main/core/gateway/types';
import { failure } from '../fixtures/failure';


type Emu = Awaited<ReturnType<typeof startEmulator>>;
let emu: Emu;
let g: KasirGateway;
const sleeps: number[] = [];

async function simulator(method: 'POST' | 'DELETE', path: string, json?: unknown): Promise<void> {
  await httpsJson(`${emu.urls.simulatorUrl}/api/${path}`, { method, ...(json ? { json } : {}), ca: emu.caCertPem });
}
const fault = (rule: Record<string, unknown>) => simulator('POST', 'faults', { kind: 'api', ...rule });
/** A path matcher in the emulator's `/regex/` form (a plain `/v2/charge` would be read as a regex with flags). */
const rx = (path: string) => `/${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$/`;

let seq = 0;
function order(method: GatewayMethod): ChargeRequest {
  const id = `KSR-F-${Date.now().toString(36)}-${++seq}`;
  return { orderId: id, method, amount: 15000, items: [{ sku: 'A', name: 'Roti', price: 15000, quantity: 1 }], idempotencyKey: id };
}
const ref = (req: ChargeRequest): GatewayRef => ({ api: g.apiFor(req.method), orderId: req.orderId, method: req.method, externalId: req.idempotencyKey });
const chargesAtEmulator = (orderId: string) => emu.store.list(10_000).filter((t) => t.orderId === orderId).length;
const faultHits = () => emu.faults.list().reduce((n, f) => n + f.hits, 0);

beforeAll(async () => {
  emu = await startEmulator();
  const s = emu.credentials.snapBi;
  g = createGateway({
    env: 'emulator',
    coreApiBaseUrl: emu.urls.coreApiUrl,
    snapBiBaseUrl: emu.urls.snapBiUrl,
    caCertPem: emu.caCertPem,
    routing: {},
    credentials: {
      env: 'emulator',
      core: { serverKey: emu.credentials.serverKey, clientKey: emu.credentials.clientKey },
      snapBi: {
        clientId: s.clientId, clientSecret: s.clientSecret, partnerId: s.partnerId, channelId: s.channelId,
        privateKeyPem: s.merchantPrivateKeyPem, notificationPublicKeyPem: s.notificationPublicKeyPem, merchantId: s.merchantId,
      },
    },
    clock: new SystemClock(),
    logger: silentLogger,
    timeouts: { connectMs: 2_000, responseMs: 400 },
    retry: { maxAttempts: 4, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });
});
afterEach(async () => {
  await simulator('DELETE', 'faults');
  sleeps.length = 0;
});
afterAll(async () => {
  g.close();
  await emu.close();
});

const CHARGE_PATH: Record<string, string> = { indomaret: '/v2/charge', qris: '/v1.0/qr/qr-mpm-generate', va_bri: '/v1.0/transfer-va/create-va', dana: '/v1.0/debit/payment-host-to-host' };

describe.each(['indomaret', 'qris', 'va_bri', 'dana'] as GatewayMethod[])('charge %s', (method) => {
  const path = CHARGE_PATH[method]!;

  it.each([
    ['503 after processing, twice', { action: 'status', status: 503, when: 'after', times: 2 }],
    ['connection reset after processing', { action: 'reset', when: 'after', times: 1 }],
    ['hang past the client timeout after processing', { action: 'hang', ms: 3_000, when: 'after', times: 1 }],
    ['503 before processing, twice', { action: 'status', status: 503, when: 'before', times: 2 }],
    ['429 rate limit', { action: 'status', status: 429, when: 'before', times: 1 }],
  ])('%s → retried with the same key, exactly one charge', async (_label, rule) => {
    const req = order(method);
    await fault({ match: { path: rx(path), orderId: req.orderId }, ...rule });
    const tx = await g.charge(req);
    expect(tx.status).toBe('pending');
    expect(sleeps.length).toBe(rule.times);
    expect(chargesAtEmulator(req.orderId)).toBe(1);
  });

  it('still failing after every retry → unknown outcome, and status finds the one charge', async () => {
    const req = order(method);
    await fault({ match: { path: rx(path), orderId: req.orderId }, action: 'status', status: 502, when: 'after', times: 10 });
    const e = await g.charge(req).catch((x: unknown) => x);
    expect(isOutcomeUnknown(e)).toBe(true);
    expect(sleeps).toHaveLength(3);
    await simulator('DELETE', 'faults');
    expect((await g.status(ref(req)))?.status).toBe('pending');
    expect(chargesAtEmulator(req.orderId)).toBe(1);
  });

  it('refused before processing every time → unknown outcome, and status says it never existed', async () => {
    const req = order(method);
    await fault({ match: { path: rx(path), orderId: req.orderId }, action: 'status', status: 503, when: 'before', times: 10 });
    const e = await g.charge(req).catch((x: unknown) => x);
    expect(isOutcomeUnknown(e)).toBe(true);
    await simulator('DELETE', 'faults');
    expect(await g.status(ref(req))).toBeNull();
  });
});

describe('non-retryable and other operations', () => {
  it('a 4xx is never retried', async () => {
    const req = order('indomaret');
    await fault({ match: { path: rx('/v2/charge'), orderId: req.orderId }, action: 'status', status: 400, times: 5 });
    const e = await failure(g.charge(req));
    expect(e).toBeInstanceOf(GatewayError);
    expect(e.delivery).toBe('answered');
    expect(sleeps).toHaveLength(0);
    expect(faultHits()).toBe(1);
    expect(chargesAtEmulator(req.orderId)).toBe(0);
  });

  it('status survives 5xx and resets', async () => {
    const req = order('qris');
    await g.charge(req);
    await fault({ match: { path: rx('/v1.0/qr/qr-mpm-query') }, action: 'status', status: 500, times: 1 });
    await fault({ match: { path: rx('/v1.0/qr/qr-mpm-query') }, action: 'reset', times: 1 });
    expect((await g.status(ref(req)))?.status).toBe('pending');
    expect(sleeps).toHaveLength(2);
  });

  it('a cancel whose answer is lost is reported as applied, not as an error', async () => {
    for (const method of ['indomaret', 'qris'] as const) {
      const req = order(method);
      await g.charge(req);
      const path = method === 'indomaret' ? '/cancel' : '/v1.0/qr/qr-mpm-cancel';
      await fault({ match: { path: rx(path), orderId: req.orderId }, action: 'status', status: 503, when: 'after', times: 1 });
      expect((await g.cancel(ref(req))).status).toBe('cancel');
    }
  });

  it('an expired SNAP-BI token (emulator time +901 s) is refreshed once and the call succeeds', async () => {
    await g.charge(order('qris'));
    await simulator('POST', 'clock/advance', { seconds: 901 });
    const req = order('qris');
    expect((await g.charge(req)).status).toBe('pending');
    expect(chargesAtEmulator(req.orderId)).toBe(1);
  });
});

describe('real connection resets (a TLS server that drops every request after reading it)', () => {
  it('a charge reset after sending is retried with the same key, then reported as an unknown outcome', async () => {
    const pki = await loadOrCreatePki(emu.stateDir, ['127.0.0.1']);
    const seen: string[] = [];
    const server = tls.createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem, minVersion: 'TLSv1.2' }, (socket) => {
      socket.once('data', (chunk: Buffer) => {
        seen.push(/idempotency-key: (\S+)/i.exec(chunk.toString('latin1'))?.[1] ?? '?');
        socket.destroy();
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const dropping = createGateway({
      env: 'emulator',
      coreApiBaseUrl: `https://127.0.0.1:${port}`,
      snapBiBaseUrl: `https://127.0.0.1:${port}`,
      caCertPem: pki.caCertPem,
      credentials: { env: 'emulator', core: { serverKey: 'k', clientKey: 'c' }, snapBi: null },
      clock: new SystemClock(),
      logger: silentLogger,
      retry: { maxAttempts: 3, sleep: async () => {} },
    });
    try {
      const req = order('indomaret');
      const e = await failure(dropping.charge(req));
      expect(isOutcomeUnknown(e)).toBe(true);
      expect(e.message).not.toContain('k:');
      expect(seen).toEqual([req.idempotencyKey, req.idempotencyKey, req.idempotencyKey]);
    } finally {
      dropping.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
