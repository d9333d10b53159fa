import { InfiniteScroll } from 'antd-mobile';
import { Link } from 'react-router';
import { ADMISSION_LABEL, type CommunityCard, useDiscoverCommunities } from '../api/communities.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import '../components/GroupChat.css';

/** 社群广场: every community, with its real member count and how one gets in. */
export default function CommunitiesPage() {
  const t = useT();
  const list = useDiscoverCommunities();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <PageHeader
        title={t('社群')}
        right={
          <Link to="/me/communities" style={{ whiteSpace: 'nowrap', fontSize: 14 }}>
            {t('我的社群')}
          </Link>
        }
      />
      {list.isPending ? (
        <ListSkeleton rows={4} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('还没有社群')} />
      ) : (
        <>
          {items.map((c) => (
            <CommunityItem key={c.id} c={c} />
          ))}
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={!!list.hasNextPage} />
        </>
      )}
    </div>
  );
}

export function CommunityItem({ c, extra }: { c: CommunityCard; extra?: React.ReactNode }) {
  const t = useT();
  return (
    <Link to={`/communities/${c.id}`} className="community-card" data-testid="community-card">
      <h3>{c.name}</h3>
      <p className="community-meta clamp-2">{c.description || t('暂无简介')}</p>
      <div className="community-meta" style={{ marginTop: 6 }}>
        {c.exclusive && <span className="community-badge">{t('粉丝专属')}</span>}
        <span className="community-badge">{t(ADMISSION_LABEL[c.admission])}</span>
        {t('{n} 位成员', { n: c.memberCount })}
        {c.merchant && ` · ${c.merchant.name}`}
      </div>
      {extra}
    </Link>
  );
}
