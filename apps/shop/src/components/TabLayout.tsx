import {
  AppOutline,
  AppstoreOutline,
  CompassOutline,
  ReceiptOutline,
  SearchOutline,
  ShopbagOutline,
  UserOutline,
} from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useCartCount } from '../api/cart.ts';
import { useCareMode } from '../api/careMode.ts';
import { useT, type MessageKey } from '../i18n/index.tsx';

const tabs: { to: string; label: MessageKey; icon: ReactNode; testId: string }[] = [
  { to: '/', label: '首页', icon: <AppOutline aria-hidden />, testId: 'tab-home' },
  { to: '/category', label: '分类', icon: <AppstoreOutline aria-hidden />, testId: 'tab-category' },
  { to: '/discover', label: '发现', icon: <CompassOutline aria-hidden />, testId: 'tab-discover' },
  { to: '/cart', label: '购物车', icon: <ShopbagOutline aria-hidden />, testId: 'tab-cart' },
  { to: '/me', label: '我的', icon: <UserOutline aria-hidden />, testId: 'tab-me' },
];

// 关怀模式: four plain destinations (home, search, orders, me) instead of browsing tabs.
const careTabs: typeof tabs = [
  tabs[0]!,
  { to: '/search', label: '搜索', icon: <SearchOutline aria-hidden />, testId: 'tab-search' },
  { to: '/orders', label: '订单', icon: <ReceiptOutline aria-hidden />, testId: 'tab-orders' },
  tabs[4]!,
];

/** The four top-level pages share the bottom tab bar. */
export function TabLayout() {
  const t = useT();
  const cartCount = useCartCount();
  const care = useCareMode().enabled;
  return (
    <>
      <main>
        <Outlet />
      </main>
      <nav className="tabbar" aria-label={t('主导航')}>
        {(care ? careTabs : tabs).map((tab) => {
          const badge = tab.to === '/cart' && cartCount > 0 ? (cartCount > 99 ? '99+' : String(cartCount)) : null;
          return (
            <NavLink
              key={tab.to}
              to={tab.to}
              end={tab.to === '/'}
              data-testid={tab.testId}
              className={({ isActive }) => (isActive ? 'active' : '')}
            >
              <span className="tab-icon">
                {tab.icon}
                {badge && (
                  <span className="tab-badge" aria-hidden>
                    {badge}
                  </span>
                )}
              </span>
              <span>
                {t(tab.label)}
                {badge && <span className="sr-only">{t('（{n} 件）', { n: badge })}</span>}
              </span>
            </NavLink>
          );
        })}
      </nav>
    </>
  );
}
