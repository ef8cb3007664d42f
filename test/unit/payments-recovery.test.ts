import { afterEach, describe, expect, it } from 'vitest';
import { EventRepository } from '../../electron/main/core/ledger';
import { advance, makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'NASI', name: 'Nasi goreng', price: 25000, quantity: 1 }];

describe('PaymentService.recover', () => {
  let h: Harness;
  afterEach(() => h?.close());

  /** Leaves one attempt in `creating` (as after a crash mid-charge). */
  const stuckCreating = async (processed: boolean): Promise<string> => {
    h.gateway.fail('charge', unknownOutcome, { processed }).fail('status', unknownOutcome);
    await h.service.create({ items: ITEMS, method: 'qris' }).catch(() => undefined);
    return h.db.prepare("SELECT id FROM payments WHERE status = 'creating'").pluck().get() as string;
  };

  it('creating + not found at the gateway → failed_to_create (source recovery)', async () => {
    h = makeHarness();
    const id = await stuckCreating(false);
    h = h.restart();
    await h.service.recover();
    expect(h.service.get(id)).toMatchObject({ status: 'failed_to_create', lastSource: 'recovery' });
    expect(h.gateway.calls.charge).toBe(1);
    expect(h.clock.pending()).toBe(0);
  });

  it('creating + found → adopted as pending and tracked until paid', async () => {
    h = makeHarness();
    const id = await stuckCreating(true);
    h = h.restart();
    await h.service.recover();
    const view = h.service.get(id);
    expect(view).toMatchObject({ status: 'pending', lastSource: 'recovery', action: { kind: 'qr' } });
    expect(h.tracking.isTracking(id)).toBe(true);
    h.gateway.set(view.orderId, 'settlement');
    await advance(h.clock, 3_000);
    expect(h.service.get(id)).toMatchObject({ status: 'settlement', lastSource: 'poll' });
    expect(h.clock.pending()).toBe(0);
  });

  it('pending that was paid while the app was down → settlement on start', async () => {
    h = makeHarness();
    const p = await h.service.create({ items: ITEMS, method: 'va_bni' });
    h.gateway.set(p.orderId, 'settlement');
    h = h.restart();
    await h.service.recover();
    expect(h.service.get(p.id)).toMatchObject({ status: 'settlement', lastSource: 'recovery' });
    expect(h.updates.map((u) => u.source)).toEqual(['recovery']);
  });

  it('an unreachable gateway keeps the order in recovery (no new charge) until polling resolves it', async () => {
    h = makeHarness();
    const id = await stuckCreating(false);
    const orderId = h.db.prepare('SELECT order_id FROM payments WHERE id = ?').pluck().get(id) as string;
    h = h.restart();
    h.gateway.fail('status', unknownOutcome);
    await h.service.recover();
    expect(h.service.get(id).status).toBe('creating');
    expect(h.service.isRecovering(orderId)).toBe(true);
    await expect(h.service.chargeAgain(orderId, 'qris')).rejects.toMatchObject({ code: 'CONFLICT' });
    await advance(h.clock, 3_000);
    expect(h.service.get(id)).toMatchObject({ status: 'failed_to_create', lastSource: 'recovery' });
    expect(h.service.isRecovering(orderId)).toBe(false);
    const again = await h.service.chargeAgain(orderId, 'qris');
    expect(again.status).toBe('pending');
  });

  it('leaves settled payments and cash alone', async () => {
    h = makeHarness();
    await h.service.create({ items: ITEMS, method: 'cash' });
    h = h.restart();
    await h.service.recover();
    expect(h.gateway.calls.status).toBe(0);
  });

  it('records every recovery decision in the audit trail', async () => {
    h = makeHarness();
    const id = await stuckCreating(false);
    h = h.restart();
    await h.service.recover();
    const evs = new EventRepository(h.db).forPayment(id);
    expect(evs.at(-1)).toMatchObject({ source: 'recovery', from_status: 'creating', to_status: 'failed_to_create', applied: 1 });
  });
});
