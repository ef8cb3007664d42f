import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';

describe('engine harness smoke', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngine();
  });
  afterAll(async () => h?.close());

  it('charges QRIS over SNAP-BI and settles by webhook', async () => {
    const p = await h.payments.create({ items: [{ sku: 'A', name: 'Kopi', price: 18_000, quantity: 2 }], method: 'qris' });
    expect(p.status).toBe('pending');
    await h.emulator.store.find(p.orderId);
    const tx = h.emulator.store.find(p.orderId);
    expect(tx?.grossAmount).toBe(36_000);
    if (!tx) throw new Error('no tx');
    h.emulator.store.transition(tx, 'settlement');
    await expect.poll(() => h.payments.get(p.id).status, { timeout: 5_000 }).toBe('settlement');
    expect(h.payments.get(p.id).lastSource).toBe('webhook');
  });
});
