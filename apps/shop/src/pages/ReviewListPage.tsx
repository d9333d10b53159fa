import { InfiniteScroll, PullToRefresh } from 'antd-mobile';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useProductReviews, useReviewSummary, type ReviewFilter } from '../api/reviews.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ReviewItem } from '../components/ReviewItem.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';

export default function ReviewListPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [filter, setFilter] = useState<ReviewFilter>('all');
  const summary = useReviewSummary(id);
  const list = useProductReviews(id, filter, 10);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const s = summary.data;
  const tabs: { key: ReviewFilter; label: string }[] = [
    { key: 'all', label: `${t('全部')}${s ? ` ${s.count}` : ''}` },
    { key: 'with_images', label: `${t('有图')}${s ? ` ${s.counts.withImages}` : ''}` },
    { key: 'good', label: `${t('好评')}${s ? ` ${s.counts.good}` : ''}` },
    { key: 'bad', label: `${t('差评')}${s ? ` ${s.counts.bad}` : ''}` },
  ];

  return (
    <div className="page">
      <PageHeader title={t('商品评价')} />
      {s && s.count > 0 && (
        <section className="card review-overview">
          <div className="review-overview-main">
            <strong>{s.goodRate !== null ? `${Math.round(s.goodRate * 100)}%` : '-'}</strong>
            <span className="muted">{t('好评率')}</span>
          </div>
          <dl className="review-overview-aspects">
            <div>
              <dt>{t('质量')}</dt>
              <dd>{s.averages.quality?.toFixed(1) ?? '-'}</dd>
            </div>
            <div>
              <dt>{t('物流')}</dt>
              <dd>{s.averages.logistics?.toFixed(1) ?? '-'}</dd>
            </div>
            <div>
              <dt>{t('服务')}</dt>
              <dd>{s.averages.service?.toFixed(1) ?? '-'}</dd>
            </div>
          </dl>
        </section>
      )}
      {s && s.underReview > 0 && (
        <p className="muted review-under-review" data-testid="reviews-under-review">
          {t('另有 {n} 条评价审核中，审核通过前不计入评分', { n: s.underReview })} ·{' '}
          <Link to="/transparency">{t('透明度')}</Link>
        </p>
      )}
      <div className="chip-tabs" role="tablist" aria-label={t('评价筛选')}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            aria-selected={filter === tab.key}
            className={filter === tab.key ? 'on' : ''}
            onClick={() => setFilter(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <PullToRefresh onRefresh={async () => void (await Promise.all([list.refetch(), summary.refetch()]))}>
        {list.isPending ? (
          <ListSkeleton rows={3} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('暂无相关评价')} />
        ) : (
          <div className="card" role="tabpanel">
            {items.map((r) => (
              <ReviewItem key={r.id} review={r} />
            ))}
          </div>
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
