/**
 * The cash drawer of a window, shared by the Today screen and the Z-report so
 * both say the same: expected cash = cash tenders received − change given −
 * cash refunds (cash refunded at the gateway plus everything paid back from
 * the drawer). Definitions: README.md.
 */
import type { DayDrawer } from '../../../../shared/contract/schemas';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import type { SalesQueries, SalesTotals } from '../ledger/sales-queries';

/** The window's drawer and refunds per method (gateway + drawer), from one set of reads. */
export interface DrawerReading {
  drawer: DayDrawer;
  /** Refunds in the window per method of the payment refunded, wherever the money went back from. */
  refundedByMethod: Map<PaymentMethod, number>;
}

/** Reads the drawer of [fromIso, toIso); `totals` are that window's `SalesQueries.totals`. */
export function readDrawer(sales: SalesQueries, totals: SalesTotals, fromIso: string, toIso: string): DrawerReading {
  const cash = sales.cashFlow(fromIso, toIso);
  const { atGateway, fromDrawer } = sales.refunds(fromIso, toIso);
  const refundedByMethod = new Map(atGateway);
  for (const [method, n] of fromDrawer) refundedByMethod.set(method, (refundedByMethod.get(method) ?? 0) + n);
  const cashTakings = totals.byMethod.find((m) => m.method === 'cash')?.total ?? 0;
  // A VA or store-code sale refunded from the drawer is cash leaving it too.
  const drawerOut = [...fromDrawer.values()].reduce((s, n) => s + n, 0);
  const cashRefunds = (atGateway.get('cash') ?? 0) + drawerOut;
  return {
    drawer: {
      cashReceived: cash.received,
      changeGiven: cash.change,
      roundingTotal: cash.rounding,
      cashTakings,
      cashRefunds,
      cashExpected: cashTakings - cashRefunds,
    },
    refundedByMethod,
  };
}
