/**
 * The till child's instruments (test/soak/till-child.ts), test-only wrappers
 * around the real parts: a kill switch that stops the till at a chosen
 * gateway call or notification so the parent can SIGKILL it exactly there,
 * and a count of what is on the wire, so the child knows when the engine
 * waits only for its clock. The gateway is wrapped in a Proxy, so methods
 * other than the four counted ones pass through untouched.
 */
import type { KasirGateway } from '../../electron/main/core/gateway/routing-gateway';
import type { NotificationSink } from '../../electron/main/core/webhook/types';

/** The gateway calls a kill hook can count. */
export type GatewayCall = 'charge' | 'status' | 'cancel' | 'refund';

/** Where the child stops for the parent's SIGKILL. */
export type KillHook =
  | { kind: 'gateway'; call: GatewayCall | 'any'; nth: number; phase: 'before' | 'after' }
  | { kind: 'notification'; nth: number; phase: 'before' | 'after' };

/** Never settles: the hooked call stays where it is until the parent kills the process. */
const forever = (): Promise<never> => new Promise<never>(() => {});

/** Counts calls that are on the wire (gateway requests, notifications being recorded). */
export class InFlight {
  private n = 0;
  private changed: (() => void)[] = [];

  /** Counts `work` while it runs. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.n++;
    try {
      return await work();
    } finally {
      this.n--;
      for (const w of this.changed.splice(0)) w();
    }
  }

  /** Resolves once nothing has been in flight for two turns of the event loop. */
  async quiet(): Promise<void> {
    for (let calm = 0; calm < 2; ) {
      if (this.n > 0) {
        calm = 0;
        await new Promise<void>((r) => this.changed.push(r));
      } else {
        calm++;
      }
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}

/** Counts the events the hook names and hangs at its n-th one. */
export class KillSwitch {
  private seen = 0;
  /** `report` prints the hook line the parent kills on. */
  constructor(
    private readonly hook: KillHook | null,
    private readonly report: (where: Record<string, unknown>) => void,
  ) {}

  /** Runs `work` unless this is the hooked moment; then reports it and hangs (before or after the work). */
  async around<T>(kind: KillHook['kind'], call: string, work: () => Promise<T>): Promise<T> {
    const h = this.hook;
    const counts = h !== null && h.kind === kind && (h.kind === 'notification' || h.call === 'any' || h.call === call);
    if (!counts || ++this.seen !== h.nth) return work();
    if (h.phase === 'before') {
      this.report({ kind, call, phase: 'before' });
      return forever();
    }
    // The gateway (or the ledger) has done its part; the answer never reaches the caller.
    await work().catch(() => undefined);
    this.report({ kind, call, phase: 'after' });
    return forever();
  }
}

/** The real gateway with the kill switch around its four calls; everything else passes through. */
export function hookedGateway(inner: KasirGateway, kill: KillSwitch, wire: InFlight): KasirGateway {
  const calls: Record<GatewayCall, true> = { charge: true, status: true, cancel: true, refund: true };
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && prop in calls) {
        const call = (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        return (...args: unknown[]) => wire.track(() => kill.around('gateway', prop, () => call(...args)));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** The engine's webhook sink with the kill switch around `accept`. */
export function hookedSink(inner: NotificationSink, kill: KillSwitch, wire: InFlight): NotificationSink {
  return { accept: (n) => wire.track(() => kill.around('notification', n.orderId, () => inner.accept(n))) };
}
