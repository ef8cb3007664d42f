/**
 * The connection indicator's idle probe: an idle till (no sale, nothing to
 * poll) would never learn that Midtrans came back, or went away. Once a
 * minute on the injected clock, if no gateway call ended in the last minute,
 * one status read of an order id that cannot exist goes through the status
 * queue (kind `probe`, background priority: counted in the budget and never
 * ahead of a cashier's call). A 404 is an answer (online); a call that never
 * reached Midtrans is offline — the routing gateway feeds the monitor with
 * the outcome like any other call. So: at most one probe per idle minute.
 */
import type { Cancel, Clock } from '../clock';
import type { GatewayRef } from '../gateway/types';
import type { Logger } from '../logger';
import type { StatusScheduler } from './status-scheduler';

/** Every minute at most. */
export const PROBE_INTERVAL_MS = 60_000;

/** The probe's queue key: no payment id has this shape (ids are letters, digits and dashes). */
const PROBE_ID = '~connection-probe';

/** What the probe is built from. */
export interface ConnectionProbeDeps {
  clock: Clock;
  logger: Logger;
  scheduler: Pick<StatusScheduler, 'status'>;
  /** When the last real gateway call ended (the till's clock, ms), or null before any. */
  lastCallAt: () => number | null;
  /** Which API to ask (the one QRIS uses). */
  api: GatewayRef['api'];
}

/** Runs the probe on the clock until stopped. */
export class ConnectionProbe {
  private timer: Cancel | null = null;
  private running = false;
  private stopped = false;
  /** The monitor's last-call time as the previous probe left it: a probe's own answer is not "something else called". */
  private ownLast: number | null = null;
  /** Probes started (tests: at most one per idle minute). */
  count = 0;

  constructor(private readonly deps: ConnectionProbeDeps) {}

  start(): void {
    if (this.stopped || this.timer) return;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.();
    this.timer = null;
  }

  private arm(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.tick();
      if (!this.stopped) this.arm();
    }, PROBE_INTERVAL_MS);
  }

  private tick(): void {
    const last = this.deps.lastCallAt();
    const busy = last !== null && last !== this.ownLast && this.deps.clock.now() - last < PROBE_INTERVAL_MS;
    if (this.running || busy) return;
    this.running = true;
    this.count += 1;
    const ref: GatewayRef = { api: this.deps.api, orderId: `KASIR-PROBE-${this.deps.clock.now()}`, method: 'qris', externalId: 'kasir-connection-probe' };
    void this.deps.scheduler
      .status({ paymentId: PROBE_ID, kind: 'probe', priority: 'recheck', ref: () => ref })
      .catch((e: unknown) => this.deps.logger.debug('connection probe: no answer', { error: e }))
      .finally(() => {
        this.running = false;
        this.ownLast = this.deps.lastCallAt();
      });
  }
}
