// The coupons module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { activePrizeTemplates, ensureSystemTemplate, issueSystemCoupon, issueToUsers } from './service.ts';
export { couponsPersonalData } from './personal-data.ts';
export { listMyCoupons } from './wallet.ts';
