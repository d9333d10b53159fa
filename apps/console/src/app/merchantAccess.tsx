// Which merchant permission each merchant page needs (the server's matrix decides; this only hides what would 403
// and shows a clear page instead), read from the caller's role in the shop they act for.
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Me } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { useActingMerchant, useMe } from './session.ts';

type Membership = NonNullable<Me>['staff'][number];
type MerchantPermission = Membership['permissions'][number];
type MerchantRole = Membership['role'];

/** The longest matching prefix wins; 直播 pages also serve hosts who are not staff, so they stay open. */
const PAGE_PERMISSIONS: [string, MerchantPermission][] = [
  ['/merchant/dashboard', 'insights.read'],
  ['/merchant/insights', 'insights.read'],
  ['/merchant/products', 'products.read'],
  // Appeals speak for the shop's products: the moderation list shows shops where the caller manages products.
  ['/merchant/product-moderation', 'products.manage'],
  ['/merchant/orders', 'orders.read'],
  ['/merchant/after-sales', 'aftersales.read'],
  ['/merchant/service', 'service.chat'],
  ['/merchant/reviews', 'reviews.reply'],
  ['/merchant/lifecycle', 'marketing.manage'],
  ['/merchant/communities', 'marketing.manage'],
  ['/merchant/flash-sales', 'marketing.manage'],
  ['/merchant/live/new', 'live.manage'],
  ['/merchant/live/qualification', 'live.manage'],
  ['/merchant/group-buys', 'marketing.manage'],
  ['/merchant/coupons', 'marketing.manage'],
  ['/merchant/deposit', 'finance.read'],
  ['/merchant/credit', 'trust.read'],
  ['/merchant/qualifications', 'trust.read'],
  ['/merchant/complaints', 'complaints.handle'],
  ['/merchant/finance', 'finance.read'],
  ['/merchant/commission-rules', 'marketing.manage'],
  ['/merchant/distribution', 'insights.read'],
  ['/merchant/partnerships', 'marketing.manage'],
  ['/merchant/staff', 'staff.manage'],
  ['/merchant/open-platform', 'openplatform.manage'],
  ['/merchant/shipping-templates', 'shop.read'],
  ['/merchant/data-sheets', 'products.read'],
  ['/merchant/stores', 'shop.read'],
  ['/merchant/redeem', 'vouchers.redeem'],
  ['/merchant/courses', 'products.read'],
  ['/merchant/supply', 'supply.manage'],
];

/** Where a merchant's staff land: the first of these their role opens. */
export const MERCHANT_HOMES = ['/merchant/dashboard', '/merchant/orders', '/merchant/after-sales', '/merchant/finance'];

export const ROLE_LABELS: Record<MerchantRole, '店主' | '店长' | '客服' | '发货' | '财务'> = {
  owner: '店主',
  manager: '店长',
  service: '客服',
  shipping: '发货',
  finance: '财务',
};

function permissionForPage(path: string): MerchantPermission | undefined {
  return PAGE_PERMISSIONS.filter(([p]) => path === p || path.startsWith(`${p}/`)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0]?.[1];
}

/** The caller's membership in the shop they act for. */
export function useMembership(): Membership | undefined {
  const { data: me } = useMe();
  const [merchantId] = useActingMerchant(me);
  return me?.staff.find((s) => s.merchantId === merchantId);
}

export const mayOpenMerchant = (membership: Membership | undefined, path: string): boolean => {
  const needed = permissionForPage(path);
  return !!membership && (!needed || membership.permissions.includes(needed));
};

/** A merchant page: the caller's role in this shop must grant the page's permission. */
export function RequireMerchantPage({ children }: { children: ReactNode }) {
  const t = useT();
  const membership = useMembership();
  const location = useLocation();
  if (mayOpenMerchant(membership, location.pathname)) return children;
  return (
    <Result
      status="403"
      title={t('没有权限')}
      subTitle={t('你在本店的岗位（{role}）不能查看这个页面。如需开通，请联系店主。', {
        role: membership ? t(ROLE_LABELS[membership.role]) : '',
      })}
      extra={
        <Link to="/">
          <Button type="primary">{t('回到首页')}</Button>
        </Link>
      }
    />
  );
}
