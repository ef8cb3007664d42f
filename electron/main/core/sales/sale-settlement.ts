/**
 * When a sale becomes paid, and its receipt number. One immediate SQLite
 * transaction reads the sale and its tenders' payment statuses, and — if the
 * paid tenders cover the total and none is still open — draws the till's next
 * receipt number and marks the sale paid with it. So a number is drawn
 * exactly when a sale becomes paid: a crash loses at most an uncommitted
 * transaction (no number skipped), a voided sale draws none, and running the
 * rule again is harmless (idempotent). It runs after every payment update of
 * a tender, after each tender, and once at start-up for every open sale, so a
 * crash between a tender's payment and the sale's close is healed.
 */
import { isoUtc } from '../clock';
import type { SaleContext } from './sale-context';
import { isSettled, saleTotals } from './tender-state';

/** Settles sales whose tenders cover them. */
export class SaleSettlement {
  private readonly settleTx;
  private readonly closeTx;

  constructor(private readonly ctx: SaleContext) {
    const { db, sales, clock } = ctx.deps;
    this.settleTx = db.transaction((saleId: string): boolean => {
      const sale = sales.byId(saleId);
      if (!sale || sale.status !== 'open') return false;
      const facts = ctx.facts(saleId);
      if (!isSettled(sale.total, facts)) return false;
      const receiptNo = sales.drawReceiptNo(sale.till_id);
      return sales.markPaid(saleId, receiptNo, saleTotals(sale.total, facts).rounding, isoUtc(clock.now()));
    });
    this.closeTx = db.transaction((saleId: string, write: () => void): boolean => {
      const sale = sales.byId(saleId);
      if (!sale || sale.status !== 'open' || sale.total !== 0) return false;
      write();
      return sales.markPaid(saleId, sales.drawReceiptNo(sale.till_id), 0, isoUtc(clock.now()));
    });
  }

  /** Marks the sale paid (drawing its receipt number) if its tenders cover it; true if it changed now. */
  settle(saleId: string): boolean {
    return this.settleTx.immediate(saleId);
  }

  /**
   * Completes an open sale of Rp 0 (a 100% discount): paid with a receipt
   * number and no payment; `write` runs first in the same transaction.
   */
  closeFree(saleId: string, write: () => void): boolean {
    return this.closeTx.immediate(saleId, write);
  }

  /** Settles every open sale that is in fact paid (start-up); returns the ids that changed. */
  settleOpen(): string[] {
    const changed: string[] = [];
    for (const sale of this.ctx.deps.sales.open()) {
      try {
        if (this.settle(sale.id)) changed.push(sale.id);
      } catch (e) {
        this.ctx.deps.logger.error('sale could not be settled', { saleId: sale.id, error: e });
      }
    }
    return changed;
  }
}
