/** The ledger: SQLite open/migrate, repositories and sales queries. */
export { openLedger, migrate, schemaVersion, type Database, type LedgerOptions } from './open-ledger';
export { MIGRATIONS, REFUND_STATUSES, type RefundStatus } from './migrations';
export { PaymentRepository, type PaymentDetails, type PaymentStateWrite } from './payment-repository';
export { EventRepository, type EventNote, type NewPaymentEvent } from './event-repository';
export { RefundRepository } from './refund-repository';
export { SalesQueries, type SalesTotals } from './sales-queries';
export { ClosingRepository, type DayClosingRow } from './closing-repository';
export { ProductRepository, type ProductRow, type ProductWrite } from './product-repository';
export type { OrderRow, OrderItemRow, PaymentRow, PaymentEventRow, RefundRow } from './rows';
