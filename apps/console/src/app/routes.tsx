import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { PageSkeleton } from '../components/PageSkeleton.tsx';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { isOperator, isStaff, useMe } from './session.ts';
import { Forbidden, NotFound, ServerUnavailable } from './Fallbacks.tsx';
import { MERCHANT_HOMES, mayOpenMerchant, RequireMerchantPage, useMembership } from './merchantAccess.tsx';
import { mayOpen, RequireStaffPage, useStaffMe } from './staffAccess.tsx';

const LoginPage = lazy(() => import('../pages/auth/LoginPage.tsx'));
const DashboardPage = lazy(() => import('../pages/merchant/DashboardPage.tsx'));
const ProductsPage = lazy(() => import('../pages/merchant/ProductsPage.tsx'));
const ProductEditPage = lazy(() => import('../pages/merchant/ProductEditPage.tsx'));
const ProductModerationPage = lazy(() => import('../pages/merchant/ProductModerationPage.tsx'));
const MerchantOrdersPage = lazy(() => import('../pages/merchant/OrdersPage.tsx'));
const ShippingTemplatesPage = lazy(() => import('../pages/merchant/ShippingTemplatesPage.tsx'));
const DataSheetsPage = lazy(() => import('../pages/merchant/DataSheetsPage.tsx'));
const MerchantOrderDetailPage = lazy(() => import('../pages/merchant/OrderDetailPage.tsx'));
const AfterSalesPage = lazy(() => import('../pages/merchant/AfterSalesPage.tsx'));
const AfterSaleDetailPage = lazy(() => import('../pages/merchant/AfterSaleDetailPage.tsx'));
const ReviewsPage = lazy(() => import('../pages/merchant/ReviewsPage.tsx'));
const OpenPlatformPage = lazy(() => import('../pages/merchant/openplatform/OpenPlatformPage.tsx'));
const WebhookDetailPage = lazy(() => import('../pages/merchant/openplatform/WebhookDetailPage.tsx'));
const FinancePage = lazy(() => import('../pages/merchant/FinancePage.tsx'));
const FlashSalesPage = lazy(() => import('../pages/merchant/FlashSalesPage.tsx'));
const FlashSaleNewPage = lazy(() => import('../pages/merchant/FlashSaleNewPage.tsx'));
const FlashSaleMonitorPage = lazy(() => import('../pages/merchant/FlashSaleMonitorPage.tsx'));
const CouponTemplatesPage = lazy(() => import('../pages/shared/coupons/CouponTemplatesPage.tsx'));
const GroupBuyCampaignsPage = lazy(() => import('../pages/merchant/GroupBuyCampaignsPage.tsx'));
const C2mPage = lazy(() => import('../pages/merchant/c2m/C2mPage.tsx'));
const PlatformPresalesPage = lazy(() => import('../pages/merchant/c2m/PlatformPresalesPage.tsx'));
const StoresPage = lazy(() => import('../pages/merchant/local/StoresPage.tsx'));
const RedeemPage = lazy(() => import('../pages/merchant/local/RedeemPage.tsx'));
const MerchantCoursesPage = lazy(() => import('../pages/merchant/content/CoursesPage.tsx'));
const CommunitiesPage = lazy(() => import('../pages/merchant/CommunitiesPage.tsx'));
const CommunityManagePage = lazy(() => import('../pages/merchant/CommunityManagePage.tsx'));
const MerchantsPage = lazy(() => import('../pages/platform/MerchantsPage.tsx'));
const AdminOrdersPage = lazy(() => import('../pages/platform/AdminOrdersPage.tsx'));
const AdminOrderDetailPage = lazy(() => import('../pages/platform/AdminOrderDetailPage.tsx'));
const EscalatedAfterSalesPage = lazy(() => import('../pages/platform/EscalatedAfterSalesPage.tsx'));
const EscalatedAfterSaleDetailPage = lazy(() => import('../pages/platform/EscalatedAfterSaleDetailPage.tsx'));
const ReconciliationPage = lazy(() => import('../pages/platform/ReconciliationPage.tsx'));
const ExperimentsPage = lazy(() => import('../pages/platform/experiments/ExperimentsPage.tsx'));
const ExperimentResultsPage = lazy(() => import('../pages/platform/experiments/ExperimentResultsPage.tsx'));
const AlertsPage = lazy(() => import('../pages/platform/AlertsPage.tsx'));
const SearchInsightsPage = lazy(() => import('../pages/platform/SearchInsightsPage.tsx'));
const SearchWordsPage = lazy(() => import('../pages/platform/SearchWordsPage.tsx'));
const AdLexiconPage = lazy(() => import('../pages/platform/AdLexiconPage.tsx'));
const AlertDetailPage = lazy(() => import('../pages/platform/AlertDetailPage.tsx'));
const CommissionRulesPage = lazy(() => import('../pages/shared/distribution/CommissionRulesPage.tsx'));
const LifecyclePage = lazy(() => import('../pages/shared/lifecycle/LifecyclePage.tsx'));
const DistributionStatsPage = lazy(() => import('../pages/shared/distribution/DistributionStatsPage.tsx'));
const FissionReportPage = lazy(() => import('../pages/shared/distribution/FissionReportPage.tsx'));
const ContentModerationPage = lazy(() => import('../pages/platform/ContentModerationPage.tsx'));
const ReviewFlagsPage = lazy(() => import('../pages/platform/ReviewFlagsPage.tsx'));
const ReviewAppealsPage = lazy(() => import('../pages/platform/ReviewAppealsPage.tsx'));
const ContentPostsPage = lazy(() => import('../pages/platform/ContentPostsPage.tsx'));
const PartnershipsPage = lazy(() => import('../pages/merchant/PartnershipsPage.tsx'));
const SuppliersPage = lazy(() => import('../pages/merchant/supply/SuppliersPage.tsx'));
const PurchaseOrdersPage = lazy(() => import('../pages/merchant/supply/PurchaseOrdersPage.tsx'));
const WarehousesPage = lazy(() => import('../pages/merchant/supply/WarehousesPage.tsx'));
const ForecastPage = lazy(() => import('../pages/merchant/supply/ForecastPage.tsx'));
const SupplyRiskPage = lazy(() => import('../pages/platform/SupplyRiskPage.tsx'));
const ChallengesPage = lazy(() => import('../pages/platform/ChallengesPage.tsx'));
const CreatorCentrePage = lazy(() => import('../pages/creator/CreatorCentrePage.tsx'));
const PointsStatsPage = lazy(() => import('../pages/platform/points/PointsStatsPage.tsx'));
const MemberDayPage = lazy(() => import('../pages/platform/points/MemberDayPage.tsx'));
const PointsMallAdminPage = lazy(() => import('../pages/platform/points/PointsMallAdminPage.tsx'));
const CharityProjectsPage = lazy(() => import('../pages/platform/points/CharityProjectsPage.tsx'));
const LiveSessionsPage = lazy(() => import('../pages/merchant/live/LiveSessionsPage.tsx'));
const LiveSessionNewPage = lazy(() => import('../pages/merchant/live/LiveSessionNewPage.tsx'));
const LiveQualificationPage = lazy(() => import('../pages/merchant/live/LiveQualificationPage.tsx'));
const LiveControlPage = lazy(() => import('../pages/merchant/live/LiveControlPage.tsx'));
const LiveDashboardPage = lazy(() => import('../pages/merchant/live/LiveDashboardPage.tsx'));
const BigScreenPage = lazy(() => import('../pages/insights/BigScreenPage.tsx'));
const AnalysisPage = lazy(() => import('../pages/insights/AnalysisPage.tsx'));
const LiveReportPage = lazy(() => import('../pages/merchant/live/LiveReportPage.tsx'));
const MerchantApplyPage = lazy(() => import('../pages/trust/MerchantApplyPage.tsx'));
const MerchantApplicationsPage = lazy(() => import('../pages/trust/MerchantApplicationsPage.tsx'));
const MerchantDepositPage = lazy(() => import('../pages/trust/MerchantDepositPage.tsx'));
const MerchantCreditPage = lazy(() => import('../pages/trust/MerchantCreditPage.tsx'));
const MerchantQualificationsPage = lazy(() => import('../pages/trust/MerchantQualificationsPage.tsx'));
const QualificationRenewalsPage = lazy(() => import('../pages/trust/QualificationRenewalsPage.tsx'));
const MerchantComplaintsPage = lazy(() => import('../pages/trust/MerchantComplaintsPage.tsx'));
const ComplaintsPage = lazy(() => import('../pages/trust/ComplaintsPage.tsx'));
const ClaimsPage = lazy(() => import('../pages/trust/ClaimsPage.tsx'));
const StuckTransfersPage = lazy(() => import('../pages/platform/StuckTransfersPage.tsx'));
const AuthenticationPage = lazy(() => import('../pages/trust/AuthenticationPage.tsx'));
const PatrolFindingsPage = lazy(() => import('../pages/trust/PatrolFindingsPage.tsx'));
const StaffPage = lazy(() => import('../pages/platform/staff/StaffPage.tsx'));
const ShopStaffPage = lazy(() => import('../pages/merchant/ShopStaffPage.tsx'));
const AccessLogPage = lazy(() => import('../pages/platform/staff/AccessLogPage.tsx'));
const PlatformKeysPage = lazy(() => import('../pages/platform/openplatform/PlatformKeysPage.tsx'));
const UserLookupPage = lazy(() => import('../pages/platform/staff/UserLookupPage.tsx'));
const TwoStepPage = lazy(() => import('../pages/platform/staff/TwoStepPage.tsx'));
const ServiceDeskPage = lazy(() => import('../pages/shared/service/ServiceDeskPage.tsx'));
const ServiceMetricsPage = lazy(() => import('../pages/shared/service/ServiceMetricsPage.tsx'));

function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton full />;
  if (me.isError) return <ServerUnavailable error={me.error} retry={() => void me.refetch()} />;
  if (me.data === null) {
    const from = location.pathname + location.search;
    return <Navigate to={`/login${from && from !== '/' ? `?from=${encodeURIComponent(from)}` : ''}`} replace />;
  }
  return children;
}

function RequireRole({ role, children }: { role: 'merchant' | 'operator'; children: ReactNode }) {
  const { data: me } = useMe();
  const allowed = role === 'merchant' ? isStaff(me) : isOperator(me);
  if (!allowed) return <Forbidden />;
  return role === 'operator' ? (
    <RequireStaffPage>{children}</RequireStaffPage>
  ) : (
    <RequireMerchantPage>{children}</RequireMerchantPage>
  );
}

/** Merchant staff land on the first page their role in the shop opens (经营概览 for owners and managers). */
function MerchantHome() {
  const membership = useMembership();
  const first = MERCHANT_HOMES.find((p) => mayOpenMerchant(membership, p));
  return <Navigate to={first ?? '/merchant/reviews'} replace />;
}

/** Platform staff land on the first page their role opens (商家管理 for a super-admin). */
function StaffHome() {
  const staff = useStaffMe();
  if (staff.isPending) return <PageSkeleton />;
  const first = PLATFORM_HOMES.find((p) => mayOpen(staff.data, p));
  return <Navigate to={first ?? '/creator'} replace />;
}
const PLATFORM_HOMES = ['/platform/merchants', '/platform/orders', '/platform/insights/realtime', '/platform/alerts'];

/** Merchant staff land on their dashboard, operators on the merchant list; someone with both starts as a merchant. */
function Home() {
  const { data: me } = useMe();
  if (isStaff(me)) return <MerchantHome />;
  if (isOperator(me)) return <StaffHome />;
  // Everyone else who signs in here is a creator: their post and sales data.
  return <Navigate to="/creator" replace />;
}

const page = (el: ReactNode) => <Suspense fallback={<PageSkeleton />}>{el}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={page(<LoginPage />)} />
      <Route
        element={
          <RequireSession>
            <ConsoleLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route
          path="merchant/dashboard"
          element={<RequireRole role="merchant">{page(<DashboardPage />)}</RequireRole>}
        />
        <Route path="merchant/products" element={<RequireRole role="merchant">{page(<ProductsPage />)}</RequireRole>} />
        <Route
          path="merchant/product-moderation"
          element={<RequireRole role="merchant">{page(<ProductModerationPage />)}</RequireRole>}
        />
        <Route
          path="merchant/products/new"
          element={<RequireRole role="merchant">{page(<ProductEditPage />)}</RequireRole>}
        />
        <Route
          path="merchant/products/:productId"
          element={<RequireRole role="merchant">{page(<ProductEditPage />)}</RequireRole>}
        />
        <Route
          path="merchant/orders"
          element={<RequireRole role="merchant">{page(<MerchantOrdersPage />)}</RequireRole>}
        />
        <Route
          path="merchant/shipping-templates"
          element={<RequireRole role="merchant">{page(<ShippingTemplatesPage />)}</RequireRole>}
        />
        <Route
          path="merchant/data-sheets"
          element={<RequireRole role="merchant">{page(<DataSheetsPage />)}</RequireRole>}
        />
        <Route
          path="merchant/orders/:orderId"
          element={<RequireRole role="merchant">{page(<MerchantOrderDetailPage />)}</RequireRole>}
        />
        <Route
          path="merchant/after-sales"
          element={<RequireRole role="merchant">{page(<AfterSalesPage />)}</RequireRole>}
        />
        <Route
          path="merchant/after-sales/:afterSaleId"
          element={<RequireRole role="merchant">{page(<AfterSaleDetailPage />)}</RequireRole>}
        />
        <Route path="merchant/reviews" element={<RequireRole role="merchant">{page(<ReviewsPage />)}</RequireRole>} />
        <Route
          path="merchant/open-platform"
          element={<RequireRole role="merchant">{page(<OpenPlatformPage />)}</RequireRole>}
        />
        <Route
          path="merchant/open-platform/webhooks/:id"
          element={<RequireRole role="merchant">{page(<WebhookDetailPage />)}</RequireRole>}
        />
        <Route
          path="merchant/service"
          element={<RequireRole role="merchant">{page(<ServiceDeskPage desk="shop" />)}</RequireRole>}
        />
        <Route
          path="merchant/service/metrics"
          element={<RequireRole role="merchant">{page(<ServiceMetricsPage desk="shop" />)}</RequireRole>}
        />
        <Route
          path="merchant/communities"
          element={<RequireRole role="merchant">{page(<CommunitiesPage />)}</RequireRole>}
        />
        <Route
          path="merchant/communities/:communityId"
          element={<RequireRole role="merchant">{page(<CommunityManagePage />)}</RequireRole>}
        />
        <Route path="merchant/finance" element={<RequireRole role="merchant">{page(<FinancePage />)}</RequireRole>} />
        <Route
          path="merchant/group-buys"
          element={<RequireRole role="merchant">{page(<GroupBuyCampaignsPage />)}</RequireRole>}
        />
        <Route path="merchant/stores" element={<RequireRole role="merchant">{page(<StoresPage />)}</RequireRole>} />
        <Route path="merchant/redeem" element={<RequireRole role="merchant">{page(<RedeemPage />)}</RequireRole>} />
        <Route path="merchant/c2m" element={<RequireRole role="merchant">{page(<C2mPage />)}</RequireRole>} />
        <Route
          path="platform/c2m"
          element={<RequireRole role="operator">{page(<PlatformPresalesPage />)}</RequireRole>}
        />
        <Route
          path="merchant/courses"
          element={<RequireRole role="merchant">{page(<MerchantCoursesPage />)}</RequireRole>}
        />
        <Route
          path="platform/group-buys"
          element={<RequireRole role="operator">{page(<GroupBuyCampaignsPage platform />)}</RequireRole>}
        />
        <Route
          path="merchant/flash-sales"
          element={<RequireRole role="merchant">{page(<FlashSalesPage />)}</RequireRole>}
        />
        <Route
          path="merchant/flash-sales/new"
          element={<RequireRole role="merchant">{page(<FlashSaleNewPage />)}</RequireRole>}
        />
        <Route
          path="merchant/flash-sales/:saleId"
          element={<RequireRole role="merchant">{page(<FlashSaleMonitorPage />)}</RequireRole>}
        />
        {/* A session's 主播 / 场控 / 客服 / 数据 need not be merchant staff: the server checks their role in the session. */}
        <Route path="merchant/live" element={page(<LiveSessionsPage />)} />
        <Route
          path="merchant/live/new"
          element={<RequireRole role="merchant">{page(<LiveSessionNewPage />)}</RequireRole>}
        />
        <Route
          path="merchant/live/qualification"
          element={<RequireRole role="merchant">{page(<LiveQualificationPage />)}</RequireRole>}
        />
        <Route path="merchant/live/:sessionId/control" element={page(<LiveControlPage />)} />
        <Route path="merchant/live/:sessionId/dashboard" element={page(<LiveDashboardPage />)} />
        <Route path="merchant/live/:sessionId/report" element={page(<LiveReportPage />)} />
        <Route
          path="merchant/coupons"
          element={
            <RequireRole role="merchant">{page(<CouponTemplatesPage key="merchant" owner="merchant" />)}</RequireRole>
          }
        />
        <Route
          path="platform/coupons"
          element={
            <RequireRole role="operator">{page(<CouponTemplatesPage key="platform" owner="platform" />)}</RequireRole>
          }
        />
        <Route
          path="platform/insights/realtime"
          element={<RequireRole role="operator">{page(<BigScreenPage audience="platform" />)}</RequireRole>}
        />
        <Route
          path="platform/insights/funnel"
          element={<RequireRole role="operator">{page(<AnalysisPage audience="platform" tab="funnel" />)}</RequireRole>}
        />
        <Route
          path="merchant/insights/funnel"
          element={<RequireRole role="merchant">{page(<AnalysisPage audience="merchant" tab="funnel" />)}</RequireRole>}
        />
        <Route
          path="platform/insights/retention"
          element={
            <RequireRole role="operator">{page(<AnalysisPage audience="platform" tab="retention" />)}</RequireRole>
          }
        />
        <Route
          path="merchant/insights/retention"
          element={
            <RequireRole role="merchant">{page(<AnalysisPage audience="merchant" tab="retention" />)}</RequireRole>
          }
        />
        <Route
          path="platform/insights/rfm"
          element={<RequireRole role="operator">{page(<AnalysisPage audience="platform" tab="rfm" />)}</RequireRole>}
        />
        <Route
          path="merchant/insights/rfm"
          element={<RequireRole role="merchant">{page(<AnalysisPage audience="merchant" tab="rfm" />)}</RequireRole>}
        />
        <Route
          path="platform/merchants"
          element={<RequireRole role="operator">{page(<MerchantsPage />)}</RequireRole>}
        />
        <Route
          path="platform/merchant-applications"
          element={<RequireRole role="operator">{page(<MerchantApplicationsPage />)}</RequireRole>}
        />
        <Route path="apply" element={page(<MerchantApplyPage />)} />
        <Route
          path="merchant/deposit"
          element={<RequireRole role="merchant">{page(<MerchantDepositPage />)}</RequireRole>}
        />
        <Route
          path="merchant/qualifications"
          element={<RequireRole role="merchant">{page(<MerchantQualificationsPage />)}</RequireRole>}
        />
        <Route
          path="platform/qualification-renewals"
          element={<RequireRole role="operator">{page(<QualificationRenewalsPage />)}</RequireRole>}
        />
        <Route
          path="merchant/credit"
          element={<RequireRole role="merchant">{page(<MerchantCreditPage />)}</RequireRole>}
        />
        <Route
          path="merchant/complaints"
          element={<RequireRole role="merchant">{page(<MerchantComplaintsPage />)}</RequireRole>}
        />
        <Route
          path="platform/complaints"
          element={<RequireRole role="operator">{page(<ComplaintsPage />)}</RequireRole>}
        />
        <Route
          path="platform/compensation-claims"
          element={<RequireRole role="operator">{page(<ClaimsPage />)}</RequireRole>}
        />
        <Route
          path="platform/authentication"
          element={<RequireRole role="operator">{page(<AuthenticationPage />)}</RequireRole>}
        />
        <Route
          path="platform/patrol-findings"
          element={<RequireRole role="operator">{page(<PatrolFindingsPage />)}</RequireRole>}
        />
        <Route
          path="platform/orders"
          element={<RequireRole role="operator">{page(<AdminOrdersPage />)}</RequireRole>}
        />
        <Route
          path="platform/orders/:orderId"
          element={<RequireRole role="operator">{page(<AdminOrderDetailPage />)}</RequireRole>}
        />
        <Route
          path="platform/after-sales"
          element={<RequireRole role="operator">{page(<EscalatedAfterSalesPage />)}</RequireRole>}
        />
        <Route
          path="platform/after-sales/:afterSaleId"
          element={<RequireRole role="operator">{page(<EscalatedAfterSaleDetailPage />)}</RequireRole>}
        />
        <Route path="platform/alerts" element={<RequireRole role="operator">{page(<AlertsPage />)}</RequireRole>} />
        <Route
          path="platform/insights/supply"
          element={<RequireRole role="operator">{page(<SupplyRiskPage />)}</RequireRole>}
        />
        <Route
          path="merchant/supply/suppliers"
          element={<RequireRole role="merchant">{page(<SuppliersPage />)}</RequireRole>}
        />
        <Route
          path="merchant/supply/purchase-orders"
          element={<RequireRole role="merchant">{page(<PurchaseOrdersPage />)}</RequireRole>}
        />
        <Route
          path="merchant/supply/warehouses"
          element={<RequireRole role="merchant">{page(<WarehousesPage />)}</RequireRole>}
        />
        <Route
          path="merchant/supply/forecast"
          element={<RequireRole role="merchant">{page(<ForecastPage />)}</RequireRole>}
        />
        <Route
          path="platform/service"
          element={<RequireRole role="operator">{page(<ServiceDeskPage desk="platform" />)}</RequireRole>}
        />
        <Route
          path="platform/service/metrics"
          element={<RequireRole role="operator">{page(<ServiceMetricsPage desk="platform" />)}</RequireRole>}
        />
        <Route
          path="platform/insights/search"
          element={<RequireRole role="operator">{page(<SearchInsightsPage />)}</RequireRole>}
        />
        <Route
          path="platform/search-words"
          element={<RequireRole role="operator">{page(<SearchWordsPage />)}</RequireRole>}
        />
        <Route
          path="platform/ad-lexicon"
          element={<RequireRole role="operator">{page(<AdLexiconPage />)}</RequireRole>}
        />
        <Route
          path="platform/alerts/:alertId"
          element={<RequireRole role="operator">{page(<AlertDetailPage />)}</RequireRole>}
        />
        <Route
          path="platform/experiments"
          element={<RequireRole role="operator">{page(<ExperimentsPage />)}</RequireRole>}
        />
        <Route
          path="platform/experiments/:id"
          element={<RequireRole role="operator">{page(<ExperimentResultsPage />)}</RequireRole>}
        />
        <Route
          path="platform/compensation-transfers"
          element={<RequireRole role="operator">{page(<StuckTransfersPage />)}</RequireRole>}
        />
        <Route
          path="platform/reconciliation"
          element={<RequireRole role="operator">{page(<ReconciliationPage />)}</RequireRole>}
        />
        <Route
          path="merchant/commission-rules"
          element={<RequireRole role="merchant">{page(<CommissionRulesPage as="merchant" />)}</RequireRole>}
        />
        <Route
          path="merchant/distribution"
          element={<RequireRole role="merchant">{page(<DistributionStatsPage as="merchant" />)}</RequireRole>}
        />
        <Route
          path="platform/commission-rules"
          element={<RequireRole role="operator">{page(<CommissionRulesPage as="platform" />)}</RequireRole>}
        />
        <Route
          path="platform/distribution"
          element={<RequireRole role="operator">{page(<DistributionStatsPage as="platform" />)}</RequireRole>}
        />
        <Route
          path="platform/fission"
          element={<RequireRole role="operator">{page(<FissionReportPage />)}</RequireRole>}
        />
        <Route
          path="platform/lifecycle"
          element={<RequireRole role="operator">{page(<LifecyclePage as="platform" />)}</RequireRole>}
        />
        <Route
          path="merchant/lifecycle"
          element={<RequireRole role="merchant">{page(<LifecyclePage as="merchant" />)}</RequireRole>}
        />
        <Route
          path="platform/points"
          element={<RequireRole role="operator">{page(<PointsStatsPage />)}</RequireRole>}
        />
        <Route
          path="platform/member-day"
          element={<RequireRole role="operator">{page(<MemberDayPage />)}</RequireRole>}
        />
        <Route
          path="platform/points-mall"
          element={<RequireRole role="operator">{page(<PointsMallAdminPage />)}</RequireRole>}
        />
        <Route
          path="platform/charity"
          element={<RequireRole role="operator">{page(<CharityProjectsPage />)}</RequireRole>}
        />
        <Route path="creator" element={page(<CreatorCentrePage />)} />
        <Route
          path="platform/moderation"
          element={<RequireRole role="operator">{page(<ContentModerationPage />)}</RequireRole>}
        />
        <Route
          path="platform/review-flags"
          element={<RequireRole role="operator">{page(<ReviewFlagsPage />)}</RequireRole>}
        />
        <Route
          path="platform/review-appeals"
          element={<RequireRole role="operator">{page(<ReviewAppealsPage />)}</RequireRole>}
        />
        <Route
          path="platform/posts"
          element={<RequireRole role="operator">{page(<ContentPostsPage />)}</RequireRole>}
        />
        <Route
          path="merchant/partnerships"
          element={<RequireRole role="merchant">{page(<PartnershipsPage />)}</RequireRole>}
        />
        <Route
          path="platform/challenges"
          element={<RequireRole role="operator">{page(<ChallengesPage />)}</RequireRole>}
        />
        <Route path="merchant/staff" element={<RequireRole role="merchant">{page(<ShopStaffPage />)}</RequireRole>} />
        <Route path="platform/staff" element={<RequireRole role="operator">{page(<StaffPage />)}</RequireRole>} />
        <Route
          path="platform/user-lookup"
          element={<RequireRole role="operator">{page(<UserLookupPage />)}</RequireRole>}
        />
        <Route
          path="platform/access-log"
          element={<RequireRole role="operator">{page(<AccessLogPage />)}</RequireRole>}
        />
        <Route
          path="platform/open-platform"
          element={<RequireRole role="operator">{page(<PlatformKeysPage />)}</RequireRole>}
        />
        <Route path="platform/two-step" element={<RequireRole role="operator">{page(<TwoStepPage />)}</RequireRole>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
