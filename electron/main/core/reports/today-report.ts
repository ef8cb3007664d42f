/**
 * The Today screen's numbers: totals for the shop's current day in its zone
 * (sales and tenders counted apart, the cash drawer as the Z-report will
 * count it), with paid tenders per local hour. Reads the ledger only; the day's boundaries
 * and the hourly buckets come from the shop's zone, never the machine's.
 */
import type { DayReport } from '../../../../shared/contract/schemas';
import { bucketByLocalHour, DEFAULT_SHOP_ZONE, zonedDay } from '../../../../shared/domain/zoned-time';
import { isoUtc, type Clock } from '../clock';
import { SLOT_SECONDS, type SalesQueries } from '../ledger/sales-queries';
import { readDrawer } from './day-drawer';

/** Constructor dependencies. */
export interface TodayReportDeps {
  sales: SalesQueries;
  clock: Clock;
  /** IANA zone of the shop's day (default Asia/Jakarta). */
  zone?: string;
}

/** `reports.today`. */
export class TodayReportService {
  private readonly sales: SalesQueries;
  private readonly clock: Clock;
  private readonly zone: string;

  constructor({ sales, clock, zone }: TodayReportDeps) {
    this.sales = sales;
    this.clock = clock;
    this.zone = zone ?? DEFAULT_SHOP_ZONE;
    zonedDay(clock.now(), this.zone); // fail fast on an unknown zone
  }

  /** Totals for the shop's current day, with paid tenders (gross) per local hour. */
  report(): DayReport {
    const day = zonedDay(this.clock.now(), this.zone);
    const from = isoUtc(day.startUtc);
    const to = isoUtc(day.endUtc);
    const { totals, slots: paid } = this.sales.totalsAndSlots(from, to);
    const slots = paid.map((s) => ({ startMs: s.slot * SLOT_SECONDS * 1000, count: s.count, total: s.total }));
    const { drawer } = readDrawer(this.sales, totals, from, to);
    return { day: day.day, zone: this.zone, ...totals, byHour: bucketByLocalHour(slots, this.zone), drawer };
  }
}
