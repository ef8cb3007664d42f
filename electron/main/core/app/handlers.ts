/**
 * The till's handlers: small functions that delegate to services. Validation
 * already happened in the router and access (access.ts) decided who may call;
 * each write passes the signed-in staff id on as its `actor`.
 */
import type { ChannelOutput, Channel } from '../../../../shared/contract/channels';
import type { DayClosing, DayCsv, DayReport, PaymentView, Product, CartItem } from '../../../../shared/contract/schemas';
import type { CatalogProduct, ProductInput } from '../../../../shared/contract/schemas';
import type { PaymentMethod } from '../../../../shared/domain/payment';
import { SECRET_NAMES } from '../../../../shared/domain/gateway';
import type { SecretStore } from '../secrets/secret-store';
import { checkCartAgainstCatalog } from '../catalog/cart-pricing';
import { actorIdOf, type AppHandlers } from './call-context';
import { catalogChange } from './catalog-change';

/** What the handlers need from the payment engine (PaymentService satisfies it). `actor` is a staff id. */
export interface PaymentsApi {
  get(id: string): PaymentView;
  list(limit: number): PaymentView[];
  cancel(id: string, actor: string): Promise<PaymentView>;
  refund(id: string, amount: number | undefined, reason: string | undefined, actor: string): Promise<PaymentView>;
}

/** What the handlers need for the Today screen (TodayReportService satisfies it). */
export interface TodayReportApi {
  report(): DayReport;
}

/** What the handlers need for closing the day (DayClosingService satisfies it). */
export interface DayClosingApi {
  closeDay(input: { day?: string; countedCash?: number; force?: boolean }, actor: string): DayClosing;
  /** `closeDay` after re-reading the day's payments that could still change at Midtrans. */
  closeDayAfterRecheck(input: { day?: string; countedCash?: number; force?: boolean }, actor: string): Promise<DayClosing>;
  closings(limit: number): DayClosing[];
  unclosedDays(): string[];
  exportCsv(day: string): DayCsv;
}

/** What the handlers need from the merchant's catalogue (CatalogService satisfies it). */
export interface CatalogApi {
  list(): Product[];
  all(): CatalogProduct[];
  save(input: ProductInput, actor: string): CatalogProduct;
  remove(sku: string, actor: string): CatalogProduct;
}

/** What the handlers need for thermal receipts (ReceiptService satisfies it). */
export interface ReceiptsApi {
  print(paymentId: string, language: 'id' | 'en'): Promise<ChannelOutput<'receipts.print'>>;
}

/** The one-tender shortcut of `payments.create` (SaleService satisfies it): a new sale and one tender of the whole. */
export interface QuickSaleApi {
  quickSale(input: { items: CartItem[]; method: PaymentMethod }, actor: string): Promise<PaymentView>;
}

/** What the handlers need for ledger backups (BackupService satisfies it). */
export interface BackupsApi {
  readonly dir: string;
  backupNow(reason: string): Promise<{ name: string; takenAt: string; schemaVersion: number; bytes: number; pruned: string[] }>;
}

export interface HandlerDeps {
  info: () => ChannelOutput<'app.info'>;
  /** Whether Midtrans answers (gateway/connection-monitor.ts). */
  connection: () => ChannelOutput<'app.connection'>;
  /** Remembers the UI language (UiPrefsStore satisfies it): `app.setLanguage`. */
  uiPrefs: { setLanguage(language: 'id' | 'en'): 'id' | 'en' };
  backups: BackupsApi;
  catalog: CatalogApi;
  payments: PaymentsApi;
  /** `payments.create` rings up a sale through the sale service. */
  sales: QuickSaleApi;
  todayReport: TodayReportApi;
  dayClosing: DayClosingApi;
  secrets: SecretStore;
  receipts: ReceiptsApi;
}

/** The channels these handlers answer. */
export type TillChannel = Exclude<
  Channel,
  `session.${string}` | `staff.${string}` | `owner.${string}` | `audit.${string}` | `sales.${string}` | 'drawer.open'
>;

/** The till's handler table. */
export function createTillHandlers(deps: HandlerDeps): AppHandlers<TillChannel> {
  return {
    'app.info': () => deps.info(),
    'app.connection': () => deps.connection(),
    'app.setLanguage': ({ language }) => ({ language: deps.uiPrefs.setLanguage(language) }),
    'catalog.list': () => deps.catalog.list(),
    'catalog.all': () => deps.catalog.all(),
    'catalog.save': (input, ctx) => {
      const before = deps.catalog.all().find((p) => p.sku === input.sku) ?? null;
      const after = deps.catalog.save(input, actorIdOf(ctx));
      ctx.note({ details: catalogChange(before, after) });
      return after;
    },
    'catalog.remove': ({ sku }, ctx) => {
      const before = deps.catalog.all().find((p) => p.sku === sku) ?? null;
      const after = deps.catalog.remove(sku, actorIdOf(ctx));
      ctx.note({ details: catalogChange(before, after) });
      return after;
    },
    // The one-tender shortcut: a new sale with these lines (checked against the catalogue) and one tender of the whole.
    'payments.create': ({ items, method }, ctx) => {
      const checked = checkCartAgainstCatalog(items, deps.catalog.list());
      return deps.sales.quickSale({ items: checked, method }, actorIdOf(ctx));
    },
    'payments.get': ({ id }) => deps.payments.get(id),
    'payments.list': (input) => deps.payments.list(input?.limit ?? 50),
    'payments.cancel': ({ id }, ctx) => deps.payments.cancel(id, actorIdOf(ctx)),
    'payments.refund': async ({ id, amount, reason }, ctx) => {
      const refunded = await deps.payments.refund(id, amount, reason, actorIdOf(ctx));
      ctx.note({ details: { amount: amount ?? null, refundedAmount: refunded.refundedAmount } });
      return refunded;
    },
    'reports.today': () => deps.todayReport.report(),
    'reports.closeDay': async (input, ctx) => {
      const closing = await deps.dayClosing.closeDayAfterRecheck(input ?? {}, actorIdOf(ctx));
      ctx.note({ target: closing.day, details: { day: closing.day, countedCash: closing.countedCash, forced: closing.forced } });
      // A closed day is a natural restore point; the Z-report does not wait for the copy (the service logs its own failures).
      void deps.backups.backupNow('day-close').catch(() => {});
      return closing;
    },
    'reports.closings': (input) => deps.dayClosing.closings(input?.limit ?? 30),
    'reports.unclosedDays': () => deps.dayClosing.unclosedDays(),
    'reports.exportCsv': ({ day }) => deps.dayClosing.exportCsv(day),
    'receipts.print': ({ id, language }) => deps.receipts.print(id, language),
    'settings.backupNow': async (_input, ctx) => {
      const copy = await deps.backups.backupNow('manual');
      ctx.note({ details: { name: copy.name, bytes: copy.bytes, pruned: copy.pruned.length } });
      return { name: copy.name, dir: deps.backups.dir, takenAt: copy.takenAt, schemaVersion: copy.schemaVersion, bytes: copy.bytes, pruned: copy.pruned.length };
    },
    'settings.secrets': async ({ env }) =>
      Promise.all(SECRET_NAMES.map(async (name) => ({ name, status: await deps.secrets.status(env, name) }))),
    'settings.setSecret': async ({ env, name, value }, ctx) => {
      await deps.secrets.set(env, name, value);
      ctx.note({ details: { env, name } });
      return deps.secrets.status(env, name);
    },
  };
}
