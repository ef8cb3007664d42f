/**
 * The HTTPS transport under both Midtrans clients: one `got` instance per gateway
 * over ONE keep-alive https.Agent, TLS >= 1.2, certificate verification always
 * on, explicit timeouts and no got-level retries (retries live in the routing
 * gateway, where the idempotency rules are known). The emulator's CA is trusted
 * only when the emulator is the selected environment. Every answer's `Date`
 * header is a reading of Midtrans' clock (gateway-clock.ts).
 */
import https from 'node:https';
import got, { RequestError, TimeoutError, type Got } from 'got';
import { KasirError } from '../../../../shared/contract/result';
import type { Logger } from '../logger';
import type { GatewayEnv } from '../secrets/secret-store';
import { GatewayError } from './errors';
import type { ClockReading } from './gateway-clock';

export { GatewayError, isOutcomeUnknown } from './errors';
export type { GatewayDelivery, GatewayErrorKind, GatewayErrorDetails } from './errors';

/** Explicit timeouts, in milliseconds. */
export interface GatewayTimeouts {
  /** TCP connect + TLS handshake (default 5 000). */
  connectMs?: number;
  /** From request sent to first response byte (default 15 000). */
  responseMs?: number;
  /** Whole request, hard cap (default 30 000). */
  totalMs?: number;
}

export interface GatewayHttpOptions {
  env: GatewayEnv;
  /** `https://host[:port]`; plain http is refused. */
  baseUrl: string;
  /** PEM of the emulator's CA; used only when `env === 'emulator'`, required then. */
  caCertPem?: string;
  timeouts?: GatewayTimeouts;
  logger: Logger;
  /** Max sockets kept open to this gateway (default 8). */
  maxSockets?: number;
  /** Where each answer's `Date` header goes (the gateway's GatewayClock); absent: not measured. */
  gatewayClock?: { begin(): ClockReading };
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path relative to the base URL, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  /** The exact bytes to send (already serialized; signatures are computed over them). */
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const TLS_CODE = /CERT|ERR_TLS|ERR_SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;
/** Errors raised before a single byte of the request could reach the server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
const NOT_SENT_TIMEOUT_EVENTS = new Set(['lookup', 'connect', 'secureConnect']);

/** What the clients need from a transport (GatewayHttp in production; fakes in unit tests). */
export interface HttpTransport {
  /** Sends one request; resolves with any HTTP response, throws a GatewayError when none arrived. */
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** One HTTPS client bound to one Midtrans host. */
export class GatewayHttp implements HttpTransport {
  private readonly agent: https.Agent;
  private readonly client: Got;
  private readonly baseUrl: string;
  private readonly logger: Logger;
  private readonly gatewayClock: GatewayHttpOptions['gatewayClock'];

  constructor(opts: GatewayHttpOptions) {
    const url = new URL(opts.baseUrl);
    if (url.protocol !== 'https:') {
      throw new KasirError('NOT_CONFIGURED', 'Gateway URLs must use HTTPS.');
    }
    const ca = opts.env === 'emulator' ? opts.caCertPem : undefined;
    if (opts.env === 'emulator' && !ca) {
      throw new KasirError('NOT_CONFIGURED', 'The emulator CA certificate is missing.');
    }
    if (opts.env !== 'emulator' && opts.caCertPem) {
      opts.logger.warn('ignoring extra CA: only the emulator environment may add a trust anchor', { env: opts.env });
    }
    const timeouts = opts.timeouts ?? {};
    const connectMs = timeouts.connectMs ?? 5_000;
    this.baseUrl = url.origin + url.pathname.replace(/\/+$/, '');
    this.logger = opts.logger;
    this.gatewayClock = opts.gatewayClock;
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: opts.maxSockets ?? 8,
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      ...(ca ? { ca } : {}),
    });
    this.client = got.extend({
      agent: { https: this.agent },
      https: { minVersion: 'TLSv1.2', rejectUnauthorized: true, ...(ca ? { certificateAuthority: ca } : {}) },
      http2: false,
      retry: { limit: 0 },
      followRedirect: false,
      throwHttpErrors: false,
      responseType: 'text',
      timeout: {
        lookup: connectMs,
        connect: connectMs,
        secureConnect: connectMs,
        response: timeouts.responseMs ?? 15_000,
        request: timeouts.totalMs ?? 30_000,
      },
    });
  }

  /** Sends one request; resolves with any HTTP response, throws a GatewayError when none arrived. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const reading = this.gatewayClock?.begin();
    try {
      const res = await this.client(this.baseUrl + req.path, {
        method: req.method,
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
      // Any answer, error or not, says what time Midtrans thinks it is.
      reading?.fromDate(res.headers.date);
      return { status: res.statusCode, headers: res.headers, text: res.body };
    } catch (e) {
      const failure = classifyTransportError(e);
      this.logger.warn('gateway transport error', { path: req.path, ...failure.toLogFields() });
      throw failure;
    }
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}

/** Maps a transport failure (no HTTP response) to a GatewayError: was the request sent before it failed? */
export function classifyTransportError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  const code = e instanceof RequestError ? e.code : typeof e === 'object' && e && 'code' in e ? String(e.code) : undefined;
  if (e instanceof TimeoutError) {
    const sent = !NOT_SENT_TIMEOUT_EVENTS.has(e.event);
    return new GatewayError('unavailable', {
      delivery: sent ? 'maybe_processed' : 'not_sent',
      message: sent ? 'Midtrans did not answer in time (timeout).' : 'Could not connect to Midtrans in time (gateway down or network problem).',
      details: { transportCode: `ETIMEDOUT:${e.event}` },
    });
  }
  if (code && TLS_CODE.test(code)) return new GatewayError('untrusted', { delivery: 'not_sent', details: { transportCode: code } });
  if (code && NOT_SENT.has(code)) {
    return new GatewayError('unavailable', {
      delivery: 'not_sent',
      message: 'Could not connect to Midtrans (gateway down or network problem).',
      details: { transportCode: code },
    });
  }
  return new GatewayError('unavailable', {
    delivery: 'maybe_processed',
    message: 'The connection to Midtrans was interrupted.',
    details: { transportCode: code ?? 'UNKNOWN' },
  });
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a Retry-After header (seconds form only). */
export function retryAfterSeconds(headers: HttpResponse['headers']): number | undefined {
  const header = headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\d{1,5}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
