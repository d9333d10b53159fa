import { InfiniteScroll } from 'antd-mobile';
import { Link } from 'react-router';
import { BARGAIN_STATUS_LABEL, useMyBargains } from '../api/groupbuy.ts';
import '../components/CampaignSection.css';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';

export default function MyBargainsPage() {
  const t = useT();
  const list = useMyBargains();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('我的砍价')} />
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('还没有发起过砍价')}>
          <Link to="/">{t('去逛逛')}</Link>
        </EmptyState>
      ) : (
        <>
          {items.map((b) => (
            <Link
              key={b.id}
              to={`/bargain/${b.id}`}
              className="card"
              style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
            >
              <div className="row-between">
                <span className="clamp-2 grow">{b.campaign.productTitle}</span>
                <span className="gb-tag bargain">{t(BARGAIN_STATUS_LABEL[b.status])}</span>
              </div>
              <p className="muted" style={{ margin: '8px 0 0' }}>
                {t('当前价')} <Price fen={b.currentPrice} size={16} /> ·{' '}
                {t('{n}/{total} 位好友已帮砍', { n: b.helpsCount, total: b.helpsNeeded })}
              </p>
            </Link>
          ))}
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={!!list.hasNextPage} />
        </>
      )}
    </div>
  );
}
