// The coupons module's use-cases behind its routes and subscribers; orders prices and locks coupons through the
// checkout port that events.ts registers.

export { createTemplate, listTemplates, ownerOf, stopTemplate, type TemplateInput } from './templates.ts';
export { issueToUsers } from './targeting.ts';
export { activePrizeTemplates } from './prize-templates.ts';
export { claimCoupon, claimNewUserPack, getNewUserPack, listClaimCenter, listMyCoupons } from './wallet.ts';
export { ensureSystemTemplate, issueSystemCoupon } from './system-templates.ts';
