/**
 * The payments of a day's export paid in the window but started outside it
 * (a handful: started the evening before, paid after midnight), which the
 * export's read of the payments started in the window does not see.
 *
 * Asked of every payment paid in the window, that reads each one's row for
 * its `created_at` (no index holds both times): ~17 ms at 30,000 payments a
 * day, for rows that are mostly not there. Rows are added in time order, so
 * the payments started in a window are usually one run of rowids with no
 * other row among them; then a payment paid in the window started outside it
 * exactly when its rowid is outside that run, which `payments_paid` (paid_at,
 * rowid) answers alone, and only those few rows are read. When the run has a
 * gap or another row in it (a time set back, a row deleted), every payment
 * paid in the window is checked as before.
 */
import type { Database } from './open-ledger';
import type { Span } from './day-export-repository';

/** Prepared statements for the payments paid in a window but started outside it. */
export class PaidOutsideQuery<Row extends unknown[]> {
  private readonly selCreatedRun;
  private readonly selOutsideRun;
  private readonly selChecked;

  /** `columns`: the select list of the rows returned (`raw()`, in that order). */
  constructor(db: Database, columns: string) {
    // The rowids of the payments started in the window, from the index alone: lowest, highest, how many.
    this.selCreatedRun = db.prepare<[Span], [lo: number | null, hi: number | null, n: number]>(
      `SELECT min(rowid), max(rowid), count(*) FROM payments INDEXED BY payments_created WHERE created_at >= @from AND created_at < @to`,
    ).raw();
    // Paid in the window with a rowid outside the run [lo, hi] (index only), then those rows read.
    // created_at is checked again all the same: the rows are few.
    this.selOutsideRun = db.prepare<[Span & { lo: number; hi: number }], Row>(
      `SELECT ${columns} FROM payments
       WHERE rowid IN (SELECT rowid FROM payments INDEXED BY payments_paid WHERE paid_at >= @from AND paid_at < @to AND (rowid < @lo OR rowid > @hi))
         AND (created_at < @from OR created_at >= @to) ORDER BY created_at, rowid`,
    ).raw();
    this.selChecked = db.prepare<[Span], Row>(
      `SELECT ${columns} FROM payments INDEXED BY payments_paid_cover
       WHERE paid_at >= @from AND paid_at < @to AND (created_at < @from OR created_at >= @to) ORDER BY created_at, rowid`,
    ).raw();
  }

  /** The payments paid in [from, to) but started outside it, in (created_at, rowid) order. */
  all(w: Span): Row[] {
    const [lo, hi, n] = this.selCreatedRun.get(w)!;
    // n rowids, all within [lo, hi], and hi - lo + 1 = n: they are every rowid from lo to hi, so
    // no row in that run started outside the window.
    if (lo === null || hi === null || hi - lo + 1 !== n) return this.selChecked.all(w);
    return this.selOutsideRun.all({ ...w, lo, hi });
  }
}
