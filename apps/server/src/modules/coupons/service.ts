// The coupons module's use-cases behind its routes and subscribers; orders prices and locks coupons through the
// checkout port that events.ts registers.

export { recordPaidOrder, releaseOrderCoupons } from './redemption.ts';
export {
  createTemplate,
  listTemplates,
  ownerOf,
  stopTemplate,
  type TemplateDto,
  type TemplateInput,
} from './templates.ts';
export { issueToUsers, type IssueInput, type IssueResultDto } from './targeting.ts';
export { activePrizeTemplates } from './prize-templates.ts';
export { claimCoupon, claimNewUserPack, getNewUserPack, listClaimCenter, listMyCoupons } from './wallet.ts';
export { ensureSystemTemplate, issueSystemCoupon, type SystemTemplateInput } from './system-templates.ts';
