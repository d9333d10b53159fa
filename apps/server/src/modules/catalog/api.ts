// The catalog module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  type CategoryNode,
  createMerchant,
  getCategoryPaths,
  getCategoryTree,
  getMerchantBriefs,
  getMerchantCreditScore,
  recordComputedCreditScore,
  delistForPenalty,
  listingsForPatrol,
  getOwnProduct,
  getProductBriefs,
  getProductSkus,
  getProductStock,
  getPublicProduct,
  setMerchantStatus,
} from './service.ts';
export { delistForExpiredQualification, relistAfterQualificationRenewal } from './qualification-listings.ts';
export {
  adjustSellableStock,
  listMerchantSkus,
  loadSkusForCheckout,
  releaseStock,
  reserveStock,
  type SkuSnapshot,
} from './stock.ts';
