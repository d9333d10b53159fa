import { Button, InfiniteScroll, PullToRefresh, Tabs } from 'antd-mobile';
import { GiftOutline } from 'antd-mobile-icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type MyCouponTab, useMyCoupons } from '../api/coupons.ts';
import { CouponTicket, useValidityText } from '../components/CouponTicket.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { type MessageKey, useFormatTime, useT } from '../i18n/index.tsx';
import './CouponPages.css';

const TABS: { key: MyCouponTab; label: MessageKey; empty: MessageKey }[] = [
  { key: 'available', label: '可使用', empty: '没有可用的优惠券' },
  { key: 'used', label: '已使用', empty: '还没有使用过优惠券' },
  { key: 'expired', label: '已过期', empty: '没有过期的优惠券' },
];

/** 我的优惠券, in three tabs. */
export default function MyCouponsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x.key === params.get('tab')) ?? TABS[0]!;
  return (
    <div className="page coupon-page">
      <PageHeader
        title={t('我的优惠券')}
        backTo="/me"
        right={
          <Link to="/coupons" className="icon-button" aria-label={t('领券中心')} data-testid="to-coupon-center">
            <GiftOutline aria-hidden />
          </Link>
        }
      />
      <Tabs activeKey={tab.key} onChange={(k) => setParams(k === 'available' ? {} : { tab: k }, { replace: true })}>
        {TABS.map((x) => (
          <Tabs.Tab key={x.key} title={<span data-testid={`coupon-tab-${x.key}`}>{t(x.label)}</span>} />
        ))}
      </Tabs>
      <CouponFeed key={tab.key} tab={tab.key} empty={t(tab.empty)} />
    </div>
  );
}

function CouponFeed({ tab, empty }: { tab: MyCouponTab; empty: string }) {
  const t = useT();
  const navigate = useNavigate();
  const fmt = useFormatTime();
  const validity = useValidityText();
  const list = useMyCoupons(tab);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={empty}>
          {tab === 'available' && (
            <Button color="primary" onClick={() => void navigate('/coupons')}>
              {t('去领券中心')}
            </Button>
          )}
        </EmptyState>
      ) : (
        <ul className="coupon-list" data-testid="my-coupon-list">
          {items.map((c) => (
            <li key={c.id}>
              <CouponTicket
                coupon={c}
                validity={validity({ from: c.couponValidFrom, until: c.couponValidUntil })}
                dimmed={tab !== 'available'}
                note={
                  tab === 'used'
                    ? t('{at} 下单使用', { at: fmt(c.usedAt) })
                    : c.returnedAt
                      ? t('订单取消或全额退款后已退回（{at}）', { at: fmt(c.returnedAt) })
                      : undefined
                }
                action={
                  tab === 'available' ? (
                    <Button
                      size="small"
                      shape="rounded"
                      color="primary"
                      fill="outline"
                      onClick={() => void navigate(c.merchantId ? `/merchant/${c.merchantId}` : '/')}
                    >
                      {t('去使用')}
                    </Button>
                  ) : (
                    <span className="coupon-stamp">{tab === 'used' ? t('已使用') : t('已过期')}</span>
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <InfiniteScroll
          loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
          hasMore={list.hasNextPage}
        />
      )}
    </PullToRefresh>
  );
}
