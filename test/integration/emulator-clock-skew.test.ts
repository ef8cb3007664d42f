/**
 * The emulator's time as a client sees it: the HTTP `Date` header, Core API
 * `transaction_time` and SNAP-BI notification `X-TIMESTAMP` all follow the test
 * clock, which can start (or be set) off real time, e.g. "Midtrans 3 minutes
 * behind the till" — from `startEmulator`, the simulator API and the CLI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { chargeBody, coreClient, orderId, rawRequest, simulator, startReceiver, type Receiver } from './emulator-core-helpers';
import { snapCaller } from './emulator-snap-helpers';

const ROOT = join(import.meta.dirname, '../..');
/** Date has second resolution; allow for it plus a slow machine. */
const SLACK_MS = 2500;

const wibToMs = (wib: string): number => Date.parse(`${wib.replace(' ', 'T')}+07:00`);
const isoToMs = (iso: string): number => Date.parse(iso);

describe('a gateway 3 minutes behind the till', () => {
  let emu: RunningEmulator;
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
    emu = await startEmulator({ notificationUrls: [rx.url], clockOffsetSeconds: -180 });
  });
  afterAll(async () => {
    await emu.close();
    await rx.close();
  });

  it('Date, transaction_time and the simulator clock all say real time − 180 s', async () => {
    const id = orderId('skew');
    const r = await rawRequest(emu, {
      method: 'POST',
      path: '/v2/charge',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(chargeBody(id, 'qris')),
    });
    const expected = Date.now() - 180_000;
    expect(Math.abs(Date.parse(String(r.headers.date)) - expected)).toBeLessThan(SLACK_MS);
    expect(Math.abs(wibToMs(String(r.json().transaction_time)) - expected)).toBeLessThan(SLACK_MS);
    const clock = await simulator(emu, 'clock', undefined, 'GET');
    expect(clock.offsetSeconds).toBe(-180);
  });

  it('SNAP-BI answers and notifications carry the same time', async () => {
    const snap = snapCaller(emu);
    const ord = orderId('skew-snap');
    const gen = await snap.qris(ord, 5000);
    expect(gen.body.responseCode).toBe('2004700');
    const expected = Date.now() - 180_000;
    expect(Math.abs(Date.parse(String(gen.headers.date)) - expected)).toBeLessThan(SLACK_MS);
    await simulator(emu, 'pay', { order_id: ord });
    await expect.poll(() => rx.received.find((n) => n.body.originalPartnerReferenceNo === ord), { timeout: 5000 }).toBeDefined();
    const note = rx.received.find((n) => n.body.originalPartnerReferenceNo === ord);
    expect(Math.abs(isoToMs(String(note?.headers['x-timestamp'])) - expected)).toBeLessThan(SLACK_MS);
    snap.close();
  });

  it('advancing the clock moves Date; the offset can also be set outright, either way', async () => {
    const core = coreClient(emu);
    const id = orderId('skew-adv');
    await core.charge(chargeBody(id, 'qris'));
    await simulator(emu, 'clock/advance', { seconds: 3600 });
    const status = await rawRequest(emu, { method: 'GET', path: `/v2/${id}/status` });
    expect(Math.abs(Date.parse(String(status.headers.date)) - (Date.now() + 3420_000))).toBeLessThan(SLACK_MS);

    const set = await simulator(emu, 'clock/offset', { seconds: -900 });
    expect(set).toMatchObject({ ok: true, offsetSeconds: -900 });
    const later = await rawRequest(emu, { method: 'GET', path: `/v2/${id}/status` });
    expect(Math.abs(Date.parse(String(later.headers.date)) - (Date.now() - 900_000))).toBeLessThan(SLACK_MS);
    expect(await simulator(emu, 'clock/advance', { seconds: -1 })).toMatchObject({ ok: false });
    expect(await simulator(emu, 'clock/offset', { seconds: 'soon' })).toMatchObject({ ok: false });
    emu.clock.setOffset(-180_000);
  });
});

describe('the start offset and a persisted one', () => {
  it('a restart resumes the saved offset unless clockOffsetSeconds says otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-skew-'));
    try {
      const a = await startEmulator({ stateDir: dir });
      a.clock.advance(100);
      await a.close();
      const b = await startEmulator({ stateDir: dir });
      expect(b.clock.offsetMs()).toBe(100_000);
      await b.close();
      const c = await startEmulator({ stateDir: dir, clockOffsetSeconds: -60 });
      expect(c.clock.offsetMs()).toBe(-60_000);
      await c.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI', () => {
  it('--clock-offset and --snap-bi-retries reach the running emulator; bad values stop it', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--no-persist', '--clock-offset=-180', '--snap-bi-retries', 'resign'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
      });
      const info = JSON.parse(line) as { simulatorUrl: string; caCertPath: string };
      const ca = readFileSync(info.caCertPath);
      const get = (path: string): Promise<Record<string, unknown>> =>
        new Promise((resolve, reject) => {
          https
            .get(`${info.simulatorUrl}${path}`, { ca }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
            })
            .on('error', reject);
        });
      expect((await get('/api/clock')).offsetSeconds).toBe(-180);
      expect((await get('/api/settings')).settings).toEqual({ snapBiRetries: 'resign' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    const bad = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--no-persist', '--snap-bi-retries', 'sometimes'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    bad.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    expect(await new Promise((resolve) => bad.once('exit', resolve))).toBe(2);
    expect(stderr).toContain('--snap-bi-retries must be verbatim or resign');
  }, 60_000); // two tsx start-ups on a busy 2-core machine
});
