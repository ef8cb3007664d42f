import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { zonedDay } from '../../shared/domain/zoned-time';
import { GatewayError } from '../../electron/main/core/gateway/errors';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const item = (price: number) => [{ sku: 'X', name: 'Barang', price, quantity: 1 }];

describe('zonedDay', () => {
  it('Asia/Jakarta days start at 17:00 UTC', () => {
    const before = zonedDay(Date.UTC(2026, 10, 26, 16, 59, 59, 999), 'Asia/Jakarta');
    expect(before).toEqual({ day: '2026-11-26', startUtc: Date.UTC(2026, 10, 25, 17), endUtc: Date.UTC(2026, 10, 26, 17) });
    const after = zonedDay(Date.UTC(2026, 10, 26, 17), 'Asia/Jakarta');
    expect(after.day).toBe('2026-11-27');
    expect(after.startUtc).toBe(Date.UTC(2026, 10, 26, 17));
  });

  it('handles other zones and DST days', () => {
    expect(zonedDay(Date.UTC(2026, 0, 1, 0, 30), 'Asia/Makassar').day).toBe('2026-01-01');
    const dst = zonedDay(Date.UTC(2026, 2, 8, 12), 'America/New_York'); // 23-hour day
    expect(dst.endUtc - dst.startUtc).toBe(23 * 3600_000);
    expect(() => zonedDay(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('TodayReportService.report', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('splits the merchant day at local midnight (17:00 UTC) while storing UTC', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 26, 16, 59, 59)) });
    const late = await h.service.create({ items: item(10000), method: 'cash' });
    expect(late.createdAt).toBe('2026-11-26T16:59:59.000Z');
    expect(h.today.report()).toMatchObject({ day: '2026-11-26', zone: 'Asia/Jakarta', paidCount: 1, paidTotal: 10000 });
    h.clock.advance(1000); // 00:00:00 WIB on the 27th
    expect(h.today.report()).toMatchObject({ day: '2026-11-27', paidCount: 0, paidTotal: 0, byMethod: [] });
    await h.service.create({ items: item(20000), method: 'cash' });
    expect(h.today.report()).toMatchObject({ day: '2026-11-27', paidCount: 1, paidTotal: 20000 });
  });

  it('totals paid, refunded, pending and failed by method', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 26, 2)) });
    await h.service.create({ items: item(10000), method: 'cash' });
    const q = await h.service.create({ items: item(50000), method: 'qris' });
    h.gateway.set(q.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: q.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    await h.service.refund(q.id, 5000);
    await h.service.create({ items: item(7000), method: 'gopay' }); // stays pending
    h.gateway.fail('charge', () => new GatewayError('rejected'));
    await h.service.create({ items: item(9000), method: 'dana' }).catch(() => undefined);
    expect(h.today.report()).toEqual({
      day: '2026-11-26',
      zone: 'Asia/Jakarta',
      paidCount: 2,
      saleCount: 2,
      tenderCount: 2,
      paidTotal: 60000,
      refundedTotal: 5000,
      pendingCount: 1,
      failedCount: 1,
      byMethod: [
        { method: 'qris', count: 1, total: 50000 },
        { method: 'cash', count: 1, total: 10000 },
      ],
      // 02:00 UTC is 09:00 WIB: both paid sales fall in that hour, gross of the refund.
      byHour: Array.from({ length: 24 }, (_, hour) => (hour === 9 ? { hour, count: 2, total: 60000 } : { hour, count: 0, total: 0 })),
      // The QRIS refund went back through Midtrans, not the drawer.
      drawer: { cashReceived: 10000, changeGiven: 0, roundingTotal: 0, cashTakings: 10000, cashRefunds: 0, cashExpected: 10000 },
    });
  });

  it('uses the configured zone', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 26, 16, 30)), deps: { zone: 'UTC' } });
    expect(h.today.report()).toMatchObject({ day: '2026-11-26', zone: 'UTC' });
  });
});
