// Which staff permission each platform page needs (the server's matrix decides; this only hides what would 403 and
// shows a clear page instead), and the staff member's own roles and two-step state.
import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { api, must, type GetOk } from '../api/client.ts';
import { PageSkeleton } from '../components/PageSkeleton.tsx';
import { useT } from '../i18n/index.tsx';
import { isOperator, useMe } from './session.ts';

export type StaffMe = GetOk<'/api/v1/staff/me'>;
export type StaffPermission = StaffMe['permissions'][number];

/** The longest matching prefix wins; every /platform page is listed except 两步验证, which every staff member needs. */
const PAGE_PERMISSIONS: [string, StaffPermission][] = [
  ['/platform/staff', 'staff.manage'],
  ['/platform/access-log', 'audit.read'],
  ['/platform/user-lookup', 'users.read'],
  ['/platform/insights', 'insights.read'],
  ['/platform/search-words', 'marketing.manage'],
  ['/platform/merchants', 'merchants.review'],
  ['/platform/merchant-applications', 'merchants.review'],
  ['/platform/qualification-renewals', 'merchants.review'],
  ['/platform/alerts', 'alerts.manage'],
  ['/platform/moderation', 'content.moderate'],
  ['/platform/ad-lexicon', 'compliance.manage'],
  ['/platform/posts', 'content.moderate'],
  ['/platform/challenges', 'marketing.manage'],
  ['/platform/orders', 'orders.read'],
  ['/platform/after-sales', 'orders.read'],
  ['/platform/coupons', 'marketing.manage'],
  ['/platform/group-buys', 'marketing.manage'],
  ['/platform/c2m', 'marketing.manage'],
  ['/platform/experiments', 'insights.read'],
  ['/platform/reconciliation', 'finance.read'],
  ['/platform/compensation-transfers', 'finance.read'],
  ['/platform/fission', 'insights.read'],
  ['/platform/distribution', 'insights.read'],
  ['/platform/commission-rules', 'marketing.manage'],
  ['/platform/lifecycle', 'marketing.manage'],
  ['/platform/points', 'insights.read'],
  ['/platform/points-mall', 'marketing.manage'],
  ['/platform/member-day', 'marketing.manage'],
  ['/platform/charity', 'marketing.manage'],
  ['/platform/complaints', 'aftersales.decide'],
  ['/platform/compensation-claims', 'aftersales.decide'],
  ['/platform/authentication', 'authentication.decide'],
  ['/platform/service', 'aftersales.decide'],
  ['/platform/patrol-findings', 'merchants.review'],
  ['/platform/review-flags', 'content.moderate'],
  ['/platform/open-platform', 'openplatform.manage'],
  ['/platform/review-appeals', 'content.moderate'],
];

export function permissionForPage(path: string): StaffPermission | undefined {
  return PAGE_PERMISSIONS.filter(([p]) => path === p || path.startsWith(`${p}/`)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0]?.[1];
}

export const STAFF_ME_KEY = ['staff', 'me'] as const;

export function useStaffMe() {
  const { data: me } = useMe();
  return useQuery({
    queryKey: STAFF_ME_KEY,
    queryFn: () => must(api.GET('/api/v1/staff/me')),
    enabled: isOperator(me),
    staleTime: 60_000,
  });
}

export const mayOpen = (staff: StaffMe | undefined, path: string): boolean => {
  const needed = permissionForPage(path);
  return !!staff && (!needed || staff.permissions.includes(needed));
};

/** 403 in words a staff member can act on: which role they hold and who can grant more. */
function StaffForbidden({ roles }: { roles: string[] }) {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('没有权限')}
      subTitle={t('你的岗位（{roles}）不能查看这个页面。如需开通，请联系超级管理员。', { roles: roles.join('、') })}
      extra={
        <Link to="/">
          <Button type="primary">{t('回到首页')}</Button>
        </Link>
      }
    />
  );
}

/** A platform page: the staff member's role must grant the page's permission, and a role needing TOTP must pass it. */
export function RequireStaffPage({ children }: { children: ReactNode }) {
  const staff = useStaffMe();
  const location = useLocation();
  if (staff.isPending) return <PageSkeleton />;
  if (staff.isError || !staff.data) return <StaffForbidden roles={[]} />;
  if (staff.data.required && !staff.data.verified && location.pathname !== '/platform/two-step') {
    return <Navigate to={`/platform/two-step?from=${encodeURIComponent(location.pathname)}`} replace />;
  }
  return mayOpen(staff.data, location.pathname) ? children : <StaffForbidden roles={staff.data.roleLabels} />;
}
