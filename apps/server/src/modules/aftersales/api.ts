// The after-sales module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { afterSaleSummary, type AfterSaleSummary, openAfterSalesOfBuyer } from './summary.ts';
export { aftersalesPersonalData } from './personal-data.ts';
