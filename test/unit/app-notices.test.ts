/**
 * `app.notice`: what the till tells the cashier unasked. Notices posted
 * before the renderer listens wait for its first call; the engine reports
 * start-up recovery and a charge whose unknown outcome became known.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appNotice, type AppNotice } from '../../shared/contract/events';
import { ok, type Result } from '../../shared/contract/result';
import type { Router } from '../../shared/contract/router';
import { NoticeBoard, openOnFirstCall } from '../../electron/main/core/app/notice-board';
import { advance, makeHarness, unknownOutcome, type Harness } from '../fixtures/fake-gateway';

const ITEMS = [{ sku: 'KOPI', name: 'Kopi', price: 12_000, quantity: 1 }];
const notice = (count: number): AppNotice => ({ level: 'info', code: 'payments_recovered', params: { count } });

describe('the notice board', () => {
  it('holds notices until the first call, then delivers them in order and later ones at once', async () => {
    const emitted: AppNotice[] = [];
    const board = new NoticeBoard({ emit: (_name, payload) => void emitted.push(payload as AppNotice) });
    board.post(notice(1));
    board.post(notice(2));
    expect(emitted).toEqual([]);
    const inner: Router = { dispatch: async (): Promise<Result<unknown>> => ok('answer') };
    const router = openOnFirstCall(inner, board);
    expect(await router.dispatch('app.info', undefined, { id: 'page-1' })).toEqual(ok('answer'));
    expect(emitted).toEqual([notice(1), notice(2)]);
    board.post(notice(3));
    expect(emitted).toEqual([notice(1), notice(2), notice(3)]);
    await router.dispatch('app.info', undefined, { id: 'page-1' });
    expect(emitted).toHaveLength(3); // delivered once
  });

  it('keeps only the newest start-up notices', () => {
    const emitted: AppNotice[] = [];
    const board = new NoticeBoard({ emit: (_name, payload) => void emitted.push(payload as AppNotice) });
    for (let i = 1; i <= 12; i++) board.post(notice(i));
    board.open();
    expect(emitted.map((n) => n.params.count)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('notices from the payment engine', () => {
  let h: Harness | undefined;
  let later: Harness | undefined;
  afterEach(() => {
    later?.close();
    if (!later) h?.close();
    h = later = undefined;
  });
  const heard: AppNotice[] = [];
  const deps = { onNotice: (n: AppNotice) => void heard.push(appNotice.parse(n)) };

  it('a charge whose outcome was unknown: the cashier hears it exists once a poll finds it', async () => {
    heard.length = 0;
    h = makeHarness({ deps });
    h.gateway.fail('charge', unknownOutcome, { processed: true }).fail('status', unknownOutcome);
    await expect(h.service.create({ items: ITEMS, method: 'qris' })).rejects.toMatchObject({
      code: 'GATEWAY_UNAVAILABLE',
      params: { outcome: 'maybe_processed' },
    });
    expect(heard).toEqual([]);
    await advance(h.clock, 3_000);
    const [payment] = h.service.list();
    expect(payment!.status).toBe('pending');
    expect(heard).toEqual([{ level: 'warning', code: 'charge_found', params: { orderId: payment!.orderId, status: 'pending' } }]);
  });

  it('…and that it was never made, when the poll finds nothing', async () => {
    heard.length = 0;
    h = makeHarness({ deps });
    h.gateway.fail('charge', unknownOutcome).fail('status', unknownOutcome);
    await expect(h.service.create({ items: ITEMS, method: 'qris' })).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
    await advance(h.clock, 3_000);
    const [payment] = h.service.list();
    expect(payment!.status).toBe('failed_to_create');
    expect(heard).toEqual([{ level: 'info', code: 'charge_not_made', params: { orderId: payment!.orderId } }]);
  });

  it('start-up recovery says how many unfinished payments it checked', async () => {
    heard.length = 0;
    h = makeHarness({ deps });
    await h.service.create({ items: ITEMS, method: 'qris' });
    await h.service.create({ items: ITEMS, method: 'va_bca' });
    await h.service.create({ items: ITEMS, method: 'cash' });
    later = h.restart();
    await later.service.recover();
    expect(heard).toEqual([{ level: 'info', code: 'payments_recovered', params: { count: 2 } }]);
  });
});
