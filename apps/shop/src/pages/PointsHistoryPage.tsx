import { InfiniteScroll } from 'antd-mobile';
import { usePointsHistory } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT } from '../i18n/index.tsx';
import './Points.css';

/** 积分明细: every points movement of the user, straight from the ledger, newest first. */
export default function PointsHistoryPage() {
  const t = useT();
  const fmt = useFormatTime();
  const list = usePointsHistory();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('积分明细')} backTo="/points" />
      {list.isPending ? (
        <ListSkeleton rows={6} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('还没有积分记录')} description={t('签到、购物、评价都能得积分')} />
      ) : (
        <>
          <ul className="points-list card" style={{ padding: '0 12px' }} data-testid="points-history">
            {items.map((h) => (
              <li key={h.id}>
                <div className="grow">
                  <div>{h.label}</div>
                  <div className="muted">{h.memo}</div>
                  <div className="muted">{fmt(h.at)}</div>
                </div>
                <span className={`delta ${h.points > 0 ? 'plus' : ''}`}>
                  {h.points > 0 ? `+${h.points}` : h.points}
                </span>
              </li>
            ))}
          </ul>
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={list.hasNextPage} />
        </>
      )}
    </div>
  );
}
