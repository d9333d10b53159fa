import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { PageSkeleton } from '../components/PageSkeleton.tsx';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { isOperator, isStaff, useMe } from './session.ts';
import { Forbidden, NotFound, ServerUnavailable } from './Fallbacks.tsx';

const LoginPage = lazy(() => import('../pages/auth/LoginPage.tsx'));
const DashboardPage = lazy(() => import('../pages/merchant/DashboardPage.tsx'));
const ProductsPage = lazy(() => import('../pages/merchant/ProductsPage.tsx'));
const ProductEditPage = lazy(() => import('../pages/merchant/ProductEditPage.tsx'));
const MerchantOrdersPage = lazy(() => import('../pages/merchant/OrdersPage.tsx'));
const MerchantOrderDetailPage = lazy(() => import('../pages/merchant/OrderDetailPage.tsx'));
const AfterSalesPage = lazy(() => import('../pages/merchant/AfterSalesPage.tsx'));
const AfterSaleDetailPage = lazy(() => import('../pages/merchant/AfterSaleDetailPage.tsx'));
const ReviewsPage = lazy(() => import('../pages/merchant/ReviewsPage.tsx'));
const FinancePage = lazy(() => import('../pages/merchant/FinancePage.tsx'));
const MerchantsPage = lazy(() => import('../pages/platform/MerchantsPage.tsx'));
const AdminOrdersPage = lazy(() => import('../pages/platform/AdminOrdersPage.tsx'));
const AdminOrderDetailPage = lazy(() => import('../pages/platform/AdminOrderDetailPage.tsx'));
const EscalatedAfterSalesPage = lazy(() => import('../pages/platform/EscalatedAfterSalesPage.tsx'));
const EscalatedAfterSaleDetailPage = lazy(() => import('../pages/platform/EscalatedAfterSaleDetailPage.tsx'));
const ReconciliationPage = lazy(() => import('../pages/platform/ReconciliationPage.tsx'));

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
  return allowed ? children : <Forbidden />;
}

/** Merchant staff land on their dashboard, operators on the merchant list; someone with both starts as a merchant. */
function Home() {
  const { data: me } = useMe();
  if (isStaff(me)) return <Navigate to="/merchant/dashboard" replace />;
  if (isOperator(me)) return <Navigate to="/platform/merchants" replace />;
  return <Forbidden />;
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
        <Route path="merchant/dashboard" element={<RequireRole role="merchant">{page(<DashboardPage />)}</RequireRole>} />
        <Route path="merchant/products" element={<RequireRole role="merchant">{page(<ProductsPage />)}</RequireRole>} />
        <Route path="merchant/products/new" element={<RequireRole role="merchant">{page(<ProductEditPage />)}</RequireRole>} />
        <Route path="merchant/products/:productId" element={<RequireRole role="merchant">{page(<ProductEditPage />)}</RequireRole>} />
        <Route path="merchant/orders" element={<RequireRole role="merchant">{page(<MerchantOrdersPage />)}</RequireRole>} />
        <Route path="merchant/orders/:orderId" element={<RequireRole role="merchant">{page(<MerchantOrderDetailPage />)}</RequireRole>} />
        <Route path="merchant/after-sales" element={<RequireRole role="merchant">{page(<AfterSalesPage />)}</RequireRole>} />
        <Route path="merchant/after-sales/:afterSaleId" element={<RequireRole role="merchant">{page(<AfterSaleDetailPage />)}</RequireRole>} />
        <Route path="merchant/reviews" element={<RequireRole role="merchant">{page(<ReviewsPage />)}</RequireRole>} />
        <Route path="merchant/finance" element={<RequireRole role="merchant">{page(<FinancePage />)}</RequireRole>} />
        <Route path="platform/merchants" element={<RequireRole role="operator">{page(<MerchantsPage />)}</RequireRole>} />
        <Route path="platform/orders" element={<RequireRole role="operator">{page(<AdminOrdersPage />)}</RequireRole>} />
        <Route path="platform/orders/:orderId" element={<RequireRole role="operator">{page(<AdminOrderDetailPage />)}</RequireRole>} />
        <Route path="platform/after-sales" element={<RequireRole role="operator">{page(<EscalatedAfterSalesPage />)}</RequireRole>} />
        <Route
          path="platform/after-sales/:afterSaleId"
          element={<RequireRole role="operator">{page(<EscalatedAfterSaleDetailPage />)}</RequireRole>}
        />
        <Route path="platform/reconciliation" element={<RequireRole role="operator">{page(<ReconciliationPage />)}</RequireRole>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
