import { Button, InfiniteScroll, PullToRefresh, Toast } from 'antd-mobile';
import { CouponOutline, GiftOutline } from 'antd-mobile-icons';
import { Link } from 'react-router';
import { problemTitle } from '../api/client.ts';
import { useClaimCenter, useClaimNewUserPack, useNewUserPack } from '../api/coupons.ts';
import { ClaimableCoupon } from '../components/ClaimableCoupon.tsx';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './CouponPages.css';

/** 领券中心: every public coupon open for claiming, plus the new-user pack for those who can take it. */
export default function CouponCenterPage() {
  const t = useT();
  const me = useMe();
  const list = useClaimCenter();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page coupon-page">
      <PageHeader
        title={t('领券中心')}
        backTo="/me"
        right={
          me.data ? (
            <Link to="/me/coupons" className="icon-button" aria-label={t('我的优惠券')} data-testid="to-my-coupons">
              <CouponOutline aria-hidden />
            </Link>
          ) : undefined
        }
      />
      {me.data && <NewUserPackBanner />}
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        {list.isPending ? (
          <ListSkeleton rows={4} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('暂时没有可领取的优惠券')} description={t('商家和平台发券后会出现在这里')} />
        ) : (
          <ul className="coupon-list" data-testid="coupon-center-list">
            {items.map((c) => (
              <li key={c.id}>
                <ClaimableCoupon coupon={c} signedIn={!!me.data} />
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
    </div>
  );
}

function NewUserPackBanner() {
  const t = useT();
  const pack = useNewUserPack(true);
  const take = useClaimNewUserPack();
  if (!pack.data || (!pack.data.eligible && !pack.data.claimedAt)) return null;
  return (
    <section className="card new-user-pack" aria-labelledby="new-user-pack-title" data-testid="new-user-pack">
      <div className="row-between">
        <h2 id="new-user-pack-title" className="section-title" style={{ margin: 0 }}>
          <GiftOutline aria-hidden /> {t('新人礼包')}
        </h2>
        {pack.data.eligible ? (
          <Button
            size="small"
            shape="rounded"
            color="primary"
            loading={take.isPending}
            data-testid="new-user-pack-claim"
            onClick={() =>
              take.mutate(undefined, {
                onSuccess: (r) =>
                  Toast.show({ icon: 'success', content: t('已领取 {n} 张优惠券', { n: r.items.length }) }),
                onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
              })
            }
          >
            {t('一键领取')}
          </Button>
        ) : (
          <span className="muted">{t('已领取')}</span>
        )}
      </div>
      <p className="muted new-user-pack-text">{t('首次下单前可领，每人一次')}</p>
      <ul className="new-user-pack-items">
        {pack.data.templates.map((c) => (
          <li key={c.id}>{c.label}</li>
        ))}
      </ul>
    </section>
  );
}
