/** The sale, owned by main (issue 10): see README.md. */
export { SaleService, type LinesRequest, type SaleServiceDeps } from './sale-service';
export { DrawerOpening, type DrawerCaller, type DrawerOpeningDeps } from './drawer-opening';
export { SALE_ORIGINS, type SaleCatalog, type SaleOrigin, type LineRequest } from './sale-draft';
export type { SalePayments, SaleSettings } from './sale-context';
export type { TenderRequest } from './sale-tenders';
export type { DrawerRefundRequest } from './sale-returns';
export { formatReceiptNo } from './sale-view';
export { planCash, planElectronic, partOf, type CashPlan, type ElectronicPlan } from './tender-plan';
export { tenderCounts, saleTotals, isSettled, isEditable, type TenderCounts, type TenderFacts, type SaleTotals } from './tender-state';
