import { describe, expect, it } from 'vitest';
import { matchScan } from '../../renderer/src/features/till/scanner-match';
import { planScan, type ScanContext } from '../../renderer/src/features/till/scanner-plan';
import { planShortcut, shortcutFor, SHORTCUTS, type ShortcutContext } from '../../renderer/src/features/till/keyboard-shortcuts';
import { DEFAULT_CATALOG } from '../../electron/main/core/catalog/default-catalog';
import type { Product } from '../../shared/contract/schemas';

const PRODUCTS: Product[] = [
  ...DEFAULT_CATALOG,
  // A barcode that is another product's SKU: the barcode wins.
  { sku: 'JERUK', name: 'Es Jeruk', price: 9_000, category: 'Minuman', taxClass: 'standard', barcode: 'MATCHA' },
];

describe('what a scanned code is', () => {
  it('a barcode exactly, else a SKU (case-insensitive), never a partial match', () => {
    expect(matchScan(PRODUCTS, '8991001000057')?.sku).toBe('AIR-MINERAL');
    expect(matchScan(PRODUCTS, 'kopi-susu')?.sku).toBe('KOPI-SUSU');
    expect(matchScan(PRODUCTS, 'MATCHA')?.sku).toBe('JERUK');
    expect(matchScan(PRODUCTS, '899100100005')).toBeNull(); // one digit short
    expect(matchScan(PRODUCTS, 'KOPI')).toBeNull(); // a prefix of two SKUs
    expect(matchScan(PRODUCTS, '0000000000000')).toBeNull();
  });
});

describe('what a scan does on each screen', () => {
  const air = PRODUCTS.find((p) => p.sku === 'AIR-MINERAL') ?? null;
  const at = (mode: ScanContext['mode'], more: Partial<ScanContext> = {}): ScanContext => ({ mode, editable: true, busy: false, ...more });

  it('adds while the basket is built', () => {
    expect(planScan(air, at('cart'))).toEqual({ kind: 'add', product: air });
  });

  it('is refused while a payment is on screen (cash panel, part payment, a tender waiting or failed, a charge in flight)', () => {
    for (const mode of ['cash', 'part', 'tender', 'failed'] as const) expect(planScan(air, at(mode))).toEqual({ kind: 'refused', reason: 'payment' });
    expect(planScan(air, at('cart', { busy: true }))).toEqual({ kind: 'refused', reason: 'payment' });
    expect(planScan(null, at('tender'))).toEqual({ kind: 'refused', reason: 'payment' });
  });

  it('is refused on a locked basket; unknown codes are unknown; after a paid or voided sale it starts the next', () => {
    expect(planScan(air, at('cart', { editable: false }))).toEqual({ kind: 'refused', reason: 'locked' });
    expect(planScan(null, at('cart'))).toEqual({ kind: 'unknown' });
    expect(planScan(air, at('paid'))).toEqual({ kind: 'next_sale', product: air });
    expect(planScan(air, at('voided'))).toEqual({ kind: 'next_sale', product: air });
    expect(planScan(null, at('paid'))).toEqual({ kind: 'unknown' });
  });
});

describe('keyboard shortcuts', () => {
  const at = (mode: ShortcutContext['mode'], more: Partial<ShortcutContext> = {}): ShortcutContext => ({
    mode, helpOpen: false, canCharge: true, escapeOwnedByField: false, ...more,
  });

  it('one key per action, none of them a key Chromium keeps (F11) or a modified key', () => {
    const keys = SHORTCUTS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('F11');
    expect(shortcutFor('F4')).toBe('cash');
    expect(shortcutFor('F4', true)).toBeNull();
    expect(shortcutFor('a')).toBeNull();
  });

  it('a cash sale from the keyboard: F4 opens cash, F8 focuses the amount, F9 confirms, F12 the next sale', () => {
    expect(planShortcut('cash', at('cart'))).toEqual({ kind: 'charge', method: 'cash' });
    expect(planShortcut('cash', at('cart', { canCharge: false }))).toEqual({ kind: 'nothing' });
    expect(planShortcut('cashReceived', at('cash'))).toEqual({ kind: 'focus', testId: 'cash-received' });
    expect(planShortcut('charge', at('cash'))).toEqual({ kind: 'press', testId: 'cash-confirm' });
    expect(planShortcut('charge', at('cart'))).toEqual({ kind: 'press', testId: 'charge' });
    expect(planShortcut('newSale', at('paid'))).toEqual({ kind: 'new_sale' });
    expect(planShortcut('newSale', at('cart'))).toEqual({ kind: 'nothing' }); // never empties a basket
    expect(planShortcut('qris', at('cart'))).toEqual({ kind: 'charge', method: 'qris' });
    expect(planShortcut('qris', at('tender'))).toEqual({ kind: 'nothing' });
  });

  it('Escape closes help first, leaves a field with text to the field, then goes back or leaves the tender', () => {
    expect(planShortcut('back', at('cash', { helpOpen: true }))).toEqual({ kind: 'close_help' });
    expect(planShortcut('back', at('cash', { escapeOwnedByField: true }))).toEqual({ kind: 'nothing' });
    expect(planShortcut('back', at('cash'))).toEqual({ kind: 'back' });
    expect(planShortcut('back', at('tender'))).toEqual({ kind: 'leave_tender' });
    expect(planShortcut('back', at('failed'))).toEqual({ kind: 'acknowledge' });
    expect(planShortcut('back', at('cart'))).toEqual({ kind: 'nothing' });
    expect(planShortcut('help', at('cart'))).toEqual({ kind: 'toggle_help' });
    expect(planShortcut('void', at('cart'))).toEqual({ kind: 'press', testId: 'void-open' });
    expect(planShortcut('search', at('cart'))).toEqual({ kind: 'focus', testId: 'product-search' });
  });
});
