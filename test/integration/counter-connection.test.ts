/**
 * Honest offline (issue 11, deliverable 6), through the router against the
 * app's emulator with the till's clock injected: the connection state flips
 * offline on calls that cannot reach Midtrans and online on the next answer;
 * an idle till probes at most once a minute; an electronic tender is refused
 * while offline before anything is written (cash works); a refund asked for
 * while Midtrans is unreachable is shown as queued and goes through when it
 * is back.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import type { ConnectionState } from '../../shared/contract/schemas';
import { makeApp, type AppHarness } from '../fixtures/app-harness';

const OWNER_PIN = '730194';

describe('the connection indicator', () => {
  let app: AppHarness;
  afterEach(() => app?.close());

  const states = (): string[] => app.events.filter((e) => e.name === 'app.connection').map((e) => (e.payload as ConnectionState).state);
  const probes = (): number => app.logs.filter((l) => l.includes('core api request') && l.includes('KASIR-PROBE')).length;
  const paymentCount = (): number => app.query<{ n: number }>('SELECT COUNT(*) AS n FROM payments')[0]!.n;

  it('flips with real outcomes, probes at most once per idle minute, refuses electronic tenders offline (cash works)', async () => {
    const clock = new ManualClock(Date.now());
    app = await makeApp({ settings: { routing: { qris: 'core_api' } }, clock });
    const till = app.caller('till-1');
    await drive(clock, () => probes() >= 1, 'the first probe');
    await drive(clock, () => states().includes('online'), 'online');
    expect(await till.ok('app.connection')).toMatchObject({ state: 'online' });

    // Five idle minutes: at most five probes.
    const before = probes();
    await advance(clock, 5 * 60_000);
    expect(probes() - before).toBeLessThanOrEqual(5);
    expect(probes() - before).toBeGreaterThanOrEqual(4);

    // Midtrans unreachable: the next probe fails and the till says offline.
    await post(app, { match: { path: '/v2/' }, action: 'status', status: 503 });
    await drive(clock, () => states().at(-1) === 'offline', 'offline');
    expect(await till.ok('app.connection')).toMatchObject({ state: 'offline', lastError: 'http_503' });

    const sale = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 1 }] });
    const rows = paymentCount();
    const refused = await till.fails('sales.addTender', { saleId: sale.id, method: 'qris' });
    expect(refused).toMatchObject({ code: 'GATEWAY_UNAVAILABLE', params: { outcome: 'not_sent', reason: 'offline' } });
    expect(paymentCount()).toBe(rows);
    expect(await till.ok('sales.addTender', { saleId: sale.id, method: 'cash' })).toMatchObject({ status: 'paid' });

    // Back: the next answer flips it online; electronic tenders work again.
    await del(app, '/api/faults');
    await drive(clock, () => states().at(-1) === 'online', 'online again');
    const next = await till.ok('sales.open');
    await till.ok('sales.setLines', { saleId: next.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 1 }] });
    expect((await till.ok('sales.addTender', { saleId: next.id, method: 'qris' })).tenders[0]).toMatchObject({ status: 'pending' });
  });

  it('a refund asked for while Midtrans is unreachable is shown as queued, then applied when it is back', async () => {
    const clock = new ManualClock(Date.now());
    app = await makeApp({ settings: { routing: { qris: 'core_api' } }, clock });
    const owner = app.caller('till-1');
    await owner.ok('staff.createOwner', { name: 'Bu Sari', pin: OWNER_PIN });
    const sale = await owner.ok('sales.open');
    await owner.ok('sales.setLines', { saleId: sale.id, lines: [{ id: 'a', sku: 'MATCHA', quantity: 1 }] });
    const t = (await owner.ok('sales.addTender', { saleId: sale.id, method: 'qris' })).tenders[0]!;
    if (t.payment.action?.kind !== 'qr') throw new Error('QRIS without a QR');
    await app.simulator().pay({ qr_string: t.payment.action.qrString });
    await app.waitForStatus(t.paymentId, 'settlement');

    await post(app, { match: { path: '/v2/' }, action: 'status', status: 503 });
    const refunding = owner.call('payments.refund', { id: t.paymentId, reason: 'salah pesan' });
    await drive(clock, () => app.responses.length > 0 && settledCall(refunding), 'the refund answer');
    const res = await refunding;
    expect(res.ok).toBe(false);
    expect(await owner.ok('payments.get', { id: t.paymentId })).toMatchObject({ status: 'settlement', refundQueued: true });

    await del(app, '/api/faults');
    await drive(clock, () => app.events.some((e) => e.name === 'payment.updated' && (e.payload as { payment: { id: string; status: string } }).payment.status === 'refund'), 'the refund');
    const after = await owner.ok('payments.get', { id: t.paymentId });
    expect(after.status).toBe('refund');
    expect(after.refundQueued).toBeUndefined();
  });
});

const settled = new WeakSet<Promise<unknown>>();
/** True once `p` has settled (tracked on first sight). */
function settledCall(p: Promise<unknown>): boolean {
  if (!tracked.has(p)) {
    tracked.add(p);
    void p.finally(() => settled.add(p));
  }
  return settled.has(p);
}
const tracked = new WeakSet<Promise<unknown>>();

/** Moves the till's clock a second at a time (letting real I/O run between steps) until `cond` holds. */
async function drive(clock: ManualClock, cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 900; i++) {
    if (cond()) return;
    clock.advance(1_000);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out driving the clock to ${what}`);
}

/** Moves the till's clock by `ms`, a second at a time. */
async function advance(clock: ManualClock, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1_000) {
    clock.advance(1_000);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function post(app: AppHarness, fault: unknown): Promise<void> {
  await app.simulator().post('/api/faults', fault);
}

/** DELETE on the simulator API (the client has no delete helper). */
async function del(app: AppHarness, path: string): Promise<void> {
  const emu = app.services.describe().emulator!;
  const url = new URL(emu.simulatorUrl.replace(/\/$/, '') + path);
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'DELETE', ca: readFileSync(emu.caCertPath) }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}
