/** The ledger: SQLite open/migrate, repositories and sales queries. */
export { checkLedgerIntact, closedUncleanly, openLedger, migrate, schemaVersion, type Database, type IntegrityCheckPolicy, type LedgerOptions } from './open-ledger';
export { LedgerMigrationError, LedgerTooNewError } from './ledger-errors';
export { MIGRATIONS, type MigrationStep } from './migrations';
export {
  DOMAIN_EVENT_TYPES,
  LedgerWriter,
  OutboxDomainEvents,
  OutboxReader,
  type DomainEvent,
  type DomainEvents,
  type DomainEventType,
  type OutboxRow,
} from './domain-events';
export {
  GATEWAY_APIS,
  LEDGER_VOCABULARY,
  LedgerValueError,
  DRAWER_MOVEMENT_KINDS,
  REFUND_STATUSES,
  SALE_STATUSES,
  TILL_ACTOR_ID,
  VocabularyGuard,
  type LedgerVocabulary,
  type DrawerMovementKind,
  type RefundStatus,
  type SaleStatus,
} from './vocabulary';
export { PaymentRepository, SNAP_BI_ORDER_ID_MAX, type PaymentDetails, type PaymentStateWrite } from './payment-repository';
export { EventRepository, type EventNote, type NewPaymentEvent } from './event-repository';
export { RefundRepository } from './refund-repository';
export { SaleRepository, type SaleListQuery, type SalePricingWrite } from './sale-repository';
export { DrawerRepository } from './drawer-repository';
export { SalesQueries, type SalesTotals } from './sales-queries';
export { ClosingRepository, type DayClosingRow, type NewDayClosingRow } from './closing-repository';
export { ProductRepository, type NewProductRow, type ProductRow, type ProductWrite } from './product-repository';
export type {
  DrawerMovementRow,
  NewDrawerMovementRow,
  NewOrderRow,
  NewPaymentRow,
  NewSaleRow,
  OrderRow,
  OrderItemRow,
  PaymentRow,
  PaymentEventRow,
  RefundRow,
  SaleRow,
  SaleTenderRow,
} from './rows';
