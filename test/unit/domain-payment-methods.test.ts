/**
 * The method registry (shared/domain/payment-methods.ts): every method fully
 * described, every derived list equal to the registry, and the gateway bodies,
 * receipt names, settings and labels built from it unchanged from the
 * hand-written tables they replaced (pinned below, value for value).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCoreChargeBody } from '../../electron/main/core/gateway/core-api-client';
import type { GatewayMethod } from '../../electron/main/core/gateway/mapping';
import { buildSnapCreateBody, snapKindOf, type SnapBodyConfig } from '../../electron/main/core/gateway/snap-bi-bodies';
import { methodName } from '../../electron/main/core/receipts/receipt-layout';
import { loadSettings } from '../../electron/main/core/settings/settings';
import { en } from '../../renderer/src/i18n/en';
import { id } from '../../renderer/src/i18n/id';
import { paymentMethod } from '../../shared/contract/schemas';
import { MAX_RUPIAH } from '../../shared/domain/money';
import { CORE_API_METHODS, DEFAULT_API_FOR, PAYMENT_METHODS, REFUNDABLE_METHODS } from '../../shared/domain/payment';
import {
  amountLimitViolation,
  apisFor,
  PAYMENT_METHOD_SPECS,
  SNAP_BI_METHODS,
  SNAP_VA_BANKS,
  type PaymentMethod,
} from '../../shared/domain/payment-methods';

const specs = Object.entries(PAYMENT_METHOD_SPECS) as [PaymentMethod, (typeof PAYMENT_METHOD_SPECS)[PaymentMethod]][];
const gatewayMethods = PAYMENT_METHODS.filter((m): m is GatewayMethod => m !== 'cash');

describe('the registry', () => {
  it('keeps the till menu order other code relies on', () => {
    expect(PAYMENT_METHODS).toEqual([
      'qris', 'gopay', 'shopeepay', 'dana', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'va_cimb', 'mandiri_bill', 'indomaret', 'alfamart', 'cash',
    ]);
    expect(paymentMethod.options).toEqual([...PAYMENT_METHODS]);
  });

  it.each(specs)('%s is described completely and consistently', (method, spec) => {
    expect(spec.labelKey).toBe(`method.${method}`);
    expect(spec.name.length).toBeGreaterThan(0);
    expect(apisFor(method)).toContain(spec.defaultApi);
    // The family decides which products can carry the method.
    const byFamily = {
      qris: [['qris'], ['qris']],
      ewallet: [['gopay', 'shopeepay', null], ['debit']],
      va: [['bank_transfer'], ['va']],
      bill: [['echannel'], ['va']],
      cstore: [['cstore'], [null]],
      cash: [[null], [null]],
    } as const;
    const [coreTypes, snapKinds] = byFamily[spec.family];
    expect(coreTypes).toContain(spec.coreApi?.paymentType ?? null);
    expect(snapKinds).toContain(spec.snapBi?.kind ?? null);
    // Kasir fixes the expiry of every SNAP-BI charge itself (its replies do not echo one).
    if (spec.snapBi) expect(spec.validityMinutes).toBeGreaterThan(0);
    if (spec.family === 'cash') expect(spec.validityMinutes).toBeNull();
    if (spec.refund.viaGateway) expect(spec.refund.windowDays).toBeGreaterThan(0);
    expect(Number.isSafeInteger(spec.amount.min) && spec.amount.min >= 1).toBe(true);
    if (spec.amount.max !== null) {
      expect(Number.isSafeInteger(spec.amount.max)).toBe(true);
      expect(spec.amount.max).toBeGreaterThanOrEqual(spec.amount.min);
      expect(spec.amount.max).toBeLessThanOrEqual(MAX_RUPIAH);
    }
  });

  it('cannot be patched at runtime', () => {
    expect(Object.isFrozen(PAYMENT_METHOD_SPECS)).toBe(true);
    expect(Object.isFrozen(PAYMENT_METHOD_SPECS.va_bca.amount)).toBe(true);
    expect(Object.isFrozen(PAYMENT_METHOD_SPECS.va_bca.coreApi)).toBe(true);
    expect(Object.isFrozen(PAYMENT_METHODS)).toBe(true);
  });
});

describe('lists derived from the registry', () => {
  it('equal the registry', () => {
    expect(DEFAULT_API_FOR).toEqual(Object.fromEntries(specs.map(([m, s]) => [m, s.defaultApi])));
    expect(CORE_API_METHODS).toEqual(specs.filter(([, s]) => s.coreApi).map(([m]) => m));
    expect(SNAP_BI_METHODS).toEqual(specs.filter(([, s]) => s.snapBi).map(([m]) => m));
    expect(REFUNDABLE_METHODS).toEqual(specs.filter(([, s]) => s.refund.viaGateway).map(([m]) => m));
  });

  it('equal the tables they replaced', () => {
    expect(DEFAULT_API_FOR).toEqual({
      qris: 'snap_bi', gopay: 'snap_bi', shopeepay: 'snap_bi', dana: 'snap_bi',
      va_bca: 'snap_bi', va_bni: 'snap_bi', va_bri: 'snap_bi', va_permata: 'snap_bi', va_cimb: 'snap_bi', mandiri_bill: 'snap_bi',
      indomaret: 'core_api', alfamart: 'core_api', cash: 'none',
    });
    expect(CORE_API_METHODS).toEqual(PAYMENT_METHODS.filter((m) => m !== 'dana' && m !== 'cash'));
    expect(REFUNDABLE_METHODS).toEqual(['qris', 'gopay', 'shopeepay', 'dana']);
    expect(SNAP_VA_BANKS).toEqual(['bca', 'bni', 'bri', 'permata', 'cimb', 'mandiri']);
    expect(apisFor('dana')).toEqual(['snap_bi']);
    expect(apisFor('indomaret')).toEqual(['core_api']);
    expect(apisFor('qris')).toEqual(['snap_bi', 'core_api']);
    expect(apisFor('cash')).toEqual(['none']);
  });
});

describe('gateway bodies built from the registry', () => {
  const charge = (method: GatewayMethod) => ({ orderId: 'KSR-1', method, amount: 15_000, items: [], idempotencyKey: 'k' });
  const cfg: SnapBodyConfig = { merchantId: 'G1', partnerServiceIdFor: () => '70012', callbackUrl: 'kasir://done' };

  it('Core API: the payment_type and method object of every method, as before', () => {
    const core = (m: GatewayMethod) => {
      const { transaction_details: _t, ...rest } = buildCoreChargeBody(charge(m), 'kasir://cb');
      return rest;
    };
    expect(Object.fromEntries(CORE_API_METHODS.filter((m): m is GatewayMethod => m !== 'cash').map((m) => [m, core(m)]))).toEqual({
      qris: { payment_type: 'qris', qris: { acquirer: 'gopay' } },
      gopay: { payment_type: 'gopay', gopay: { enable_callback: false } },
      shopeepay: { payment_type: 'shopeepay', shopeepay: { callback_url: 'kasir://cb' } },
      va_bca: { payment_type: 'bank_transfer', bank_transfer: { bank: 'bca' } },
      va_bni: { payment_type: 'bank_transfer', bank_transfer: { bank: 'bni' } },
      va_bri: { payment_type: 'bank_transfer', bank_transfer: { bank: 'bri' } },
      va_permata: { payment_type: 'bank_transfer', bank_transfer: { bank: 'permata' } },
      va_cimb: { payment_type: 'bank_transfer', bank_transfer: { bank: 'cimb' } },
      mandiri_bill: { payment_type: 'echannel', echannel: { bill_info1: 'Payment:', bill_info2: 'Order KSR-1' } },
      indomaret: { payment_type: 'cstore', cstore: { store: 'indomaret', message: 'Kasir' } },
      alfamart: { payment_type: 'cstore', cstore: { store: 'alfamart', message: 'Kasir' } },
    });
    // payment_type stays the first key on the wire.
    expect(Object.keys(buildCoreChargeBody(charge('va_bca')))[0]).toBe('payment_type');
    expect(() => buildCoreChargeBody(charge('dana'))).toThrow(/route it to SNAP-BI/);
  });

  it('SNAP-BI: the product, bank and pay option of every method, as before', () => {
    const snap = (m: GatewayMethod) => {
      const { path, body } = buildSnapCreateBody(charge(m), cfg);
      const info = body.additionalInfo as Record<string, unknown>;
      const option = (body.payOptionDetails as { payOption: string }[] | undefined)?.[0]?.payOption;
      return [path.split('/').slice(2).join('/'), info.bank ?? info.acquirer ?? option];
    };
    expect(Object.fromEntries(SNAP_BI_METHODS.filter((m): m is GatewayMethod => m !== 'cash').map((m) => [m, snap(m)]))).toEqual({
      qris: ['qr/qr-mpm-generate', 'gopay'],
      gopay: ['debit/payment-host-to-host', 'GOPAY'],
      shopeepay: ['debit/payment-host-to-host', 'SHOPEEPAY'],
      dana: ['debit/payment-host-to-host', 'DANA'],
      va_bca: ['transfer-va/create-va', 'bca'],
      va_bni: ['transfer-va/create-va', 'bni'],
      va_bri: ['transfer-va/create-va', 'bri'],
      va_permata: ['transfer-va/create-va', 'permata'],
      va_cimb: ['transfer-va/create-va', 'cimb'],
      mandiri_bill: ['transfer-va/create-va', 'mandiri'],
    });
    for (const m of gatewayMethods) expect(snapKindOf(m)).toBe(PAYMENT_METHOD_SPECS[m].snapBi?.kind ?? null);
    expect(() => buildSnapCreateBody(charge('indomaret'), cfg)).toThrow(/not a SNAP-BI method/);
  });
});

describe('names and labels from the registry', () => {
  it('receipts print the untranslated brand names, and cash per language, as before', () => {
    expect(Object.fromEntries(PAYMENT_METHODS.map((m) => [m, methodName(m, 'id')]))).toEqual({
      qris: 'QRIS', gopay: 'GoPay', shopeepay: 'ShopeePay', dana: 'DANA',
      va_bca: 'VA BCA', va_bni: 'VA BNI', va_bri: 'VA BRI', va_permata: 'VA Permata', va_cimb: 'VA CIMB',
      mandiri_bill: 'Mandiri Bill', indomaret: 'Indomaret', alfamart: 'Alfamart', cash: 'Tunai',
    });
    expect(methodName('cash', 'en')).toBe('Cash');
    expect(methodName('va_bca', 'en')).toBe('VA BCA');
  });

  it('every label key exists in both languages', () => {
    const lookup = (tree: object, key: string): unknown => key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], tree);
    for (const [m, spec] of specs) {
      expect(typeof lookup(id, spec.labelKey), `${m} id`).toBe('string');
      expect(typeof lookup(en, spec.labelKey), `${m} en`).toBe('string');
    }
  });
});

describe('settings.json routing, checked against the registry', () => {
  const withSettings = (value: unknown, check: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-settings-'));
    try {
      writeFileSync(join(dir, 'settings.json'), JSON.stringify(value));
      check(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('accepts every API a method is described for, and none to switch it off', () => {
    for (const m of PAYMENT_METHODS) {
      for (const api of [...apisFor(m), 'none' as const]) {
        withSettings({ routing: { [m]: api } }, (dir) => expect(loadSettings(dir, {}).routing[m]).toBe(api));
      }
    }
  });

  it.each([
    ['dana', 'core_api', /routing\.dana: DANA can only use snap_bi or none/],
    ['indomaret', 'snap_bi', /routing\.indomaret: Indomaret can only use core_api or none/],
    ['cash', 'core_api', /routing\.cash: Cash can only use none/],
  ] as const)('refuses %s on %s, naming the field', (method, api, message) => {
    withSettings({ routing: { [method]: api } }, (dir) => expect(() => loadSettings(dir, {})).toThrow(message));
  });

  it('takes a partnerServiceId for each SNAP-BI VA bank of the registry', () => {
    const ids = Object.fromEntries(SNAP_VA_BANKS.map((bank) => [bank, '12345']));
    withSettings({ snapBi: { vaPartnerServiceIds: ids } }, (dir) => expect(loadSettings(dir, {}).snapBi.vaPartnerServiceIds).toEqual(ids));
    withSettings({ snapBi: { vaPartnerServiceIds: { danamon: '1' } } }, (dir) => expect(() => loadSettings(dir, {})).toThrow(/vaPartnerServiceIds/));
  });
});

describe('amountLimitViolation', () => {
  it.each(specs)('%s: refuses just outside its limits, accepts the limits themselves', (method, { amount: { min, max } }) => {
    expect(amountLimitViolation(method, min)).toBeNull();
    expect(amountLimitViolation(method, min - 1)).toEqual({ method, min, max });
    if (max !== null) {
      expect(amountLimitViolation(method, max)).toBeNull();
      expect(amountLimitViolation(method, max + 1)).toEqual({ method, min, max });
    } else {
      expect(amountLimitViolation(method, MAX_RUPIAH)).toBeNull();
    }
  });

  it('knows the limits the Midtrans reference gives', () => {
    const limits = Object.fromEntries(specs.map(([m, s]) => [m, [s.amount.min, s.amount.max]]));
    expect(limits).toEqual({
      qris: [1, 10_000_000], gopay: [1, 20_000_000], shopeepay: [1, 20_000_000], dana: [1, 20_000_000],
      va_bca: [10_000, 20_000_000_000], va_bni: [1, null], va_bri: [1, 20_000_000_000], va_permata: [1, 9_999_999_999],
      va_cimb: [1, 250_000_000], mandiri_bill: [1, 50_000_000_000], indomaret: [10_000, 5_000_000], alfamart: [1, 2_500_000],
      cash: [1, null],
    });
    expect(amountLimitViolation('qris', 10_000_001)).toEqual({ method: 'qris', min: 1, max: 10_000_000 });
    expect(amountLimitViolation('qris', Number.NaN)).not.toBeNull();
  });
});
