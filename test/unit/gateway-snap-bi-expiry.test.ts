import { describe, expect, it } from 'vitest';
import { buildSnapCreateBody, type SnapBodyConfig } from '../../electron/main/core/gateway/snap-bi-bodies';
import type { ChargeRequest } from '../../electron/main/core/gateway/types';
import { buildIntent } from '../../electron/main/core/payments/intent';
import { DEFAULT_API_FOR } from '../../shared/domain/payment';

const cfg: SnapBodyConfig = { merchantId: 'G1', partnerServiceIdFor: () => '70012', callbackUrl: 'kasir://done' };
const req = (method: ChargeRequest['method'], expiresAt: string | null): ChargeRequest => ({
  orderId: 'KSR-20261126-ABC', method, amount: 15_000, items: [], idempotencyKey: 'KSR-20261126-ABC', expiresAt,
});

describe('SNAP-BI validity', () => {
  it.each([
    ['qris', 'validityPeriod'],
    ['gopay', 'validUpTo'],
    ['va_bni', 'expiredDate'],
  ] as const)('%s carries the intent expiry as %s in WIB', (method, field) => {
    const { body } = buildSnapCreateBody(req(method, '2026-11-26T03:15:00.000Z'), cfg);
    expect(body[field]).toBe('2026-11-26T10:15:00+07:00');
  });

  it('sends byte-identical bodies on every retry (nothing read from the clock)', () => {
    const a = JSON.stringify(buildSnapCreateBody(req('qris', '2026-11-26T03:15:00.000Z'), cfg).body);
    const b = JSON.stringify(buildSnapCreateBody(req('qris', '2026-11-26T03:15:00.000Z'), cfg).body);
    expect(a).toBe(b);
  });

  it('leaves Midtrans defaults when no expiry is given', () => {
    expect(buildSnapCreateBody(req('qris', null), cfg).body).not.toHaveProperty('validityPeriod');
  });

  it('fixes the expiry in the intent: 15 min for QRIS and wallets, 24 h for VAs, none for Core or cash', () => {
    const ids = { paymentId: () => 'P', orderId: () => 'O', gatewayOrderId: () => 'G', externalId: () => 'E', refundKey: () => 'R' };
    const now = Date.UTC(2026, 10, 26, 3, 0, 0);
    const at = (method: Parameters<typeof buildIntent>[0]['method']) =>
      buildIntent({ ids, orderId: 'O', method, amount: 15_000, routing: DEFAULT_API_FOR, now, zone: 'Asia/Jakarta', gatewayEnv: 'emulator' }).expires_at;
    expect(at('qris')).toBe('2026-11-26T03:15:00.000Z');
    expect(at('dana')).toBe('2026-11-26T03:15:00.000Z');
    expect(at('va_bca')).toBe('2026-11-27T03:00:00.000Z');
    expect(at('indomaret')).toBeNull();
    expect(at('cash')).toBeNull();
  });
});

describe('charge request from the intent', () => {
  it('names the API the intent was written for, so a replay ignores later routing changes', async () => {
    const { chargeRequestOf } = await import('../../electron/main/core/payments/intent');
    const ids = { paymentId: () => 'P', orderId: () => 'O', gatewayOrderId: () => 'G', externalId: () => 'E', refundKey: () => 'R' };
    const row = buildIntent({ ids, orderId: 'O', method: 'qris', amount: 1_000, routing: { ...DEFAULT_API_FOR, qris: 'core_api' }, now: 0, zone: 'Asia/Jakarta', gatewayEnv: 'emulator' });
    const req = chargeRequestOf(row, [{ sku: 'A', name: 'A', price: 1_000, quantity: 1 }]);
    expect(req).toMatchObject({ api: 'core_api', method: 'qris', orderId: 'G', idempotencyKey: 'E', amount: 1_000 });
  });
});
