/**
 * Shared helpers for the emulator Core API integration tests: the official
 * `midtrans-client` pointed at the emulator (trusting its CA), a raw HTTPS
 * client for malformed requests, and a local notification receiver.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { RunningEmulator } from '../../emulator/src/index';

/** A Core API response body as the client returns it. */
export interface CoreBody {
  [field: string]: unknown;
  status_code: string;
  status_message: string;
}

/** The parts of midtrans-client's CoreApi these tests use (it ships no types). */
export interface CoreApiClient {
  charge(body: object): Promise<CoreBody>;
  transaction: {
    status(id: string): Promise<CoreBody>;
    cancel(id: string): Promise<CoreBody>;
    expire(id: string): Promise<CoreBody>;
    refund(id: string, body?: object): Promise<CoreBody>;
    refundDirect(id: string, body?: object): Promise<CoreBody>;
  };
  apiConfig: { getCoreApiBaseUrl: () => string };
  httpClient: {
    http_client: {
      defaults: { httpsAgent?: https.Agent; headers: { common: Record<string, string> } };
      interceptors: { request: { use(fn: (c: { headers: Record<string, string> }) => unknown): number } };
    };
  };
}

/** midtrans-client's error: `httpStatusCode` is a number (HTTP >= 400) or the body's string code. */
export interface MidtransErrorShape extends Error {
  httpStatusCode: number | string | null;
  ApiResponse: CoreBody | null;
}

interface MidtransModule {
  CoreApi: new (opts: { isProduction: boolean; serverKey: string; clientKey: string }) => CoreApiClient;
}

const require = createRequire(import.meta.url);
const midtrans = require('midtrans-client') as MidtransModule;

/** The official client, unchanged apart from its base URL and the emulator CA. */
export function coreClient(emu: RunningEmulator, serverKey = emu.credentials.serverKey): CoreApiClient {
  const core = new midtrans.CoreApi({ isProduction: false, serverKey, clientKey: emu.credentials.clientKey });
  core.apiConfig.getCoreApiBaseUrl = () => emu.urls.coreApiUrl;
  core.httpClient.http_client.defaults.httpsAgent = new https.Agent({ ca: emu.caCertPem, keepAlive: true });
  return core;
}

/** Awaits a rejected client call and returns its MidtransError. */
export async function midtransError(p: Promise<unknown>): Promise<MidtransErrorShape> {
  try {
    await p;
  } catch (err) {
    return err as MidtransErrorShape;
  }
  throw new Error('expected the call to fail');
}

/** A raw HTTPS exchange with the emulator (for bodies no client would send). */
export function rawRequest(
  emu: RunningEmulator,
  opts: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer; auth?: boolean },
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string; json: () => CoreBody }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth !== false) {
    headers.Authorization = `Basic ${Buffer.from(`${emu.credentials.serverKey}:`).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${emu.urls.coreApiUrl}${opts.path}`,
      { method: opts.method, headers, ca: emu.caCertPem },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as CoreBody });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A JSON POST to the simulator API. */
export async function simulator(emu: RunningEmulator, path: string, body: unknown, method = 'POST'): Promise<CoreBody> {
  const r = await rawRequest(emu, {
    method,
    path: `/simulator/api/${path}`,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    auth: false,
  });
  return r.json();
}

/** One notification as the receiver saw it. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, string>;
  raw: string;
}

/** A plain-HTTP notification receiver on 127.0.0.1 whose replies can be scripted. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Per order id (SNAP-BI: partner reference / trxId): status codes for its next replies, consumed in order; 200 once empty. */
  replies: Map<string, number[]>;
  close(): Promise<void>;
}

/** Starts a receiver. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const replies = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as Record<string, string>;
      received.push({ path: req.url ?? '/', headers: req.headers, body, raw });
      // Core bodies name the order in order_id; SNAP-BI QRIS/debit in originalPartnerReferenceNo, VA in trxId.
      const order = body.order_id ?? body.originalPartnerReferenceNo ?? body.trxId ?? '';
      res.writeHead(replies.get(order)?.shift() ?? 200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A minimal valid charge body. */
export function chargeBody(orderId: string, paymentType: string, extra: object = {}, grossAmount: number | string = 10000): object {
  return { payment_type: paymentType, transaction_details: { order_id: orderId, gross_amount: grossAmount }, ...extra };
}

let seq = 0;
/** A unique order id per call (tests share one emulator). */
export const orderId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++seq}`;
