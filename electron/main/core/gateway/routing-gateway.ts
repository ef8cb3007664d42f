/**
 * The PaymentGateway the payment engine uses: routes each method to the Core
 * API or SNAP-BI (configuration over DEFAULT_API_FOR), and wraps every call in
 * safe retries. A charge is retried only with the same idempotency key /
 * X-EXTERNAL-ID and the same body; when its outcome stays unknown it throws a
 * `maybe_processed` GatewayError and the payment engine asks `status()`
 * before deciding. One GatewayClock (`time`) reads Midtrans' clock from every
 * answer of both APIs; SNAP-BI signs with it.
 */
import { KasirError } from '../../../../shared/contract/result';
import { CORE_API_METHODS, DEFAULT_API_FOR } from '../../../../shared/domain/payment';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { GatewayCredentials } from '../secrets/credentials';
import type { GatewayEnv } from '../secrets/secret-store';
import type { ConnectionMonitor } from './connection-monitor';
import { CoreApiClient } from './core-api-client';
import { GatewayError } from './errors';
import { GatewayClock } from './gateway-clock';
import { GatewayHttp, type GatewayTimeouts } from './http';
import type { GatewayMethod } from './mapping';
import { withRetry, type RetryOptions } from './retry';
import { SnapBiClient } from './snap-bi-client';
import { snapKindOf } from './snap-bi-bodies';
import { gatewayTimeToIsoUtc } from './time';
import type { ChargeRequest, GatewayRef, GatewayTransaction, PaymentGateway, RefundRequest } from './types';

/** Which API serves each method. */
export type GatewayRouting = Partial<Record<GatewayMethod, 'core_api' | 'snap_bi'>>;

export interface CreateGatewayOptions {
  env: GatewayEnv;
  coreApiBaseUrl: string;
  snapBiBaseUrl: string;
  /** Emulator CA (PEM); trusted only when env is 'emulator'. */
  caCertPem?: string;
  /** Overrides of DEFAULT_API_FOR. */
  routing?: GatewayRouting;
  credentials: GatewayCredentials;
  clock: Clock;
  logger: Logger;
  timeouts?: GatewayTimeouts;
  retry?: RetryOptions;
  /** Fed with the outcome of every call (answered / unreachable): the till's connection indicator. */
  connection?: ConnectionMonitor;
  /** SNAP-BI settings that are not secrets. */
  snapBi?: { vaPartnerServiceIds?: string | Partial<Record<string, string>>; callbackUrl?: string; newExternalId?: () => string };
}

/** PaymentGateway plus the operations the till needs beyond the port. */
export interface KasirGateway extends PaymentGateway {
  /** Core API only: forces a pending charge to `expire`. */
  expire(ref: GatewayRef): Promise<GatewayTransaction>;
  /** The API a method is routed to. */
  apiFor(method: GatewayMethod): 'core_api' | 'snap_bi';
  /** Midtrans' clock as measured from this gateway's answers (always present here). */
  readonly time: GatewayClock;
  /** Closes keep-alive sockets. */
  close(): void;
}

/** Builds the routing gateway (see module doc). */
export function createGateway(opts: CreateGatewayOptions): KasirGateway {
  return new RoutingGateway(opts);
}

class RoutingGateway implements KasirGateway {
  private readonly core: CoreApiClient | null;
  private readonly snap: SnapBiClient | null;
  private readonly https: GatewayHttp[] = [];
  private readonly routing: Record<GatewayMethod, 'core_api' | 'snap_bi'>;
  private readonly retry: RetryOptions & { sleep: (ms: number) => Promise<void> };
  private readonly logger: Logger;
  private readonly connection: ConnectionMonitor | null;
  readonly time: GatewayClock;

  constructor(opts: CreateGatewayOptions) {
    this.logger = opts.logger.scope('gateway');
    this.connection = opts.connection ?? null;
    this.routing = applyRoutingOverrides(opts.routing ?? {});
    const clock: Clock = opts.clock;
    this.retry = { ...opts.retry, sleep: opts.retry?.sleep ?? ((ms) => new Promise((wake) => clock.setTimeout(wake, ms))) };
    // The probe for a first reading is the SNAP-BI B2B token: needed for any SNAP-BI call anyway, no side effect.
    // A Core-only till has no such call and measures from its first real answer.
    this.time = new GatewayClock({
      clock,
      logger: this.logger,
      ...(opts.credentials.snapBi ? { probe: () => this.observed(() => this.snapClient().tokens.get()) } : {}),
    });
    const http = (baseUrl: string): GatewayHttp => {
      const transport = new GatewayHttp({
        env: opts.env, baseUrl, caCertPem: opts.caCertPem, timeouts: opts.timeouts, logger: this.logger, gatewayClock: this.time,
      });
      this.https.push(transport);
      return transport;
    };
    const { core, snapBi } = opts.credentials;
    this.core = core ? new CoreApiClient({ http: http(opts.coreApiBaseUrl), serverKey: core.serverKey, logger: this.logger.scope('core') }) : null;
    this.snap = snapBi
      ? new SnapBiClient({
          http: http(opts.snapBiBaseUrl),
          credentials: snapBi,
          clock,
          gatewayTime: this.time,
          logger: this.logger.scope('snap'),
          ...opts.snapBi,
        })
      : null;
  }

  apiFor(method: GatewayMethod): 'core_api' | 'snap_bi' {
    return this.routing[method];
  }

  async charge(req: ChargeRequest): Promise<GatewayTransaction> {
    const api = req.api ?? this.apiFor(req.method);
    this.logger.info('charge', { orderId: req.orderId, method: req.method, api });
    // The same request object (same key, deterministic body) is re-sent on every attempt.
    return this.observed(() =>
      withRetry(() => (api === 'core_api' ? this.coreCharge(req) : this.snapClient().charge(req)), 'write', this.retry, this.logger, 'charge'),
    );
  }

  /** A Core charge; its `transaction_time` reads Midtrans' clock when the answer came without a `Date` header. */
  private async coreCharge(req: ChargeRequest): Promise<GatewayTransaction> {
    const reading = this.time.begin();
    const tx = await this.coreClient().charge(req);
    const raw = tx.raw as { transaction_time?: unknown } | null;
    const at = typeof raw?.transaction_time === 'string' ? gatewayTimeToIsoUtc(raw.transaction_time) : null;
    if (at) reading.fromBody(Date.parse(at));
    return tx;
  }

  async status(ref: GatewayRef): Promise<GatewayTransaction | null> {
    return this.observed(() =>
      withRetry(() => (ref.api === 'core_api' ? this.coreClient().status(ref) : this.snapClient().status(ref)), 'read', this.retry, this.logger, 'status'),
    );
  }

  async cancel(ref: GatewayRef): Promise<GatewayTransaction> {
    const run = () => (ref.api === 'core_api' ? this.coreClient().cancel(ref) : this.snapClient().cancel(ref));
    return this.action('cancel', ref, run, (tx) => tx.status === 'cancel');
  }

  async expire(ref: GatewayRef): Promise<GatewayTransaction> {
    if (ref.api !== 'core_api') {
      throw new GatewayError('illegal', { delivery: 'not_sent', message: 'SNAP-BI has no expire call; cancel the charge instead.' });
    }
    return this.action('expire', ref, () => this.coreClient().expire(ref), (tx) => tx.status === 'expire');
  }

  async refund(req: RefundRequest): Promise<GatewayTransaction> {
    const run = () => (req.ref.api === 'core_api' ? this.coreClient().refund(req) : this.snapClient().refund(req));
    // After a lost reply the retry meets "illegal now" (Core 412 once fully refunded) or "duplicate"
    // (406 / 409xx01): the refund is ours and done when the gateway lists its key.
    return this.action('refund', req.ref, run, (tx, e) =>
      tx.refunds
        ? tx.refunds.some((r) => r.refundKey === req.refundKey)
        : e.kind === 'duplicate' && (tx.status === 'refund' || tx.status === 'partial_refund'),
    );
  }

  close(): void {
    for (const transport of this.https) transport.close();
  }

  /**
   * A state-changing call with retries. If Midtrans refuses it as illegal /
   * duplicate, the current status is read: when it shows the action already
   * applied (our earlier attempt went through), that state is returned.
   */
  private async action(
    label: string,
    ref: GatewayRef,
    run: () => Promise<GatewayTransaction>,
    alreadyDone: (tx: GatewayTransaction, e: GatewayError) => boolean,
  ): Promise<GatewayTransaction> {
    try {
      return await this.observed(() => withRetry(run, 'write', this.retry, this.logger, label));
    } catch (e) {
      if (!(e instanceof GatewayError) || (e.kind !== 'illegal' && e.kind !== 'duplicate')) throw e;
      const current = await this.status(ref).catch(() => null);
      if (current && alreadyDone(current, e)) {
        this.logger.info(`${label} already applied at the gateway`, { orderId: ref.orderId, status: current.status });
        return current;
      }
      throw e;
    }
  }

  /** One call whose outcome feeds the connection monitor (the result or error passes through unchanged). */
  private observed<T>(call: () => Promise<T>): Promise<T> {
    return this.connection ? this.connection.observe(call) : call();
  }

  private coreClient(): CoreApiClient {
    if (!this.core) {
      throw new KasirError('NOT_CONFIGURED', 'The Midtrans Core API server key is not configured.', { params: { which: 'core_api_keys' } });
    }
    return this.core;
  }

  private snapClient(): SnapBiClient {
    if (!this.snap) throw new KasirError('NOT_CONFIGURED', 'The Midtrans SNAP-BI keys are not configured.', { params: { which: 'snap_bi_keys' } });
    return this.snap;
  }
}

/** The API of every gateway method: DEFAULT_API_FOR with `overrides` applied, validated (DANA only on SNAP-BI; stores only on Core API). */
export function applyRoutingOverrides(overrides: GatewayRouting): Record<GatewayMethod, 'core_api' | 'snap_bi'> {
  const out = {} as Record<GatewayMethod, 'core_api' | 'snap_bi'>;
  for (const [method, api] of Object.entries(DEFAULT_API_FOR) as [keyof typeof DEFAULT_API_FOR, string][]) {
    if (method === 'cash' || api === 'none') continue;
    const chosen = overrides[method] ?? (api as 'core_api' | 'snap_bi');
    if (chosen === 'snap_bi' && !snapKindOf(method)) throw new KasirError('INVALID_INPUT', `${method} is not available on SNAP-BI.`);
    if (chosen === 'core_api' && !CORE_API_METHODS.includes(method)) throw new KasirError('INVALID_INPUT', `${method} is not available on the Core API.`);
    out[method] = chosen;
  }
  return out;
}
