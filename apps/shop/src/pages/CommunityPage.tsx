import { Button, Dialog, NoticeBar, Tabs, TextArea, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  ADMISSION_LABEL,
  type CommunityDetail,
  TIER_LABEL,
  useAnnouncements,
  useCommunity,
  useCommunityActions,
  useMeetups,
} from '../api/communities.ts';
import { problemTitle } from '../api/client.ts';
import { useMe } from '../api/session.ts';
import { GroupChat } from '../components/GroupChat.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { DetailSkeleton, ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { usePageView } from '../lib/useTrack.ts';
import '../components/GroupChat.css';

/** One community: its introduction and the way in for visitors; chat, announcements and meetups for members. */
export default function CommunityPage() {
  const { id = '' } = useParams();
  const t = useT();
  const detail = useCommunity(id);
  usePageView('community', { communityId: id }, { ready: detail.isSuccess, source: { channel: 'community', ref: id } });
  if (detail.isPending) return <DetailSkeleton />;
  if (detail.isError)
    return (
      <div className="page">
        <PageHeader title={t('社群')} />
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      </div>
    );
  const c = detail.data;
  const groupId = c.membership?.groupId ?? c.groups[0]?.id;
  return c.standing === 'none' || !groupId ? <Intro c={c} /> : <Inside c={c} groupId={groupId} />;
}

function Intro({ c }: { c: CommunityDetail }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { join } = useCommunityActions(c.id);
  const [message, setMessage] = useState('');
  const onJoin = async () => {
    if (!me.data) return void navigate(`/login?next=/communities/${c.id}`);
    try {
      const res = await join.mutateAsync(c.admission === 'application' ? message : undefined);
      Toast.show({ content: res.status === 'applied' ? t('申请已提交，请等待管理员审核') : t('已加入社群') });
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    }
  };
  return (
    <div className="page">
      <PageHeader title={c.name} />
      <section className="community-hero">
        <h2>{c.name}</h2>
        <p className="community-meta">{c.description || t('暂无简介')}</p>
        <p className="community-meta">
          {c.merchant && `${c.merchant.name} · `}
          {t('{n} 位成员', { n: c.memberCount })} · {t(ADMISSION_LABEL[c.admission])}
        </p>
        <p className="community-meta">{t('每个群最多 500 人，满员后自动进入下一个群。')}</p>
        {c.admission === 'application' && !c.applicationPending && (
          <TextArea
            placeholder={t('向管理员介绍一下自己（选填）')}
            value={message}
            onChange={setMessage}
            maxLength={200}
            rows={2}
          />
        )}
        <Button
          block
          color="primary"
          style={{ marginTop: 12 }}
          loading={join.isPending}
          disabled={c.applicationPending}
          onClick={() => void onJoin()}
          data-testid="join-community"
        >
          {c.applicationPending ? t('申请审核中') : c.admission === 'application' ? t('申请加入') : t('加入社群')}
        </Button>
      </section>
    </div>
  );
}

function Inside({ c, groupId }: { c: CommunityDetail; groupId: string }) {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [tab, setTab] = useState('chat');
  const announcements = useAnnouncements(c.id, true);
  const pinned = announcements.data?.items.find((a) => a.pinned) ?? announcements.data?.items[0];
  const { leave } = useCommunityActions(c.id);
  const groupSeq = c.groups.find((g) => g.id === groupId)?.seq;
  const onLeave = async () => {
    if (!(await Dialog.confirm({ content: t('退出后将不再收到该社群的消息，确定退出吗？') }))) return;
    try {
      await leave.mutateAsync();
      void navigate('/me/communities');
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    }
  };
  const title = groupSeq ? `${c.name} · ${t('{n} 群', { n: groupSeq })}` : c.name;
  return (
    <div className="page">
      <PageHeader
        title={title}
        right={
          c.standing !== 'owner' && (
            <Button size="mini" fill="none" style={{ whiteSpace: 'nowrap' }} onClick={() => void onLeave()}>
              {t('退出')}
            </Button>
          )
        }
      />
      {pinned && (
        <NoticeBar content={`${t('公告')}：${pinned.title}`} color="alert" onClick={() => setTab('notices')} />
      )}
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('群聊')} key="chat" />
        <Tabs.Tab title={t('公告')} key="notices" />
        <Tabs.Tab title={t('活动')} key="meetups" />
      </Tabs>
      {tab === 'chat' && (
        <GroupChat
          communityId={c.id}
          groupId={groupId}
          merchantId={c.merchant?.id ?? null}
          myId={me.data?.id}
          onAnnouncement={() => void qc.invalidateQueries({ queryKey: ['communities', c.id, 'announcements'] })}
        />
      )}
      {tab === 'notices' && <Notices id={c.id} />}
      {tab === 'meetups' && <Meetups id={c.id} />}
      {c.membership && tab !== 'chat' && (
        <p className="community-meta" style={{ padding: '0 16px' }}>
          {t('我的等级')}：{t(TIER_LABEL[c.membership.tier])}
        </p>
      )}
    </div>
  );
}

function Notices({ id }: { id: string }) {
  const t = useT();
  const list = useAnnouncements(id, true);
  if (list.isPending) return <ListSkeleton rows={3} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <EmptyState title={t('暂无公告')} />;
  return (
    <>
      {list.data.items.map((a) => (
        <article key={a.id} className="community-card">
          <h3>
            {a.pinned && <span className="community-badge">{t('置顶')}</span>}
            {a.promotional && <span className="community-badge">{t('优惠')}</span>}
            {a.title}
          </h3>
          <p style={{ whiteSpace: 'pre-wrap', margin: '6px 0' }}>{a.body}</p>
          <time className="community-meta">{new Date(a.createdAt).toLocaleString()}</time>
        </article>
      ))}
    </>
  );
}

function Meetups({ id }: { id: string }) {
  const t = useT();
  const list = useMeetups(id, true);
  const { signUp, cancelSignUp } = useCommunityActions(id);
  if (list.isPending) return <ListSkeleton rows={2} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) return <EmptyState title={t('暂无线下活动')} />;
  const act = (fn: () => Promise<unknown>, done: string) =>
    void fn().then(
      () => Toast.show({ content: done }),
      (err: unknown) => Toast.show({ content: problemTitle(err) }),
    );
  return (
    <>
      {list.data.map((m) => (
        <article key={m.id} className="community-card" data-testid="meetup">
          <h3>{m.title}</h3>
          <p className="community-meta">
            {new Date(m.startsAt).toLocaleString()} · {m.location}
          </p>
          {m.description && <p style={{ margin: '6px 0' }}>{m.description}</p>}
          <div className="row-between">
            <span className="community-meta">{t('已报名 {n} / {cap}', { n: m.signedUp, cap: m.capacity })}</span>
            {m.mine ? (
              <Button size="small" onClick={() => act(() => cancelSignUp.mutateAsync(m.id), t('已取消报名'))}>
                {t('取消报名')}
              </Button>
            ) : (
              <Button
                size="small"
                color="primary"
                disabled={!m.open}
                onClick={() => act(() => signUp.mutateAsync(m.id), t('报名成功'))}
              >
                {m.open ? t('报名') : t('名额已满')}
              </Button>
            )}
          </div>
        </article>
      ))}
    </>
  );
}
