import { InfiniteScroll, Tag } from 'antd-mobile';
import { useMyRedemptions } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { type MessageKey, useFormatTime, useT } from '../i18n/index.tsx';
import './Points.css';

const STATUS: Record<string, { label: MessageKey; color: string }> = {
  pending: { label: '待发货', color: 'warning' },
  shipped: { label: '已发货', color: 'success' },
  cancelled: { label: '已取消（积分已退回）', color: 'default' },
  issued: { label: '已发券', color: 'success' },
};

/** 兑换记录: mall redemptions and their shipping. */
export default function RedemptionsPage() {
  const t = useT();
  const fmt = useFormatTime();
  const list = useMyRedemptions();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('兑换记录')} backTo="/points" />
      {list.isPending ? (
        <ListSkeleton rows={4} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('还没有兑换记录')} />
      ) : (
        <>
          <ul className="points-list card" style={{ padding: '0 12px' }}>
            {items.map((r) => (
              <li key={r.id}>
                <div className="grow">
                  <div>{r.itemTitle}</div>
                  <div className="muted">
                    {t('{points} 积分', { points: r.points })} · {fmt(r.createdAt)}
                  </div>
                  <div className="muted">
                    {r.shipTo ? `${r.shipTo.recipient} ${r.shipTo.address}` : t('优惠券已发放到「我的优惠券」')}
                  </div>
                  {r.fulfilNote && <div className="muted">{r.fulfilNote}</div>}
                </div>
                <Tag color={STATUS[r.status]!.color}>{t(STATUS[r.status]!.label)}</Tag>
              </li>
            ))}
          </ul>
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={list.hasNextPage} />
        </>
      )}
    </div>
  );
}
