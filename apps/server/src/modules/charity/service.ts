// The charity-products module's use-cases (docs/POINTS.md "Charity products"): pledges, donations, ledger views.
export { getProductPledge, publicProductPledge, removeProductPledge, setProductPledge } from './pledges.ts';
export { myCertificate, myOrderCertificates, projectMoneyTotals, projectSalesLedger } from './views.ts';
