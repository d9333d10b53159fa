import { lazy, Suspense, useMemo } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Toast } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createBrowserRouter, Outlet, RouterProvider, ScrollRestoration } from 'react-router';
import { ApiError, isApiStatus, problemTitle } from './api/client.ts';
import { meKey } from './api/session.ts';
import { PageSkeleton } from './components/Skeletons.tsx';
import { RequireLogin } from './components/RequireLogin.tsx';
import { TabLayout } from './components/TabLayout.tsx';
import { RouteError } from './components/RouteError.tsx';
import { LangProvider, useLang } from './i18n/index.tsx';

const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const CategoryPage = lazy(() => import('./pages/CategoryPage.tsx'));
const CartPage = lazy(() => import('./pages/CartPage.tsx'));
const MePage = lazy(() => import('./pages/MePage.tsx'));
const SearchPage = lazy(() => import('./pages/SearchPage.tsx'));
const ProductListPage = lazy(() => import('./pages/ProductListPage.tsx'));
const ProductPage = lazy(() => import('./pages/ProductPage.tsx'));
const ReviewListPage = lazy(() => import('./pages/ReviewListPage.tsx'));
const MerchantPage = lazy(() => import('./pages/MerchantPage.tsx'));
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const CheckoutPage = lazy(() => import('./pages/CheckoutPage.tsx'));
const PayPage = lazy(() => import('./pages/PayPage.tsx'));
const PayResultPage = lazy(() => import('./pages/PayResultPage.tsx'));
const OrderListPage = lazy(() => import('./pages/OrderListPage.tsx'));
const OrderDetailPage = lazy(() => import('./pages/OrderDetailPage.tsx'));
const AfterSaleNewPage = lazy(() => import('./pages/AfterSaleNewPage.tsx'));
const AfterSaleListPage = lazy(() => import('./pages/AfterSaleListPage.tsx'));
const AfterSaleDetailPage = lazy(() => import('./pages/AfterSaleDetailPage.tsx'));
const ReviewNewPage = lazy(() => import('./pages/ReviewNewPage.tsx'));
const AddressListPage = lazy(() => import('./pages/AddressListPage.tsx'));
const AddressEditPage = lazy(() => import('./pages/AddressEditPage.tsx'));
const SettingsPage = lazy(() => import('./pages/SettingsPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

function Root() {
  return (
    <div className="app-column">
      <Suspense fallback={<PageSkeleton />}>
        <Outlet />
      </Suspense>
      <ScrollRestoration />
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
          { path: 'login', element: <LoginPage /> },
          {
            element: <RequireLogin />,
            children: [
              { path: 'checkout', element: <CheckoutPage /> },
              { path: 'pay/:checkoutId', element: <PayPage /> },
              { path: 'pay/:checkoutId/result', element: <PayResultPage /> },
              { path: 'orders', element: <OrderListPage /> },
              { path: 'orders/:id', element: <OrderDetailPage /> },
              { path: 'orders/:orderId/after-sale', element: <AfterSaleNewPage /> },
              { path: 'orders/:orderId/review/:lineId', element: <ReviewNewPage /> },
              { path: 'after-sales', element: <AfterSaleListPage /> },
              { path: 'after-sales/:id', element: <AfterSaleDetailPage /> },
              { path: 'me/addresses', element: <AddressListPage /> },
              { path: 'me/addresses/:id', element: <AddressEditPage /> },
              { path: 'me/settings', element: <SettingsPage /> },
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
