import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { bridgeScript } from '../../electron/browser-shell/bridge-script';
import { EVENT_BRIDGE, INVOKE_BRIDGE } from '../../shared/contract/client';

// The init script runs in a bare page realm: it must be self-contained (no
// bundler helpers) and leave the page exactly two functions.
describe('browser shell bridge script', () => {
  it('runs in an empty realm and exposes only invoke/on over the binding', async () => {
    const binding = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
    const realm: Record<string, unknown> = { [INVOKE_BRIDGE]: binding };
    realm.globalThis = realm;
    runInNewContext(bridgeScript, realm);

    expect(realm[INVOKE_BRIDGE]).toBeUndefined();
    const kasir = realm.kasir as { invoke: (c: string, i?: unknown) => Promise<unknown>; on: (e: string, l: (p: unknown) => void) => () => void };
    expect(Object.keys(kasir).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(kasir)).toBe(true);
    await expect(kasir.invoke('app.info')).resolves.toEqual({ ok: true, value: { channel: 'app.info', input: undefined } });

    const seen: unknown[] = [];
    const off = kasir.on('payment.updated', (p) => seen.push(p));
    (realm[EVENT_BRIDGE] as (n: string, p: unknown) => void)('payment.updated', { id: 1 });
    off();
    (realm[EVENT_BRIDGE] as (n: string, p: unknown) => void)('payment.updated', { id: 2 });
    expect(seen).toEqual([{ id: 1 }]);
  });
});
