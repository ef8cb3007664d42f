import { describe, expect, it } from 'vitest';
import type { DayClosing } from '../../shared/contract/schemas';
import { parseCountedCash, planCloseDay, type CloseDayFacts } from '../../renderer/src/features/report/close-day-plan';

function closing(day: string, paidCount = 2): DayClosing {
  return {
    id: 1, day, zone: 'Asia/Jakarta', periodStart: '', periodEnd: '', closedAt: '', paidCount, paidTotal: 0,
    refundedTotal: 0, netTotal: 0, cashTakings: 0, cashRefunds: 0, cashExpected: 0, countedCash: null, cashDifference: null,
    openCount: 0, openTotal: 0, failedCount: 0, forced: false, byMethod: [], openPayments: [],
  };
}

const facts = (over: Partial<CloseDayFacts>): CloseDayFacts => ({
  report: { day: '2026-11-26', paidCount: 3 },
  closings: [],
  unclosed: [],
  pickedDay: null,
  selectedDay: null,
  ...over,
});

describe('close-day plan', () => {
  it('offers only today on a fresh ledger, and exports it', () => {
    expect(planCloseDay(facts({ unclosed: ['2026-11-26'] }))).toEqual({
      todayClosing: null, closable: ['2026-11-26'], target: '2026-11-26', earlierOpen: false, shown: null, exportDay: '2026-11-26', salesAfterClose: 0,
    });
  });

  it('offers earlier open days first, oldest first, skipping closed and future ones; a pick outside the list is ignored', () => {
    const plan = planCloseDay(facts({
      unclosed: ['2026-11-25', '2026-11-23', '2026-11-24', '2026-11-27'],
      closings: [closing('2026-11-24')],
      pickedDay: '2026-11-24',
    }));
    expect(plan.closable).toEqual(['2026-11-23', '2026-11-25', '2026-11-26']);
    expect(plan).toMatchObject({ target: '2026-11-23', earlierOpen: true });
    expect(planCloseDay(facts({ unclosed: ['2026-11-25'], pickedDay: '2026-11-26' })).target).toBe('2026-11-26');
  });

  it('once today is closed: nothing left to close, its Z-report on show, sales after the close counted', () => {
    const today = closing('2026-11-26', 2);
    const plan = planCloseDay(facts({ closings: [today, closing('2026-11-20')] }));
    expect(plan).toMatchObject({ todayClosing: today, closable: [], target: null, earlierOpen: false, shown: today, salesAfterClose: 1 });
    expect(planCloseDay(facts({ closings: [today, closing('2026-11-20')], selectedDay: '2026-11-20' }))).toMatchObject({
      shown: { day: '2026-11-20' }, exportDay: '2026-11-20',
    });
  });

  it('counts sales after the close as sales when both sides counted them (a split sale once), else as payments', () => {
    const today = { ...closing('2026-11-26', 3), saleCount: 2 };
    // One more sale paid by two tenders since the close.
    const report = { day: '2026-11-26', paidCount: 5, saleCount: 3 };
    expect(planCloseDay(facts({ report, closings: [today] })).salesAfterClose).toBe(1);
    expect(planCloseDay(facts({ report, closings: [{ ...today, saleCount: null }] })).salesAfterClose).toBe(2);
  });

  it('takes an empty count as "not counted" and refuses anything but whole rupiah', () => {
    expect(parseCountedCash('  ')).toEqual({ countedCash: null, invalid: false });
    expect(parseCountedCash('26.000')).toEqual({ countedCash: 26_000, invalid: false });
    expect(parseCountedCash('26,5')).toEqual({ countedCash: null, invalid: true });
  });
});
