/**
 * The local webhook listener (node:http, 127.0.0.1 by default).
 *
 * Routes: `POST /midtrans/notification` (Core API v2) and the SNAP-BI notify
 * paths `/v1.0/qr/qr-mpm-notify`, `/v1.0/debit/notify`, `/v1.0/transfer-va/payment`
 * under a configurable prefix. Pipeline: method/path → JSON content type (415)
 * → body ≤ 64 kB (413) → signature + zod (401 / 400) → `await sink.accept()` →
 * 200. The sink is called only for verified notifications; a sink failure
 * answers 500 so Midtrans retries. A SNAP-BI delivery the sink has not seen
 * before whose X-TIMESTAMP is outside the freshness window is refused with
 * 401 (`stale`, webhook/freshness.ts); one it has seen is answered 200 at
 * any age. Bodies are never logged.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { NotificationOutcome, NotificationSink } from './types';
import type { NotificationVerifier, SnapNotifyKind, VerifyOutcome } from './verifier';

/** Core API notification path. */
export const CORE_NOTIFICATION_PATH = '/midtrans/notification';

/** SNAP-BI notify paths (appended to the registered base URL) and their service codes. */
export const SNAP_NOTIFY_PATHS: Record<string, { kind: SnapNotifyKind; service: string }> = {
  '/v1.0/qr/qr-mpm-notify': { kind: 'qris', service: '52' },
  '/v1.0/debit/notify': { kind: 'debit', service: '56' },
  '/v1.0/transfer-va/payment': { kind: 'va', service: '25' },
};

export interface WebhookListenerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = any free port. */
  port: number;
  sink: NotificationSink;
  verifier: NotificationVerifier;
  logger: Logger;
  /** Prefix the SNAP-BI paths are mounted under (e.g. `/snap`); default none. */
  snapPathPrefix?: string;
  /** Body limit in bytes (default 65 536). */
  maxBodyBytes?: number;
  /** node:http headersTimeout (default 10 000 ms). */
  headersTimeoutMs?: number;
  /** node:http requestTimeout: whole request incl. body (default 15 000 ms). */
  requestTimeoutMs?: number;
}

export interface WebhookListener {
  /** `http://host:port` — the SNAP-BI base URL to register (plus the prefix). */
  url: string;
  port: number;
  /** Full URL of the Core API notification endpoint (for X-Override-Notification). */
  coreNotificationUrl: string;
  /** Base URL Midtrans appends SNAP-BI notify paths to. */
  snapBiBaseUrl: string;
  close(): Promise<void>;
}

type Route = { api: 'core' } | { api: 'snap'; kind: SnapNotifyKind; service: string; snapPath: string };

/** Starts the listener; resolves once it is bound (rejects if the port cannot be bound). */
export async function startWebhookListener(opts: WebhookListenerOptions): Promise<WebhookListener> {
  const host = opts.host ?? '127.0.0.1';
  const prefix = (opts.snapPathPrefix ?? '').replace(/\/+$/, '');
  const limit = opts.maxBodyBytes ?? 65_536;
  const log = opts.logger.scope('webhook');

  const routeOf = (path: string): Route | null => {
    if (path === CORE_NOTIFICATION_PATH) return { api: 'core' };
    if (prefix && !path.startsWith(`${prefix}/`)) return null;
    const snapPath = path.slice(prefix.length);
    const r = SNAP_NOTIFY_PATHS[snapPath];
    return r ? { api: 'snap', snapPath, ...r } : null;
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      log.error('webhook handler failed', { error: e instanceof Error ? e.name : 'unknown' });
      if (!res.headersSent) send(res, 500, { status_message: 'internal error' });
    });
  });
  server.headersTimeout = opts.headersTimeoutMs ?? 10_000;
  server.requestTimeout = opts.requestTimeoutMs ?? 15_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routeOf(path);
    if (!route) return reject(req, res, 404, null, 'Not Found');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return reject(req, res, 405, route, 'Method Not Allowed');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return reject(req, res, 415, route, 'Unsupported Media Type');
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > limit) return reject(req, res, 413, route, 'Payload Too Large');
    const raw = await readBody(req, limit);
    if (raw === 'too_large') return reject(req, res, 413, route, 'Payload Too Large');
    if (raw === 'aborted') return;

    const outcome: VerifyOutcome =
      route.api === 'core'
        ? opts.verifier.verifyCore(raw)
        : opts.verifier.verifySnapBi({
            kind: route.kind,
            snapPath: route.snapPath,
            fullPath: path,
            raw,
            timestamp: header(req, 'x-timestamp'),
            signature: header(req, 'x-signature'),
            externalId: header(req, 'x-external-id'),
          });
    if (!outcome.ok) {
      const status = outcome.reason === 'malformed' ? 400 : outcome.reason === 'bad_signature' ? 401 : 503;
      log.warn('notification refused', { path, reason: outcome.reason, bytes: raw.length });
      return reply(res, status, route, outcome.reason === 'malformed' ? 'Bad Request' : 'Unauthorized. Signature');
    }
    const n = outcome.notification;
    let result: NotificationOutcome;
    try {
      result = await opts.sink.accept(n);
    } catch (e) {
      log.error('notification could not be recorded', { api: n.api, orderId: n.orderId, error: e instanceof Error ? e.name : 'unknown' });
      return reply(res, 500, route, 'Internal Server Error');
    }
    const fields = { api: n.api, orderId: n.orderId, claimedStatus: n.claimedStatus };
    switch (result) {
      case 'stale':
        // Signed, never seen, and timed outside the window: an old capture (or a retry too late to tell).
        log.warn('notification refused: X-TIMESTAMP outside the window', fields);
        return reply(res, 401, route, 'Unauthorized. Stale X-TIMESTAMP');
      case 'unknown_order':
        log.warn('notification for an unknown order', fields);
        break;
      case 'recorded':
        log.debug('notification recorded', fields); // its ledger row is the record; a line per notification would cost the till a write each
        break;
      case 'duplicate':
        log.debug('notification already recorded', fields);
        break;
      case 'ignored':
        log.warn('notification ignored: the payment keeps no more distinct claims', fields);
        break;
    }
    return reply(res, 200, route, 'Successful', n.raw);
  }

  /** Error reply; the connection is closed when the request body was not read. */
  function reject(req: IncomingMessage, res: ServerResponse, status: number, route: Route | null, message: string): void {
    log.warn('notification request refused', { status, path: (req.url ?? '').slice(0, 100) });
    res.setHeader('Connection', 'close');
    reply(res, status, route, message);
    req.resume();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => log.error('webhook server error', { error: e.name }));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('webhook listener started', { url });
  return {
    url,
    port,
    coreNotificationUrl: url + CORE_NOTIFICATION_PATH,
    snapBiBaseUrl: url + prefix,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes the answer: `{}`-style for Core, SNAP `{responseCode, responseMessage}` for SNAP-BI. */
function reply(res: ServerResponse, status: number, route: Route | null, message: string, raw?: unknown): void {
  let body: Record<string, unknown>;
  if (route?.api === 'snap') {
    const code = `${status}${route.service}${status === 200 ? '00' : status === 400 ? '02' : '00'}`;
    body = { responseCode: code, responseMessage: message };
    if (status === 200 && route.kind === 'va' && raw && typeof raw === 'object') {
      const v = raw as Record<string, unknown>;
      body.virtualAccountData = {
        partnerServiceId: v.partnerServiceId,
        customerNo: v.customerNo,
        virtualAccountNo: v.virtualAccountNo,
        trxId: v.trxId,
      };
    }
  } else {
    // Every accepted Core API notification gets the same answer: written from bytes made once.
    if (status === 200) return sendBytes(res, 200, CORE_OK);
    body = { status_code: String(status), status_message: message };
  }
  send(res, status, body);
}

/** The Core API 200 body (`{}`). */
const CORE_OK = Buffer.from('{}');

function send(res: ServerResponse, status: number, body: unknown): void {
  sendBytes(res, status, Buffer.from(JSON.stringify(body)));
}

function sendBytes(res: ServerResponse, status: number, bytes: Buffer): void {
  // The array form of the headers: no object to walk per reply.
  res.writeHead(status, ['Content-Type', 'application/json', 'Content-Length', String(bytes.length)]);
  res.end(bytes);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads the body up to `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: Buffer | 'too_large' | 'aborted') => {
      if (done) return;
      done = true;
      resolve(v);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', () => finish('aborted'));
    req.on('close', () => finish('aborted'));
  });
}
