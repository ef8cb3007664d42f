/**
 * The emulator's record of what a charge carried beyond its amount — the
 * items and the merchant's sale reference — read from the stored request, for
 * both front ends (the simulator's transaction summary shows them).
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../emulator/src/simulator/index';
import { recordedItems, recordedSaleRef } from '../../emulator/src/store/charge-record';
import type { Transaction } from '../../emulator/src/types';

const tx = (source: Transaction['source'], request: Record<string, unknown>): Transaction => ({
  transactionId: 'T1', orderId: 'KSR-1', source, paymentType: 'qris', grossAmount: 32_400, status: 'pending',
  createdAt: 0, updatedAt: 0, expiresAt: 900_000, settledAt: null, refunds: [], notificationUrls: [], request,
});

describe('recorded items and sale reference', () => {
  it('Core API: item_details as sent (negative discount lines, digit strings read as integers) and custom_field1', () => {
    const t = tx('core', {
      item_details: [
        { id: 'KOPI', price: 18_000, quantity: 2, name: 'Kopi' },
        { id: 'DISC', price: '-3600', quantity: '1', name: 'Diskon' },
        { price: 0, quantity: 1, name: 'no id' },
      ],
      custom_field1: 'ORD-1',
    });
    expect(recordedItems(t)).toEqual([
      { id: 'KOPI', name: 'Kopi', price: 18_000, quantity: 2 },
      { id: 'DISC', name: 'Diskon', price: -3_600, quantity: 1 },
      { id: '', name: 'no id', price: 0, quantity: 1 },
    ]);
    expect(recordedSaleRef(t)).toBe('ORD-1');
    expect(recordedItems(tx('core', {}))).toEqual([]);
    expect(recordedSaleRef(tx('core', { custom_field1: 7 }))).toBeNull();
  });

  it('SNAP-BI: additionalInfo.items with SNAP amounts; customField["1"] before metadata.saleRef', () => {
    const t = tx('snap', {
      additionalInfo: {
        items: [
          { id: 'a1', price: { value: '1000.00', currency: 'IDR' }, quantity: 3, name: 'Apel' },
          { id: 'a2', price: { value: 'lots', currency: 'IDR' }, quantity: 'x', name: 'Odd' },
        ],
        customField: { 1: 'ORD-VA' },
        metadata: { saleRef: 'ORD-META' },
      },
    });
    expect(recordedItems(t)).toEqual([
      { id: 'a1', name: 'Apel', price: 1_000, quantity: 3 },
      { id: 'a2', name: 'Odd', price: null, quantity: null },
    ]);
    expect(recordedSaleRef(t)).toBe('ORD-VA');
    expect(recordedSaleRef(tx('snap', { additionalInfo: { acquirer: 'gopay', metadata: { saleRef: 'ORD-Q' } } }))).toBe('ORD-Q');
    expect(recordedSaleRef(tx('snap', { additionalInfo: { acquirer: 'gopay' } }))).toBeNull();
    expect(recordedItems(tx('snap', {}))).toEqual([]);
  });

  it('the simulator summary shows them instead of the raw request', () => {
    const s = summarize(tx('core', { item_details: [{ id: 'A', price: 32_400, quantity: 1, name: 'A' }], custom_field1: 'ORD-1' }));
    expect(s).toMatchObject({ item_details: [{ id: 'A', name: 'A', price: 32_400, quantity: 1 }], sale_ref: 'ORD-1' });
    expect(s).not.toHaveProperty('request');
  });
});
