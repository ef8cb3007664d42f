/**
 * Bench group `reports`: day report, Z-report and CSV export at 3k and 30k payments a day in a generated year.
 *
 * The ledger is `year-1m` from ledger-generator.ts (cached): 365 days of
 * 3,000 payments and a busiest day ("today") of 30,000, 1.12M payments. The
 * issue's 5M-payment year (the same busiest day, a growing shop) is not built
 * by default: at ~5 kB a payment it is ~25 GB and ~25 min to generate here.
 * Every day query is an index range of that day (the plans are the test
 * reports-day-plans.test.ts), so its cost depends on the day's rows, not on
 * the year's: BENCH_QUICK=1 (a 20-day year of 245k payments, growing from
 * 3,000 to 30,000 a day) gives the same figures. It is read in
 * place: the Z-report is closed inside a transaction that is rolled back (a
 * closed day's row is set aside in that same transaction), so the cache is
 * never changed. Each figure: the first run apart (cold statements and
 * pages), then the median and p95 of the following runs.
 */
import { openLedger, type Database } from '../../electron/main/core/ledger';
import type { Clock } from '../../electron/main/core/clock';
import { DayClosingService } from '../../electron/main/core/reports/day-closing-service';
import { TodayReportService } from '../../electron/main/core/reports/today-report';
import { SalesQueries } from '../../electron/main/core/ledger/sales-queries';
import { dayWindow } from '../../shared/domain/zoned-time';
import { yes, type BenchContext, type BenchRow } from './bench-group';
import { generatedLedger, ledgerSchedule, type LedgerSpec } from './ledger-generator';

const RUNS = 7;

function spec(quick: boolean): Omit<LedgerSpec, 'log'> {
  return quick
    ? { name: 'reports-quick', days: 20, paymentsPerDay: 12_000, busiestDayPayments: 30_000 }
    : { name: 'year-1m', days: 365, paymentsPerDay: 3_000, busiestDayPayments: 30_000 };
}

/** First run, then median and p95 of RUNS more, in ms. */
function measure(fn: () => unknown): { first: number; p50: number; p95: number } {
  const t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  const ts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return { first, p50: ts[Math.floor(ts.length / 2)]!, p95: ts[Math.ceil(ts.length * 0.95) - 1]! };
}

/**
 * Closes `day` and rolls it back. An already closed day's row is set aside
 * inside the same transaction (dropping its trigger changes the schema, so
 * every statement is prepared again: a closed day's figure carries that, the
 * busiest day — today, not closed — does not).
 */
function zReport(db: Database, closing: DayClosingService, day: string, closed: boolean): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    if (closed) {
      db.exec('DROP TRIGGER day_closings_no_delete');
      db.prepare('DELETE FROM day_closings WHERE day = ?').run(day);
    }
    closing.closeDay({ day, force: true });
  } finally {
    db.exec('ROLLBACK');
  }
}

/** Group `reports`. */
export async function runReports(ctx: BenchContext): Promise<BenchRow[]> {
  const s = spec(ctx.quick);
  const g = await generatedLedger({ ...s, log: ctx.log });
  const schedule = ledgerSchedule(s);
  const quiet = schedule[0]!;
  const busiest = schedule.find((d) => d.day === g.busiestDay)!;
  const db = openLedger(g.file);
  const rows: BenchRow[] = [];
  try {
    for (const d of [quiet, busiest]) {
      const w = dayWindow(d.day, g.zone);
      const clock: Clock = { now: () => w.endUtc - 3_600_000, setTimeout: () => () => undefined };
      const today = new TodayReportService({ sales: new SalesQueries(db), clock, zone: g.zone });
      const closing = new DayClosingService({ db, clock, zone: g.zone, actorName: () => 'Ani' });
      const label = `${(d.payments / 1000).toFixed(0)}k payments/day`;
      const csvRows = closing.exportCsv(d.day).rows;
      const closed = db.prepare('SELECT 1 FROM day_closings WHERE day = ?').get(d.day) !== undefined;
      const figures: [string, () => unknown, number, string][] = [
        ['day report (Today)', () => today.report(), 50, '≤ 50 ms'],
        ['Z-report (close the day)', () => zReport(db, closing, d.day, closed), 50, '≤ 50 ms'],
        ['CSV export of the day', () => closing.exportCsv(d.day), 200, '≤ 200 ms'],
      ];
      for (const [metric, fn, budget, target] of figures) {
        const m = measure(fn);
        rows.push({
          metric: `${metric}, ${label}`,
          p50: `${m.p50.toFixed(1)} ms`,
          p95: `${m.p95.toFixed(1)} ms`,
          detail: `first run ${m.first.toFixed(1)} ms; ${g.payments} payments over ${g.days} days (${(g.bytes / 1e9).toFixed(2)} GB), day ${d.day}${metric.startsWith('CSV') ? `, ${csvRows} rows` : ''}`,
          target,
          met: yes(m.p50 <= budget),
        });
      }
    }
  } finally {
    db.close();
  }
  return rows;
}
