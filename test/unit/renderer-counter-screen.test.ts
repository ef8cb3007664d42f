/**
 * The till screen's pure rules (issue 11): category tabs, which method
 * buttons work and why not, the countdown to a tender's expiry, and left
 * (abandoned) tenders never holding the screen.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES, categoriesOf, effectiveCategory, productsInCategory } from '../../renderer/src/features/till/categories';
import { effectiveMethod, methodBlock, methodButtons } from '../../renderer/src/features/till/method-buttons';
import { countdown, endsOnAnotherDay, formatLeft, secondsLeft } from '../../renderer/src/features/payment/countdown';
import { cancellingTenders, countingTenders, tillMode } from '../../renderer/src/features/till/till-mode';
import { PAYMENT_METHODS } from '../../shared/domain/payment-methods';
import type { SaleView, TenderView } from '../../shared/contract/sale-schemas';

const P = (sku: string, category: string) => ({ sku, category });

describe('category tabs', () => {
  const products = [P('A', 'Minuman'), P('B', 'Makanan'), P('C', 'Minuman'), P('D', ' '), P('E', 'Camilan ')];
  it('lists the categories in catalogue order, once each, without blanks', () => {
    expect(categoriesOf(products)).toEqual(['Minuman', 'Makanan', 'Camilan']);
  });
  it('shows one category, or all of them', () => {
    expect(productsInCategory(products, 'Minuman').map((p) => p.sku)).toEqual(['A', 'C']);
    expect(productsInCategory(products, 'Camilan').map((p) => p.sku)).toEqual(['E']);
    expect(productsInCategory(products, ALL_CATEGORIES)).toHaveLength(5);
  });
  it('falls back to all when the chosen category is gone', () => {
    expect(effectiveCategory(['Minuman'], 'Makanan')).toBe(ALL_CATEGORIES);
    expect(effectiveCategory(['Minuman'], 'Minuman')).toBe('Minuman');
  });
});

describe('method buttons', () => {
  const offered = [...PAYMENT_METHODS];
  it('cash and QRIS first and large; every method has a button', () => {
    const buttons = methodButtons(offered, 'online');
    expect(buttons.slice(0, 2).map((b) => [b.method, b.primary])).toEqual([['cash', true], ['qris', true]]);
    expect(buttons.filter((b) => b.primary)).toHaveLength(2);
    expect(new Set(buttons.map((b) => b.method))).toEqual(new Set(PAYMENT_METHODS));
  });
  it('disables with the reason: not set up, link only, offline; cash never', () => {
    expect(methodBlock('va_bca', ['cash', 'qris'], 'online')).toBe('not_configured');
    expect(methodBlock('shopeepay', offered, 'online')).toBe('redirect_only');
    expect(methodBlock('dana', offered, 'online')).toBe('redirect_only');
    expect(methodBlock('qris', offered, 'offline')).toBe('offline');
    expect(methodBlock('va_bni', offered, 'offline')).toBe('offline');
    expect(methodBlock('qris', offered, 'unknown')).toBeNull();
    expect(methodBlock('cash', [], 'offline')).toBeNull();
  });
  it('Charge uses the choice while it works, else QRIS, else cash', () => {
    expect(effectiveMethod(null, offered, 'online')).toBe('qris');
    expect(effectiveMethod('va_bni', offered, 'online')).toBe('va_bni');
    expect(effectiveMethod('va_bni', offered, 'offline')).toBe('cash');
    expect(effectiveMethod('shopeepay', offered, 'online')).toBe('qris');
    expect(effectiveMethod(null, ['cash'], 'online')).toBe('cash');
  });
});

describe('countdown', () => {
  it('formats the time left', () => {
    expect(formatLeft(0)).toBe('0:00');
    expect(formatLeft(59)).toBe('0:59');
    expect(formatLeft(15 * 60)).toBe('15:00');
    expect(formatLeft(24 * 3600 - 1)).toBe('23:59:59');
    expect(secondsLeft(10_500, 10_000)).toBe(1);
    expect(secondsLeft(9_000, 10_000)).toBe(0);
  });
  it('adds the date when the expiry is on another local day in the shop zone', () => {
    // 2026-11-26 23:30 WIB = 16:30 UTC; 15 min later is still the 26th, 45 min later the 27th.
    const now = Date.UTC(2026, 10, 26, 16, 30);
    expect(endsOnAnotherDay(now + 15 * 60_000, now, 'Asia/Jakarta')).toBe(false);
    expect(endsOnAnotherDay(now + 45 * 60_000, now, 'Asia/Jakarta')).toBe(true);
    // The same instants in UTC are both the 26th.
    expect(endsOnAnotherDay(now + 45 * 60_000, now, 'UTC')).toBe(false);
    expect(countdown(now - 1, now, 'Asia/Jakarta')).toEqual({ left: null, seconds: 0, withDate: false });
  });
});

describe('a tender the cashier left', () => {
  const tender = (over: Partial<TenderView>): TenderView =>
    ({ seq: 1, paymentId: 'PAY-1', method: 'qris', status: 'pending', counts: 'open', applied: 50_000, abandoned: false, cancelling: false, ...over }) as TenderView;
  const sale = (tenders: TenderView[]): SaleView => ({ id: 'S', status: 'open', lines: [{}], tenders, remaining: 50_000 }) as unknown as SaleView;
  it('never holds the screen, even while the gateway still calls it pending', () => {
    const left = tender({ abandoned: true, cancelling: true });
    expect(tillMode(sale([left]), 'none', 'PAY-1')).toEqual({ kind: 'cart' });
    expect(tillMode(sale([left]), 'cash', 'PAY-1')).toEqual({ kind: 'cash' });
    expect(tillMode(sale([tender({ abandoned: true, counts: 'no', status: 'cancel' })]), 'none', 'PAY-1')).toEqual({ kind: 'cart' });
  });
  it('is listed as cancelling until the gateway has it final, and a kept late payment counts', () => {
    const left = tender({ abandoned: true, cancelling: true, counts: 'no' });
    expect(cancellingTenders(sale([left]))).toEqual([left]);
    expect(countingTenders(sale([left]))).toEqual([]);
    const kept = tender({ abandoned: true, counts: 'paid', status: 'settlement' });
    expect(countingTenders(sale([kept]))).toEqual([kept]);
  });
});
