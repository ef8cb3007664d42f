/**
 * What the customer sees at a counter (issue 11, deliverable 5): the
 * registry's `counter` field. QRIS and GoPay are QRs (GoPay through the
 * Core API's `qr_string`, so the till routes it there by default); ShopeePay
 * and DANA only redirect (offered disabled); VAs, bills and store codes are
 * codes; the Core API client maps a GoPay charge with `qr_string` to a QR action.
 */
import { describe, expect, it } from 'vitest';
import { coreAction } from '../../electron/main/core/gateway/core-api-client';
import { loadSettings, resolveRouting } from '../../electron/main/core/settings/settings';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apisFor,
  counterViewOf,
  DEFAULT_API_FOR,
  PAYMENT_METHOD_SPECS,
  PAYMENT_METHODS,
  REDIRECT_ONLY_METHODS,
  TILL_API_FOR,
} from '../../shared/domain/payment-methods';

describe('counter: what the customer sees', () => {
  it('is set for every method, by family', () => {
    const byFamily = { qris: ['qr'], ewallet: ['qr', 'redirect_only'], va: ['code'], bill: ['code'], cstore: ['code'], cash: ['cash'] } as const;
    for (const method of PAYMENT_METHODS) {
      const spec = PAYMENT_METHOD_SPECS[method];
      expect(byFamily[spec.family] as readonly string[], method).toContain(spec.counter);
      if (spec.counterApi) expect(apisFor(method), method).toContain(spec.counterApi);
    }
  });

  it('QRIS and GoPay are QRs; ShopeePay and DANA only redirect', () => {
    expect(PAYMENT_METHOD_SPECS.qris.counter).toBe('qr');
    expect(PAYMENT_METHOD_SPECS.gopay.counter).toBe('qr');
    expect(PAYMENT_METHOD_SPECS.shopeepay.counter).toBe('redirect_only');
    expect(PAYMENT_METHOD_SPECS.dana.counter).toBe('redirect_only');
    expect(REDIRECT_ONLY_METHODS).toEqual(['shopeepay', 'dana']);
  });

  it('GoPay is a QR on the Core API only: SNAP-BI direct debit is a redirect', () => {
    expect(PAYMENT_METHOD_SPECS.gopay.counterApi).toBe('core_api');
    expect(counterViewOf('gopay', 'core_api')).toBe('qr');
    expect(counterViewOf('gopay', 'snap_bi')).toBe('redirect_only');
    // QRIS is a QR on either API.
    expect(counterViewOf('qris', 'snap_bi')).toBe('qr');
    expect(counterViewOf('qris', 'core_api')).toBe('qr');
    expect(counterViewOf('va_bca', 'snap_bi')).toBe('code');
  });

  it('the till routes GoPay to the Core API by default; the engine\'s defaults are unchanged; settings.json still wins', () => {
    expect(TILL_API_FOR).toEqual({ ...DEFAULT_API_FOR, gopay: 'core_api' });
    expect(DEFAULT_API_FOR.gopay).toBe('snap_bi');
    const dir = mkdtempSync(join(tmpdir(), 'kasir-counter-'));
    try {
      expect(resolveRouting(loadSettings(dir, {})).gopay).toBe('core_api');
      expect(resolveRouting({ ...loadSettings(dir, {}), routing: { gopay: 'snap_bi' } }).gopay).toBe('snap_bi');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Core API GoPay charge with qr_string is a QR action, not its deeplink', () => {
    const tx = { qr_string: '00020101021226QR', actions: [{ name: 'deeplink-redirect', method: 'GET', url: 'https://emu.invalid/deeplink' }] };
    expect(coreAction(tx as never, 'gopay')).toEqual({ kind: 'qr', qrString: '00020101021226QR' });
  });

  it('the registry stays frozen', () => {
    expect(Object.isFrozen(PAYMENT_METHOD_SPECS.gopay)).toBe(true);
    expect(() => {
      (PAYMENT_METHOD_SPECS.gopay as { counter: string }).counter = 'redirect_only';
    }).toThrow();
  });
});
