/**
 * Per-method amount limits are enforced while the intent is built: an amount
 * a method cannot carry is refused with AMOUNT_INVALID naming the limit, and
 * nothing reaches the ledger or the gateway. Amounts on the limit go through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildIntent } from '../../electron/main/core/payments/intent';
import { DEFAULT_API_FOR, type PaymentMethod } from '../../shared/domain/payment';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const sale = (price: number) => [{ sku: 'TV', name: 'Televisi', price, quantity: 1 }];

describe('amount limits before any network call', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const count = (table: 'payments' | 'orders') => h.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
  const expectNothingWritten = () => {
    expect(h.gateway.calls.charge).toBe(0);
    expect(h.gateway.charges).toEqual([]);
    expect(count('payments')).toBe(0);
    expect(count('orders')).toBe(0);
  };

  it.each([
    ['qris', 10_000_001, 'QRIS accepts Rp 1 – Rp 10.000.000 per transaction; this sale is Rp 10.000.001.'],
    ['indomaret', 9_999, 'Indomaret accepts Rp 10.000 – Rp 5.000.000 per transaction; this sale is Rp 9.999.'],
    ['indomaret', 5_000_001, 'Indomaret accepts Rp 10.000 – Rp 5.000.000 per transaction; this sale is Rp 5.000.001.'],
    ['alfamart', 2_500_001, 'Alfamart accepts Rp 1 – Rp 2.500.000 per transaction; this sale is Rp 2.500.001.'],
    ['va_bca', 9_000, 'VA BCA accepts Rp 10.000 – Rp 20.000.000.000 per transaction; this sale is Rp 9.000.'],
    ['dana', 20_000_001, 'DANA accepts Rp 1 – Rp 20.000.000 per transaction; this sale is Rp 20.000.001.'],
  ] as const)('%s: Rp %i is refused, nothing written or sent', async (method, amount, message) => {
    h = makeHarness();
    await expect(h.service.create({ items: sale(amount), method })).rejects.toMatchObject({ code: 'AMOUNT_INVALID', message });
    expectNothingWritten();
  });

  it.each([
    ['qris', 10_000_000],
    ['indomaret', 10_000],
    ['indomaret', 5_000_000],
    ['alfamart', 2_500_000],
    ['va_bca', 10_000],
    ['va_bni', 50_000_000_000],
  ] as const)('%s: Rp %i, on or inside the limit, is charged once', async (method, amount) => {
    h = makeHarness();
    const view = await h.service.create({ items: sale(amount), method });
    expect(view).toMatchObject({ status: 'pending', amount, method });
    expect(h.gateway.charges).toMatchObject([{ method, amount }]);
  });

  it('cash has no cap of its own', async () => {
    h = makeHarness();
    const view = await h.service.create({ items: sale(750_000_000), method: 'cash' });
    expect(view).toMatchObject({ status: 'settlement', amount: 750_000_000 });
    expect(h.gateway.calls.charge).toBe(0);
  });

  it('buildIntent refuses before it draws any id', () => {
    const drawn: string[] = [];
    const ids = {
      paymentId: () => (drawn.push('payment'), 'P'),
      orderId: () => (drawn.push('order'), 'O'),
      gatewayOrderId: () => (drawn.push('gateway'), 'G'),
      externalId: () => (drawn.push('external'), 'E'),
      refundKey: () => (drawn.push('refund'), 'R'),
    };
    const intent = (method: PaymentMethod, amount: number) =>
      buildIntent({ ids, orderId: 'O', method, amount, routing: DEFAULT_API_FOR, now: 0, zone: 'Asia/Jakarta', gatewayEnv: 'emulator' });
    expect(() => intent('qris', 10_000_001)).toThrow(expect.objectContaining({ code: 'AMOUNT_INVALID', message: expect.stringMatching(/^QRIS accepts Rp 1 – Rp 10\.000\.000 per transaction/) }));
    expect(drawn).toEqual([]);
  });
});
