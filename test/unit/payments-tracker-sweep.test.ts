import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import type { GatewayRef, GatewayTransaction } from '../../electron/main/core/gateway/types';
import type { Clock } from '../../electron/main/core/clock';
import { ManualClock } from '../../electron/main/core/clock';
import { advance, FakeGateway, flush, makeHarness, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'KOPI', name: 'Kopi', price: 12_000, quantity: 1 }];

/** The fake gateway with a network that can be down for status calls. */
class FlakyGateway extends FakeGateway {
  down = false;
  constructor(clock: Clock) {
    super(clock);
  }
  override async status(ref: GatewayRef): Promise<GatewayTransaction | null> {
    if (this.down) throw new GatewayError('unavailable', { details: { transportCode: 'ECONNREFUSED' } });
    return super.status(ref);
  }
}

describe('polling past expiry without an answer', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('keeps asking slowly until the gateway answers, so a paid sale never stays pending', async () => {
    const clock = new ManualClock();
    const gateway = new FlakyGateway(clock);
    h = makeHarness({ clock, gateway });
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    gateway.set(p.orderId, 'settlement'); // the customer paid…
    gateway.down = true; // …while the network is down
    await advance(clock, 20 * 60_000, 5_000); // past expiry (15 min) + grace
    expect(h.service.get(p.id).status).toBe('pending');
    expect(h.tracking.isTracking(p.id)).toBe(true);

    gateway.down = false;
    await advance(clock, 5 * 60_000, 5_000);
    await h.service.idle();
    expect(h.service.get(p.id).status).toBe('settlement');
    expect(h.tracking.isTracking(p.id)).toBe(false);
  });

  it('recovery of a long-expired payment whose first check fails still reaches the truth', async () => {
    const clock = new ManualClock();
    const gateway = new FlakyGateway(clock);
    h = makeHarness({ clock, gateway });
    const p = await h.service.create({ items: ITEMS, method: 'qris' });
    gateway.set(p.orderId, 'settlement');
    h.stop();
    clock.advance(2 * 60 * 60_000); // the till was off for two hours
    h = h.restart();
    gateway.down = true; // the first check at start fails
    await h.service.recover();
    expect(h.service.get(p.id).status).toBe('pending');
    gateway.down = false;
    await advance(clock, 6 * 60_000, 5_000);
    await flush();
    await h.service.idle();
    expect(h.service.get(p.id).status).toBe('settlement');
  });
});
