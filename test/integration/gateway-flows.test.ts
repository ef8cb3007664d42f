/**
 * The gateway clients against the emulator over real HTTPS (its own CA):
 * every method's charge → simulator pay → status, on its default API and, for
 * Core-capable methods, on the Core API too; cancel, expire, refund, not-found,
 * wrong key, and TLS verification without the emulator CA.
 */
import { randomUUID } from 'node:crypto';
import { httpsJson } from '../fixtures/emulator-https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorGatewayCredentials } from '../../electron/main/core/secrets/emulator-credentials';
import { startEmulator } from '../../emulator/src/index';
import { SystemClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import type { GatewayMethod } from '../../electron/main/core/gateway/mapping';
import { createGateway, type GatewayRouting, type KasirGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { ChargeRequest, GatewayRef, GatewayTransaction } from '../../electron/main/core/gateway/types';
import type { GatewayCredentials } from '../../electron/main/core/secrets/credentials';
import { failure } from '../fixtures/failure';


type Emu = Awaited<ReturnType<typeof startEmulator>>;
let emu: Emu;
let creds: GatewayCredentials;

const noSleep = { sleep: async () => {}, random: () => 0.5 };
const gateway = (routing: GatewayRouting = {}, over: Partial<Parameters<typeof createGateway>[0]> = {}): KasirGateway =>
  createGateway({
    env: 'emulator',
    coreApiBaseUrl: emu.urls.coreApiUrl,
    snapBiBaseUrl: emu.urls.snapBiUrl,
    caCertPem: emu.caCertPem,
    routing,
    credentials: creds,
    clock: new SystemClock(),
    logger: silentLogger,
    retry: noSleep,
    ...over,
  });

async function sim(action: string, body: Record<string, unknown>): Promise<void> {
  await httpsJson(`${emu.urls.simulatorUrl}/api/${action}`, { json: body, ca: emu.caCertPem });
}

let seq = 0;
function order(method: GatewayMethod, amount = 25000): ChargeRequest {
  const id = `KSR-IT-${Date.now().toString(36)}-${++seq}`;
  return { orderId: id, method, amount, items: [{ sku: 'S1', name: 'Es teh', price: amount, quantity: 1 }], idempotencyKey: id };
}
const refOf = (g: KasirGateway, req: ChargeRequest, tx: GatewayTransaction): GatewayRef => ({
  api: g.apiFor(req.method),
  orderId: req.orderId,
  method: req.method,
  externalId: req.idempotencyKey,
  referenceNo: tx.referenceNo,
  virtualAccountNo: tx.virtualAccountNo ?? null,
});

beforeAll(async () => {
  emu = await startEmulator();
  creds = emulatorGatewayCredentials(emu.credentials);
});
afterAll(() => emu.close());

const ACTION: Record<GatewayMethod, string> = {
  qris: 'qr', gopay: 'deeplink', shopeepay: 'deeplink', dana: 'deeplink',
  va_bca: 'va', va_bni: 'va', va_bri: 'va', va_permata: 'va', va_cimb: 'va',
  mandiri_bill: 'bill', indomaret: 'paycode', alfamart: 'paycode',
};
const ALL = Object.keys(ACTION) as GatewayMethod[];
const CORE_CAPABLE = ALL.filter((m) => m !== 'dana');
const CORE_ROUTING: GatewayRouting = Object.fromEntries(CORE_CAPABLE.map((m) => [m, 'core_api']));

describe.each([
  ['default routing (SNAP-BI where covered)', {} as GatewayRouting, ALL],
  ['Core API for everything it covers', CORE_ROUTING, CORE_CAPABLE],
])('%s', (_label, routing, methods) => {
  it.each(methods)('%s: charge → simulator pay → status settlement', async (method) => {
    const g = gateway(routing);
    try {
      const req = order(method);
      const tx = await g.charge(req);
      expect(tx).toMatchObject({ orderId: req.orderId, status: 'pending', amount: 25000, refundedAmount: 0 });
      // GoPay on the Core API: the QR string is preferred over the deeplink when Midtrans sends one.
      expect(method === 'gopay' ? ['qr', 'deeplink'] : [ACTION[method]]).toContain(tx.action?.kind);
      // SNAP-BI create-va answers without a referenceNo (it appears in status and notifications).
      const vaOnSnap = g.apiFor(method) === 'snap_bi' && ACTION[method] !== 'qr' && ACTION[method] !== 'deeplink';
      if (!vaOnSnap) expect(tx.referenceNo).toBeTruthy();
      const ref = refOf(g, req, tx);
      expect((await g.status(ref))?.status).toBe('pending');
      await sim('pay', { order_id: req.orderId });
      const paid = await g.status(ref);
      expect(paid).toMatchObject({ orderId: req.orderId, status: 'settlement', amount: 25000 });
      expect(paid?.referenceNo).toBeTruthy();
      // Recovery path: status by order id / external id only (nothing persisted but the request).
      const bare = await g.status({ ...ref, referenceNo: null, virtualAccountNo: null });
      expect(bare?.status).toBe('settlement');
    } finally {
      g.close();
    }
  });

  it('cancel a pending QRIS and a pending VA', async () => {
    const g = gateway(routing);
    for (const method of ['qris', 'va_bni'] as const) {
      const req = order(method);
      const tx = await g.charge(req);
      const cancelled = await g.cancel(refOf(g, req, tx));
      expect(cancelled.status).toBe('cancel');
      expect((await g.status(refOf(g, req, tx)))?.status).toBe('cancel');
      // A second cancel (e.g. a retry after a lost answer) reports the same final state.
      expect((await g.cancel(refOf(g, req, tx))).status).toBe('cancel');
    }
    g.close();
  });

  it('partial then full refund of a paid QRIS and a paid GoPay charge', async () => {
    const g = gateway(routing);
    for (const method of ['qris', 'gopay'] as const) {
      const req = order(method, 30000);
      const tx = await g.charge(req);
      await sim('pay', { order_id: req.orderId });
      const ref = refOf(g, req, tx);
      const key1 = randomUUID();
      const part = await g.refund({ ref, amount: 10000, refundKey: key1, reason: 'one item returned' });
      expect(part).toMatchObject({ status: 'partial_refund', refundedAmount: 10000 });
      // Same refund key again: already applied, not a second refund.
      const again = await g.refund({ ref, amount: 10000, refundKey: key1 });
      expect(again.refundedAmount).toBe(10000);
      const rest = await g.refund({ ref, refundKey: randomUUID() });
      expect(rest).toMatchObject({ status: 'refund', refundedAmount: 30000 });
    }
    g.close();
  });

  it('status of an order Midtrans never saw is null', async () => {
    const g = gateway(routing);
    for (const method of ['qris', 'gopay', 'va_bca', 'indomaret'] as const) {
      const req = order(method);
      expect(await g.status({ api: g.apiFor(method), orderId: req.orderId, method, externalId: req.idempotencyKey })).toBeNull();
    }
    g.close();
  });

  it('refunding a pending charge is an illegal transition', async () => {
    const g = gateway(routing);
    const req = order('qris');
    const tx = await g.charge(req);
    const e = await failure(g.refund({ ref: refOf(g, req, tx), refundKey: randomUUID() }));
    expect(e.code).toBe('ILLEGAL_TRANSITION');
    g.close();
  });
});

describe('Core API specifics', () => {
  it('expire a pending charge (body 407)', async () => {
    const g = gateway();
    const req = order('indomaret');
    const tx = await g.charge(req);
    expect((await g.expire(refOf(g, req, tx))).status).toBe('expire');
    g.close();
  });

  it('a duplicate order id is DUPLICATE_ORDER; an invalid amount is AMOUNT_INVALID', async () => {
    const g = gateway(CORE_ROUTING);
    const req = order('qris');
    await g.charge(req);
    const dup = await failure(g.charge({ ...req, idempotencyKey: randomUUID() }));
    expect(dup.code).toBe('DUPLICATE_ORDER');
    const bad = order('va_bca');
    const e = await failure(g.charge({ ...bad, items: [{ sku: 'x', name: 'x', price: 1, quantity: 1 }] }));
    expect(e).toBeInstanceOf(GatewayError);
    expect(['AMOUNT_INVALID', 'GATEWAY_REJECTED']).toContain(e.code);
    g.close();
  });
});

describe('credentials and TLS', () => {
  it('a wrong server key / client secret is GATEWAY_AUTH and is not retried', async () => {
    let sleeps = 0;
    const sleep = async () => void sleeps++;
    const core = gateway({}, { credentials: { ...creds, core: { serverKey: 'SB-Mid-server-wrong', clientKey: 'x' } }, retry: { sleep } });
    expect(await core.charge(order('indomaret')).catch((e: unknown) => (e as GatewayError).code)).toBe('GATEWAY_AUTH');
    core.close();
    const snap = gateway({}, { credentials: { ...creds, snapBi: { ...creds.snapBi!, clientSecret: 'wrong-secret' } }, retry: { sleep } });
    expect(await snap.charge(order('qris')).catch((e: unknown) => (e as GatewayError).code)).toBe('GATEWAY_AUTH');
    snap.close();
    expect(sleeps).toBe(0);
  });

  it('without the emulator CA the certificate is refused (verification is always on)', async () => {
    const g = gateway({}, { env: 'sandbox', caCertPem: emu.caCertPem });
    const e = await failure(g.charge(order('indomaret')));
    expect(e).toBeInstanceOf(GatewayError);
    expect(e.code).toBe('GATEWAY_UNAVAILABLE');
    expect(e).toMatchObject({ kind: 'untrusted', delivery: 'not_sent' });
    expect(e.message).toMatch(/certificate/);
    expect(emu.store.find(e.message)).toBeUndefined();
    g.close();
  });
});
