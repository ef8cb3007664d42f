/**
 * SNAP-BI B2B access token: requested with a SHA256withRSA signature over
 * `clientId|X-TIMESTAMP`, cached until 60 s before its expiry (900 s by
 * default), one request in flight at a time, dropped when Midtrans says it is
 * invalid (401xx01) so the next call fetches a fresh one. `X-TIMESTAMP` is
 * Midtrans' time (gateway-clock.ts); the cache lifetime runs on the till's clock.
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { GatewayError } from './errors';
import type { HttpTransport } from './http';
import { snapBiTokenSignature } from './signatures';
import { snapToken } from './snap-bi-schemas';
import { interpretSnap } from './snap-bi-errors';
import { snapBiTimestamp } from './time';

export const TOKEN_PATH = '/v1.0/access-token/b2b';

export interface SnapBiTokenProviderOptions {
  http: HttpTransport;
  clientId: string;
  privateKey: KeyObject;
  clock: Clock;
  /** Midtrans' clock, for `X-TIMESTAMP` (default: `clock`). */
  gatewayTime?: { now(): number };
  logger: Logger;
  /** Renew this long before expiry (default 60 000 ms). */
  refreshMarginMs?: number;
}

/** Caches one B2B token per client. */
export class SnapBiTokenProvider {
  private cached: { token: string; renewAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  /** Number of token requests made (for tests and metrics). */
  fetchCount = 0;

  constructor(private readonly opts: SnapBiTokenProviderOptions) {}

  /** A valid token, from cache or freshly requested. */
  async get(): Promise<string> {
    if (this.cached && this.opts.clock.now() < this.cached.renewAt) return this.cached.token;
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Forgets `token` if it is the cached one (after Midtrans rejected it). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async fetch(): Promise<string> {
    const { clock, clientId, privateKey, http } = this.opts;
    const timestamp = snapBiTimestamp((this.opts.gatewayTime ?? clock).now());
    this.fetchCount += 1;
    const res = await http.request({
      method: 'POST',
      path: TOKEN_PATH,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-TIMESTAMP': timestamp,
        'X-CLIENT-KEY': clientId,
        'X-SIGNATURE': snapBiTokenSignature(clientId, timestamp, privateKey),
      },
      body: '{"grantType":"client_credentials"}',
    });
    let body;
    try {
      body = interpretSnap(res, snapToken);
    } catch (e) {
      if (e instanceof GatewayError && e.kind === 'auth') {
        throw new GatewayError('auth', {
          delivery: e.delivery,
          message: 'Midtrans rejected the SNAP-BI client id / private key (access token refused).',
          details: e.details,
        });
      }
      throw e;
    }
    const seconds = Number(body.expiresIn ?? '900');
    const lifetimeMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 900) * 1000;
    const margin = Math.min(this.opts.refreshMarginMs ?? 60_000, lifetimeMs / 2);
    this.cached = { token: body.accessToken, renewAt: clock.now() + lifetimeMs - margin };
    this.opts.logger.debug('snap-bi access token obtained', { expiresInSeconds: lifetimeMs / 1000 });
    return body.accessToken;
  }
}
