/**
 * Emulator lifecycle: the CA and state persist in the state dir across a
 * restart (charges, idempotency keys, clock offset, trust), the simulator's
 * HTML page and JSON API, and the CLI's one-line handshake and clean shutdown.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { chargeBody, coreClient, orderId, rawRequest, simulator } from './emulator-core-helpers';

const dirs: string[] = [];
const running: RunningEmulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'emu-core-state-'));
  dirs.push(d);
  return d;
};

describe('state dir', () => {
  it('keeps the CA, keys, charges, idempotency keys and clock offset across a restart', async () => {
    const stateDir = tempDir();
    const first = await startEmulator({ stateDir });
    running.push(first);
    for (const f of ['ca-cert.pem', 'ca-key.pem', 'server-cert.pem', 'merchant-private-key.pem', 'notification-public-key.pem']) {
      expect(existsSync(join(stateDir, f))).toBe(true);
    }
    expect(readFileSync(join(stateDir, 'merchant-private-key.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(readFileSync(join(stateDir, 'notification-public-key.pem'), 'utf8')).toContain('BEGIN PUBLIC KEY');
    const id = orderId('persist');
    const key = `idem-${id}`;
    const charged = await rawRequest(first, {
      method: 'POST',
      path: '/v2/charge',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(chargeBody(id, 'bank_transfer', { bank_transfer: { bank: 'bca' } })),
    });
    first.clock.advance(60);
    await first.close();

    const second = await startEmulator({ stateDir });
    running.push(second);
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.credentials).toEqual(first.credentials);
    expect(second.clock.offsetMs()).toBe(60_000);
    const status = await coreClient(second).transaction.status(id);
    expect(status).toMatchObject({ transaction_status: 'pending', transaction_id: charged.json().transaction_id });
    const replay = await rawRequest(second, {
      method: 'POST',
      path: '/v2/charge',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: '{}',
    });
    expect(replay.text).toBe(charged.text);
    // Expiry timers are re-armed from the persisted expiry time.
    second.clock.advance(24 * 3600);
    expect((await coreClient(second).transaction.status(id)).transaction_status).toBe('expire');
  });

  it('persist: false keeps nothing', async () => {
    const stateDir = tempDir();
    const emu = await startEmulator({ stateDir, persist: false });
    await coreClient(emu).charge(chargeBody(orderId('mem'), 'qris'));
    await emu.close();
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
  });
});

describe('simulator', () => {
  it('serves the HTML page, lists transactions, reports and advances the clock', async () => {
    const emu = await startEmulator({});
    running.push(emu);
    const id = orderId('sim');
    await coreClient(emu).charge(chargeBody(id, 'cstore', { cstore: { store: 'alfamart' } }));
    const page = await rawRequest(emu, { method: 'GET', path: '/simulator', auth: false });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain(id);
    const list = await simulator(emu, 'transactions', undefined, 'GET');
    expect((list.transactions as { orderId: string }[])[0]?.orderId).toBe(id);
    const before = await simulator(emu, 'clock', undefined, 'GET');
    const after = await simulator(emu, 'clock/advance', { seconds: 3600 });
    expect(Number(after.now) - Number(before.now)).toBeGreaterThanOrEqual(3600_000);
    expect(after.offsetSeconds).toBe(3600);
    expect((await simulator(emu, 'clock/advance', { seconds: -1 })).ok).toBe(false);
    expect(await simulator(emu, 'pay', { order_id: 'nope' })).toMatchObject({ ok: false });
    expect(await simulator(emu, 'pay', {})).toMatchObject({ ok: false });
    await simulator(emu, 'pay', { order_id: id });
    expect(await simulator(emu, 'expire', { order_id: id })).toMatchObject({ ok: false });
  });
});

describe('CLI', () => {
  it('prints exactly one JSON line when ready and exits cleanly on SIGTERM', async () => {
    const stateDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--state-dir', stateDir], {
      cwd: join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const info = JSON.parse(first) as Record<string, unknown> & { snapBi: Record<string, unknown> };
      expect(Object.keys(info)).toEqual([
        'coreApiUrl',
        'snapBiUrl',
        'simulatorUrl',
        'caCertPath',
        'serverKey',
        'clientKey',
        'snapBi',
      ]);
      expect(Object.keys(info.snapBi)).toEqual([
        'clientId',
        'clientSecret',
        'partnerId',
        'channelId',
        'merchantId',
        'merchantPrivateKeyPath',
        'notificationPublicKeyPath',
      ]);
      expect(info.caCertPath).toBe(join(stateDir, 'ca-cert.pem'));
      expect(String(info.coreApiUrl)).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const extra: string[] = [];
      lines.on('line', (l) => extra.push(l));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(0);
      expect(stderr).toContain('shutting down');
      expect(extra).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
