import { InfiniteScroll, PullToRefresh, Tabs } from 'antd-mobile';
import { EyeOutline } from 'antd-mobile-icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { type LiveCard, type LiveTab, liveKeys, useLiveList } from '../../api/live.ts';
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

const isTab = (v: string | null): v is LiveTab => v === 'live' || v === 'upcoming' || v === 'replay';

/** /live — 直播中 / 预告 / 回放. */
export default function LiveListPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: LiveTab = isTab(raw) ? raw : 'live';
  return (
    <div className="page live-list-page">
      <PageHeader title={t('好物直播')} backTo="/" />
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} className="live-tabs">
        {TABS.map((x) => (
          <Tabs.Tab key={x.key} title={t(x.title)} />
        ))}
      </Tabs>
      <LiveList key={tab} tab={tab} />
    </div>
  );
}

function LiveList({ tab }: { tab: LiveTab }) {
  const t = useT();
  const qc = useQueryClient();
  const list = useLiveList(tab);
  const meta = TABS.find((x) => x.key === tab) ?? TABS[0]!;
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
      <InfiniteScroll loadMore={async () => void (await list.fetchNextPage({ throwOnError: true }))} hasMore={list.hasNextPage} />
    </PullToRefresh>
  );
}

export function LiveCardView({ card }: { card: LiveCard }) {
  const t = useT();
  const now = useServerNow(30_000);
  const slotTime = useSlotTime();
  const formatTime = useFormatTime();
  return (
    <Link to={`/live/${card.id}`} className="live-card" data-testid="live-card" data-status={card.status}>
      <span className="live-card-cover">
        {card.coverUrl ? <img src={card.coverUrl} alt="" loading="lazy" /> : <span className="live-card-cover-empty">{t('好物直播')}</span>}
        {card.status === 'live' ? (
          <span className="live-status-tag live">
            <span className="live-dot" aria-hidden />
            {t('直播中')}
          </span>
        ) : card.status === 'scheduled' ? (
          <span className="live-status-tag upcoming">{t('{time} 开播', { time: slotTime(card.scheduledAt, now) })}</span>
        ) : (
          <span className="live-status-tag replay">{t('回放')}</span>
        )}
        {card.status === 'live' && (
          <span className="live-card-viewers" data-testid="live-card-viewers">
            <EyeOutline aria-hidden /> {t('{n} 人在看', { n: compactCount(card.viewerCount) })}
          </span>
        )}
      </span>
      <span className="live-card-body">
        <span className="live-card-title clamp-2">{card.title}</span>
        <span className="live-card-merchant">
          {card.merchant.logoUrl ? <img src={card.merchant.logoUrl} alt="" /> : <span className="live-card-logo" aria-hidden />}
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
