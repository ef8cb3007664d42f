/**
 * Closing a day other than the current one: the shop that closes after
 * midnight closes yesterday, and `unclosedDays` says which days are still open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const item = (price: number) => [{ sku: 'X', name: 'Barang', price, quantity: 1 }];
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 10:00 WIB on 26 Nov 2026. */
const MORNING_26 = Date.UTC(2026, 10, 26, 3);

describe('DayClosingService: closing an earlier day', () => {
  let h: Harness;
  let closing: DayClosingService;
  afterEach(() => h?.close());

  const start = (at: number) => {
    h = makeHarness({ clock: new ManualClock(at) });
    closing = new DayClosingService({ db: h.db, clock: h.clock });
  };
  /** Moves the manual clock to an absolute instant (forward only). */
  const at = (ms: number) => h.clock.advance(ms - h.clock.now());
  const cash = (price: number) => h.service.create({ items: item(price), method: 'cash' });
  const rows = () => h.db.prepare('SELECT COUNT(*) FROM day_closings').pluck().get();

  it('at 00:30 WIB closes yesterday with yesterday’s sales only, then today separately', async () => {
    start(MORNING_26);
    await cash(10_000); // 10:00 WIB on the 26th
    at(Date.UTC(2026, 10, 26, 16)); // 23:00 WIB on the 26th
    await cash(25_000);
    at(Date.UTC(2026, 10, 26, 17, 10)); // 00:10 WIB on the 27th: already the new day
    await cash(7_000);
    at(Date.UTC(2026, 10, 26, 17, 30)); // 00:30 WIB: the owner closes up

    expect(closing.unclosedDays()).toEqual(['2026-11-27', '2026-11-26']);
    const z = closing.closeDay({ day: '2026-11-26', countedCash: 35_000 });
    expect(z).toMatchObject({
      day: '2026-11-26',
      zone: 'Asia/Jakarta',
      periodStart: '2026-11-25T17:00:00.000Z',
      periodEnd: '2026-11-26T17:00:00.000Z',
      closedAt: '2026-11-26T17:30:00.000Z',
      paidCount: 2,
      paidTotal: 35_000,
      cashExpected: 35_000,
      cashDifference: 0,
    });
    expect(z.byMethod).toEqual([{ method: 'cash', count: 2, total: 35_000, refunded: 0 }]);
    expect(closing.exportCsv('2026-11-26').rows).toBe(2);
    expect(closing.unclosedDays()).toEqual(['2026-11-27']);

    // Without a day, it is still the current shop day: the 27th, with only its own sale.
    expect(closing.closeDay()).toMatchObject({ day: '2026-11-27', paidCount: 1, paidTotal: 7_000 });
    expect(closing.closings(5).map((c) => c.day)).toEqual(['2026-11-27', '2026-11-26']);
    expect(closing.unclosedDays()).toEqual([]);
  });

  it('takes the day in the shop zone: at 00:30 WIB "today" is already the 27th though UTC is still the 26th', async () => {
    start(Date.UTC(2026, 10, 26, 17, 30));
    expect(closing.closeDay({ day: '2026-11-27' })).toMatchObject({ day: '2026-11-27', periodStart: '2026-11-26T17:00:00.000Z' });
  });

  it('refuses a future day with INVALID_INPUT and writes nothing', async () => {
    start(Date.UTC(2026, 10, 26, 16, 30)); // 23:30 WIB on the 26th
    await cash(10_000);
    expect(() => closing.closeDay({ day: '2026-11-27' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/2026-11-27 has not started yet \(today is 2026-11-26\)/) }),
    );
    expect(() => closing.closeDay({ day: '2027-01-01', force: true })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => closing.closeDay({ day: '2026-02-30' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(rows()).toBe(0);
  });

  it('refuses an earlier day that is already closed with CONFLICT', async () => {
    start(MORNING_26);
    await cash(10_000);
    closing.closeDay(); // closes the 26th at 10:00 WIB
    h.clock.advance(DAY);
    expect(() => closing.closeDay({ day: '2026-11-26' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/2026-11-26 was already closed at 10:00/) }),
    );
    expect(() => closing.closeDay({ day: '2026-11-26', force: true })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(rows()).toBe(1);
  });

  it('guards yesterday only with payments open since yesterday, not ones started today', async () => {
    start(Date.UTC(2026, 10, 26, 16)); // 23:00 WIB on the 26th
    await cash(10_000);
    at(Date.UTC(2026, 10, 26, 17, 20)); // 00:20 WIB on the 27th
    await h.service.create({ items: item(5_000), method: 'gopay' }); // still pending, but today's
    at(Date.UTC(2026, 10, 26, 17, 30));
    expect(closing.closeDay({ day: '2026-11-26' })).toMatchObject({ day: '2026-11-26', openCount: 0, paidCount: 1, forced: false });
    expect(() => closing.closeDay()).toThrow(expect.objectContaining({ code: 'OPEN_PAYMENTS' }));
  });

  it('blocks yesterday while one of yesterday’s payments is still open', async () => {
    start(Date.UTC(2026, 10, 26, 16, 50)); // 23:50 WIB on the 26th
    await h.service.create({ items: item(5_000), method: 'qris' });
    at(Date.UTC(2026, 10, 26, 17, 30));
    expect(() => closing.closeDay({ day: '2026-11-26' })).toThrow(expect.objectContaining({ code: 'OPEN_PAYMENTS' }));
    expect(closing.closeDay({ day: '2026-11-26', force: true })).toMatchObject({ forced: true, openCount: 1, openTotal: 5_000 });
  });
});

describe('DayClosingService.unclosedDays', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('lists the last week’s days with a payment of any status and no closing, newest first', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 20, 3)) }); // 10:00 WIB on the 20th
    const closing = new DayClosingService({ db: h.db, clock: h.clock });
    const cash = () => h.service.create({ items: item(1_000), method: 'cash' });
    await cash(); // the 20th: older than a week by the 27th
    h.clock.advance(2 * DAY); // the 22nd: only a cancelled payment, which still counts
    const g = await h.service.create({ items: item(2_000), method: 'gopay' });
    await h.service.cancel(g.id);
    h.clock.advance(2 * DAY); // the 24th: sold and closed
    await cash();
    closing.closeDay();
    h.clock.advance(DAY); // the 25th: sold, left open
    await cash();
    h.clock.advance(DAY); // the 26th: nothing at all
    h.clock.advance(DAY); // the 27th, today: nothing yet

    expect(closing.unclosedDays()).toEqual(['2026-11-25', '2026-11-22']);
    await cash();
    expect(closing.unclosedDays()).toEqual(['2026-11-27', '2026-11-25', '2026-11-22']);
    h.clock.advance(DAY); // the 28th: the 22nd is the week’s oldest day
    expect(closing.unclosedDays()).toEqual(['2026-11-27', '2026-11-25', '2026-11-22']);
    h.clock.advance(DAY); // the 29th: the 22nd has left the week (29th back to 23rd)
    expect(closing.unclosedDays()).toEqual(['2026-11-27', '2026-11-25']);
  });

  it('counts a payment started before midnight and paid after it for both days', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 25, 16, 50)) }); // 23:50 WIB on the 25th
    const closing = new DayClosingService({ db: h.db, clock: h.clock });
    const p = await h.service.create({ items: item(3_000), method: 'qris' });
    h.clock.advance(20 * 60_000); // 00:10 WIB on the 26th
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: p.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    expect(closing.unclosedDays()).toEqual(['2026-11-26', '2026-11-25']);
  });
});
