/**
 * What the sale's parts share: the repositories over one ledger, the engine's
 * payment front, the till's settings, one lock per sale, the view builder and
 * the settlement rule. Built once by SaleService (constructor injection: the
 * parts never build their collaborators).
 */
import type { PaymentView } from '../../../../shared/contract/schemas';
import type { SaleView } from '../../../../shared/contract/sale-schemas';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import type { CashRoundingStep, PricingSettings } from '../../../../shared/domain/pricing';
import type { Clock } from '../clock';
import type { Database } from '../ledger/open-ledger';
import type { DrawerRepository } from '../ledger/drawer-repository';
import type { PaymentRepository } from '../ledger/payment-repository';
import type { PaymentRow, SaleRow } from '../ledger/rows';
import type { SaleRepository } from '../ledger/sale-repository';
import type { Logger } from '../logger';
import { saleErrors } from './sale-errors';
import { saleViewOf } from './sale-view';
import type { TenderFacts } from './tender-state';

/** What a sale needs from the payment engine (PaymentService satisfies it). `actor` is a staff id. */
export interface SalePayments {
  prepareCharge(method: PaymentMethod): Promise<void>;
  chargeOrder(input: { orderId: string; method: PaymentMethod; amount: number; withinIntent: (row: PaymentRow) => void }, actor?: string): Promise<PaymentView>;
  get(id: string): PaymentView;
  cancel(id: string, actor?: string): Promise<PaymentView>;
  refund(id: string, amount?: number, reason?: string, actor?: string): Promise<PaymentView>;
  onUpdated(listener: (view: PaymentView) => void): () => void;
}

/** The till's sale settings (settings.json "sales", see settings/sales-settings.ts). */
export interface SaleSettings {
  tillId: string;
  pricing: PricingSettings;
  cashRounding: CashRoundingStep;
}

/** Runs one action per sale at a time; the next waits for the one before. */
export class SaleLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(saleId: string, fn: () => Promise<T> | T): Promise<T> {
    const before = this.tails.get(saleId) ?? Promise.resolve();
    const job = before.then(fn, fn);
    const tail = job.catch(() => {});
    this.tails.set(saleId, tail);
    void tail.then(() => {
      if (this.tails.get(saleId) === tail) this.tails.delete(saleId);
    });
    return job;
  }
}

/** The shared parts. */
export interface SaleContextDeps {
  db: Database;
  clock: Clock;
  sales: SaleRepository;
  drawer: DrawerRepository;
  orders: PaymentRepository;
  payments: SalePayments;
  settings: SaleSettings;
  logger: Logger;
  actorName: (actorId: string) => string | null;
  demo: boolean;
  /** Told after every change of a sale, once it is committed. */
  onChanged: (sale: SaleView) => void;
}

export class SaleContext {
  readonly locks = new SaleLocks();

  constructor(readonly deps: SaleContextDeps) {}

  /** The sale row; NOT_FOUND if unknown. */
  row(saleId: string): SaleRow {
    const row = this.deps.sales.byId(saleId);
    if (!row) throw saleErrors.notFound(saleId);
    return row;
  }

  /** The sale row, refused unless it is still open. */
  openRow(saleId: string): SaleRow {
    const row = this.row(saleId);
    if (row.status !== 'open') throw saleErrors.closed(saleId, row.status);
    return row;
  }

  /** Each tender with its payment's current status, straight from the ledger (safe inside a transaction). */
  facts(saleId: string): TenderFacts[] {
    return this.deps.sales.tenders(saleId).map((t) => {
      const p = this.deps.orders.byId(t.payment_id);
      if (!p) throw new Error(`tender ${t.payment_id} of sale ${saleId} has no payment`);
      return {
        paymentId: t.payment_id, method: p.method, status: p.status, applied: t.applied, rounding: t.rounding, change: t.change_given,
        abandoned: t.abandoned_at != null, lateDecision: t.late_decision ?? null,
      };
    });
  }

  /** The sale as the renderer sees it. */
  view(saleId: string): SaleView {
    return this.viewOf(this.row(saleId));
  }

  viewOf(sale: SaleRow): SaleView {
    const { sales, drawer, payments, settings, actorName, demo } = this.deps;
    return saleViewOf({
      sale,
      tenders: sales.tenders(sale.id).map((row) => ({ row, payment: payments.get(row.payment_id) })),
      movements: drawer.forSale(sale.id),
      step: settings.cashRounding,
      actorName,
      demo,
    });
  }

  /** Tells listeners (the event bus) the sale's current view; a failing listener is logged, never thrown. */
  changed(saleId: string): SaleView {
    const view = this.view(saleId);
    try {
      this.deps.onChanged(view);
    } catch (e) {
      this.deps.logger.warn('sale listener failed', { saleId, error: e });
    }
    return view;
  }
}
