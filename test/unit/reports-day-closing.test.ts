import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/main/core/clock';
import { openLedger } from '../../electron/main/core/ledger';
import { dayWindow, localIsoTime } from '../../shared/domain/zoned-time';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { makeHarness, type Harness } from '../fixtures/fake-gateway';

const item = (price: number) => [{ sku: 'X', name: 'Barang', price, quantity: 1 }];
/** 10:00 WIB on 26 Nov 2026. */
const MORNING = Date.UTC(2026, 10, 26, 3);
const HOUR = 3600_000;

describe('DayClosingService', () => {
  let h: Harness;
  let closing: DayClosingService;
  afterEach(() => h?.close());

  const start = (at = MORNING, zone?: string) => {
    h = makeHarness({ clock: new ManualClock(at), ...(zone ? { deps: { zone } } : {}) });
    closing = new DayClosingService({ db: h.db, clock: h.clock, ...(zone ? { zone } : {}) });
  };
  const cash = (price: number) => h.service.create({ items: item(price), method: 'cash' });
  const paidQris = async (price: number) => {
    const p = await h.service.create({ items: item(price), method: 'qris' });
    h.gateway.set(p.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: p.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    return p;
  };
  const rows = () => h.db.prepare('SELECT COUNT(*) FROM day_closings').pluck().get();

  it('closes the Asia/Jakarta day, whose boundary is 17:00 UTC', async () => {
    start(Date.UTC(2026, 10, 26, 16, 59, 58));
    await cash(10_000); // 23:59:58 WIB on the 26th
    h.clock.advance(1000);
    const z26 = closing.closeDay();
    expect(z26).toMatchObject({
      day: '2026-11-26',
      zone: 'Asia/Jakarta',
      periodStart: '2026-11-25T17:00:00.000Z',
      periodEnd: '2026-11-26T17:00:00.000Z',
      closedAt: '2026-11-26T16:59:59.000Z',
      paidCount: 1,
      paidTotal: 10_000,
    });
    h.clock.advance(1000); // 00:00:00 WIB on the 27th: a new day, closable again
    await cash(20_000);
    const z27 = closing.closeDay();
    expect(z27).toMatchObject({ day: '2026-11-27', periodStart: '2026-11-26T17:00:00.000Z', paidCount: 1, paidTotal: 20_000 });
    expect(closing.closings(30).map((c) => c.day)).toEqual(['2026-11-27', '2026-11-26']);
    expect(closing.closings(1).map((c) => c.day)).toEqual(['2026-11-27']);
  });

  it('totals paid, refunds and methods, and expects takings minus refunds in the cash drawer', async () => {
    start();
    const c1 = await cash(10_000);
    await cash(25_000);
    const q = await paidQris(50_000);
    await h.service.refund(q.id, 5_000);
    // The till offers no cash refunds yet; write what a refund applies so the drawer math is covered.
    h.db
      .prepare(
        `INSERT INTO payment_events (payment_id, source, from_status, to_status, applied, note, refunded_delta, created_at)
         VALUES (?, 'manual', 'settlement', 'partial_refund', 1, 'refund', 3000, ?)`,
      )
      .run(c1.id, new Date(MORNING + HOUR).toISOString());
    h.clock.advance(2 * HOUR);

    const z = closing.closeDay({ countedCash: 31_500 });
    expect(z).toMatchObject({
      paidCount: 3,
      paidTotal: 85_000,
      refundedTotal: 8_000,
      netTotal: 77_000,
      cashTakings: 35_000,
      cashRefunds: 3_000,
      cashExpected: 32_000,
      countedCash: 31_500,
      cashDifference: -500, // the drawer is short
      openCount: 0,
      openTotal: 0,
      forced: false,
      openPayments: [],
    });
    expect(z.byMethod).toEqual([
      { method: 'qris', count: 1, total: 50_000, refunded: 5_000 },
      { method: 'cash', count: 2, total: 35_000, refunded: 3_000 },
    ]);
    // What the service answered is what the ledger keeps.
    expect(closing.closings(5)).toEqual([z]);
    const raw = h.db.prepare('SELECT counted_cash, cash_expected, cash_difference, created_at FROM day_closings').get();
    expect(raw).toEqual({ counted_cash: 31_500, cash_expected: 32_000, cash_difference: -500, created_at: '2026-11-26T05:00:00.000Z' });
  });

  it('counts a refund in the day it happens, even for an earlier day’s sale', async () => {
    start();
    const q = await paidQris(40_000);
    h.clock.advance(24 * HOUR);
    await h.service.refund(q.id, 40_000);
    const z = closing.closeDay({ countedCash: 0 });
    expect(z).toMatchObject({ day: '2026-11-27', paidCount: 0, paidTotal: 0, refundedTotal: 40_000, netTotal: -40_000 });
    expect(z).toMatchObject({ cashExpected: 0, cashDifference: 0 });
    expect(z.byMethod).toEqual([{ method: 'qris', count: 0, total: 0, refunded: 40_000 }]);
  });

  it('without a count, records no drawer difference', async () => {
    start();
    await cash(12_000);
    expect(closing.closeDay()).toMatchObject({ cashExpected: 12_000, countedCash: null, cashDifference: null });
  });

  it('refuses to close the same day twice with CONFLICT, even after a restart', async () => {
    start();
    await cash(10_000);
    closing.closeDay({ countedCash: 10_000 });
    h.clock.advance(HOUR);
    await cash(5_000);
    expect(() => closing.closeDay()).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/2026-11-26 was already closed at 10:00/) }));
    expect(() => closing.closeDay({ force: true })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    h = h.restart();
    const again = new DayClosingService({ db: h.db, clock: h.clock });
    expect(() => again.closeDay()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(again.closings(10)).toHaveLength(1);
    expect(again.closings(10)[0]).toMatchObject({ paidTotal: 10_000, countedCash: 10_000 });
  });

  it('refuses while payments are open, naming how many; cancelling them lets the close through', async () => {
    start();
    await cash(10_000);
    const g1 = await h.service.create({ items: item(7_000), method: 'gopay' });
    const g2 = await h.service.create({ items: item(3_000), method: 'va_bni' });
    expect(() => closing.closeDay({ countedCash: 10_000 })).toThrow(
      expect.objectContaining({ code: 'OPEN_PAYMENTS', message: expect.stringMatching(/^2 payments are still waiting \(Rp 10\.000\)/) }),
    );
    expect(rows()).toBe(0);
    await h.service.cancel(g1.id);
    expect(() => closing.closeDay()).toThrow(expect.objectContaining({ code: 'OPEN_PAYMENTS', message: expect.stringMatching(/^1 payment is still waiting/) }));
    await h.service.cancel(g2.id);
    expect(closing.closeDay({ countedCash: 10_000 })).toMatchObject({ openCount: 0, forced: false, failedCount: 2, cashDifference: 0 });
  });

  it('counts an open payment from an earlier day: it can still settle into this one', async () => {
    start();
    await h.service.create({ items: item(9_000), method: 'gopay' });
    h.clock.advance(24 * HOUR);
    expect(() => closing.closeDay()).toThrow(expect.objectContaining({ code: 'OPEN_PAYMENTS' }));
  });

  it('with force, closes anyway and records the open payments', async () => {
    start();
    await cash(10_000);
    const g = await h.service.create({ items: item(7_000), method: 'gopay' });
    const z = closing.closeDay({ force: true });
    expect(z).toMatchObject({ forced: true, openCount: 1, openTotal: 7_000, paidCount: 1 });
    expect(z.openPayments).toEqual([
      { id: g.id, orderId: g.orderId, method: 'gopay', status: 'pending', amount: 7_000, createdAt: g.createdAt },
    ]);
    expect(closing.closings(1)[0]).toEqual(z);
  });

  it('force with nothing open is an ordinary close', async () => {
    start();
    expect(closing.closeDay({ force: true })).toMatchObject({ forced: false, openCount: 0, paidCount: 0, byMethod: [] });
  });

  it('keeps closings immutable in the ledger itself', async () => {
    start();
    await cash(10_000);
    closing.closeDay();
    expect(() => h.db.prepare('UPDATE day_closings SET paid_total = 1').run()).toThrow(/immutable/);
    expect(() => h.db.prepare('DELETE FROM day_closings').run()).toThrow(/immutable/);
    expect(closing.closings(1)[0]).toMatchObject({ paidTotal: 10_000 });
  });

  it('uses the configured zone', async () => {
    start(Date.UTC(2026, 10, 26, 16, 30), 'UTC');
    expect(closing.closeDay()).toMatchObject({ day: '2026-11-26', zone: 'UTC', periodStart: '2026-11-26T00:00:00.000Z' });
  });

  it('fails fast on an unknown zone', () => {
    start();
    expect(() => new DayClosingService({ db: h.db, clock: h.clock, zone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('DayClosingService.exportCsv', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('lists the day’s payments with local times, one row each, and only that day', async () => {
    h = makeHarness({ clock: new ManualClock(Date.UTC(2026, 10, 25, 16, 0)) }); // 23:00 WIB on the 25th
    const svc = new DayClosingService({ db: h.db, clock: h.clock });
    await h.service.create({ items: item(1_000), method: 'cash' }); // the 25th
    const lateVa = await h.service.create({ items: item(50_000), method: 'va_bni' }); // started on the 25th…
    h.clock.advance(2 * 3600_000); // 01:00 WIB on the 26th
    h.gateway.set(lateVa.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: lateVa.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle(); // …paid on the 26th
    const c = await h.service.create({ items: item(18_000), method: 'cash' });

    const out = svc.exportCsv('2026-11-26');
    expect(out).toMatchObject({ day: '2026-11-26', filename: 'kasir-payments-2026-11-26.csv', rows: 2 });
    const lines = out.csv.split('\r\n');
    expect(lines[0]).toBe(
      'time,order_id,method,status,amount,refunded,source,paid_time,staff_id,staff_name,record,sale_id,receipt_no,tender_seq,cash_received,change,rounding,reason',
    );
    // The columns before v9's keep their places (v9's come after them: reports-sales-tenders.test.ts).
    const firstTen = (line: string) => line.split(',').slice(0, 10).join(',');
    // Who rang each sale up comes after the payment (the till's own sales here: nobody signed in, no name).
    expect(lines.map(firstTen)).toEqual([
      'time,order_id,method,status,amount,refunded,source,paid_time,staff_id,staff_name',
      `2026-11-25T23:00:00+07:00,${lateVa.orderId},va_bni,settlement,50000,0,${h.service.get(lateVa.id).lastSource},2026-11-26T01:00:00+07:00,till,`,
      `2026-11-26T01:00:00+07:00,${c.orderId},cash,settlement,18000,0,manual,2026-11-26T01:00:00+07:00,till,`,
      '',
    ]);
    expect(svc.exportCsv('2026-11-25').rows).toBe(2);
    expect(svc.exportCsv('2026-11-20')).toMatchObject({ rows: 0, csv: `${lines[0]}\r\n` });
  });
});

describe('zoned helpers for reports', () => {
  it('dayWindow names a local day by its date', () => {
    expect(dayWindow('2026-11-26', 'Asia/Jakarta')).toEqual({
      day: '2026-11-26',
      startUtc: Date.UTC(2026, 10, 25, 17),
      endUtc: Date.UTC(2026, 10, 26, 17),
    });
    expect(dayWindow('2026-03-08', 'America/New_York').endUtc - dayWindow('2026-03-08', 'America/New_York').startUtc).toBe(23 * 3600_000);
    expect(dayWindow('2026-01-01', 'Pacific/Kiritimati').day).toBe('2026-01-01'); // UTC+14
    expect(() => dayWindow('2026-02-30', 'Asia/Jakarta')).toThrow(RangeError);
  });

  it('localIsoTime writes wall time with the zone offset', () => {
    expect(localIsoTime(Date.UTC(2026, 10, 26, 17), 'Asia/Jakarta')).toBe('2026-11-27T00:00:00+07:00');
    expect(localIsoTime(Date.UTC(2026, 10, 26, 17), 'America/St_Johns')).toBe('2026-11-26T13:30:00-03:30');
    expect(localIsoTime(Date.UTC(2026, 10, 26, 17), 'UTC')).toBe('2026-11-26T17:00:00+00:00');
  });
});

describe('day_closings migration', () => {
  it('rejects a row whose totals do not add up', async () => {
    const h = makeHarness();
    try {
      const db = openLedger(h.file);
      const insert = (over: Record<string, unknown>) =>
        db.prepare(
          `INSERT INTO day_closings (day, zone, period_start, period_end, paid_count, paid_total, refunded_total, net_total,
             cash_takings, cash_refunds, cash_expected, counted_cash, cash_difference, open_count, open_total, failed_count,
             forced, breakdown, created_at)
           VALUES (@day, 'Asia/Jakarta', '2026-11-25T17:00:00.000Z', '2026-11-26T17:00:00.000Z', 1, 100, 0, @net,
             100, 0, @expected, @counted, @diff, @open, 0, 0, @forced, '{}', '2026-11-26T10:00:00.000Z')`,
        ).run({ day: '2026-11-26', net: 100, expected: 100, counted: null, diff: null, open: 0, forced: 0, ...over });
      expect(() => insert({ net: 99 })).toThrow(/CHECK/);
      expect(() => insert({ expected: 90 })).toThrow(/CHECK/);
      expect(() => insert({ counted: 80, diff: 0 })).toThrow(/CHECK/);
      expect(() => insert({ open: 2, forced: 0 })).toThrow(/CHECK/);
      expect(() => insert({ day: '26/11/2026' })).toThrow(/CHECK/);
      insert({ counted: 80, diff: -20 });
      expect(() => insert({})).toThrow(/UNIQUE/);
      db.close();
    } finally {
      h.close();
    }
  });
});
