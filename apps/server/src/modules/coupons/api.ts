// The coupons module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { CheckoutCoupons, CouponIds } from './dto.ts';
export {
  activePrizeTemplates,
  type CheckoutCouponsDto,
  couponsForCheckout,
  ensureSystemTemplate,
  issueSystemCoupon,
  issueToUsers,
  lockCheckoutCoupons,
} from './service.ts';
