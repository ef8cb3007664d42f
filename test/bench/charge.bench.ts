/**
 * Bench groups `charge` (1. charge overhead: `payments.create` vs a bare
 * keep-alive `node:https` POST of the same body, interleaved) and `notify`
 * (2. the emulator's settle → the engine's `onUpdated`: delivery,
 * verification, durable write, status confirmation, transition, emit).
 */
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { RunningEmulator } from '../../emulator/src/index';
import { buildCoreChargeBody } from '../../electron/main/core/gateway/core-api-client';
import { buildSnapCreateBody, padPartnerServiceId } from '../../electron/main/core/gateway/snap-bi-bodies';
import { snapBiRequestSignature, snapBiTokenSignature } from '../../electron/main/core/gateway/signatures';
import { snapBiTimestamp } from '../../electron/main/core/gateway/time';
import type { ChargeRequest } from '../../electron/main/core/gateway/types';
import { RandomIds } from '../../electron/main/core/payments/ids';
import type { UpdateSource } from '../../shared/domain/payment';
import { startBenchEngine } from './bench-engine';
import type { BenchContext, BenchRow } from './bench-group';
import { BENCH_ITEMS as ITEMS, yes, NO_BUDGET } from './bench-group';
import { fmt, percentile } from './stats';

const AMOUNT = 48_500;

// ---------------------------------------------------------------- 1. charge overhead

/** A bare keep-alive HTTPS client for the emulator: one socket, its CA, nothing else. */
function bareClient(emulator: RunningEmulator) {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: emulator.caCertPem, minVersion: 'TLSv1.2' });
  const base = new URL(emulator.urls.coreApiUrl);
  const post = (path: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: unknown }> =>
    new Promise((resolve, reject) => {
      const req = https.request(
        { host: base.hostname, port: base.port, path, method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

async function chargeOverhead(emulator: RunningEmulator, rows: BenchRow[], log: (m: string) => void, N_CHARGE: number, N_WARM: number): Promise<void> {
  const eng = await startBenchEngine({ emulator, listener: false, engine: NO_BUDGET });
  const bare = bareClient(emulator);
  const ids = new RandomIds();
  const creds = eng.credentials;
  const snap = creds.snapBi!;
  const basic = `Basic ${Buffer.from(`${creds.core!.serverKey}:`).toString('base64')}`;
  const day = '20260101';
  const request = (method: ChargeRequest['method']): ChargeRequest => {
    const orderId = ids.gatewayOrderId(day);
    return { orderId, method, amount: AMOUNT, items: ITEMS, idempotencyKey: method === 'qris' ? orderId : randomUUID() };
  };

  // The bare SNAP-BI request needs what any client needs: a token (once) and the request signature.
  const ts = snapBiTimestamp(Date.now());
  const tok = await bare.post(
    '/v1.0/access-token/b2b',
    { 'Content-Type': 'application/json', 'X-TIMESTAMP': ts, 'X-CLIENT-KEY': snap.clientId, 'X-SIGNATURE': snapBiTokenSignature(snap.clientId, ts, snap.privateKeyPem) },
    '{"grantType":"client_credentials"}',
  );
  const token = (tok.json as { accessToken: string }).accessToken;
  const snapCfg = { merchantId: snap.merchantId ?? snap.partnerId, partnerServiceIdFor: () => padPartnerServiceId('70012'), callbackUrl: 'kasir://payment-finished' };

  const bareCharge: Record<'indomaret' | 'qris', () => Promise<void>> = {
    indomaret: async () => {
      const req = request('indomaret');
      const r = await bare.post(
        '/v2/charge',
        { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: basic, 'Idempotency-Key': req.idempotencyKey },
        JSON.stringify(buildCoreChargeBody(req)),
      );
      if (r.status !== 200 && r.status !== 201) throw new Error(`bare core charge: HTTP ${r.status}`);
    },
    qris: async () => {
      const req = request('qris');
      const { path, body } = buildSnapCreateBody(req, snapCfg);
      const text = JSON.stringify(body);
      const timestamp = snapBiTimestamp(Date.now());
      const r = await bare.post(
        path,
        {
          'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}`, 'X-TIMESTAMP': timestamp,
          'X-SIGNATURE': snapBiRequestSignature({ method: 'POST', path, accessToken: token, body: text, timestamp }, snap.clientSecret),
          'X-PARTNER-ID': snap.partnerId, 'X-EXTERNAL-ID': req.idempotencyKey, 'CHANNEL-ID': snap.channelId,
        },
        text,
      );
      if (r.status !== 200) throw new Error(`bare snap charge: HTTP ${r.status} ${JSON.stringify(r.json)}`);
    },
  };

  for (const method of ['indomaret', 'qris'] as const) {
    const bareMs: number[] = [];
    const kasirMs: number[] = [];
    const kasir = async () => {
      const v = await eng.payments.create({ items: ITEMS, method });
      if (v.status !== 'pending') throw new Error(`kasir charge: ${v.status}`);
    };
    for (let i = 0; i < N_WARM + N_CHARGE; i++) {
      // Interleaved, alternating which goes first, so drift and GC hit both sides alike.
      for (const [fn, out] of i % 2 ? ([[kasir, kasirMs], [bareCharge[method], bareMs]] as const) : ([[bareCharge[method], bareMs], [kasir, kasirMs]] as const)) {
        const t0 = performance.now();
        await fn();
        if (i >= N_WARM) out.push(performance.now() - t0);
      }
    }
    const api = method === 'qris' ? 'SNAP-BI qris' : 'Core API indomaret';
    const o50 = percentile(kasirMs, 50) - percentile(bareMs, 50);
    const o95 = percentile(kasirMs, 95) - percentile(bareMs, 95);
    rows.push({
      metric: `1. charge overhead, ${api} (ms)`,
      p50: fmt(o50),
      p95: fmt(o95),
      detail: `kasir p50 ${fmt(percentile(kasirMs, 50))} / p95 ${fmt(percentile(kasirMs, 95))}; bare p50 ${fmt(percentile(bareMs, 50))} / p95 ${fmt(percentile(bareMs, 95))}; n=${N_CHARGE}`,
      target: '≤ 5 ms p50',
      met: yes(o50 <= 5),
    });
    log(`charge overhead ${method} done`);
  }
  bare.close();
  await eng.close();
}

// ---------------------------------------------------------------- 2. notification → payment.updated

async function notificationLatency(emulator: RunningEmulator, rows: BenchRow[], log: (m: string) => void, N_NOTIFY: number, N_WARM: number): Promise<void> {
  const eng = await startBenchEngine({ emulator, listener: true, engine: NO_BUDGET });
  const waiting = new Map<string, (at: number, source: UpdateSource) => void>();
  eng.payments.onUpdated((v, source) => {
    if (v.status === 'settlement') waiting.get(v.id)?.(performance.now(), source);
  });
  for (const method of ['qris', 'indomaret'] as const) {
    const lat: number[] = [];
    const sources = new Map<UpdateSource, number>();
    for (let i = 0; i < N_WARM + N_NOTIFY; i++) {
      const p = await eng.payments.create({ items: ITEMS, method });
      // Let the charge's own traffic (Core's `pending` notification and its confirmation) finish first.
      await emulator.dispatcher.idle();
      await eng.payments.idle();
      const tx = emulator.store.find(p.orderId)!;
      const done = new Promise<{ at: number; source: UpdateSource }>((resolve) => waiting.set(p.id, (at, source) => resolve({ at, source })));
      const t0 = performance.now();
      emulator.store.transition(tx, 'settlement');
      const { at, source } = await done;
      waiting.delete(p.id);
      if (i >= N_WARM) {
        lat.push(at - t0);
        sources.set(source, (sources.get(source) ?? 0) + 1);
      }
    }
    const p95 = percentile(lat, 95);
    rows.push({
      metric: `2. notification → payment.updated, ${method} (ms)`,
      p50: fmt(percentile(lat, 50)),
      p95: fmt(p95),
      detail: `max ${fmt(Math.max(...lat))}; via ${[...sources].map(([s, n]) => `${s}×${n}`).join(', ')}; n=${N_NOTIFY}`,
      target: '≤ 20 ms p95',
      met: yes(p95 <= 20),
    });
    log(`notification latency ${method} done`);
  }
  await eng.close();
}

/** Group `charge`. */
export async function runCharge(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const QUICK = ctx.quick;
  const N_CHARGE = QUICK ? 40 : 400;
  const N_WARM = QUICK ? 10 : 50;
  await chargeOverhead(await ctx.emulator(), rows, ctx.log, N_CHARGE, N_WARM);
  return rows;
}

/** Group `notify`. */
export async function runNotify(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const QUICK = ctx.quick;
  await notificationLatency(await ctx.emulator(), rows, ctx.log, QUICK ? 30 : 200, QUICK ? 10 : 50);
  return rows;
}
