// The orders module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  type CheckoutCouponsOffer,
  type CheckoutLoyaltyOffer,
  provideCheckoutCoupons,
  provideCheckoutLoyalty,
  provideShipHoldRule,
} from './checkout-ports.ts';
export { deliveryPointOfOrder } from './address-seal.ts';
export { completeRedeemedOrder, forwardHeldOrder, recordExchangeShipment } from './fulfilment.ts';
export {
  type CampaignBaseDto,
  campaignSku,
  countsByCampaign,
  campaignViews,
  campaignWindowProblem,
  isCampaignLive,
  staffCampaignScope,
} from './campaign-base.ts';
export {
  CampaignBase,
  CampaignId,
  CampaignOrderBody,
  campaignPage,
  CampaignPaging,
  CampaignQuoteBody,
  NewCampaignFields,
} from './campaign-dto.ts';
export { linesOfOrders, orderBriefs, recentOrdersOfBuyer } from './buyer-briefs.ts';
export { openOrdersOfBuyer, ordersAwaitingShipment } from './counts.ts';
export { Quote, ShipInput } from './dto.ts';
export type { AppliedDiscount, MemberDiscountHook, MerchantItems, PointsHook } from './pricing.ts';
export {
  type CampaignTerms,
  cancelUnpaidCampaignOrder,
  getCheckoutForPayment,
  getLineForReview,
  getOrderForAfterSale,
  hasPaidOrder,
  type LineForReview,
  markCheckoutPaid,
  nextOrderNos,
  orderNosOf,
  placeCampaignOrders,
  placeOrder,
  quoteCheckout,
  recordFullRefund,
  recordRefund,
  releaseShipHold,
  setAfterSaleOpen,
} from './service.ts';
export { ordersPersonalData } from './personal-data.ts';
// The customer-service assistant acts as the buyer through the buyer's own use-cases.
export { cancelOrder, changeOrderAddress, getMyOrder, listMyOrders, previewOrderAddressChange } from './service.ts';
export type { OrderDetailDto, OrderSummaryDto } from './views.ts';
