/**
 * Every write says who: the staff id a handler passes on lands in the
 * `actor` columns (orders, payments, payment_events, refunds, products,
 * day_closings); changes nobody made (polls, notifications, recovery) stay
 * the till's. Views and the day's CSV show the name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogService } from '../../electron/main/core/catalog/catalog-service';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { paymentsCsv } from '../../electron/main/core/reports/day-csv';
import type { PaymentRow } from '../../electron/main/core/ledger/rows';
import { makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'SATE', name: 'Sate ayam', price: 30_000, quantity: 2 }];
const DEWI = 'STF-DEWI';
const SARI = 'STF-SARI';
const NAMES: Record<string, string> = { [DEWI]: 'Dewi', [SARI]: '=Bu Sari' };
const actorName = (id: string): string | null => NAMES[id] ?? null;

describe('actor threading', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const rows = <T>(sql: string, ...params: unknown[]): T[] => h.db.prepare(sql).all(...params) as T[];

  it('records who rang up, cancelled and refunded; automatic changes stay the till’s', async () => {
    h = makeHarness({ deps: { actorName } });
    const cash = await h.service.create({ items: ITEMS, method: 'cash' }, DEWI);
    expect(cash.actorName).toBe('Dewi');
    const qris = await h.service.create({ items: ITEMS, method: 'qris' }, DEWI);
    h.gateway.set(qris.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: qris.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    await h.service.refund(qris.id, 10_000, 'salah pesan', SARI);
    const va = await h.service.create({ items: ITEMS, method: 'va_bni' }, DEWI);
    await h.service.cancel(va.id, SARI);

    expect(rows('SELECT DISTINCT actor FROM orders')).toEqual([{ actor: DEWI }]);
    expect(rows('SELECT DISTINCT actor FROM payments')).toEqual([{ actor: DEWI }]);
    expect(rows('SELECT actor FROM refunds')).toEqual([{ actor: SARI }]);
    const events = rows<{ payment_id: string; to_status: string; actor: string }>(
      'SELECT payment_id, to_status, actor FROM payment_events WHERE applied = 1 ORDER BY id',
    );
    expect(events.map((e) => [e.payment_id, e.to_status, e.actor])).toEqual([
      [cash.id, 'settlement', DEWI],
      [qris.id, 'pending', DEWI],
      [qris.id, 'settlement', 'till'], // confirmed from a notification: nobody did it
      [qris.id, 'partial_refund', SARI],
      [va.id, 'pending', DEWI],
      [va.id, 'cancel', SARI],
    ]);
    expect(h.service.list(10).map((p) => p.actorName)).toEqual(['Dewi', 'Dewi', 'Dewi']);
  });

  it('a refund re-sent after an unknown outcome stays the doing of whoever asked first', async () => {
    h = makeHarness({ deps: { actorName } });
    const qris = await h.service.create({ items: ITEMS, method: 'qris' }, DEWI);
    h.gateway.set(qris.orderId, 'settlement');
    await h.sink.accept({ api: 'snap_bi', orderId: qris.orderId, referenceNo: null, claimedStatus: '00', raw: {} });
    await h.service.idle();
    h.gateway.fail('refund', unknownOutcome, { processed: false }).fail('status', unknownOutcome, { times: 2 });
    await expect(h.service.refund(qris.id, 15_000, undefined, SARI)).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
    await expect(h.service.refund(qris.id, 15_000, undefined, DEWI)).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
    await expect(h.service.refund(qris.id, 15_000, undefined, DEWI)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(rows("SELECT actor FROM payment_events WHERE to_status = 'partial_refund' AND applied = 1")).toEqual([{ actor: SARI }]);
  });

  it('records who edited the catalogue and who closed the day; the CSV names them, formula-safe', async () => {
    h = makeHarness({ deps: { actorName } });
    const catalog = new CatalogService({ db: h.db, clock: h.clock });
    catalog.seedIfEmpty();
    catalog.save({ sku: 'es-jeruk', name: 'Es Jeruk', price: 9_000, category: 'Minuman', active: true }, SARI);
    catalog.remove('KOPI-HITAM', DEWI);
    expect(rows("SELECT sku, actor FROM products WHERE actor != 'till' ORDER BY sku")).toEqual([
      { sku: 'ES-JERUK', actor: SARI },
      { sku: 'KOPI-HITAM', actor: DEWI },
    ]);

    await h.service.create({ items: ITEMS, method: 'cash' }, SARI);
    const closing = new DayClosingService({ db: h.db, clock: h.clock, actorName });
    expect(closing.closeDay({}, DEWI)).toMatchObject({ closedByName: 'Dewi' });
    expect(rows('SELECT actor FROM day_closings')).toEqual([{ actor: DEWI }]);
    expect(closing.closings(5).map((c) => c.closedByName)).toEqual(['Dewi']);
    // Without a name lookup the views say nothing about who (older callers and tests are unchanged).
    expect(new DayClosingService({ db: h.db, clock: h.clock }).closings(5)[0]).not.toHaveProperty('closedByName');

    const csv = closing.exportCsv(closing.closings(1)[0]!.day).csv.split('\r\n');
    expect(csv[1]!.split(',').slice(8, 10)).toEqual([SARI, "'=Bu Sari"]);
  });

  it('keeps CSV columns in place: staff columns after the first eight, the sale columns (v9) after them', () => {
    const row = { created_at: '2026-11-26T03:00:00.000Z', gateway_order_id: 'K-1', method: 'cash', status: 'settlement', amount: 1, refunded_amount: 0, last_source: 'manual', paid_at: null, actor: 'till' } as PaymentRow;
    expect(paymentsCsv([row], 'Asia/Jakarta').split('\r\n')).toEqual([
      'time,order_id,method,status,amount,refunded,source,paid_time,staff_id,staff_name,record,sale_id,receipt_no,tender_seq,cash_received,change,rounding,reason',
      '2026-11-26T10:00:00+07:00,K-1,cash,settlement,1,0,manual,,till,,payment,,,,1,0,0,',
      '',
    ]);
  });
});
