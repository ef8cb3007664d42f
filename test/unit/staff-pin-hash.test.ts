import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, PinHasher } from '../../electron/main/core/staff';
import { TEST_SCRYPT } from '../fixtures/staff-harness';

// Wraps the real timingSafeEqual so the test can see that the hasher uses it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const PIN = '730194';

describe('PinHasher', () => {
  const hasher = new PinHasher(TEST_SCRYPT);

  it('salts: the same PIN gives a different hash each time, and each verifies', async () => {
    const a = await hasher.hash(PIN);
    const b = await hasher.hash(PIN);
    expect(a).not.toBe(b);
    expect(await hasher.verify(PIN, a)).toBe(true);
    expect(await hasher.verify(PIN, b)).toBe(true);
  });

  it('stores the parameters with the hash and never the PIN itself', async () => {
    const h = await hasher.hash(PIN);
    expect(h).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(h).not.toContain(PIN);
    expect(Buffer.from(h.split('$')[3]!, 'base64').toString('latin1')).not.toContain(PIN);
    expect(Buffer.from(h.split('$')[4]!, 'base64').toString('latin1')).not.toContain(PIN);
  });

  it('is the scrypt key of the PIN under the stored salt (a one-way function, not an encoding)', async () => {
    const h = await hasher.hash(PIN);
    const [, , , salt, key] = h.split('$');
    const again = crypto.scryptSync(PIN, Buffer.from(salt!, 'base64'), 32, { N: 1024, r: 8, p: 1 });
    expect(again.toString('base64')).toBe(key);
  });

  it('refuses wrong PINs and malformed or tampered hashes', async () => {
    const h = await hasher.hash(PIN);
    expect(await hasher.verify('730195', h)).toBe(false);
    expect(await hasher.verify('', h)).toBe(false);
    expect(await hasher.verify(PIN, PIN)).toBe(false);
    expect(await hasher.verify(PIN, h.replace('ln=10', 'ln=30'))).toBe(false);
    expect(await hasher.verify(PIN, '$scrypt$ln=10,r=8,p=1$$')).toBe(false);
  });

  it('compares keys with crypto.timingSafeEqual', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    const h = await hasher.hash(PIN);
    spy.mockClear();
    await hasher.verify('111999', h);
    await hasher.verify(PIN, h);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.results.map((r) => r.value)).toEqual([false, true]);
  });

  it('keeps verifying old hashes when the cost is raised, and says they need a rehash', async () => {
    const old = await hasher.hash(PIN);
    const stronger = new PinHasher({ ...TEST_SCRYPT, ln: 11 });
    expect(await stronger.verify(PIN, old)).toBe(true);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(stronger.needsRehash(await stronger.hash(PIN))).toBe(false);
    expect(hasher.needsRehash('not a hash')).toBe(true);
  });

  it('works with the production parameters (N = 2^15, r = 8, p = 1) without blocking the event loop', async () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ ln: 15, r: 8, p: 1 });
    const prod = new PinHasher();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const h = await prod.hash(PIN);
    clearInterval(timer);
    expect(h.startsWith('$scrypt$ln=15,r=8,p=1$')).toBe(true);
    expect(await prod.verify(PIN, h)).toBe(true);
    // The event loop kept running while scrypt worked in the thread pool.
    expect(ticks).toBeGreaterThan(0);
  });
});
