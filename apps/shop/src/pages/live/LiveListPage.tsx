import { InfiniteScroll, PullToRefresh, Selector, Tabs } from 'antd-mobile';
import { EyeOutline } from 'antd-mobile-icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { type LiveCard, type LiveTab, liveKeys, useLiveList } from '../../api/live.ts';
import { useMe } from '../../api/session.ts';
import { useServerNow, useSlotTime } from '../../components/FlashCountdown.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../../components/QueryError.tsx';
import { ListSkeleton } from '../../components/Skeletons.tsx';
import { type MessageKey, useFormatTime, useT } from '../../i18n/index.tsx';
import { compactCount } from './format.ts';
import './live.css';

const TABS: { key: LiveTab; title: MessageKey; empty: MessageKey; hint: MessageKey }[] = [
  { key: 'live', title: '直播中', empty: '现在没有正在进行的直播', hint: '去「预告」预约一场，开播时提醒你' },
  { key: 'upcoming', title: '预告', empty: '暂时没有直播预告', hint: '商家安排好直播后会出现在这里' },
  { key: 'replay', title: '回放', empty: '还没有直播回放', hint: '直播结束后可以在这里看回放' },
];

const MINE = { empty: '你还没有预约直播', hint: '在预告里点「预约提醒」，开播时短信通知你' } as const satisfies {
  empty: MessageKey;
  hint: MessageKey;
};

const isTab = (v: string | null): v is LiveTab => v === 'live' || v === 'upcoming' || v === 'replay';

/** /live — 直播中 / 预告 / 回放. */
export default function LiveListPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: LiveTab = isTab(raw) ? raw : 'live';
  const me = useMe();
  // 「我的预约」 is for the signed-in: the 预告 tab filtered to the sessions they asked to be reminded of.
  const mine = tab === 'upcoming' && !!me.data && params.get('mine') === '1';
  return (
    <div className="page live-list-page">
      <PageHeader title={t('好物直播')} backTo="/" />
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} className="live-tabs">
        {TABS.map((x) => (
          <Tabs.Tab key={x.key} title={t(x.title)} />
        ))}
      </Tabs>
      {tab === 'upcoming' && me.data && (
        <Selector
          className="live-mine-filter"
          columns={2}
          value={[mine ? 'mine' : 'all']}
          onChange={(v) => v[0] && setParams(v[0] === 'mine' ? { tab, mine: '1' } : { tab }, { replace: true })}
          options={[
            { label: t('全部预告'), value: 'all' },
            { label: t('我的预约'), value: 'mine' },
          ]}
          data-testid="live-mine-filter"
        />
      )}
      <LiveList key={`${tab}-${mine}`} tab={tab} mine={mine} />
    </div>
  );
}

function LiveList({ tab, mine }: { tab: LiveTab; mine: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const list = useLiveList(tab, 10, mine);
  const meta = mine ? MINE : (TABS.find((x) => x.key === tab) ?? TABS[0]!);
  if (list.isPending) return <ListSkeleton rows={3} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const cards = list.data.pages.flatMap((p) => p.items);
  if (cards.length === 0) return <EmptyState title={t(meta.empty)} description={t(meta.hint)} />;
  return (
    <PullToRefresh onRefresh={() => qc.invalidateQueries({ queryKey: liveKeys.list(tab) })}>
      <ul className="live-cards">
        {cards.map((c) => (
          <li key={c.id}>
            <LiveCardView card={c} />
          </li>
        ))}
      </ul>
      <InfiniteScroll
        loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))}
        hasMore={list.hasNextPage}
      />
    </PullToRefresh>
  );
}

function LiveCardView({ card }: { card: LiveCard }) {
  const t = useT();
  const now = useServerNow(30_000);
  const slotTime = useSlotTime();
  const formatTime = useFormatTime();
  return (
    <Link to={`/live/${card.id}`} className="live-card" data-testid="live-card" data-status={card.status}>
      <span className="live-card-cover">
        {card.coverUrl ? (
          <img src={card.coverUrl} alt="" loading="lazy" />
        ) : (
          <span className="live-card-cover-empty">{t('好物直播')}</span>
        )}
        {card.status === 'live' ? (
          <span className="live-status-tag live">
            <span className="live-dot" aria-hidden />
            {t('直播中')}
          </span>
        ) : card.status === 'scheduled' ? (
          <span className="live-status-tag upcoming">
            {t('{time} 开播', { time: slotTime(card.scheduledAt, now) })}
          </span>
        ) : (
          <span className="live-status-tag replay">{t('回放')}</span>
        )}
        {card.status === 'live' && (
          <span className="live-card-viewers" data-testid="live-card-viewers">
            <EyeOutline aria-hidden /> {t('{n} 人在看', { n: compactCount(card.viewerCount + card.demoViewerCount) })}
            {card.demoViewerCount > 0 && (
              <span className="live-demo-tag" data-testid="live-demo-viewers">
                {t('含演示观众 {n}', { n: compactCount(card.demoViewerCount) })}
              </span>
            )}
          </span>
        )}
      </span>
      <span className="live-card-body">
        <span className="live-card-title clamp-2">{card.title}</span>
        <span className="live-card-merchant">
          {card.merchant.logoUrl ? (
            <img src={card.merchant.logoUrl} alt="" />
          ) : (
            <span className="live-card-logo" aria-hidden />
          )}
          <span className="ellipsis">{card.merchant.name}</span>
        </span>
        {card.status === 'ended' && card.endedAt && <span className="live-card-when">{formatTime(card.endedAt)}</span>}
        {card.productImages.length > 0 && (
          <span className="live-card-products">
            {card.productImages.slice(0, 3).map((src) => (
              <img key={src} src={src} alt="" loading="lazy" />
            ))}
            {card.productCount > 3 && <span className="live-card-more">+{card.productCount - 3}</span>}
          </span>
        )}
      </span>
    </Link>
  );
}
