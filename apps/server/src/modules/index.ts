import type { App } from '../platform/http.ts';
import type { Deps } from '../deps.ts';
import accountRoutes from './accounts/routes.ts';
import { initAccounts } from './accounts/events.ts';
import analyticsRoutes from './analytics/routes.ts';
import { startAnalytics, wireAnalytics } from './analytics/events.ts';
import discoveryRoutes from './discovery/routes.ts';
import { initDiscovery, wireDiscovery } from './discovery/events.ts';
import { initLifecycle, wireLifecycle } from './lifecycle/events.ts';
import lifecycleRoutes from './lifecycle/routes.ts';
import alertRoutes from './alerts/routes.ts';
import { initAlerts, wireAlerts } from './alerts/events.ts';
import { wireAttribution } from './attribution/events.ts';
import { wireAuthentication } from './authentication/events.ts';
import authenticationRoutes from './authentication/routes.ts';
import attributionRoutes from './attribution/routes.ts';
import moderationRoutes from './moderation/routes.ts';
import postAdminRoutes from './posts/admin-routes.ts';
import creatorRoutes from './posts/creator-routes.ts';
import { wirePosts } from './posts/events.ts';
import postRoutes from './posts/routes.ts';
import socialRoutes from './posts/social-routes.ts';
import { wireAfterSales } from './aftersales/events.ts';
import { wireAssistant } from './assistant/events.ts';
import afterSaleRoutes from './aftersales/routes.ts';
import experimentRoutes from './experiments/routes.ts';
import { wireCoupons } from './coupons/events.ts';
import couponRoutes from './coupons/routes.ts';
import { initCatalog, wire as wireCatalog } from './catalog/events.ts';
import catalogRoutes from './catalog/routes.ts';
import { wireCommunities } from './communities/events.ts';
import communityRoutes from './communities/routes.ts';
import { initCompliance } from './compliance/events.ts';
import complianceRoutes from './compliance/routes.ts';
import { wireLive } from './live/events.ts';
import { wireContent } from './content/events.ts';
import contentRoutes from './content/routes.ts';
import { wireCharity } from './charity/events.ts';
import charityRoutes from './charity/routes.ts';
import { wireFamily } from './family/events.ts';
import familyRoutes from './family/routes.ts';
import { wireLocal } from './local/events.ts';
import localRoutes from './local/routes.ts';
import liveConsoleRoutes from './live/console-routes.ts';
import liveInteractionRoutes from './live/interaction-routes.ts';
import liveRoutes from './live/routes.ts';
import { initDistribution, wireDistribution } from './distribution/events.ts';
import distributionRoutes from './distribution/routes.ts';
import { wireFlashSale } from './flashsale/events.ts';
import flashSaleRoutes from './flashsale/routes.ts';
import { wireBargain } from './bargain/events.ts';
import bargainRoutes from './bargain/routes.ts';
import { wireC2m } from './c2m/events.ts';
import c2mRoutes from './c2m/routes.ts';
import { wireGroupBuy } from './groupbuy/events.ts';
import groupBuyRoutes from './groupbuy/routes.ts';
import { wireInvitations } from './invitations/events.ts';
import invitationRoutes from './invitations/routes.ts';
import insightsRoutes from './insights/routes.ts';
import { wireLogistics } from './logistics/events.ts';
import logisticsRoutes from './logistics/routes.ts';
import mediaRoutes from './media/routes.ts';
import { initMembership, wireMembership } from './membership/events.ts';
import membershipRoutes from './membership/routes.ts';
import { initOrders, wireOrders } from './orders/events.ts';
import orderRoutes from './orders/routes.ts';
import { wireOpenPlatform } from './openplatform/events.ts';
import openPlatformRoutes from './openplatform/routes.ts';
import { wirePayments } from './payments/events.ts';
import paymentRoutes from './payments/routes.ts';
import transferRoutes from './payments/transfer-routes.ts';
import { initPoints, wirePoints } from './points/events.ts';
import pointsRoutes from './points/routes.ts';
import { startPrivacy, wirePrivacy } from './privacy/events.ts';
import privacyRoutes from './privacy/routes.ts';
import { initReviews, wireReviews } from './reviews/events.ts';
import reviewAppealRoutes from './reviews/appeal-routes.ts';
import reviewFlagRoutes from './reviews/flag-routes.ts';
import reviewRoutes from './reviews/routes.ts';
import { wireService } from './service/events.ts';
import serviceRoutes from './service/routes.ts';
import merchantStaffRoutes from './staff/merchant-routes.ts';
import staffRoutes from './staff/routes.ts';
import supplyRoutes from './supply/routes.ts';
import { wireSupply } from './supply/events.ts';
import systemRoutes from './system/routes.ts';
import transparencyRoutes from './transparency/routes.ts';
import { initTrust, wireTrust } from './trust/events.ts';
import trustRoutes from './trust/routes.ts';

export interface ModuleDef {
  name: string;
  routes?: (app: App) => Promise<void>;
  /** Subscribes to events and registers jobs. */
  wire?: (deps: Deps) => void;
  /** Runs once at start, after migrations (reference data such as the category tree). */
  init?: (deps: Deps) => Promise<void>;
  /** Background work of a serving process (main.ts starts it after listening); returns how to stop it. */
  start?: (deps: Deps) => () => void;
}

/** Every business capability, in the order they are wired. */
export const modules: ModuleDef[] = [
  { name: 'system', routes: systemRoutes },
  { name: 'accounts', routes: accountRoutes, init: initAccounts },
  { name: 'transparency', routes: transparencyRoutes },
  {
    name: 'staff',
    routes: async (app) => {
      await staffRoutes(app);
      await merchantStaffRoutes(app);
    },
  },
  { name: 'catalog', routes: catalogRoutes, wire: wireCatalog, init: initCatalog },
  { name: 'media', routes: mediaRoutes },
  { name: 'logistics', routes: logisticsRoutes, wire: wireLogistics },
  { name: 'orders', routes: orderRoutes, wire: wireOrders, init: initOrders },
  {
    name: 'payments',
    routes: async (app) => {
      await paymentRoutes(app);
      await transferRoutes(app);
    },
    wire: wirePayments,
  },
  { name: 'aftersales', routes: afterSaleRoutes, wire: wireAfterSales },
  { name: 'authentication', routes: authenticationRoutes, wire: wireAuthentication },
  {
    name: 'reviews',
    routes: async (app) => {
      await reviewRoutes(app);
      await reviewFlagRoutes(app);
      await reviewAppealRoutes(app);
    },
    wire: wireReviews,
    init: initReviews,
  },
  { name: 'coupons', routes: couponRoutes, wire: wireCoupons },
  { name: 'flashsale', routes: flashSaleRoutes, wire: wireFlashSale },
  { name: 'groupbuy', routes: groupBuyRoutes, wire: wireGroupBuy },
  { name: 'c2m', routes: c2mRoutes, wire: wireC2m },
  { name: 'bargain', routes: bargainRoutes, wire: wireBargain },
  { name: 'local', routes: localRoutes, wire: wireLocal },
  { name: 'content', routes: contentRoutes, wire: wireContent },
  { name: 'family', routes: familyRoutes, wire: wireFamily },
  { name: 'charity', routes: charityRoutes, wire: wireCharity },
  { name: 'invitations', routes: invitationRoutes, wire: wireInvitations },
  { name: 'distribution', routes: distributionRoutes, wire: wireDistribution, init: initDistribution },
  { name: 'compliance', routes: complianceRoutes, init: initCompliance },
  { name: 'moderation', routes: moderationRoutes },
  { name: 'attribution', routes: attributionRoutes, wire: wireAttribution },
  {
    name: 'posts',
    routes: async (app) => {
      await postRoutes(app);
      await socialRoutes(app);
      await creatorRoutes(app);
      await postAdminRoutes(app);
    },
    wire: wirePosts,
  },
  { name: 'communities', routes: communityRoutes, wire: wireCommunities },
  {
    name: 'live',
    routes: async (app) => {
      await liveRoutes(app);
      await liveConsoleRoutes(app);
      await liveInteractionRoutes(app);
    },
    wire: wireLive,
  },
  { name: 'trust', routes: trustRoutes, wire: wireTrust, init: initTrust },
  { name: 'points', routes: pointsRoutes, wire: wirePoints, init: initPoints },
  { name: 'membership', routes: membershipRoutes, wire: wireMembership, init: initMembership },
  { name: 'analytics', routes: analyticsRoutes, wire: wireAnalytics, start: startAnalytics },
  { name: 'experiments', routes: experimentRoutes },
  { name: 'lifecycle', routes: lifecycleRoutes, wire: wireLifecycle, init: initLifecycle },
  { name: 'insights', routes: insightsRoutes },
  { name: 'alerts', routes: alertRoutes, wire: wireAlerts, init: initAlerts },
  { name: 'discovery', routes: discoveryRoutes, wire: wireDiscovery, init: initDiscovery },
  { name: 'service', routes: serviceRoutes, wire: wireService },
  { name: 'privacy', routes: privacyRoutes, wire: wirePrivacy, start: startPrivacy },
  { name: 'assistant', wire: wireAssistant },
  { name: 'supply', routes: supplyRoutes, wire: wireSupply },
  { name: 'openplatform', routes: openPlatformRoutes, wire: wireOpenPlatform },
];
