/**
 * The emulator answers only what it has durably stored: a charge answered
 * over HTTPS is in `emulator.sqlite` before the answer leaves (group commit),
 * so SIGKILLing the emulator's process right after answers arrive loses none
 * of them; a restart finds every one by order id and replays every
 * Idempotency-Key the same. Plus the one-time import of an older emulator's
 * `state.json`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/src/index';
import { findForSimulator } from '../../emulator/src/simulator/lookup';
import { StateDb } from '../../emulator/src/store/state-db';
import { qrKey } from '../../emulator/src/store/tx-keys';

const ROOT = join(import.meta.dirname, '../..');
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'kasir-emu-durable-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  // close() now waits for the WAL checkpoint thread; the retries stay for a test that failed midway.
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

interface Ready {
  coreApiUrl: string;
  caCertPath: string;
  serverKey: string;
}

type Answer = { status: number; body: Record<string, unknown> };

function request(agent: https.Agent, info: Ready, method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${info.coreApiUrl}${path}`,
      {
        method,
        agent,
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Authorization: `Basic ${Buffer.from(`${info.serverKey}:`).toString('base64')}`,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const charge = (orderId: string) => ({ payment_type: 'qris', transaction_details: { order_id: orderId, gross_amount: 10_000 } });

describe('durability', () => {
  it('SIGKILL right after answers loses no answered charge, and replays answer the same', async () => {
    const stateDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--state-dir', stateDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`emulator exited early with ${code}`)));
    });
    const info = JSON.parse(line) as Ready;
    const agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: readFileSync(info.caCertPath, 'utf8') });

    // 16 lanes keep charging; the moment the 150th answer is read the process is killed,
    // while other charges are still in flight (those may or may not be stored: never answered).
    const answered = new Map<string, { key: string; transactionId: string }>();
    let killed = false;
    let n = 0;
    const lane = async (): Promise<void> => {
      while (!killed) {
        const orderId = `durable-${n++}`;
        const key = `idem-${orderId}`;
        const res = await request(agent, info, 'POST', '/v2/charge', charge(orderId), { 'Idempotency-Key': key }).catch(() => null);
        if (!res || killed) return;
        expect(res.body.status_code).toBe('201');
        answered.set(orderId, { key, transactionId: String(res.body.transaction_id) });
        if (answered.size >= 150) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    expect(await exited).toBe('SIGKILL');
    agent.destroy();
    expect(answered.size).toBeGreaterThanOrEqual(150);

    const emu = await startEmulator({ stateDir });
    try {
      const info2: Ready = { coreApiUrl: emu.urls.coreApiUrl, caCertPath: emu.caCertPath, serverKey: emu.credentials.serverKey };
      const agent2 = new https.Agent({ keepAlive: true, ca: emu.caCertPem });
      for (const [orderId, a] of answered) {
        const status = await request(agent2, info2, 'GET', `/v2/${orderId}/status`);
        expect(status.body, orderId).toMatchObject({ status_code: '201', transaction_status: 'pending', transaction_id: a.transactionId });
        // A retry with the same Idempotency-Key gets the original answer, not a duplicate-order 406.
        const replay = await request(agent2, info2, 'POST', '/v2/charge', charge(orderId), { 'Idempotency-Key': a.key });
        expect(replay.body, orderId).toMatchObject({ status_code: '201', transaction_id: a.transactionId });
      }
      agent2.destroy();
    } finally {
      await emu.close();
    }
  }, 60_000);

  it('keeps only a bounded working set in memory and reads old charges back on demand', async () => {
    const stateDir = tempDir();
    const emu = await startEmulator({ stateDir });
    try {
      const info: Ready = { coreApiUrl: emu.urls.coreApiUrl, caCertPath: emu.caCertPath, serverKey: emu.credentials.serverKey };
      const agent = new https.Agent({ keepAlive: true, ca: emu.caCertPem });
      const first = await request(agent, info, 'POST', '/v2/charge', charge('old-0'));
      const qr = String(first.body.qr_string);
      // Settle it, then push it out of the in-memory working set with 1,100 newer, settled charges.
      emu.store.transition(emu.store.find('old-0')!, 'settlement');
      for (let i = 1; i <= 1100; i++) {
        const tx = emu.store.insert({ ...emu.store.find('old-0')!, transactionId: `t-${i}`, orderId: `old-${i}`, qrString: `qr-${i}`, status: 'settlement', refunds: [] });
        emu.store.touch(tx);
      }
      await emu.dispatcher.idle();
      const back = await request(agent, info, 'GET', '/v2/old-0/status');
      expect(back.body).toMatchObject({ transaction_status: 'settlement', transaction_id: first.body.transaction_id });
      // Found by QR string through the transaction id it carries, not a scan.
      expect(findForSimulator(emu.store, { qr_string: qr })).toMatchObject({ orderId: 'old-0' });
      agent.destroy();
    } finally {
      await emu.close();
    }
  });

  it('still finds a charge by QR string through the qr: key rows an earlier emulator stored', async () => {
    const stateDir = tempDir();
    await (await startEmulator({ stateDir })).close();
    // A row as the emulator wrote it while it keyed every QR string.
    const db = new StateDb(stateDir, Date.now);
    const tx = { transactionId: 'legacy-tx-qr', orderId: 'legacy-order-qr', status: 'pending', qrString: 'legacy-qr-string' };
    db.insertTx(db.maxSeq() + 1, tx.transactionId, tx.orderId, tx.status, JSON.stringify(tx), [qrKey(tx.qrString)]);
    await db.close();
    const emu = await startEmulator({ stateDir });
    try {
      expect(findForSimulator(emu.store, { qr_string: 'legacy-qr-string' })).toMatchObject({ orderId: 'legacy-order-qr' });
    } finally {
      await emu.close();
    }
  });
});

describe('upgrade from state.json', () => {
  it('imports an older emulator state file once, then renames it', async () => {
    // A state file as the earlier emulator wrote it, from a live in-memory emulator's transactions.
    const source = await startEmulator({ persist: false });
    const tx = source.store.insert({
      transactionId: 'legacy-tx-1',
      orderId: 'legacy-order-1',
      source: 'core',
      paymentType: 'qris',
      grossAmount: 25_000,
      status: 'settlement',
      createdAt: source.clock.now() - 60_000,
      updatedAt: source.clock.now(),
      expiresAt: source.clock.now() + 14 * 60_000,
      settledAt: source.clock.now(),
      qrString: 'legacy-qr',
      acquirer: 'gopay',
      refunds: [],
      notificationUrls: [],
      request: { payment_type: 'qris', transaction_details: { order_id: 'legacy-order-1', gross_amount: 25_000 } },
    });
    await source.close();
    const stateDir = tempDir();
    const state = {
      version: 1,
      clockOffsetMs: 120_000,
      transactions: [tx],
      replay: [{ key: 'core:idem-1', value: { bodyHash: 'h', response: { status: 200, body: { status_code: '201' } } }, expiresAt: null }],
      kv: [{ key: 'token:abc', value: { clientId: 'c' }, expiresAt: null }],
    };
    writeFileSync(join(stateDir, 'state.json'), JSON.stringify(state));

    const emu = await startEmulator({ stateDir });
    try {
      expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
      expect(existsSync(join(stateDir, 'state.json.imported'))).toBe(true);
      expect(emu.store.find('legacy-order-1')).toMatchObject({ transactionId: 'legacy-tx-1', status: 'settlement', grossAmount: 25_000 });
      expect(emu.clock.offsetMs()).toBe(120_000);
    } finally {
      await emu.close();
    }
    // Imported once: a second start reads the database, and still has it.
    const again = await startEmulator({ stateDir });
    try {
      expect(again.store.forOrder('legacy-order-1')).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});
