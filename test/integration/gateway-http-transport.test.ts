/**
 * GatewayHttp (node:https) against small local TLS servers: what its speed and
 * its delivery signals rest on. A request leaves as one TLS record on a reused
 * keep-alive socket; each explicit timeout and each kind of broken connection
 * maps to the right `delivery` (nothing can have left before the handshake
 * completed: `not_sent`; afterwards: `maybe_processed`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreatePki, type ServerPki } from '../../emulator/src/pki/ca';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import { GatewayHttp, type GatewayHttpOptions } from '../../electron/main/core/gateway/http';
import { silentLogger } from '../../electron/main/core/logger';

let dir: string;
let pki: ServerPki;
const closers: (() => void)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kasir-http-'));
  pki = await loadOrCreatePki(dir, ['127.0.0.1']);
});
afterAll(() => {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
});

/** Listens on 127.0.0.1; resolves with the port. */
async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

/** A TLS server speaking just enough HTTP/1.1; `answer` decides per request (return null: say nothing). */
async function tlsServer(answer: (body: string, socket: tls.TLSSocket) => string | null) {
  const seen = { connections: 0, recordsPerRequest: [] as number[], bodies: [] as string[] };
  const server = tls.createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem, minVersion: 'TLSv1.2' }, (socket) => {
    seen.connections++;
    socket.on('error', () => {});
    let buf = Buffer.alloc(0);
    let records = 0;
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      records++;
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buf.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      const body = buf.subarray(end + 4, end + 4 + length).toString('utf8');
      buf = buf.subarray(end + 4 + length);
      seen.recordsPerRequest.push(records);
      seen.bodies.push(body);
      records = 0;
      const reply = answer(body, socket);
      if (reply !== null) socket.write(reply);
    });
  });
  closers.push(() => server.close());
  return { port: await listen(server), seen };
}

const ok = (json: string) =>
  `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nDate: ${new Date().toUTCString()}\r\n\r\n${json}`;

function client(port: number, extra: Partial<GatewayHttpOptions> = {}): GatewayHttp {
  const h = new GatewayHttp({ env: 'emulator', baseUrl: `https://127.0.0.1:${port}`, caCertPem: pki.caCertPem, logger: silentLogger, ...extra });
  closers.push(() => h.close());
  return h;
}

const post = (h: GatewayHttp, body = '{"x":1}') => h.request({ method: 'POST', path: '/v2/charge', headers: { 'Content-Type': 'application/json' }, body });
const failureOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as GatewayError);

describe('GatewayHttp on node:https', () => {
  it('sends headers and body in one TLS record and reuses the keep-alive socket', async () => {
    const { port, seen } = await tlsServer(() => ok('{"status_code":"201"}'));
    const h = client(port);
    const body = JSON.stringify({ order: 'A-1', note: 'Pembayaran sebagian — kopi' });
    for (let i = 0; i < 3; i++) {
      const res = await post(h, body);
      expect(res).toMatchObject({ status: 200, text: '{"status_code":"201"}' });
      expect(res.headers['content-type']).toBe('application/json');
    }
    expect(seen.bodies).toEqual([body, body, body]);
    expect(seen.recordsPerRequest).toEqual([1, 1, 1]);
    expect(seen.connections).toBe(1);
  });

  it('a handshake that never completes is a connect timeout: not sent', async () => {
    const port = await listen(net.createServer((s) => void s.on('error', () => {})));
    const e = await failureOf(post(client(port, { timeouts: { connectMs: 150 } })));
    expect(e).toBeInstanceOf(GatewayError);
    expect(e).toMatchObject({ kind: 'unavailable', delivery: 'not_sent', details: { transportCode: 'ETIMEDOUT:connect' } });
  });

  it('a connection dropped during the handshake: not sent', async () => {
    const port = await listen(net.createServer((s) => s.destroy()));
    const e = await failureOf(post(client(port)));
    expect(e).toMatchObject({ kind: 'unavailable', delivery: 'not_sent' });
  });

  it('no answer after the request was written is a response timeout: maybe processed', async () => {
    const { port, seen } = await tlsServer(() => null);
    const e = await failureOf(post(client(port, { timeouts: { responseMs: 150 } })));
    expect(e).toMatchObject({ kind: 'unavailable', delivery: 'maybe_processed', details: { transportCode: 'ETIMEDOUT:response' } });
    expect(seen.bodies).toHaveLength(1);
  });

  it('a request queued behind a busy socket is on a connected socket: a slow answer is not a connect timeout', async () => {
    let n = 0;
    const { port, seen } = await tlsServer((_body, socket) => {
      n++;
      if (n === 1) return ok('{"n":1}');
      // The queued request's answer comes well after the connect timeout would have fired.
      setTimeout(() => socket.write(ok('{"n":2}')), 400);
      return null;
    });
    const h = client(port, { maxSockets: 1, timeouts: { connectMs: 150 } });
    const [first, second] = await Promise.all([post(h), post(h)]);
    expect([first.text, second.text]).toEqual(['{"n":1}', '{"n":2}']);
    expect(seen.connections).toBe(1);
  });

  it('the total cap: the request on the wire may be processed, the one still waiting for a socket was not sent', async () => {
    const { port } = await tlsServer(() => null);
    const h = client(port, { maxSockets: 1, timeouts: { responseMs: 10_000, totalMs: 300 } });
    const [onWire, queued] = await Promise.all([failureOf(post(h)), failureOf(post(h))]);
    expect(onWire).toMatchObject({ delivery: 'maybe_processed', details: { transportCode: 'ETIMEDOUT:request' } });
    expect(queued).toMatchObject({ delivery: 'not_sent', details: { transportCode: 'ETIMEDOUT:connect' } });
  });

  it('a reset in the middle of the answer: maybe processed', async () => {
    const { port } = await tlsServer((_body, socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"status_c');
      setImmediate(() => socket.destroy());
      return null;
    });
    const e = await failureOf(post(client(port)));
    expect(e).toMatchObject({ kind: 'unavailable', delivery: 'maybe_processed' });
  });
});
