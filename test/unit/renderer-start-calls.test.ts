import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../shared/contract/channels';
import type { EventName } from '../../shared/contract/events';

type Listener = (payload: unknown) => void;

/** A stand-in for the bridge: records what the page asked main (answering each with its own number) and pushes events as main would. */
function bridge() {
  const asked: string[] = [];
  const listeners = new Map<string, Set<Listener>>();
  return {
    asked,
    /** Main pushes `event` to whoever listens now (nobody: it is lost, as with the real bridge). */
    push(event: string, payload: unknown): void {
      listeners.get(event)?.forEach((l) => l(payload));
    },
    kasir: {
      invoke: (channel: string, _input?: unknown): Promise<unknown> => {
        asked.push(channel);
        return Promise.resolve({ ok: true, value: `${channel} #${asked.length}` });
      },
      on: (event: string, listener: Listener): (() => void) => {
        const set = listeners.get(event) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    },
  };
}

/**
 * start-calls.ts loaded fresh on a page whose bridge is `b`, with `call` and `subscribe` as api.ts makes them
 * of it (api.ts itself needs the DOM's types and i18n; its two uses are these lines).
 */
async function pageWith(b: ReturnType<typeof bridge>) {
  vi.resetModules();
  Object.assign(globalThis, { kasir: b.kasir });
  const start = await import('../../renderer/src/start-calls');
  const call = async (channel: Channel, input?: unknown): Promise<unknown> => {
    try {
      return await ((input === undefined ? start.takeStartCall(channel) : null) ?? b.kasir.invoke(channel, input));
    } catch {
      return { ok: false, code: 'INTERNAL' };
    }
  };
  const subscribe = (event: EventName, listener: Listener): (() => void) => {
    const off = b.kasir.on(event, listener);
    for (const payload of start.takeStartEvents(event)) listener(payload);
    return off;
  };
  return { ...start, call, subscribe };
}

describe('the start’s early reads (renderer/src/start-calls.ts)', () => {
  afterEach(() => {
    delete (globalThis as { kasir?: unknown }).kasir;
  });

  it('are sent as the module loads, before anyone asks', async () => {
    const b = bridge();
    const { START_CALLS } = await pageWith(b);
    expect(b.asked).toEqual([...START_CALLS]);
    expect(b.asked).toEqual(['session.current', 'app.info', 'session.roster']);
  });

  it('answer the first ask of each only; a later ask goes to main', async () => {
    const b = bridge();
    const { call } = await pageWith(b);
    expect(await call('session.current')).toEqual({ ok: true, value: 'session.current #1' });
    expect(await call('session.roster')).toEqual({ ok: true, value: 'session.roster #3' });
    expect(b.asked).toHaveLength(3);
    expect(await call('session.current')).toEqual({ ok: true, value: 'session.current #4' });
  });

  it('once dropped, are never shown: the ask goes to main', async () => {
    const b = bridge();
    const { call, dropStartCalls } = await pageWith(b);
    await call('session.current');
    dropStartCalls();
    expect(await call('session.roster')).toEqual({ ok: true, value: 'session.roster #4' });
  });

  it('a failed early read is the asker’s INTERNAL error, and unasked it is no unhandled rejection', async () => {
    const b = bridge();
    b.kasir.invoke = (channel) => {
      b.asked.push(channel);
      return Promise.reject(new Error('bridge gone'));
    };
    const { call, dropStartCalls } = await pageWith(b);
    const answer = await call('app.info');
    expect(answer).toMatchObject({ ok: false, code: 'INTERNAL' });
    dropStartCalls();
  });

  it('a start-up notice pushed before the app subscribes reaches its subscription, once', async () => {
    const b = bridge();
    const { subscribe } = await pageWith(b);
    // Main opens its notice board once the first (early) call is answered, before app.tsx subscribes.
    const notice = { level: 'info', code: 'payments_changed_while_down', params: { changed: 1, paid: 1 } };
    b.push('app.notice', notice);
    const got: unknown[] = [];
    subscribe('app.notice', (n) => got.push(n));
    expect(got).toEqual([notice]);
    b.push('app.notice', { ...notice, code: 'keys_not_configured', params: { env: 'emulator' } });
    expect(got).toHaveLength(2);
    // A second subscriber hears only what comes from now on.
    const later: unknown[] = [];
    subscribe('app.notice', (n) => later.push(n));
    expect(later).toEqual([]);
  });

  it('nothing is kept once the early reads are dropped', async () => {
    const b = bridge();
    const { subscribe, dropStartCalls } = await pageWith(b);
    dropStartCalls();
    b.push('session.changed', {});
    const got: unknown[] = [];
    subscribe('session.changed', (n) => got.push(n));
    expect(got).toEqual([]);
  });

  it('sends nothing without a bridge', async () => {
    vi.resetModules();
    const { takeStartCall } = await import('../../renderer/src/start-calls');
    expect(takeStartCall('session.current')).toBeNull();
  });
});
