import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { PAID_SLOTS_SQL } from '../../electron/main/core/ledger/sales-queries';
import { bucketByLocalHour } from '../../shared/domain/zoned-time';
import { dayReport, type DayReport } from '../../shared/contract/schemas';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const item = (price: number) => [{ sku: 'X', name: 'Barang', price, quantity: 1 }];

/** Only the hours that sold something, as [hour, count, total]. */
const sold = (r: DayReport) => r.byHour.filter((h) => h.count > 0).map((h) => [h.hour, h.count, h.total]);

describe('DayReport.byHour (real SQLite ledger, ManualClock)', () => {
  let h: Harness;
  afterEach(() => h?.close());

  /** Moves the clock to an absolute instant (ManualClock only moves forward). */
  const at = (ms: number) => h.clock.advance(ms - h.clock.now());
  const cash = (price: number) => h.service.create({ items: item(price), method: 'cash' });

  it('buckets paid sales by WIB hour and splits the day at 17:00 UTC', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 26, 9, 15)) }); // 16:15 WIB on the 26th
    await cash(5_000);
    at(Date.UTC(2026, 10, 26, 16, 59, 59, 999)); // 23:59:59.999 WIB, last instant of the 26th
    await cash(10_000);

    const day26 = h.today.report();
    expect(day26.day).toBe('2026-11-26');
    expect(sold(day26)).toEqual([[16, 1, 5_000], [23, 1, 10_000]]);

    at(Date.UTC(2026, 10, 26, 17)); // 00:00 WIB on the 27th: a new day, every hour empty
    const empty = h.today.report();
    expect(empty.day).toBe('2026-11-27');
    expect(empty.byHour).toHaveLength(24);
    expect(empty.byHour.map((x) => x.hour)).toEqual([...Array(24).keys()]);
    expect(sold(empty)).toEqual([]);

    await cash(20_000); // 00:00 WIB
    at(Date.UTC(2026, 10, 26, 17, 59, 59, 999)); // 00:59 WIB, same hour
    await cash(1_000);
    at(Date.UTC(2026, 10, 26, 18)); // 01:00 WIB
    await cash(2_000);
    at(Date.UTC(2026, 10, 27, 16, 30)); // 23:30 WIB, still the 27th
    await cash(3_000);

    const day27 = h.today.report();
    expect(day27.day).toBe('2026-11-27');
    expect(sold(day27)).toEqual([[0, 2, 21_000], [1, 1, 2_000], [23, 1, 3_000]]);
    expect(day27.byHour.reduce((s, x) => s + x.total, 0)).toBe(day27.paidTotal);
    expect(() => dayReport.parse(day27)).not.toThrow();
  });

  it('counts a sale in the hour it was paid, gross of later refunds, and ignores unpaid attempts', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 26, 2, 50)) }); // 09:50 WIB
    const q = await h.service.create({ items: item(50_000), method: 'qris' });
    await h.service.create({ items: item(7_000), method: 'gopay' }); // stays pending
    at(Date.UTC(2026, 10, 26, 3, 5)); // 10:05 WIB: the customer pays
    h.gateway.set(q.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: q.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    await h.service.refund(q.id, 5_000);

    const r = h.today.report();
    expect(sold(r)).toEqual([[10, 1, 50_000]]);
    expect(r.refundedTotal).toBe(5_000);
  });

  it('follows the configured zone, including half-hour offsets (Asia/Kolkata, +5:30)', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 26, 18, 29, 59)), deps: { zone: 'Asia/Kolkata' } }); // 23:59:59 IST
    await cash(4_000);
    expect(h.today.report()).toMatchObject({ day: '2026-11-26', zone: 'Asia/Kolkata' });
    expect(sold(h.today.report())).toEqual([[23, 1, 4_000]]);
    at(Date.UTC(2026, 10, 26, 19, 15)); // 00:45 IST on the 27th
    await cash(6_000);
    const r = h.today.report();
    expect(r.day).toBe('2026-11-27');
    expect(sold(r)).toEqual([[0, 1, 6_000]]);
  });

  it('reads the hours with one indexed range query on paid_at', () => {
    h = makeHarness();
    const plan = h.db
      .prepare<[string, string], { detail: string }>(`EXPLAIN QUERY PLAN ${PAID_SLOTS_SQL}`)
      .all('2026-11-25T17:00:00.000Z', '2026-11-26T17:00:00.000Z')
      .map((p) => p.detail);
    // v11: the covering index, so no payment row is read.
    expect(plan.some((d) => /SEARCH payments USING COVERING INDEX payments_paid_cover/.test(d)), plan.join('\n')).toBe(true);
  });
});

describe('bucketByLocalHour', () => {
  const slot = (iso: string, total: number) => ({ startMs: Date.parse(iso), count: 1, total });

  it('adds up a repeated DST hour and leaves a skipped one empty', () => {
    // America/New_York, 2026-11-01: 01:00–01:59 happens twice (EDT then EST).
    const fallBack = bucketByLocalHour([slot('2026-11-01T05:30:00Z', 100), slot('2026-11-01T06:30:00Z', 200)], 'America/New_York');
    expect(fallBack[1]).toEqual({ hour: 1, count: 2, total: 300 });
    // 2026-03-08: 02:00 is skipped; 06:59 UTC is 01:59 EST, 07:00 UTC is 03:00 EDT.
    const springForward = bucketByLocalHour([slot('2026-03-08T06:45:00Z', 1), slot('2026-03-08T07:00:00Z', 2)], 'America/New_York');
    expect(springForward.filter((x) => x.count > 0).map((x) => x.hour)).toEqual([1, 3]);
    expect(springForward[2]).toEqual({ hour: 2, count: 0, total: 0 });
  });
});
