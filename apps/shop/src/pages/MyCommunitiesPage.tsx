import { Badge, InfiniteScroll, List, Switch, Tabs, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { readInboxMessage, TIER_LABEL, useInbox, useMarketingConsent, useMyCommunities } from '../api/communities.ts';
import { problemTitle } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { CommunityItem } from './CommunitiesPage.tsx';
import '../components/GroupChat.css';

/** 我的社群: the groups I am in (unread counts), messages communities sent me, and my marketing consent. */
export default function MyCommunitiesPage() {
  const t = useT();
  const [tab, setTab] = useState('groups');
  const inbox = useInbox();
  const unread = inbox.data?.pages[0]?.unread ?? 0;
  return (
    <div className="page">
      <PageHeader
        title={t('我的社群')}
        right={
          <Link to="/communities" style={{ whiteSpace: 'nowrap', fontSize: 14 }}>
            {t('发现社群')}
          </Link>
        }
      />
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('已加入')} key="groups" />
        <Tabs.Tab title={<Badge content={unread > 0 ? unread : null}>{t('社群消息')}</Badge>} key="inbox" />
      </Tabs>
      {tab === 'groups' ? <Joined /> : <Inbox />}
      <ConsentSwitch />
    </div>
  );
}

function Joined() {
  const t = useT();
  const mine = useMyCommunities();
  if (mine.isPending) return <ListSkeleton rows={3} />;
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  if (mine.data.length === 0) {
    return (
      <EmptyState title={t('还没有加入社群')} description={t('在商家下单后会自动加入它的粉丝专属群')}>
        <Link to="/communities">{t('去发现社群')}</Link>
      </EmptyState>
    );
  }
  return (
    <>
      {mine.data.map((c) => (
        <CommunityItem
          key={c.id}
          c={c}
          extra={
            <div className="row-between community-meta" style={{ marginTop: 6 }}>
              <span>
                {t('{n} 群', { n: c.groupSeq })} · {t(TIER_LABEL[c.tier as keyof typeof TIER_LABEL] ?? '普通')}
              </span>
              {c.unread > 0 && <Badge content={c.unread} />}
            </div>
          }
        />
      ))}
    </>
  );
}

function Inbox() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const inbox = useInbox();
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  if (inbox.isPending) return <ListSkeleton rows={3} />;
  if (inbox.isError) return <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (items.length === 0) return <EmptyState title={t('暂无社群消息')} />;
  const open = async (id: string, productId: string | null) => {
    await readInboxMessage(id).catch(() => undefined);
    void qc.invalidateQueries({ queryKey: ['community-inbox'] });
    if (productId) void navigate(`/product/${productId}`);
  };
  return (
    <List>
      {items.map((m) => (
        <List.Item
          key={m.id}
          onClick={() => void open(m.id, m.productId)}
          description={`${m.communityName} · ${new Date(m.createdAt).toLocaleString()}`}
          extra={m.read ? null : <Badge content={Badge.dot} />}
          data-testid="inbox-item"
        >
          <div>{m.title}</div>
          <div className="community-meta">{m.body}</div>
        </List.Item>
      ))}
      <InfiniteScroll loadMore={async () => void (await inbox.fetchNextPage())} hasMore={!!inbox.hasNextPage} />
    </List>
  );
}

function ConsentSwitch() {
  const t = useT();
  const { query, update } = useMarketingConsent();
  return (
    <List header={t('消息设置')} style={{ marginTop: 12 }}>
      <List.Item
        description={t('开启后，你加入的社群可以向你发送优惠活动消息；每个社群每周最多 3 条。')}
        extra={
          <Switch
            checked={query.data?.consented ?? false}
            loading={query.isPending || update.isPending}
            aria-label={t('接收社群优惠消息')}
            onChange={(v) => update.mutate(v, { onError: (e) => Toast.show({ content: problemTitle(e) }) })}
          />
        }
      >
        {t('接收社群优惠消息')}
      </List.Item>
    </List>
  );
}
