/**
 * The emulator's HTTPS server: TLS >= 1.2 with the emulator CA's certificate,
 * keep-alive, a 1 MB body limit, API fault injection, and a catch-all so no
 * request can crash the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { EmuRequest, EmuResponse } from '../types';
import type { ApiFault, FaultRegistry } from '../faults/faults';
import { apiError } from './errors';
import { Router } from './router';

/** Server options. */
export interface HttpsServerOptions {
  host: string;
  port: number;
  certPem: string;
  keyPem: string;
  faults: FaultRegistry;
  /** Requests larger than this get 413 (default 1 MB). */
  maxBodyBytes?: number;
  /**
   * Emulator time for the `Date` response header (default real time), so a
   * client measuring its clock offset from `Date` sees the test clock.
   */
  now?: () => number;
  /**
   * The pending state batch, if any (group commit): every answer waits for it,
   * so the emulator never answers what it has not durably stored.
   */
  durable?: () => Promise<void> | undefined;
}

/** A running server. */
export interface EmuHttpsServer {
  router: Router;
  port: number;
  close(): Promise<void>;
}

/** Bodies past the limit are drained up to this much, so the client can read the 413. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;
const DEFAULT_HANG_MS = 120_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts listening; routes are set later through `router.setRoutes`. */
export async function startHttpsServer(opts: HttpsServerOptions): Promise<EmuHttpsServer> {
  const router = new Router();
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const hangs = new Set<NodeJS.Timeout>();
  const now = opts.now ?? Date.now;
  // The Date header has whole seconds, so one string serves every answer within that second.
  let dateSecond = NaN;
  let dateText = '';
  const httpDate = (): string => {
    const second = Math.floor(now() / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateText = new Date(second * 1000).toUTCString();
    }
    return dateText;
  };
  const send = (res: ServerResponse, r: EmuResponse): void => sendResponse(res, r, httpDate());

  const server = https.createServer({ key: opts.keyPem, cert: opts.certPem, minVersion: 'TLSv1.2' }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(`[emulator] request failed: ${String(err)}\n`);
      if (!res.headersSent) send(res, apiError(safePath(req.url), 500, 'Internal server error'));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  // A client that resets mid-handshake must not surface as an unhandled error.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());

  const hang = (res: ServerResponse, ms: number): void => {
    const t = setTimeout(() => {
      hangs.delete(t);
      res.destroy();
    }, ms);
    hangs.add(t);
  };

  const applyFault = async (fault: ApiFault, res: ServerResponse, path: string): Promise<boolean> => {
    switch (fault.action) {
      case 'latency':
        await sleep(fault.ms ?? 1000);
        return false;
      case 'status':
        send(res, apiError(path, fault.status ?? 503, 'Injected fault'));
        return true;
      case 'reset':
        resetConnection(res);
        return true;
      case 'hang':
        hang(res, fault.ms ?? DEFAULT_HANG_MS);
        return true;
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = safePath(req.url);
    const raw = await readBody(req, maxBody);
    if (raw === 'too-large') {
      res.setHeader('Connection', 'close');
      send(res, apiError(path, 413, `Request body exceeds ${maxBody} bytes`));
      return;
    }
    const isApi = !path.startsWith('/simulator');
    const fault = isApi ? opts.faults.takeApi(method, path, raw) : undefined;
    if (fault && fault.when !== 'after' && (await applyFault(fault, res, path))) return;

    const m = router.match(method, path);
    let response: EmuResponse;
    if (m.kind === 'none') response = apiError(path, 404, 'The requested resource is not found');
    else if (m.kind === 'method-not-allowed') response = apiError(path, 405, 'HTTP method not allowed');
    else {
      const emuReq: EmuRequest = { method, path, query: queryOf(req.url), headers: req.headers, raw, params: m.params };
      try {
        response = await m.route.handler(emuReq);
      } catch (err) {
        process.stderr.write(`[emulator] handler ${method} ${path} threw: ${String((err as Error)?.stack ?? err)}\n`);
        response = apiError(path, 500, 'Internal server error');
      }
    }
    const pending = opts.durable?.();
    if (pending) {
      try {
        await pending;
      } catch {
        response = apiError(path, 500, 'Internal server error: state not stored');
      }
    }
    if (fault && fault.when === 'after' && (await applyFault(fault, res, path))) return;
    send(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    router,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of hangs) clearTimeout(t);
        hangs.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Drops the connection with a TCP RST and no answer. A TLS socket cannot be
 * reset itself (Node throws ERR_INVALID_HANDLE_TYPE, which used to turn the
 * fault into a 500 reply); the raw TCP socket under it can.
 */
function resetConnection(res: ServerResponse): void {
  const tlsSocket = res.socket as (Socket & { _parent?: Socket | null }) | null;
  if (!tlsSocket) return;
  try {
    (tlsSocket._parent ?? tlsSocket).resetAndDestroy();
  } catch {
    tlsSocket.destroy();
  }
}

function safePath(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q >= 0 ? u.slice(0, q) : u;
}

/**
 * The query string's parameters, as `new URL(url).searchParams` gives them
 * but without parsing a whole URL per request (most API calls have no query).
 */
function queryOf(url: string | undefined): URLSearchParams {
  const u = url ?? '';
  const q = u.indexOf('?');
  if (q < 0) return new URLSearchParams();
  const hash = u.indexOf('#', q);
  return new URLSearchParams(hash < 0 ? u.slice(q + 1) : u.slice(q + 1, hash));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    if (tooLarge && declared > DRAIN_LIMIT_BYTES) {
      resolve('too-large');
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        resolve('too-large');
      } else if (!tooLarge) chunks.push(chunk);
    });
    // A small body arrives as one chunk: used as it is, where Buffer.concat would copy it.
    const whole = (): Buffer => (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    req.on('end', () => resolve(tooLarge ? 'too-large' : whole()));
    req.on('error', () => resolve(tooLarge ? 'too-large' : whole()));
  });
}

function sendResponse(res: ServerResponse, r: EmuResponse, date: string): void {
  if (res.headersSent || res.destroyed) return;
  let payload: Buffer | string;
  let type: string;
  if (r.rawBytes) {
    payload = r.rawBytes;
    type = 'application/octet-stream';
  } else if (r.rawBody !== undefined) {
    payload = r.rawBody;
    type = 'text/html; charset=utf-8';
  } else {
    payload = JSON.stringify(r.body ?? null);
    type = 'application/json';
  }
  // An explicit Date replaces the one Node would stamp from the wall clock.
  const headers: Record<string, string | number> = { Date: date, 'Content-Type': type, 'Content-Length': Buffer.byteLength(payload) };
  if (r.headers) Object.assign(headers, r.headers);
  res.writeHead(r.status, headers);
  res.end(payload);
}
