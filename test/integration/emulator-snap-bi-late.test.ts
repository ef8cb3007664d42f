/**
 * The "late" notification fault on SNAP-BI charges. SNAP-BI never announces a
 * creation `pending`, so the stale note has to be rendered on purpose; the
 * engine must record it and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineHarness } from '../fixtures/engine-harness';

describe('SNAP-BI late notification fault', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngine();
  });
  afterAll(async () => h?.close());

  it('sends a signed stale pending after settlement, which the till records and ignores', async () => {
    h.emulator.faults.add({ kind: 'notification', action: 'late', times: 1 });
    const p = await h.payments.create({ items: [{ sku: 'K', name: 'Kopi', price: 21_000, quantity: 1 }], method: 'qris' });
    const tx = h.emulator.store.find(p.orderId);
    if (!tx) throw new Error('charge not at the emulator');
    h.emulator.store.transition(tx, 'settlement');

    const late = () => h.emulator.dispatcher.log(p.orderId).find((r) => r.fault === 'late');
    await expect.poll(() => late()?.state, { timeout: 5_000 }).toBe('delivered');
    expect(JSON.parse(late()?.body ?? '{}')).toMatchObject({ latestTransactionStatus: '03' });
    expect(late()?.attempts.at(-1)?.httpStatus).toBe(200); // signature verified by the listener
    await h.payments.idle();

    expect(h.payments.get(p.id).status).toBe('settlement');
    const notes = h.db
      .prepare("SELECT claimed_status FROM payment_events WHERE payment_id = ? AND note = 'notification'")
      .all(p.id) as { claimed_status: string }[];
    expect(notes.map((n) => n.claimed_status)).toEqual(expect.arrayContaining(['settlement', 'pending']));
  });
});
