/** The customer display's screen (renderer/src/display/display-view.ts): welcome, the sale with what to pay, paid; never a URL. */
import { describe, expect, it } from 'vitest';
import { instructionOf, screenOf } from '../../renderer/src/display/display-view';

const line = { id: 'l1', sku: 'NASI', name: 'Nasi Goreng', unitPrice: 28_000, quantity: 2, taxClass: 'standard', gross: 56_000, lineDiscount: 0, saleDiscountShare: 0, net: 56_000 };
const sale = (over: Record<string, unknown>) =>
  ({ id: 'S1', status: 'open', lines: [line], quote: { lines: [line] }, total: 56_000, paid: 0, change: 0, tenders: [], ...over }) as never;

describe('screenOf', () => {
  it('welcomes when there is no sale, an empty one or a voided one', () => {
    expect(screenOf(null)).toEqual({ kind: 'welcome' });
    expect(screenOf({ sale: null, demo: false })).toEqual({ kind: 'welcome' });
    expect(screenOf({ sale: sale({ lines: [] }), demo: false })).toEqual({ kind: 'welcome' });
    expect(screenOf({ sale: sale({ status: 'voided' }), demo: false })).toEqual({ kind: 'welcome' });
  });

  it('shows the lines, total and the open tender\'s QR', () => {
    const tender = { counts: 'open', amount: 56_000, payment: { action: { kind: 'qr', qrString: 'QR1' } } };
    expect(screenOf({ sale: sale({ tenders: [tender] }), demo: true })).toEqual({
      kind: 'sale',
      lines: [{ id: 'l1', name: 'Nasi Goreng', quantity: 2, net: 56_000 }],
      total: 56_000,
      paid: 0,
      due: 56_000,
      instruction: { kind: 'qr', qrString: 'QR1' },
      amount: 56_000,
    });
  });

  it('is paid with the change', () => {
    expect(screenOf({ sale: sale({ status: 'paid', change: 4_000 }), demo: false })).toEqual({ kind: 'paid', total: 56_000, change: 4_000 });
  });

  it('never carries a redirect URL: a deeplink is "follow the cashier"', () => {
    expect(instructionOf({ kind: 'deeplink', url: 'https://pay.invalid/x' })).toEqual({ kind: 'wait' });
    expect(JSON.stringify(instructionOf({ kind: 'deeplink', url: 'https://pay.invalid/x' }))).not.toContain('http');
    expect(instructionOf({ kind: 'va', bank: 'bca', vaNumber: '812' })).toEqual({ kind: 'va', bank: 'bca', vaNumber: '812' });
    expect(instructionOf({ kind: 'cash' })).toBeNull();
  });
});
