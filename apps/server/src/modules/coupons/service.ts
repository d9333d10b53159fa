// The coupons module's public surface (docs/CONTRACTS.md): orders prices and locks coupons through the first
// three; the rest are the use-cases behind the routes.

export {
  type CheckoutCoupons,
  type CheckoutCouponsDto,
  type CouponOptionDto,
  couponsForCheckout,
  lockCheckoutCoupons,
  recordPaidOrder,
  releaseOrderCoupons,
} from './redemption.ts';
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
