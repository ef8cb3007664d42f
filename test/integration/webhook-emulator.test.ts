/**
 * The webhook listener receiving real notifications from the emulator:
 * SNAP-BI (QRIS, debit, VA; RSA-signed by the emulator's key) and Core API
 * (signature_key, delivered through X-Override-Notification). Forged or
 * wrongly-keyed notifications are refused with 401 and never reach the sink; a
 * failing sink answers 500 and the emulator's retry (test clock) is accepted.
 */
import { generateKeyPairSync } from 'node:crypto';
import { httpsJson } from '../fixtures/emulator-https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/src/index';
import { SystemClock } from '../../electron/main/core/clock';
import { silentLogger } from '../../electron/main/core/logger';
import type { GatewayMethod } from '../../electron/main/core/gateway/mapping';
import { createGateway, type KasirGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { ChargeRequest } from '../../electron/main/core/gateway/types';
import { startWebhookListener, type WebhookListener } from '../../electron/main/core/webhook/listener';
import type { NotificationSink, VerifiedNotification } from '../../electron/main/core/webhook/types';
import { NotificationVerifier } from '../../electron/main/core/webhook/verifier';

type Emu = Awaited<ReturnType<typeof startEmulator>>;

/** Records notifications; `next(orderId)` resolves when one for that order arrives (no sleeping). */
class WaitingSink implements NotificationSink {
  readonly got: VerifiedNotification[] = [];
  failNext = 0;
  private waiters: { orderId: string; status: string; resolve: (n: VerifiedNotification) => void }[] = [];
  async accept(n: VerifiedNotification): Promise<'recorded'> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database is locked');
    }
    this.got.push(n);
    const hit = (x: { orderId: string; status: string }) => x.orderId === n.orderId && x.status === n.claimedStatus;
    for (const w of this.waiters.filter(hit)) w.resolve(n);
    this.waiters = this.waiters.filter((x) => !hit(x));
    return 'recorded';
  }
  /** Resolves when a notification claiming `status` arrives for `orderId` (Core also notifies `pending`). */
  next(orderId: string, status = 'settlement'): Promise<VerifiedNotification> {
    return new Promise((resolve) => this.waiters.push({ orderId, status, resolve }));
  }
}

let emu: Emu;
let g: KasirGateway;
const sink = new WaitingSink();
let listener: WebhookListener;

const simulator = (path: string, json: unknown) =>
  httpsJson<Record<string, unknown>>(`${emu.urls.simulatorUrl}/api/${path}`, { json, ca: emu.caCertPem }).then((r) => r.body);
const deliveries = (orderId: string) =>
  httpsJson(`${emu.urls.simulatorUrl}/api/notifications`, { searchParams: { order_id: orderId }, ca: emu.caCertPem }).then((r) => r.body);

let seq = 0;
function order(method: GatewayMethod, notify = false): ChargeRequest {
  const id = `KSR-W-${Date.now().toString(36)}-${++seq}`;
  return {
    orderId: id, method, amount: 20000, items: [], idempotencyKey: id,
    ...(notify ? { notificationUrls: [listener.coreNotificationUrl] } : {}),
  };
}

async function startListener(publicKeyPem: string): Promise<WebhookListener> {
  return startWebhookListener({
    port: 0,
    sink,
    verifier: new NotificationVerifier({ coreServerKey: emu.credentials.serverKey, snapNotificationPublicKeyPem: publicKeyPem }),
    logger: silentLogger,
  });
}

beforeAll(async () => {
  emu = await startEmulator({ notificationTimeoutMs: 2_000 });
  listener = await startListener(emu.credentials.snapBi.notificationPublicKeyPem);
  emu.setNotificationUrls([listener.snapBiBaseUrl]);
  const s = emu.credentials.snapBi;
  g = createGateway({
    env: 'emulator', coreApiBaseUrl: emu.urls.coreApiUrl, snapBiBaseUrl: emu.urls.snapBiUrl, caCertPem: emu.caCertPem,
    credentials: {
      env: 'emulator',
      core: { serverKey: emu.credentials.serverKey, clientKey: emu.credentials.clientKey },
      snapBi: {
        clientId: s.clientId, clientSecret: s.clientSecret, partnerId: s.partnerId, channelId: s.channelId,
        privateKeyPem: s.merchantPrivateKeyPem, notificationPublicKeyPem: s.notificationPublicKeyPem, merchantId: s.merchantId,
      },
    },
    clock: new SystemClock(), logger: silentLogger, retry: { sleep: async () => {} },
  });
});
afterAll(async () => {
  g.close();
  await listener.close();
  await emu.close();
});

describe('verified notifications from the emulator', () => {
  it.each([
    ['qris', 'snap_bi', false],
    ['gopay', 'snap_bi', false],
    ['va_bca', 'snap_bi', false],
    ['mandiri_bill', 'snap_bi', false],
    ['indomaret', 'core_api', true],
    ['alfamart', 'core_api', true],
  ] as [GatewayMethod, string, boolean][])('%s payment reaches the sink as a verified %s settlement', async (method, api, override) => {
    const req = order(method, override);
    const tx = await g.charge(req);
    const arrived = sink.next(req.orderId);
    await simulator('pay', { order_id: req.orderId });
    const n = await arrived;
    expect(n).toMatchObject({ api, orderId: req.orderId, claimedStatus: 'settlement' });
    if (api === 'core_api') expect(n.referenceNo).toBe(tx.referenceNo);
  });

  it('a Core API QRIS charge routed with X-Override-Notification notifies the listener', async () => {
    const core = createGateway({
      env: 'emulator', coreApiBaseUrl: emu.urls.coreApiUrl, snapBiBaseUrl: emu.urls.snapBiUrl, caCertPem: emu.caCertPem,
      routing: { qris: 'core_api' },
      credentials: { env: 'emulator', core: { serverKey: emu.credentials.serverKey, clientKey: emu.credentials.clientKey }, snapBi: null },
      clock: new SystemClock(), logger: silentLogger, retry: { sleep: async () => {} },
    });
    const req = order('qris', true);
    await core.charge(req);
    const arrived = sink.next(req.orderId, 'expire');
    await simulator('expire', { order_id: req.orderId });
    expect(await arrived).toMatchObject({ api: 'core_api', claimedStatus: 'expire' });
    core.close();
  });
});

describe('refusals and retries', () => {
  it('notifications signed by another key get 401 and never reach the sink', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const strict = await startListener(other);
    emu.setNotificationUrls([strict.snapBiBaseUrl]);
    try {
      const req = order('qris');
      await g.charge(req);
      const before = sink.got.length;
      await simulator('pay', { order_id: req.orderId });
      await expect.poll(async () => JSON.stringify(await deliveries(req.orderId)), { interval: 20, timeout: 5_000 }).toContain('401');
      expect(sink.got.length).toBe(before);
    } finally {
      emu.setNotificationUrls([listener.snapBiBaseUrl]);
      await strict.close();
    }
  });

  it('a sink failure answers 500; the emulator retries on its (test) schedule and the retry is accepted', async () => {
    const req = order('qris');
    await g.charge(req);
    sink.failNext = 1;
    await simulator('pay', { order_id: req.orderId });
    await expect.poll(async () => JSON.stringify(await deliveries(req.orderId)), { interval: 20, timeout: 5_000 }).toContain('500');
    const arrived = sink.next(req.orderId);
    await simulator('clock/advance', { seconds: 3 * 60 });
    expect(await arrived).toMatchObject({ orderId: req.orderId, claimedStatus: 'settlement' });
  });
});
