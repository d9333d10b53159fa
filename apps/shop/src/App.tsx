import { lazy, Suspense, useMemo } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Toast } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createBrowserRouter, Outlet, RouterProvider, ScrollRestoration } from 'react-router';
import { ApiError, isApiStatus, problemTitle } from './api/client.ts';
import { meKey } from './api/session.ts';
import { useCareModeRoot } from './api/careMode.ts';
import { PageSkeleton } from './components/Skeletons.tsx';
import { ReferralCapture } from './components/ReferralCapture.tsx';
import { RequireLogin } from './components/RequireLogin.tsx';
import { TabLayout } from './components/TabLayout.tsx';
import { RouteError } from './components/RouteError.tsx';
import { LangProvider, useLang } from './i18n/index.tsx';

const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const CategoryPage = lazy(() => import('./pages/CategoryPage.tsx'));
const CartPage = lazy(() => import('./pages/CartPage.tsx'));
const MePage = lazy(() => import('./pages/MePage.tsx'));
const ServiceChatPage = lazy(() => import('./pages/ServiceChatPage.tsx'));
const SearchPage = lazy(() => import('./pages/SearchPage.tsx'));
const ProductListPage = lazy(() => import('./pages/ProductListPage.tsx'));
const ProductPage = lazy(() => import('./pages/ProductPage.tsx'));
const ReviewListPage = lazy(() => import('./pages/ReviewListPage.tsx'));
const MyReviewsPage = lazy(() => import('./pages/MyReviewsPage.tsx'));
const MyReviewDetailPage = lazy(() => import('./pages/MyReviewDetailPage.tsx'));
const MerchantPage = lazy(() => import('./pages/MerchantPage.tsx'));
const TransparencyPage = lazy(() => import('./pages/TransparencyPage.tsx'));
const TracePage = lazy(() => import('./pages/TracePage.tsx'));
const RecommendationSettingsPage = lazy(() => import('./pages/RecommendationSettingsPage.tsx'));
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const WechatCallbackPage = lazy(() => import('./pages/WechatCallbackPage.tsx'));
const WechatSandboxPage = lazy(() => import('./pages/WechatSandboxPage.tsx'));
const CheckoutPage = lazy(() => import('./pages/CheckoutPage.tsx'));
const PayPage = lazy(() => import('./pages/PayPage.tsx'));
const NearbyPage = lazy(() => import('./pages/NearbyPage.tsx'));
const LocalOfferPage = lazy(() => import('./pages/LocalOfferPage.tsx'));
const CoursesPage = lazy(() => import('./pages/CoursesPage.tsx'));
const CoursePage = lazy(() => import('./pages/CoursePage.tsx'));
const LessonPage = lazy(() => import('./pages/LessonPage.tsx'));
const MyCoursesPage = lazy(() => import('./pages/MyCoursesPage.tsx'));
const PayResultPage = lazy(() => import('./pages/PayResultPage.tsx'));
const FamilyPage = lazy(() => import('./pages/FamilyPage.tsx'));
const FamilyPayPage = lazy(() => import('./pages/FamilyPayPage.tsx'));
const OrderListPage = lazy(() => import('./pages/OrderListPage.tsx'));
const OrderDetailPage = lazy(() => import('./pages/OrderDetailPage.tsx'));
const AfterSaleNewPage = lazy(() => import('./pages/AfterSaleNewPage.tsx'));
const AfterSaleListPage = lazy(() => import('./pages/AfterSaleListPage.tsx'));
const AfterSaleDetailPage = lazy(() => import('./pages/AfterSaleDetailPage.tsx'));
const TrustCaseNewPage = lazy(() => import('./pages/TrustCaseNewPage.tsx'));
const SubjectComplaintPage = lazy(() => import('./pages/SubjectComplaintPage.tsx'));
const TrustCaseDetailPage = lazy(() => import('./pages/TrustCaseDetailPage.tsx'));
const ReviewNewPage = lazy(() => import('./pages/ReviewNewPage.tsx'));
const AddressListPage = lazy(() => import('./pages/AddressListPage.tsx'));
const AddressEditPage = lazy(() => import('./pages/AddressEditPage.tsx'));
const SettingsPage = lazy(() => import('./pages/SettingsPage.tsx'));
const PrivacyCentrePage = lazy(() => import('./pages/PrivacyCentrePage.tsx'));
const FlashChannelPage = lazy(() => import('./pages/FlashChannelPage.tsx'));
const FlashItemPage = lazy(() => import('./pages/FlashItemPage.tsx'));
const MyFlashPurchasesPage = lazy(() => import('./pages/MyFlashPurchasesPage.tsx'));
const GroupBuyPage = lazy(() => import('./pages/GroupBuyPage.tsx'));
const C2mPage = lazy(() => import('./pages/C2mPage.tsx'));
const PresalePage = lazy(() => import('./pages/PresalePage.tsx'));
const MyPresalesPage = lazy(() => import('./pages/MyPresalesPage.tsx'));
const BargainPage = lazy(() => import('./pages/BargainPage.tsx'));
const CampaignCheckoutPage = lazy(() => import('./pages/CampaignCheckoutPage.tsx'));
const MyGroupBuysPage = lazy(() => import('./pages/MyGroupBuysPage.tsx'));
const MyBargainsPage = lazy(() => import('./pages/MyBargainsPage.tsx'));
const CouponCenterPage = lazy(() => import('./pages/CouponCenterPage.tsx'));
const MyCouponsPage = lazy(() => import('./pages/MyCouponsPage.tsx'));
const InvitePage = lazy(() => import('./pages/InvitePage.tsx'));
const PromoterPage = lazy(() => import('./pages/PromoterPage.tsx'));
const PointsCenterPage = lazy(() => import('./pages/PointsCenterPage.tsx'));
const PointsHistoryPage = lazy(() => import('./pages/PointsHistoryPage.tsx'));
const PointsMallPage = lazy(() => import('./pages/PointsMallPage.tsx'));
const RedemptionsPage = lazy(() => import('./pages/RedemptionsPage.tsx'));
const PointsGiftPage = lazy(() => import('./pages/PointsGiftPage.tsx'));
const CharityPage = lazy(() => import('./pages/CharityPage.tsx'));
const CharityLedgerPage = lazy(() => import('./pages/CharityLedgerPage.tsx'));
const CharityCertificatePage = lazy(() => import('./pages/CharityCertificatePage.tsx'));
const MembershipPage = lazy(() => import('./pages/MembershipPage.tsx'));
const CommunitiesPage = lazy(() => import('./pages/CommunitiesPage.tsx'));
const CommunityPage = lazy(() => import('./pages/CommunityPage.tsx'));
const MyCommunitiesPage = lazy(() => import('./pages/MyCommunitiesPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const DiscoverPage = lazy(() => import('./pages/DiscoverPage.tsx'));
const PostPage = lazy(() => import('./pages/PostPage.tsx'));
const ComposePage = lazy(() => import('./pages/ComposePage.tsx'));
const TopicPage = lazy(() => import('./pages/TopicPage.tsx'));
const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx'));
const CreatorCentrePage = lazy(() => import('./pages/CreatorCentrePage.tsx'));
const LiveListPage = lazy(() => import('./pages/live/LiveListPage.tsx'));
const LiveRoomPage = lazy(() => import('./pages/live/LiveRoomPage.tsx'));

function Root() {
  useCareModeRoot();
  return (
    <div className="app-column">
      <Suspense fallback={<PageSkeleton />}>
        <Outlet />
      </Suspense>
      <ScrollRestoration />
      <ReferralCapture />
    </div>
  );
}

/** Pages without the tab bar: the whole page is the main landmark. */
function MainLandmark() {
  return (
    <main>
      <Outlet />
    </main>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        element: <TabLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'category', element: <CategoryPage /> },
          { path: 'discover', element: <DiscoverPage /> },
          { path: 'cart', element: <CartPage /> },
          { path: 'me', element: <MePage /> },
        ],
      },
      {
        element: <MainLandmark />,
        children: [
          { path: 'search', element: <SearchPage /> },
          { path: 'products', element: <ProductListPage /> },
          { path: 'product/:id', element: <ProductPage /> },
          { path: 'product/:id/reviews', element: <ReviewListPage /> },
          { path: 'merchant/:id', element: <MerchantPage /> },
          { path: 'posts/:id', element: <PostPage /> },
          { path: 'topics/:name', element: <TopicPage /> },
          { path: 'users/:id', element: <ProfilePage /> },
          { path: 'flash', element: <FlashChannelPage /> },
          { path: 'flash/:itemId', element: <FlashItemPage /> },
          { path: 'live', element: <LiveListPage /> },
          { path: 'live/:id', element: <LiveRoomPage /> },
          { path: 'group-buy/:id', element: <GroupBuyPage /> },
          { path: 'c2m', element: <C2mPage /> },
          { path: 'presale/:id', element: <PresalePage /> },
          { path: 'bargain/:id', element: <BargainPage /> },
          { path: 'coupons', element: <CouponCenterPage /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'login/wechat', element: <WechatCallbackPage /> },
          { path: 'wechat-sandbox', element: <WechatSandboxPage /> },
          { path: 'communities', element: <CommunitiesPage /> },
          { path: 'communities/:id', element: <CommunityPage /> },
          { path: 'nearby', element: <NearbyPage /> },
          { path: 'local/offers/:id', element: <LocalOfferPage /> },
          { path: 'courses', element: <CoursesPage /> },
          { path: 'courses/:id', element: <CoursePage /> },
          { path: 'lessons/:id', element: <LessonPage /> },
          { path: 'charity', element: <CharityPage /> },
          { path: 'charity/:id', element: <CharityLedgerPage /> },
          { path: 'transparency', element: <TransparencyPage /> },
          { path: 'trace/:code', element: <TracePage /> },
          {
            element: <RequireLogin />,
            children: [
              { path: 'checkout', element: <CheckoutPage /> },
              { path: 'me/communities', element: <MyCommunitiesPage /> },
              { path: 'me/courses', element: <MyCoursesPage /> },
              { path: 'posts/new', element: <ComposePage /> },
              { path: 'creator', element: <CreatorCentrePage /> },
              { path: 'pay/:checkoutId', element: <PayPage /> },
              { path: 'pay/:checkoutId/result', element: <PayResultPage /> },
              { path: 'me/family', element: <FamilyPage /> },
              { path: 'family/pay/:token', element: <FamilyPayPage /> },
              { path: 'orders', element: <OrderListPage /> },
              { path: 'orders/:id', element: <OrderDetailPage /> },
              { path: 'charity/certificates/:id', element: <CharityCertificatePage /> },
              { path: 'orders/:orderId/after-sale', element: <AfterSaleNewPage /> },
              { path: 'orders/:orderId/review/:lineId', element: <ReviewNewPage /> },
              { path: 'after-sales', element: <AfterSaleListPage /> },
              { path: 'after-sales/:id', element: <AfterSaleDetailPage /> },
              { path: 'orders/:orderId/complaint', element: <TrustCaseNewPage kind="complaint" /> },
              { path: 'orders/:orderId/compensation', element: <TrustCaseNewPage kind="claim" /> },
              { path: 'live/:id/complaint', element: <SubjectComplaintPage subject="live-session" /> },
              { path: 'posts/:id/complaint', element: <SubjectComplaintPage subject="post" /> },
              { path: 'complaints/:id', element: <TrustCaseDetailPage kind="complaint" /> },
              { path: 'compensation-claims/:id', element: <TrustCaseDetailPage kind="claim" /> },
              { path: 'service/:id', element: <ServiceChatPage /> },
              { path: 'me/addresses', element: <AddressListPage /> },
              { path: 'me/addresses/:id', element: <AddressEditPage /> },
              { path: 'me/settings', element: <SettingsPage /> },
              { path: 'me/privacy', element: <PrivacyCentrePage /> },
              { path: 'me/recommendations', element: <RecommendationSettingsPage /> },
              { path: 'me/coupons', element: <MyCouponsPage /> },
              { path: 'me/reviews', element: <MyReviewsPage /> },
              { path: 'me/reviews/:id', element: <MyReviewDetailPage /> },
              { path: 'group-buy/open/:id', element: <CampaignCheckoutPage mode="open" /> },
              { path: 'group-buy/:id/join', element: <CampaignCheckoutPage mode="join" /> },
              { path: 'bargain/:id/buy', element: <CampaignCheckoutPage mode="bargain" /> },
              { path: 'me/group-buys', element: <MyGroupBuysPage /> },
              { path: 'presale/:id/buy', element: <CampaignCheckoutPage mode="presale" /> },
              { path: 'me/presales', element: <MyPresalesPage /> },
              { path: 'me/bargains', element: <MyBargainsPage /> },
              { path: 'me/flash', element: <MyFlashPurchasesPage /> },
              { path: 'points', element: <PointsCenterPage /> },
              { path: 'points/history', element: <PointsHistoryPage /> },
              { path: 'points/mall', element: <PointsMallPage /> },
              { path: 'points/redemptions', element: <RedemptionsPage /> },
              { path: 'points/gift', element: <PointsGiftPage /> },
              { path: 'membership', element: <MembershipPage /> },
              { path: 'me/invite', element: <InvitePage /> },
              { path: 'me/promoter', element: <PromoterPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    // A 401 on any page means the session ended: ask who is signed in again, so RequireLogin sends the shopper to login.
    queryCache: new QueryCache({
      onError: (err) => {
        if (isApiStatus(err, 401)) void client.invalidateQueries({ queryKey: meKey });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again; a dropped connection might.
        retry: (count, err) => count < 1 && !(err instanceof ApiError && err.problem.status < 500),
      },
    },
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        if (mutation.meta?.quiet) return;
        Toast.show({ icon: 'fail', content: problemTitle(err) });
      },
    }),
  });
  return client;
}

function LocalizedRouter() {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === 'en-US' ? enUS : zhCN}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}

export function App() {
  const queryClient = useMemo(makeQueryClient, []);
  return (
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <LocalizedRouter />
      </LangProvider>
    </QueryClientProvider>
  );
}
