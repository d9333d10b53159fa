// The browser journeys, in the order run.ts runs them; later ones continue from what earlier ones left in world.shared.
import type { Journey } from '../harness.ts';
import { consumerBuys } from './1-consumer-buys.ts';
import { shipAndReview } from './2-ship-and-review.ts';
import { exchange } from './2b-exchange.ts';
import { noReasonReturn } from './3-no-reason-return.ts';
import { accessibility } from './4-accessibility.ts';
import { groupBuy } from './5-group-buy.ts';
import { postToPurchase } from './6-post-to-purchase.ts';
import { couponsAndPoints } from './7-coupons-points.ts';
import { liveRoom } from './8-live-room.ts';
import { behaviourEvents } from './16-behaviour-events.ts';
import { lifecycle } from './12-lifecycle.ts';
import { contentSecurityPolicy } from './14-content-security-policy.ts';
import { abExperiment } from './11-ab-experiment.ts';
import { firstImpression } from './9-first-impression.ts';
import { operatorDashboard } from './10-operator-dashboard.ts';
import { anomalyAlerts } from './13-anomaly-alerts.ts';
import { discoveryFeed } from './17-discovery-feed.ts';
import { privacyRights } from './18-privacy-rights.ts';
import { merchantAdmission } from './21-merchant-admission.ts';
import { complaintCompensation } from './22-complaint-compensation.ts';
import { trustTransparency } from './23-trust-transparency.ts';
import { searchOperations } from './19-search-operations.ts';
import { staffAccess } from './24-staff-access.ts';
import { customerService } from './25-customer-service.ts';
import { authentication } from './26-authentication.ts';
import { localLife } from './27-local-life.ts';
import { openPlatform } from './28-open-platform.ts';
import { supplyTrace } from './30-supply-trace.ts';
import { familyPay } from './31-family-pay.ts';
import { elderMode } from './32-elder-mode.ts';
import { paidContent } from './33-paid-content.ts';
import { reviewAppeal } from './46-review-appeal.ts';

export const journeys: Journey[] = [
  // First: it checks what a newcomer sees on a fresh start, before other journeys change the demo world.
  firstImpression,
  consumerBuys,
  shipAndReview,
  exchange,
  noReasonReturn,
  accessibility,
  groupBuy,
  postToPurchase,
  couponsAndPoints,
  liveRoom,
  operatorDashboard,
  abExperiment,
  lifecycle,
  anomalyAlerts,
  contentSecurityPolicy,
  behaviourEvents,
  discoveryFeed,
  searchOperations,
  // It erases an account (its own, signed up for the purpose), so it comes after the journeys that shop.
  privacyRights,
  // The demo merchant's credit drops here (a 先行赔付 and an upheld complaint), so no earlier journey sees it.
  complaintCompensation,
  // A 客服 is invited and audited; nothing later depends on it.
  staffAccess,
  customerService,
  trustTransparency,
  reviewAppeal,
  authentication,
  localLife,
  openPlatform,
  supplyTrace,
  familyPay,
  // Switches 关怀模式 on and off again for the demo consumer, so later journeys see the normal shop.
  elderMode,
  paidContent,
  // Last: the demo consumer becomes a shop owner, which no earlier journey expects.
  merchantAdmission,
];
