// The after-sales module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  afterSaleBriefs,
  afterSaleSummary,
  type AfterSaleSummary,
  openAfterSalesOfBuyer,
  recentAfterSalesOfBuyer,
} from './summary.ts';
export { aftersalesPersonalData } from './personal-data.ts';
// The customer-service assistant explains the same rules and starts requests through the buyer's use-case.
export { checkNoReason, checkOrderStatus, noReasonDeadline, REASON_LABEL, STATUS_LABEL, TYPE_LABEL } from './rules.ts';
export { requestAfterSale } from './requests.ts';
export { listAfterSales } from './views.ts';
