import { accountsPersonalData } from '../accounts/api.ts';
import { aftersalesPersonalData } from '../aftersales/api.ts';
import { assistantPersonalData } from '../assistant/api.ts';
import { analyticsPersonalData } from '../analytics/api.ts';
import { attributionPersonalData } from '../attribution/api.ts';
import { authenticationPersonalData } from '../authentication/api.ts';
import { bargainPersonalData } from '../bargain/api.ts';
import { charityPersonalData } from '../charity/api.ts';
import { communitiesPersonalData } from '../communities/api.ts';
import { couponsPersonalData } from '../coupons/api.ts';
import { discoveryPersonalData } from '../discovery/api.ts';
import { distributionPersonalData } from '../distribution/api.ts';
import { flashsalePersonalData } from '../flashsale/api.ts';
import { c2mPersonalData } from '../c2m/api.ts';
import { contentPersonalData } from '../content/api.ts';
import { familyPersonalData } from '../family/api.ts';
import { groupbuyPersonalData } from '../groupbuy/api.ts';
import { invitationsPersonalData } from '../invitations/api.ts';
import { lifecyclePersonalData } from '../lifecycle/api.ts';
import { livePersonalData } from '../live/api.ts';
import { localPersonalData } from '../local/api.ts';
import { membershipPersonalData } from '../membership/api.ts';
import { moderationPersonalData } from '../moderation/api.ts';
import { openplatformPersonalData } from '../openplatform/api.ts';
import { ordersPersonalData } from '../orders/api.ts';
import { paymentsPersonalData } from '../payments/api.ts';
import { pointsPersonalData } from '../points/api.ts';
import { postsPersonalData } from '../posts/api.ts';
import { reviewsPersonalData } from '../reviews/api.ts';
import { staffPersonalData } from '../staff/api.ts';
import { servicePersonalData } from '../service/api.ts';
import { supplyPersonalData } from '../supply/api.ts';
import { trustPersonalData } from '../trust/api.ts';
import { privacyPersonalData } from './personal-data.ts';

/**
 * Every module's personal-data declaration, in erasure order: accounts last, so that a retried erasure still knows
 * the phone number and the sessions outlive everything that might need them; the privacy module's own rows just
 * before it. privacy.test.ts fails when a table with a person's id is missing from here.
 */
export const registry = [
  aftersalesPersonalData,
  assistantPersonalData,
  analyticsPersonalData,
  attributionPersonalData,
  authenticationPersonalData,
  bargainPersonalData,
  charityPersonalData,
  communitiesPersonalData,
  couponsPersonalData,
  discoveryPersonalData,
  distributionPersonalData,
  flashsalePersonalData,
  groupbuyPersonalData,
  c2mPersonalData,
  contentPersonalData,
  familyPersonalData,
  invitationsPersonalData,
  lifecyclePersonalData,
  livePersonalData,
  localPersonalData,
  membershipPersonalData,
  moderationPersonalData,
  openplatformPersonalData,
  ordersPersonalData,
  paymentsPersonalData,
  pointsPersonalData,
  postsPersonalData,
  reviewsPersonalData,
  staffPersonalData,
  servicePersonalData,
  supplyPersonalData,
  trustPersonalData,
  privacyPersonalData,
  accountsPersonalData,
];
