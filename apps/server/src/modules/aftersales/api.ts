// The after-sales module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  afterSaleBriefs,
  afterSaleSummary,
  type AfterSaleSummary,
  openAfterSalesOfBuyer,
  recentAfterSalesOfBuyer,
} from './summary.ts';
export { aftersalesPersonalData } from './personal-data.ts';
