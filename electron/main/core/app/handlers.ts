/**
 * The contract's handler table: small functions that delegate to services.
 * Validation already happened in the router; handlers trust their input types.
 */
import type { Handlers } from '../../../../shared/contract/router';
import type { ChannelOutput } from '../../../../shared/contract/channels';
import type { DayClosing, DayCsv, DayReport, PaymentView, Product, CartItem } from '../../../../shared/contract/schemas';
import type { CatalogProduct, ProductInput } from '../../../../shared/contract/schemas';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { SECRET_NAMES } from '../../../../shared/domain/gateway';
import type { SecretStore } from '../secrets/secret-store';
import { checkCartAgainstCatalog } from '../catalog/cart-pricing';

/** What the handlers need from the payment engine (PaymentService satisfies it). */
export interface PaymentsApi {
  create(input: { items: CartItem[]; method: PaymentMethod }): Promise<PaymentView>;
  get(id: string): PaymentView;
  list(limit: number): PaymentView[];
  cancel(id: string): Promise<PaymentView>;
  refund(id: string, amount?: number, reason?: string): Promise<PaymentView>;
}

/** What the handlers need for the Today screen (TodayReportService satisfies it). */
export interface TodayReportApi {
  report(): DayReport;
}

/** What the handlers need for closing the day (DayClosingService satisfies it). */
export interface DayClosingApi {
  closeDay(input: { day?: string; countedCash?: number; force?: boolean }): DayClosing;
  closings(limit: number): DayClosing[];
  unclosedDays(): string[];
  exportCsv(day: string): DayCsv;
}

/** What the handlers need from the merchant's catalogue (CatalogService satisfies it). */
export interface CatalogApi {
  list(): Product[];
  all(): CatalogProduct[];
  save(input: ProductInput): CatalogProduct;
  remove(sku: string): CatalogProduct;
}

/** What the handlers need for thermal receipts (ReceiptService satisfies it). */
export interface ReceiptsApi {
  print(paymentId: string, language: 'id' | 'en'): Promise<ChannelOutput<'receipts.print'>>;
}

export interface HandlerDeps {
  info: () => ChannelOutput<'app.info'>;
  catalog: CatalogApi;
  payments: PaymentsApi;
  todayReport: TodayReportApi;
  dayClosing: DayClosingApi;
  secrets: SecretStore;
  receipts: ReceiptsApi;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app.info': () => deps.info(),
    'catalog.list': () => deps.catalog.list(),
    'catalog.all': () => deps.catalog.all(),
    'catalog.save': (input) => deps.catalog.save(input),
    'catalog.remove': ({ sku }) => deps.catalog.remove(sku),
    'payments.create': ({ items, method }) =>
      deps.payments.create({ items: checkCartAgainstCatalog(items, deps.catalog.list()), method }),
    'payments.get': ({ id }) => deps.payments.get(id),
    'payments.list': (input) => deps.payments.list(input?.limit ?? 50),
    'payments.cancel': ({ id }) => deps.payments.cancel(id),
    'payments.refund': ({ id, amount, reason }) => deps.payments.refund(id, amount, reason),
    'reports.today': () => deps.todayReport.report(),
    'reports.closeDay': (input) => deps.dayClosing.closeDay(input ?? {}),
    'reports.closings': (input) => deps.dayClosing.closings(input?.limit ?? 30),
    'reports.unclosedDays': () => deps.dayClosing.unclosedDays(),
    'reports.exportCsv': ({ day }) => deps.dayClosing.exportCsv(day),
    'receipts.print': ({ id, language }) => deps.receipts.print(id, language),
    'settings.secrets': async ({ env }) =>
      Promise.all(SECRET_NAMES.map(async (name) => ({ name, status: await deps.secrets.status(env, name) }))),
    'settings.setSecret': async ({ env, name, value }) => {
      await deps.secrets.set(env, name, value);
      return deps.secrets.status(env, name);
    },
  };
}
