import { Button, InfiniteScroll } from 'antd-mobile';
import { Link } from 'react-router';
import { GROUP_STATUS_LABEL, useMyGroupBuys } from '../api/groupbuy.ts';
import { GroupAvatars } from '../components/CampaignSection.tsx';
import '../components/CampaignSection.css';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';

export default function MyGroupBuysPage() {
  const t = useT();
  const list = useMyGroupBuys();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('我的拼团')} />
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('还没有参加过拼团')}>
          <Link to="/">{t('去逛逛')}</Link>
        </EmptyState>
      ) : (
        <>
          {items.map((it) => (
            <Link
              key={it.seat.memberId}
              to={`/group-buy/${it.group.id}`}
              className="card"
              style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
              data-testid="my-group-buy"
            >
              <div className="row-between">
                <span className="clamp-2 grow">{it.campaign.productTitle}</span>
                <span className="gb-tag">{t(GROUP_STATUS_LABEL[it.group.status])}</span>
              </div>
              <div className="row-between" style={{ marginTop: 8 }}>
                <GroupAvatars group={it.group} size={28} />
                <Price fen={it.seat.payAmount} size={16} />
              </div>
              {it.seat.status === 'reserved' && (
                <Button size="mini" color="danger" style={{ marginTop: 8 }}>
                  {t('待付款')}
                </Button>
              )}
            </Link>
          ))}
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={!!list.hasNextPage} />
        </>
      )}
    </div>
  );
}
