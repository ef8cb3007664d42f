/**
 * The HTTPS transport under both Midtrans clients: `node:https` over ONE
 * keep-alive https.Agent per gateway host, TLS >= 1.2, certificate
 * verification always on, explicit connect / response / total timeouts and no
 * retries here (retries live in the routing gateway, where the idempotency
 * rules are known). The emulator's CA is trusted only when the emulator is the
 * selected environment. Every answer's `Date` header is a reading of
 * Midtrans' clock (gateway-clock.ts).
 *
 * Why node:https and not an HTTP library: a Midtrans call is one small JSON
 * request on a warm socket. Headers and body go out in ONE write (one TLS
 * record) because the body is given to `end()` with its Content-Length; no
 * redirects, no decompression, no hooks or option merging per call. (got 14
 * wrote headers and body separately and cost ~1.2–1.7× midtrans-client's CPU
 * per call; see test/bench/client.bench.ts.)
 */
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { KasirError } from '../../../../shared/contract/result';
import type { Logger } from '../logger';
import type { GatewayEnv } from '../secrets/secret-store';
import { GatewayError } from './errors';
import type { ClockReading } from './gateway-clock';

export { GatewayError, isOutcomeUnknown } from './errors';
export type { GatewayDelivery, GatewayErrorKind, GatewayErrorDetails } from './errors';

/** Explicit timeouts, in milliseconds. */
export interface GatewayTimeouts {
  /** DNS lookup + TCP connect + TLS handshake of a new socket (default 5 000). */
  connectMs?: number;
  /** From the request written to the first response byte (default 15 000). */
  responseMs?: number;
  /** Whole request, waiting for a free socket included, hard cap (default 30 000). */
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

/** Which of the explicit timeouts fired. `connect`: the request never left (no connection yet). */
export type TimeoutPhase = 'connect' | 'response' | 'request';

/** A transport failure observed by GatewayHttp: its code, and whether the request could have left. */
export class TransportFailure extends Error {
  constructor(
    readonly code: string,
    /** False while no connection was established: nothing can have reached Midtrans. */
    readonly sent: boolean,
    /** Set when one of the explicit timeouts fired. */
    readonly timeout?: TimeoutPhase,
  ) {
    super(timeout ? `timeout (${timeout})` : code);
    this.name = 'TransportFailure';
  }
}

/** What the clients need from a transport (GatewayHttp in production; fakes in unit tests). */
export interface HttpTransport {
  /** Sends one request; resolves with any HTTP response, throws a GatewayError when none arrived. */
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** One HTTPS client bound to one Midtrans host. */
export class GatewayHttp implements HttpTransport {
  /** Sockets whose TLS handshake completed (a queued request may get one without `reusedSocket`). */
  private readonly secured = new WeakSet<TLSSocket>();
  private readonly agent: https.Agent;
  private readonly hostname: string;
  private readonly port: number;
  private readonly basePath: string;
  private readonly connectMs: number;
  private readonly responseMs: number;
  private readonly totalMs: number;
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
    this.connectMs = timeouts.connectMs ?? 5_000;
    this.responseMs = timeouts.responseMs ?? 15_000;
    this.totalMs = timeouts.totalMs ?? 30_000;
    this.hostname = url.hostname.replace(/^\[|\]$/g, '');
    this.port = url.port ? Number(url.port) : 443;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.logger = opts.logger;
    this.gatewayClock = opts.gatewayClock;
    // The agent's TLS options win over any request's (http.Agent merges its own last).
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: opts.maxSockets ?? 8,
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      ...(ca ? { ca } : {}),
    });
  }

  /** Sends one request; resolves with any HTTP response, throws a GatewayError when none arrived. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const reading = this.gatewayClock?.begin();
    try {
      const res = await this.exchange(req);
      // Any answer, error or not, says what time Midtrans thinks it is.
      reading?.fromDate(res.headers.date);
      return res;
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

  /** One request/response on the agent, under the three timeouts; rejects with a TransportFailure or a socket error. */
  private exchange(req: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> =
        req.body !== undefined ? { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) } : req.headers;
      const out = https.request({ agent: this.agent, host: this.hostname, port: this.port, path: this.basePath + req.path, method: req.method, headers });
      let connected = false;
      let responded = false;
      let done = false;
      let connectTimer: NodeJS.Timeout | undefined;
      let responseTimer: NodeJS.Timeout | undefined;
      const timeout = (phase: TimeoutPhase): void => finish(new TransportFailure('ETIMEDOUT', phase !== 'connect', phase));
      const totalTimer = setTimeout(() => timeout(connected ? 'request' : 'connect'), this.totalMs);
      const finish = (error: unknown, res?: HttpResponse): void => {
        if (done) return;
        done = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        clearTimeout(responseTimer);
        if (res) return resolve(res);
        // An error before the handshake completed: the request's bytes were still in our buffer.
        reject(error instanceof TransportFailure || connected ? error : notSentYet(error));
        out.destroy();
      };
      out.on('socket', (socket: TLSSocket) => {
        // A request queued behind a busy agent gets a socket that is already up without
        // `reusedSocket` being set: only a socket never seen secured is still connecting.
        if (out.reusedSocket || this.secured.has(socket)) connected = true;
        else {
          connectTimer = setTimeout(() => timeout('connect'), this.connectMs);
          socket.once('secureConnect', () => {
            this.secured.add(socket);
            connected = true;
            clearTimeout(connectTimer);
          });
        }
      });
      // Written out (headers and body in one go): from now on Midtrans may be working on it.
      out.on('finish', () => {
        if (!done && !responded) responseTimer = setTimeout(() => timeout('response'), this.responseMs);
      });
      out.on('error', (e) => finish(e));
      out.on('response', (res) => {
        responded = true;
        clearTimeout(responseTimer);
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
          finish(null, { status: res.statusCode ?? 0, headers: res.headers, text });
        });
        // Closed before 'end' (reset mid-body): the answer is incomplete. (After 'end' nothing to do:
        // checked first, as an Error's stack trace is not free and every answer closes.)
        res.on('error', (e) => finish(e));
        res.on('close', () => {
          if (!done) finish(new TransportFailure('ECONNRESET', true));
        });
      });
      out.end(req.body);
    });
  }
}

/** A socket error that happened before the connection was up: nothing was sent, whatever its code. */
function notSentYet(e: unknown): unknown {
  const code = codeOf(e);
  if (code && TLS_CODE.test(code)) return e;
  return new TransportFailure(code ?? 'UNKNOWN', false);
}

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && e.code !== undefined ? String(e.code) : undefined;
}

/** Maps a transport failure (no HTTP response) to a GatewayError: was the request sent before it failed? */
export function classifyTransportError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  if (e instanceof TransportFailure && e.timeout) {
    return new GatewayError('unavailable', {
      delivery: e.sent ? 'maybe_processed' : 'not_sent',
      message: e.sent ? 'Midtrans did not answer in time (timeout).' : 'Could not connect to Midtrans in time (gateway down or network problem).',
      details: { transportCode: `ETIMEDOUT:${e.timeout}` },
    });
  }
  const code = codeOf(e);
  if (code && TLS_CODE.test(code)) return new GatewayError('untrusted', { delivery: 'not_sent', details: { transportCode: code } });
  if ((code && NOT_SENT.has(code)) || (e instanceof TransportFailure && !e.sent)) {
    return new GatewayError('unavailable', {
      delivery: 'not_sent',
      message: 'Could not connect to Midtrans (gateway down or network problem).',
      details: { transportCode: code ?? 'UNKNOWN' },
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
