import { InfiniteScroll, PullToRefresh, Tag } from 'antd-mobile';
import { Link } from 'react-router';
import { useMyReviews } from '../api/reviews.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { Stars } from '../components/Stars.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import { STATE } from '../lib/review-moderation.ts';
import './MyReviews.css';

/** 我的评价: every first review the buyer wrote; held ones say where they stand and lead to the appeal. */
export default function MyReviewsPage() {
  const t = useT();
  const fmt = useFormatTime();
  const list = useMyReviews();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('我的评价')} backTo="/me" />
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        {list.isPending ? (
          <ListSkeleton rows={4} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('还没有写过评价')}>
            <Link to="/orders?tab=completed">{t('去评价')}</Link>
          </EmptyState>
        ) : (
          <ul className="my-reviews" data-testid="my-reviews">
            {items.map((r) => {
              const state = r.moderation ? STATE[r.moderation.state] : null;
              return (
                <li key={r.id} className="card">
                  <Link to={`/me/reviews/${r.id}`} className="my-review" data-testid="my-review">
                    <span className="my-review-thumb">
                      {r.product?.imageUrl ? <img src={r.product.imageUrl} alt="" loading="lazy" /> : null}
                    </span>
                    <span className="my-review-body">
                      <span className="my-review-title">{r.product?.title ?? t('商品')}</span>
                      <span className="row my-review-meta">
                        <Stars value={r.rating} />
                        <time className="muted" dateTime={r.createdAt}>
                          {fmt(r.createdAt, false)}
                        </time>
                      </span>
                      <span className="my-review-text">{r.content || t('该用户只打了分，没有写评价内容')}</span>
                      {state && (
                        <Tag
                          color={state.publicNow ? 'success' : r.moderation?.canAppeal ? 'danger' : 'warning'}
                          fill="outline"
                          data-testid="my-review-state"
                        >
                          {t(state.label)}
                          {r.moderation?.canAppeal ? ` · ${t('可申诉')}` : ''}
                        </Tag>
                      )}
                    </span>
                  </Link>
                </li>
              );
            })}
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
