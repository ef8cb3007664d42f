/**
 * The embedded emulator's worker host (electron/main/core/emulator-host): the
 * emulator runs in a worker thread, answers over HTTPS, keeps its state across
 * a close and a new host on the same dir, and a worker that cannot start
 * rejects the start instead of hanging.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatorHost, type EmulatorHost } from '../../electron/main/core/emulator-host/emulator-host';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'kasir-emu-host-'));
  dirs.push(d);
  return d;
};

function call(host: EmulatorHost, method: string, path: string, body?: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${host.urls.coreApiUrl}${path}`,
      {
        method,
        ca: host.caCertPem,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `Basic ${Buffer.from(`${host.credentials.serverKey}:`).toString('base64')}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('emulator host', () => {
  it('runs the emulator in a worker, charges through it, and keeps state across a restart', async () => {
    const stateDir = tempDir();
    const host = await startEmulatorHost({ stateDir });
    expect(threadId).toBe(0); // this test runs on a main thread; the emulator does not
    expect(host.stateDir).toBe(stateDir);
    expect(host.caCertPath).toBe(join(stateDir, 'ca-cert.pem'));
    expect(host.credentials.snapBi.merchantPrivateKeyPem).toContain('PRIVATE KEY');
    host.setNotificationUrls(['http://127.0.0.1:9/never']);
    const charged = await call(host, 'POST', '/v2/charge', { payment_type: 'qris', transaction_details: { order_id: 'host-1', gross_amount: 5000 } });
    expect(charged).toMatchObject({ status_code: '201', transaction_status: 'pending' });
    await host.close();
    await host.close(); // idempotent

    const again = await startEmulatorHost({ stateDir });
    try {
      expect(again.credentials.serverKey).toBe(host.credentials.serverKey);
      expect(await call(again, 'GET', '/v2/host-1/status')).toMatchObject({ transaction_id: charged.transaction_id, transaction_status: 'pending' });
    } finally {
      await again.close();
    }
  }, 30_000);

  it('rejects the start when the worker cannot listen', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(startEmulatorHost({ stateDir: tempDir(), port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
