/**
 * Whether Midtrans answers, as the till last saw it (`app.connection`). It is
 * fed by the outcome of every real gateway call (routing-gateway.ts wraps
 * each one): any answer — a 404 or a refusal included — means online; a call
 * that could not be delivered or got no answer (connection refused, reset,
 * timeout, 5xx from an unreachable gateway) means offline. Before the first
 * call it is `unknown`. The engine adds at most one idle probe per minute
 * when nothing else called (payments/connection-probe.ts), so an idle till
 * notices that Midtrans came back.
 */
import type { ConnectionState } from '../../../../shared/contract/schemas';
import { isoUtc, type Clock } from '../clock';
import { GatewayError } from './errors';

/** Who wants to hear about changes (the event bus, the sale's queued cancels, the engine's queued refunds). */
export type ConnectionListener = (state: ConnectionState) => void;

/** What a gateway call's outcome says about the connection. */
export type CallOutcome = 'answered' | 'unreachable';

/**
 * How a failed call counts: a GatewayError that never reached Midtrans, or
 * reached nothing that answered (`unavailable` without a rate-limit answer),
 * is `unreachable`; anything Midtrans replied to is `answered`. Errors that
 * are not the gateway's (a missing key) say nothing about the line: null.
 */
export function outcomeOfError(e: unknown): CallOutcome | null {
  if (!(e instanceof GatewayError)) return null;
  if (e.kind === 'unavailable') return e.details.httpStatus === 429 ? 'answered' : 'unreachable';
  if (e.kind === 'untrusted') return 'unreachable';
  return e.delivery === 'not_sent' && e.details.httpStatus === undefined ? 'unreachable' : 'answered';
}

/** The short code `lastError` carries (no message: the renderer words the state itself). */
function errorCodeOf(e: unknown): string {
  if (e instanceof GatewayError) return e.details.transportCode ?? (e.details.httpStatus ? `http_${e.details.httpStatus}` : e.kind);
  return 'unknown';
}

/** The connection's state and its listeners. One per till (container.ts). */
export class ConnectionMonitor {
  private current: ConnectionState = { state: 'unknown', since: null };
  private lastCall: number | null = null;
  private readonly listeners = new Set<ConnectionListener>();

  constructor(private readonly clock: Clock) {}

  /** The state now. */
  state(): ConnectionState {
    return this.current;
  }

  /** True unless the last call could not reach Midtrans (unknown counts as usable: try it). */
  usable(): boolean {
    return this.current.state !== 'offline';
  }

  /** When the last real gateway call ended (the till's clock, ms), or null before any. */
  lastCallAt(): number | null {
    return this.lastCall;
  }

  /** Subscribes; returns the unsubscribe function. */
  onChange(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A call was answered by Midtrans. */
  answered(): void {
    this.lastCall = this.clock.now();
    this.set({ state: 'online', since: null });
  }

  /** A call failed with `e`: offline when it never reached an answering Midtrans. */
  failed(e: unknown): void {
    const outcome = outcomeOfError(e);
    if (outcome === null) return;
    this.lastCall = this.clock.now();
    if (outcome === 'answered') this.set({ state: 'online', since: null });
    else this.set({ state: 'offline', since: null, lastError: errorCodeOf(e) });
  }

  /** Wraps one gateway call: its outcome feeds the state; the result or error passes through. */
  async observe<T>(call: () => Promise<T>): Promise<T> {
    try {
      const out = await call();
      this.answered();
      return out;
    } catch (e) {
      this.failed(e);
      throw e;
    }
  }

  private set(next: ConnectionState): void {
    if (next.state === this.current.state) {
      // Same state: keep `since`; an offline state may learn a newer error code.
      if (next.state === 'offline' && next.lastError !== this.current.lastError) this.current = { ...this.current, lastError: next.lastError };
      return;
    }
    this.current = { ...next, since: isoUtc(this.clock.now()) };
    for (const l of [...this.listeners]) {
      try {
        l(this.current);
      } catch {
        // A failing listener must not break the call that fed the monitor.
      }
    }
  }
}
